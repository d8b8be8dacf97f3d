import { strict as assert } from 'assert';
import { axisArithmetic } from '../../../src/engine/window';
import { sym } from '../../../src/engine/dim';
import {
  drawnForLabel,
  escapeMarkdown,
  formulaLines,
  frameworkShape,
  hoverMarkdown,
  layerTitle,
  sizesText,
  type LayerFacts,
} from '../../../src/render/explain';

const conv6 = axisArithmetic({
  input: 32,
  kernel: 3,
  stride: 2,
  dilation: 1,
  padBefore: 1,
  padAfter: 1,
  output: 16,
  formula: '⌊(32 + 2·1 − 3)/2⌋ + 1 = 16',
});
const facts: LayerFacts = {
  kind: 'Conv2d',
  framework: 'pytorch',
  inputs: [[1, 3, 32, 32]],
  output: [1, 16, 16, 16],
  axes: [conv6, conv6],
  notes: ['H: stride 2 leaves the last 1 cell of the padded input unused'],
  params: 448,
  macs: 110592,
  receptiveField: [
    { size: 3, jump: 2 },
    { size: 3, jump: 2 },
  ],
};

function imageSvg(md: string): string {
  const m = /!\[[^\]]*\]\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)(?:\|width=\d+,height=\d+)?\)/.exec(md);
  assert.ok(m, 'an SVG data-URI image');
  return Buffer.from(m[1], 'base64').toString('utf8');
}

describe('render/explain', () => {
  it("titles a layer with its shapes in each framework's notation", () => {
    assert.equal(layerTitle(facts), 'Conv2d  [1, 3, 32, 32] → [1, 16, 16, 16]');
    assert.equal(
      layerTitle({
        kind: 'Conv2D',
        framework: 'keras',
        inputs: [[null, 28, 28, 1]],
        output: [null, 14, 14, 32],
        name: 'conv2d',
      }),
      'conv2d: Conv2D  (None, 28, 28, 1) → (None, 14, 14, 32)',
    );
    assert.equal(frameworkShape([sym('N'), 16], 'pytorch'), '[N, 16]');
  });

  it('writes one formula line per axis with the relationship number', () => {
    assert.deepEqual(formulaLines([conv6, conv6]), [
      'H: ⌊(32 + 2·1 − 3)/2⌋ + 1 = 16   (relationship 6)',
      'W: ⌊(32 + 2·1 − 3)/2⌋ + 1 = 16   (relationship 6)',
    ]);
    assert.equal(formulaLines([conv6])[0].slice(0, 2), 'W:');
  });

  it('builds the hover: title, diagram image, formulas, notes, cost, receptive field', () => {
    const md = hoverMarkdown(facts);
    assert.match(md, /^\*\*Conv2d\*\* {2}\\\[1, 3, 32, 32\\\] → \\\[1, 16, 16, 16\\\]/);
    assert.match(imageSvg(md), /^<svg/);
    assert.match(md, /```text\nH: ⌊\(32 \+ 2·1 − 3\)\/2⌋ \+ 1 = 16 {3}\(relationship 6\)\nW: /);
    assert.match(md, /params 448 · MACs 110\\\.6K · receptive field 3×3, jump 2×2/);
    assert.match(md, /^- H: stride 2 leaves/m);
  });

  it('puts the formulas before the diagram, and scales a tall diagram to the height asked for', () => {
    const md = hoverMarkdown(facts, { maxImageHeight: 100 });
    assert.ok(md.indexOf('```text') < md.indexOf('data:image'));
    const size = /\|width=(\d+),height=100\)/.exec(md);
    assert.ok(size, 'a size suffix');
    const svg = imageSvg(md);
    const [, w, h] = /width="([\d.]+)" height="([\d.]+)"/.exec(svg) ?? [];
    assert.equal(Number(size[1]), Math.round((Number(w) * 100) / Number(h)));
    assert.ok(!hoverMarkdown(facts, { maxImageHeight: 10_000 }).includes('|width='));
  });

  it('uses the theme for the image', () => {
    assert.notEqual(
      imageSvg(hoverMarkdown(facts, { theme: 'dark' })),
      imageSvg(hoverMarkdown(facts, { theme: 'light' })),
    );
  });

  it('escapes user strings so they render as text', () => {
    const evil = {
      ...facts,
      name: '<script>alert(1)</script>](javascript:alert(1))',
      notes: ['[x](javascript:alert(1)) *b* `c`'],
    };
    const md = hoverMarkdown(evil);
    assert.ok(!md.includes('<script>'));
    assert.ok(!md.includes('](javascript:'));
    assert.ok(!md.includes('[x]('));
    assert.match(md, /\\<script\\>/);
    assert.equal(escapeMarkdown('a_b*c`d[e](f)<g>!#|'), 'a\\_b\\*c\\`d\\[e\\]\\(f\\)\\<g\\>\\!\\#\\|');
  });

  it("stays far under VS Code's 100,000-character limit for a 224×224 3-D layer", () => {
    const a = axisArithmetic({
      input: 224,
      kernel: 11,
      stride: 4,
      dilation: 1,
      padBefore: 2,
      padAfter: 2,
      output: 55,
      formula: '…',
    });
    const md = hoverMarkdown({ ...facts, axes: [a, a, a] }, { theme: 'high-contrast' });
    assert.ok(md.length < 50_000, `${md.length} chars`);
    imageSvg(md);
  });

  it('has no image when sizes are symbolic, but still the formulas', () => {
    const s = axisArithmetic({
      input: sym('H'),
      kernel: 3,
      stride: 1,
      dilation: 1,
      padBefore: 1,
      padAfter: 1,
      output: sym('H'),
      formula: '⌊(H + 2·1 − 3)/1⌋ + 1 = H',
    });
    const md = hoverMarkdown({ ...facts, axes: [s, s] });
    assert.ok(!md.includes('data:image'));
    assert.match(md, /relationship 3/);
  });

  it('on a symbolic input with a representative size: symbolic formulas, the diagram of that size, labelled', () => {
    const symbolic = axisArithmetic({
      input: sym('H'),
      kernel: 3,
      stride: 2,
      dilation: 1,
      padBefore: 1,
      padAfter: 1,
      output: sym('H'),
      formula: '⌊(H + 2·1 − 3)/2⌋ + 1 = ⌊(H−1)/2⌋+1',
    });
    const drawn = axisArithmetic({ ...conv6, input: 8, output: 4, formula: '⌊(8 + 2·1 − 3)/2⌋ + 1 = 4' });
    const md = hoverMarkdown({
      ...facts,
      axes: [symbolic, symbolic],
      drawnFor: { sizes: { H: 8, W: 8 }, basis: 'smallest', axes: [drawn, drawn] },
    });
    assert.match(md, /H: ⌊\(H \+ 2·1 − 3\)\/2⌋ \+ 1/);
    assert.ok(!md.includes('⌊(8 + 2·1'), 'the drawn size gives no formula');
    const parts = md.split('\n\n');
    const image = parts.findIndex(p => p.startsWith('!['));
    assert.ok(image > 0, md);
    assert.equal(parts[image + 1], '*Drawn for H = W = 8, a representative size; the input is symbolic\\.*');
    // The picture is the 8×8 input (10 padded cells per axis drawn), 4 outputs.
    assert.match(imageSvg(md), /i = 8/);
  });

  it('names the size in the label: equal symbols together, different ones apart; implied sizes say so', () => {
    const drawn = { axes: [conv6], basis: 'smallest' as const };
    assert.equal(
      drawnForLabel({ ...drawn, sizes: { L: 6 } }),
      'Drawn for L = 6, a representative size; the input is symbolic.',
    );
    assert.equal(
      drawnForLabel({ ...drawn, basis: 'implied', sizes: { H: 28, W: 20 } }),
      'Drawn for H = 28, W = 20, the size the code implies; the input is symbolic.',
    );
    assert.equal(
      drawnForLabel({ ...drawn, basis: 'model', sizes: { H: 8, W: 8 } }),
      "Drawn for H = W = 8, a representative size of the model's input; the input is symbolic.",
    );
    assert.equal(sizesText({ D: 4, H: 4, W: 4 }), 'D = H = W = 4');
  });
});
