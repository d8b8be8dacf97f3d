// The hover diagram, in the visual language of Dumoulin & Visin's figures: the input map in blue
// (padding and inserted zeros as dashed empty cells), the kernel as a darker translucent square
// over the cells it reads (dilation leaves holes), a second, outlined kernel position for the
// stride, and the output map in cyan above it with the cells those two positions produce.
import { svgDataUri } from './base64';
import {
  cellKind,
  cellRead,
  diagramModel,
  footprint,
  isGap,
  type DiagramLimits,
  type DiagramModel,
  type DiagramSpec,
  type Slot,
} from './diagram-model';
import { frameAt, type Frame } from './frames';
import { inputCaption, outputCaption, overhangCaption, transposedCaption, unusedCaption } from './labels';
import { CSS_PALETTE, paletteOf, type StylePalette, type Theme } from './themes';

export type { DiagramSpec } from './diagram-model';
export type { Theme } from './themes';
export { svgDataUri };

/** Escapes text for SVG/XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const MARGIN = 8;
const LINE = 15; // caption line height
const FONT = 11;
const CHAR = 6.3; // average caption character width at FONT px, for sizing the canvas

interface Track {
  /** Left/top offset of each slot, and its size. */
  readonly at: readonly number[];
  readonly size: readonly number[];
  readonly total: number;
}

function track(slots: readonly Slot[], cell: number): Track {
  const at: number[] = [],
    size: number[] = [];
  let pos = 0;
  for (const s of slots) {
    const len = isGap(s) ? Math.round(cell * 0.9) : cell;
    at.push(pos);
    size.push(len);
    pos += len;
  }
  return { at, size, total: pos };
}

const KIND_CLASS = { input: 'i', padding: 'p', zero: 'z', extra: 'x', overhang: 'v' } as const;

/**
 * How a diagram is drawn. `frame`: one kernel position of the explorer's animation (frames.ts)
 * instead of the hover's first two positions; `limits`: larger abbreviation limits; theme `css`:
 * colours from CSS variables and no inline `<style>` (the explorer page holds `diagramCss()`, so
 * its Content-Security-Policy needs no inline styles and the theme can change without a redraw).
 */
export interface SvgOptions {
  readonly frame?: number;
  readonly limits?: DiagramLimits;
}

/** The SVG of a layer's diagram, or undefined when its sizes are not all known. */
export function renderLayerSvg(
  spec: DiagramSpec,
  theme: Theme | 'css' = 'light',
  options: SvgOptions = {},
): string | undefined {
  const model = diagramModel(spec, options.limits);
  return model
    ? renderModel(model, theme, options.frame === undefined ? undefined : frameAt(model, options.frame))
    : undefined;
}

/** The SVG of a model already built (the explorer keeps its model between frames). */
export function renderDiagram(m: DiagramModel, theme: Theme | 'css', frame?: Frame): string {
  return renderModel(m, theme, frame);
}

/** The diagram's style rules in CSS variables (`--cs-input`, …), for a page that sets them per theme. */
export function diagramCss(): string {
  return styles(CSS_PALETTE) + '.hh{fill:var(--cs-hatch)}';
}

function renderModel(m: DiagramModel, theme: Theme | 'css', frame?: Frame): string {
  const css = theme === 'css';
  const pal = css ? CSS_PALETTE : paletteOf(theme);
  const longest = Math.max(m.rows.inputSlots.length, m.cols.inputSlots.length);
  const cell = longest > 20 ? 11 : longest > 14 ? 13 : 16;
  const inRows = track(m.rows.inputSlots, cell),
    inCols = track(m.cols.inputSlots, cell);
  const outRows = track(m.rows.outputSlots, cell),
    outCols = track(m.cols.outputSlots, cell);

  const axes = m.spec.axes ?? [];
  const title = [m.spec.name, m.spec.kind].filter(Boolean).join(': ').slice(0, 80);
  const hasOverhang = [m.rows, m.cols].some(v => v.geometry.cells.includes('overhang'));
  const captions = [
    inputCaption(axes),
    transposedCaption(axes),
    unusedCaption(axes),
    hasOverhang ? overhangCaption(axes) : undefined,
  ].filter((c): c is string => !!c);
  const outLabel = outputCaption(axes);

  const textWidth = Math.max(title.length, outLabel.length, ...captions.map(c => c.length)) * CHAR;
  const width = Math.ceil(Math.max(inCols.total, outCols.total, textWidth) + 2 * MARGIN);
  const gridLeft = (w: number) => Math.round((width - w) / 2);
  let y = MARGIN;
  const parts: string[] = [];

  parts.push(text(MARGIN, y + FONT, title, 't'));
  y += LINE + 2;
  parts.push(text(gridLeft(outCols.total), y + FONT, outLabel, 'l'));
  y += LINE;
  const outTop = y;
  parts.push(...drawOutput(m, outRows, outCols, gridLeft(outCols.total), outTop, frame));
  y += outRows.total + cell * 0.9;
  const inTop = Math.round(y);
  parts.push(...drawInput(m, inRows, inCols, gridLeft(inCols.total), inTop, cell, frame));
  y = inTop + inRows.total + 6;
  for (const c of captions) {
    parts.push(text(MARGIN, y + FONT, c, 'l'));
    y += LINE;
  }
  const height = Math.ceil(y + MARGIN - 4);

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Segoe UI,Helvetica,Arial,sans-serif" font-size="${FONT}">`,
    `<defs><pattern id="h" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="1.6" height="4" ${css ? 'class="hh"' : `fill="${pal.hatch}"`}/></pattern><rect id="c" width="${cell - 2}" height="${cell - 2}"/></defs>`,
    css ? '' : `<style>${styles(pal)}</style>`,
    pal.background && !css
      ? `<rect width="${width}" height="${height}" fill="${pal.background}" stroke="${pal.border}" stroke-width="2"/>`
      : '',
    ...parts,
    '</svg>',
  ].join('');
}

function styles(p: StylePalette): string {
  const w = p.strokeWidth;
  return [
    `.i{fill:${p.input};stroke:${p.inputStroke};stroke-width:${w}}`,
    `.p,.z,.x{fill:${p.empty};stroke:${p.padStroke};stroke-width:${w};stroke-dasharray:2.5 2}`,
    `.z{stroke:${p.zeroStroke}}`,
    `.v{fill:none;stroke:${p.padStroke};stroke-width:${w};stroke-dasharray:1 2.5}`,
    `.u{fill:url(#h)}`,
    `.k{fill:${p.kernel};fill-opacity:${p.kernelOpacity};stroke:${p.kernelStroke};stroke-width:${p.kernelStrokeWidth}}`,
    `.s{fill:${p.kernel};fill-opacity:0.13;stroke:${p.kernelStroke};stroke-width:1.6;stroke-dasharray:3 1.5}`,
    `.o{fill:${p.output};stroke:${p.outputStroke};stroke-width:${w}}`,
    `.q{fill:${p.outputActive};stroke:${p.outputStroke};stroke-width:${w}}`,
    `.n{fill:none;stroke:${p.outputStroke};stroke-width:${w};stroke-dasharray:1.5 1.5}`,
    `.r{fill:${p.output};stroke:${p.kernelStroke};stroke-width:1.8;stroke-dasharray:3 1.5}`,
    `text{fill:${p.text}}.t{font-weight:600}.g{fill:${p.muted}}`,
  ].join('');
}

function rect(x: number, y: number, w: number, h: number, cls: string): string {
  const r = (v: number) => Math.round(v * 10) / 10;
  return `<rect class="${cls}" x="${r(x)}" y="${r(y)}" width="${r(w)}" height="${r(h)}"/>`;
}

/** One grid cell: a `<use>` of the shared square (#c), styled by its class. */
function cellUse(x: number, y: number, cls: string): string {
  return `<use href="#c" class="${cls}" x="${Math.round(x)}" y="${Math.round(y)}"/>`;
}

function text(x: number, y: number, content: string, cls: string, anchor?: 'middle'): string {
  return `<text class="${cls}" x="${Math.round(x)}" y="${Math.round(y)}"${anchor ? ' text-anchor="middle"' : ''}>${escapeXml(content)}</text>`;
}

/** Runs of consecutive cell slots: [first, last] slot positions between the gaps. */
function blocks(slots: readonly Slot[]): [number, number][] {
  const out: [number, number][] = [];
  slots.forEach((s, k) => {
    if (isGap(s)) return;
    const last = out[out.length - 1];
    if (last && last[1] === k - 1) last[1] = k;
    else out.push([k, k]);
  });
  return out;
}

/** Ellipses in the gaps of abbreviated rows and columns, one beside each block of cells. */
function gapGlyphs(
  rowSlots: readonly Slot[],
  colSlots: readonly Slot[],
  rows: Track,
  cols: Track,
  left: number,
  top: number,
): string[] {
  const out: string[] = [];
  const centre = (t: Track, [a, b]: [number, number]) => (t.at[a] + t.at[b] + t.size[b]) / 2;
  colSlots.forEach((s, c) => {
    if (!isGap(s)) return;
    for (const b of blocks(rowSlots))
      out.push(text(left + cols.at[c] + cols.size[c] / 2, top + centre(rows, b) + 4, '⋯', 'g', 'middle'));
  });
  rowSlots.forEach((s, r) => {
    if (!isGap(s)) return;
    for (const b of blocks(colSlots))
      out.push(text(left + centre(cols, b), top + rows.at[r] + rows.size[r] / 2 + 4, '⋮', 'g', 'middle'));
  });
  return out;
}

function drawInput(
  m: DiagramModel,
  rows: Track,
  cols: Track,
  left: number,
  top: number,
  cell: number,
  frame?: Frame,
): string[] {
  const out: string[] = [];
  const rowSlots = m.rows.inputSlots,
    colSlots = m.cols.inputSlots;
  const rowPos = new Map<number, number>(),
    colPos = new Map<number, number>();
  rowSlots.forEach((s, r) => {
    if (!isGap(s)) rowPos.set(s.cell, r);
  });
  colSlots.forEach((s, c) => {
    if (!isGap(s)) colPos.set(s.cell, c);
  });
  const unread: string[] = [];
  rowSlots.forEach((rs, r) =>
    colSlots.forEach((cs, c) => {
      if (isGap(rs) || isGap(cs)) return;
      const x = left + cols.at[c],
        y = top + rows.at[r];
      out.push(cellUse(x + 1, y + 1, KIND_CLASS[cellKind(m, rs.cell, cs.cell)]));
      if (!cellRead(m, rs.cell, cs.cell)) unread.push(cellUse(x + 1, y + 1, 'u'));
    }),
  );
  out.push(...unread);
  // The second kernel position (the stride), outlined, then the first, shaded, on top of it. An
  // undilated kernel is one square; a dilated one is drawn tap by tap so its holes show.
  const dilated = m.rows.geometry.dilation > 1 || m.cols.geometry.dilation > 1;
  const drawFootprint = (outRow: number, outCol: number, cls: string) => {
    const taps = footprint(m, outRow, outCol).map(({ row, col }) => ({ r: rowPos.get(row), c: colPos.get(col) }));
    if (taps.some(t => t.r === undefined || t.c === undefined)) return;
    if (dilated) {
      for (const { r, c } of taps)
        out.push(rect(left + cols.at[c!] + 1, top + rows.at[r!] + 1, cell - 2, cell - 2, cls));
      return;
    }
    const { r: r0, c: c0 } = taps[0],
      { r: r1, c: c1 } = taps[taps.length - 1];
    out.push(
      rect(
        left + cols.at[c0!] + 1,
        top + rows.at[r0!] + 1,
        cols.at[c1!] - cols.at[c0!] + cell - 2,
        rows.at[r1!] - rows.at[r0!] + cell - 2,
        cls,
      ),
    );
  };
  if (frame) drawFootprint(frame.outRow, frame.outCol, 'k');
  else {
    if (m.second) drawFootprint(m.second.row, m.second.col, 's');
    drawFootprint(0, 0, 'k');
  }
  out.push(...gapGlyphs(rowSlots, colSlots, rows, cols, left, top));
  return out;
}

/**
 * The output map. The hover marks the cells of its two kernel positions; a frame of the animation
 * shows the cells computed so far filled, the current one dark and the rest still empty.
 */
function drawOutput(m: DiagramModel, rows: Track, cols: Track, left: number, top: number, frame?: Frame): string[] {
  const out: string[] = [];
  const rowSlots = m.rows.outputSlots,
    colSlots = m.cols.outputSlots;
  const width = m.cols.geometry.outputs;
  const classOf = (row: number, col: number): string => {
    if (frame) {
      const at = row * width + col,
        now = frame.outRow * width + frame.outCol;
      return at === now ? 'q' : at < now ? 'o' : 'n';
    }
    if (row === 0 && col === 0) return 'q';
    return m.second && row === m.second.row && col === m.second.col ? 'r' : 'o';
  };
  rowSlots.forEach((rs, r) =>
    colSlots.forEach((cs, c) => {
      if (isGap(rs) || isGap(cs)) return;
      out.push(cellUse(left + cols.at[c] + 1, top + rows.at[r] + 1, classOf(rs.cell, cs.cell)));
    }),
  );
  out.push(...gapGlyphs(rowSlots, colSlots, rows, cols, left, top));
  return out;
}

/** The diagram as a `data:` URI for a markdown image, or undefined when it cannot be drawn. */
export function layerSvgDataUri(spec: DiagramSpec, theme: Theme = 'light'): string | undefined {
  return layerSvgImage(spec, theme)?.uri;
}

/** The diagram as a `data:` URI with its natural size in CSS pixels. */
export function layerSvgImage(
  spec: DiagramSpec,
  theme: Theme = 'light',
): { uri: string; width: number; height: number } | undefined {
  const svg = renderLayerSvg(spec, theme);
  if (svg === undefined) return undefined;
  const tag = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)"/.exec(tag)?.[1] ?? 0);
  const height = Number(/\sheight="([\d.]+)"/.exec(tag)?.[1] ?? 0);
  return { uri: svgDataUri(svg), width, height };
}
