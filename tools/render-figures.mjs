// Renders the guide's figure examples with the hover's SVG renderer, and screenshots them to PNG
// with headless Chromium for a human check (docs/images/). Run after `npx tsc -p .`:
//   node tools/render-figures.mjs [--chromium /usr/bin/chromium]
import { createRequire } from 'module';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const engine = require(path.join(root, 'out/src/engine/index.js'));
const { renderLayerSvg } = require(path.join(root, 'out/src/render/svg.js'));
const chromiumArg = process.argv.indexOf('--chromium');
const chromium = chromiumArg > 0 ? process.argv[chromiumArg + 1] : 'chromium';
const outDir = path.join(root, 'docs/images');

/** [file name, framework, layer, positional, keywords, input shape, theme] */
const FIGURES = [
  ['rel06-i5', 'pytorch', 'Conv2d', [1, 1, 3], { stride: 2, padding: 1 }, [1, 1, 5, 5], 'light'],
  ['rel06-i6', 'pytorch', 'Conv2d', [1, 1, 3], { stride: 2, padding: 1 }, [1, 1, 6, 6], 'light'],
  [
    'rel14',
    'pytorch',
    'ConvTranspose2d',
    [1, 1, 3],
    { stride: 2, padding: 1, output_padding: 1 },
    [1, 1, 3, 3],
    'light',
  ],
  ['rel15', 'pytorch', 'Conv2d', [1, 1, 3], { dilation: 2 }, [1, 1, 7, 7], 'light'],
  ['maxpool-ceil-i7', 'pytorch', 'MaxPool2d', [3, 2], { ceil_mode: true }, [1, 1, 7, 7], 'light'],
  ['maxpool-ceil-i8', 'pytorch', 'MaxPool2d', [3, 2], { ceil_mode: true }, [1, 1, 8, 8], 'light'],
  ['conv-224-dark', 'pytorch', 'Conv2d', [3, 64, 7], { stride: 2, padding: 3 }, [1, 3, 224, 224], 'dark'],
  [
    'rel14-high-contrast',
    'pytorch',
    'ConvTranspose2d',
    [1, 1, 3],
    { stride: 2, padding: 1, output_padding: 1 },
    [1, 1, 3, 3],
    'high-contrast',
  ],
];

const BACKGROUND = { light: '#ffffff', dark: '#1f1f1f', 'high-contrast': '#000000', 'high-contrast-light': '#ffffff' };

fs.mkdirSync(outDir, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'convshape-figures-'));
for (const [file, framework, kind, positional, keywords, input, theme] of FIGURES) {
  const bound = engine.bindLayer(framework, kind, positional, keywords);
  if (!bound?.ok) throw new Error(`${file}: ${bound?.error?.message ?? 'unknown layer'}`);
  const inference = engine.applyLayer(bound.spec, [input]);
  if (!inference.ok) throw new Error(`${file}: ${inference.error.message}`);
  const svg = renderLayerSvg({ kind, axes: inference.axes }, theme);
  if (!svg) throw new Error(`${file}: no diagram`);
  fs.writeFileSync(path.join(outDir, `${file}.svg`), svg);
  const [, w, h] = /width="(\d+)" height="(\d+)"/.exec(svg);
  const scale = 2;
  const html = `<!doctype html><html><body style="margin:0;background:${BACKGROUND[theme]}"><div style="padding:8px"><img src="${file}.svg" style="width:${w * scale}px;height:${h * scale}px"></div></body></html>`;
  fs.copyFileSync(path.join(outDir, `${file}.svg`), path.join(tmp, `${file}.svg`));
  fs.writeFileSync(path.join(tmp, `${file}.html`), html);
  execFileSync(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      `--screenshot=${path.join(outDir, `${file}.png`)}`,
      `--window-size=${w * scale + 16},${h * scale + 16}`,
      `file://${path.join(tmp, `${file}.html`)}`,
    ],
    { stdio: 'ignore' },
  );
  console.log(`${file}: ${inference.output.join('×')}  svg ${svg.length} chars`);
}
fs.rmSync(tmp, { recursive: true, force: true });
