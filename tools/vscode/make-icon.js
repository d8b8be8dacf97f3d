#!/usr/bin/env node
// Draws media/icon.png (128×128, the Marketplace icon) in the visual language of Dumoulin &
// Visin's convolution guide: a blue 4×4 input, a shaded 3×3 kernel window, and the cyan 2×2 output
// with the cell that window produces, joined by projection lines. Plain Node: shapes are sampled
// 4×4 per pixel for anti-aliasing and written as an RGBA PNG with zlib.
//   node tools/vscode/make-icon.js [out.png]
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SIZE = 128;
const SS = 4; // samples per pixel along each axis

const hex = (h, a = 1) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16), a];

const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};

const nearSegment = (x, y, [ax, ay], [bx, by], halfWidth) => {
  const dx = bx - ax,
    dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) <= halfWidth;
};

// Layout: grids of square cells with gaps.
const CELL = 15,
  GAP = 3;
const grid = (x0, y0, n) => {
  const cells = [];
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      const x = x0 + c * (CELL + GAP),
        y = y0 + r * (CELL + GAP);
      cells.push({ r, c, x0: x, y0: y, x1: x + CELL, y1: y + CELL });
    }
  return cells;
};
const input = grid(14, 46, 4);
const output = grid(82, 14, 2);
const kernel = { x0: 14 - 2, y0: 46 - 2, x1: 14 + 3 * CELL + 2 * GAP + 2, y1: 46 + 3 * CELL + 2 * GAP + 2 };
const target = output[0];
const lines = [
  [
    [kernel.x0, kernel.y0],
    [target.x0, target.y0],
  ],
  [
    [kernel.x1, kernel.y0],
    [target.x1, target.y0],
  ],
  [
    [kernel.x1, kernel.y1],
    [target.x1, target.y1],
  ],
];

const colors = {
  background: hex('#17202e'),
  input: hex('#4f86e0'),
  inputShaded: hex('#1f4b9a'),
  kernelEdge: hex('#e8f0ff', 0.9),
  output: hex('#38b7b0'),
  outputHot: hex('#6ff2e6'),
  line: hex('#e8f0ff', 0.55),
};

/** The colour at one sample point, painting back to front. */
function sample(x, y) {
  if (!inRoundRect(x, y, 0, 0, SIZE, SIZE, 26)) return [0, 0, 0, 0];
  let px = colors.background.slice();
  const over = c => {
    const a = c[3];
    px = [px[0] * (1 - a) + c[0] * a, px[1] * (1 - a) + c[1] * a, px[2] * (1 - a) + c[2] * a, 1];
  };
  for (const cell of input) {
    if (inRoundRect(x, y, cell.x0, cell.y0, cell.x1, cell.y1, 2.5))
      over(cell.r < 3 && cell.c < 3 ? colors.inputShaded : colors.input);
  }
  const onKernelEdge =
    inRoundRect(x, y, kernel.x0, kernel.y0, kernel.x1, kernel.y1, 4) &&
    !inRoundRect(x, y, kernel.x0 + 1.6, kernel.y0 + 1.6, kernel.x1 - 1.6, kernel.y1 - 1.6, 2.6);
  if (onKernelEdge) over(colors.kernelEdge);
  for (const seg of lines) if (nearSegment(x, y, seg[0], seg[1], 0.8)) over(colors.line);
  for (const cell of output) {
    if (inRoundRect(x, y, cell.x0, cell.y0, cell.x1, cell.y1, 2.5))
      over(cell === target ? colors.outputHot : colors.output);
  }
  return px;
}

function render() {
  const rgba = Buffer.alloc(SIZE * SIZE * 4);
  for (let py = 0; py < SIZE; py++)
    for (let px = 0; px < SIZE; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < SS; sy++)
        for (let sx = 0; sx < SS; sx++) {
          const c = sample(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS);
          // Premultiplied accumulation, so transparent corners do not darken the edge.
          acc[0] += c[0] * c[3];
          acc[1] += c[1] * c[3];
          acc[2] += c[2] * c[3];
          acc[3] += c[3];
        }
      const i = (py * SIZE + px) * 4;
      const a = acc[3] / (SS * SS);
      for (let k = 0; k < 3; k++) rgba[i + k] = acc[3] ? Math.round(acc[k] / acc[3]) : 0;
      rgba[i + 3] = Math.round(a * 255);
    }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = buf => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

function png(rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8;
  ihdr[9] = 6; // 8-bit RGBA
  const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) rgba.copy(rows, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = path.resolve(process.argv[2] || path.join(__dirname, '..', '..', 'media', 'icon.png'));
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, png(render()));
console.log(`${out}: ${SIZE}x${SIZE}`);
