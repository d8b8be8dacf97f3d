// The hover diagram: cell counts of the guide's figure examples, abbreviation, escaping, themes,
// and the base64 data URI (checked against Node's Buffer as an independent encoder).
import { strict as assert } from 'assert';
import { axisArithmetic } from '../../../src/engine/window';
import { sym } from '../../../src/engine/dim';
import type { AxisArithmetic } from '../../../src/engine/types';
import { base64OfUtf8, svgDataUri } from '../../../src/render/base64';
import { escapeXml, renderLayerSvg } from '../../../src/render/svg';
import { THEMES } from '../../../src/render/themes';

function axis(
  i: number,
  k: number,
  o: number,
  extra: {
    s?: number;
    p?: number;
    d?: number;
    transposed?: boolean;
    a?: number;
    ceilMode?: boolean;
    pooling?: boolean;
  } = {},
): AxisArithmetic {
  return axisArithmetic({
    input: i,
    kernel: k,
    stride: extra.s ?? 1,
    dilation: extra.d ?? 1,
    padBefore: extra.p ?? 0,
    padAfter: extra.p ?? 0,
    output: o,
    formula: '',
    transposed: extra.transposed,
    outputPadding: extra.a,
    ceilMode: extra.ceilMode,
    pooling: extra.pooling,
  });
}
const count = (svg: string, cls: string) => (svg.match(new RegExp(`class="${cls}"`, 'g')) ?? []).length;
function svgOf(
  kind: string,
  axes: AxisArithmetic[],
  theme?: Parameters<typeof renderLayerSvg>[1],
  name?: string,
): string {
  const svg = renderLayerSvg({ kind, axes, name }, theme);
  assert.ok(svg, 'expected a diagram');
  return svg;
}
/** The grid pitch: the shared cell square is 2 px smaller than it. */
const cellSize = (svg: string) => Number(/<rect id="c" width="(\d+)"/.exec(svg)![1]) + 2;
/** Well-formedness: every opened element is closed in order. */
function assertWellFormed(svg: string) {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    const [, close, name, self] = m;
    if (self) continue;
    if (close) assert.equal(stack.pop(), name, `closing ${name}`);
    else stack.push(name);
  }
  assert.deepEqual(stack, []);
  assert.ok(!/&(?!amp;|lt;|gt;|quot;|#39;)/.test(svg), 'bare ampersand');
}

describe('render/svg', () => {
  it('relationship 6, i=5, k=3, s=2, p=1: 5×5 blue input in a dashed border, 3×3 cyan output', () => {
    const r6 = axis(5, 3, 3, { s: 2, p: 1 });
    const svg = svgOf('Conv2d', [r6, r6]);
    assertWellFormed(svg);
    assert.equal(count(svg, 'i'), 25);
    assert.equal(count(svg, 'p'), 7 * 7 - 25);
    // the kernel: one dark square over 3×3 cells; the second position two cells to the right
    const k = /class="k" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/.exec(svg)!.slice(1).map(Number);
    const s = /class="s" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)"/.exec(svg)!.slice(1).map(Number);
    const cell = cellSize(svg);
    assert.equal(count(svg, 'k'), 1);
    assert.equal(k[2], 3 * cell - 2);
    assert.equal(k[3], 3 * cell - 2);
    assert.equal(s[0] - k[0], 2 * cell, 'stride 2');
    assert.equal(s[1], k[1]);
    assert.equal(count(svg, 'q') + count(svg, 'r') + count(svg, 'o'), 9);
    assert.equal(count(svg, 'q'), 1);
    assert.equal(count(svg, 'u'), 0, 'nothing is left unused');
  });

  it('relationship 6, i=6: the last row and column (15 cells of the 8×8 padded input) are hatched', () => {
    const r6 = axis(6, 3, 3, { s: 2, p: 1 });
    const svg = svgOf('Conv2d', [r6, r6]);
    assert.equal(count(svg, 'u'), 15);
    assert.match(svg, /the last row and the last column never read/);
  });

  it('relationship 14: inserted zeros, p′ = 1 padding and the output_padding row/column', () => {
    const r14 = axis(3, 3, 6, { s: 2, p: 1, a: 1, transposed: true });
    const svg = svgOf('ConvTranspose2d', [r14, r14]);
    // swept rows/cols: pad, in, 0, in, 0, in, pad, extra
    assert.equal(count(svg, 'i'), 9);
    assert.equal(count(svg, 'z'), 2 * 5 + 3 * 2);
    assert.equal(count(svg, 'x'), 6 + 5);
    assert.equal(count(svg, 'p'), 2 * 8 + 2 * 6);
    assert.equal(count(svg, 'q') + count(svg, 'r') + count(svg, 'o'), 36);
    assert.match(svg, /1 zero between input units, p′ = 1, s′ = 1/);
    assert.match(svg, /a = 1/);
  });

  it('relationship 15: a dilated kernel leaves holes (9 taps spread over a 5×5 span)', () => {
    const r15 = axis(7, 3, 3, { d: 2 });
    const svg = svgOf('Conv2d', [r15, r15]);
    assert.equal(count(svg, 'k'), 9);
    const xs = [...svg.matchAll(/class="k" x="([\d.]+)"/g)].map(m => Number(m[1]));
    const distinct = [...new Set(xs)].sort((a, b) => a - b);
    assert.equal(distinct.length, 3);
    assert.equal(distinct[1] - distinct[0], distinct[2] - distinct[1]);
    const cell = cellSize(svg);
    assert.equal(distinct[1] - distinct[0], 2 * cell, 'taps are two cells apart');
  });

  it('ceil_mode: cells past the input drawn dotted', () => {
    const a = axis(8, 3, 4, { s: 2, ceilMode: true, pooling: true });
    const svg = svgOf('MaxPool2d', [a, a]);
    assert.equal(count(svg, 'v'), 9 * 9 - 64);
    assert.match(svg, /ceil_mode/);
  });

  it('a 1-D layer is one row', () => {
    const svg = svgOf('Conv1d', [axis(5, 3, 3, { s: 2, p: 1 })]);
    assert.equal(count(svg, 'i'), 5);
    assert.equal(count(svg, 'p'), 2);
    assert.equal(count(svg, 'k'), 1);
    assert.equal(Number(/class="k" x="[\d.]+" y="[\d.]+" width="([\d.]+)"/.exec(svg)![1]), 3 * cellSize(svg) - 2);
  });

  it('abbreviates a 224×224 input: few cells, an ellipsis, a small SVG', () => {
    const a = axis(224, 7, 112, { s: 2, p: 3 });
    const svg = svgOf('Conv2d', [a, a]);
    assert.ok(count(svg, 'i') + count(svg, 'p') < 30 * 30);
    assert.match(svg, /⋯/);
    assert.match(svg, /⋮/);
    assert.ok(svg.length < 40_000, `svg is ${svg.length} chars`);
    // the far edge is still drawn: 3 padding cells and the unused last column
    assert.equal(count(svg, 'u') > 0, true);
  });

  it('escapes user-controlled strings', () => {
    const a = axis(5, 3, 3);
    const svg = svgOf('Conv2d', [a, a], 'light', '<script>alert("x")</script>&');
    assert.ok(!svg.includes('<script'));
    assert.match(svg, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;&amp;/);
    assertWellFormed(svg);
    assert.equal(escapeXml(`<a href='x'>&</a>`), '&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('has a distinct palette per theme; high contrast carries its own background and thick outlines', () => {
    const a = axis(5, 3, 3, { s: 2, p: 1 });
    const styles = THEMES.map(t => /<style>(.*)<\/style>/.exec(svgOf('Conv2d', [a, a], t))![1]);
    assert.equal(new Set(styles).size, THEMES.length);
    const hc = svgOf('Conv2d', [a, a], 'high-contrast');
    assert.match(hc, /<rect width="\d+" height="\d+" fill="#000000"/);
    assert.match(hc, /\.i\{[^}]*stroke-width:1\.5/);
    assert.ok(!/fill="#000000"/.test(svgOf('Conv2d', [a, a], 'dark')), 'dark is transparent');
    for (const t of THEMES) assertWellFormed(svgOf('Conv2d', [a, a], t));
  });

  it('draws nothing for symbolic sizes', () => {
    const a = axisArithmetic({
      input: sym('H'),
      kernel: 3,
      stride: 1,
      dilation: 1,
      padBefore: 1,
      padAfter: 1,
      output: sym('H'),
      formula: '',
    });
    assert.equal(renderLayerSvg({ kind: 'Conv2d', axes: [a, a] }), undefined);
    assert.equal(renderLayerSvg({ kind: 'Linear' }), undefined);
  });
});

describe('render/base64', () => {
  it("matches Node's encoder for ASCII, multi-byte text and every padding length", () => {
    for (const s of [
      '',
      'a',
      'ab',
      'abc',
      'abcd',
      '<svg>⌊(32 + 2·1 − 3)/2⌋</svg>',
      'i′ = 3 · ĩ′ = 5 😀',
      'é'.repeat(7),
    ]) {
      assert.equal(base64OfUtf8(s), Buffer.from(s, 'utf8').toString('base64'), JSON.stringify(s));
    }
  });
  it('makes an svg data URI', () => {
    assert.equal(svgDataUri('<svg/>'), 'data:image/svg+xml;base64,' + Buffer.from('<svg/>').toString('base64'));
  });
});
