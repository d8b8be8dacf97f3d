import { strict as assert } from 'assert';
import { axisArithmetic } from '../../../src/engine/window';
import type { AxisArithmetic } from '../../../src/engine/types';
import { renderLayerAscii } from '../../../src/render/ascii';

function axis(
  i: number,
  k: number,
  o: number,
  x: { s?: number; p?: number; transposed?: boolean; a?: number } = {},
): AxisArithmetic {
  return axisArithmetic({
    input: i,
    kernel: k,
    stride: x.s ?? 1,
    dilation: 1,
    padBefore: x.p ?? 0,
    padAfter: x.p ?? 0,
    output: o,
    formula: '',
    transposed: x.transposed,
    outputPadding: x.a,
  });
}
function ascii(kind: string, axes: AxisArithmetic[]): string[] {
  const lines = renderLayerAscii({ kind, axes });
  assert.ok(lines);
  return lines;
}

describe('render/ascii', () => {
  it('relationship 6, i=5: a 7×7 padded grid, the kernel at the corner, the next position two cells on', () => {
    const a = axis(5, 3, 3, { s: 2, p: 1 });
    const lines = ascii('Conv2d', [a, a]);
    // row 0 is padding: the kernel (cols 0–2) and the stride-2 next position (cols 2–4, overlapping)
    assert.equal(lines[1], '■ ■ ■ ▣ ▣ · ·  →  ■ ▣ □');
    assert.equal(lines[4].split('     ')[0], '· □ □ □ □ □ ·');
    assert.equal(lines[7], '· · · · · · ·');
    assert.match(lines[lines.length - 1], /▣ next position \(stride 2\)/);
  });

  it('relationship 14: inserted zeros and the output_padding cell in one row', () => {
    const a = axis(3, 3, 6, { s: 2, p: 1, a: 1, transposed: true });
    const lines = ascii('ConvTranspose1d', [a]);
    assert.equal(lines[1], '■ ■ ■ ▣ ∘ □ · +  →  ■ ▣ □ □ □ □');
    assert.ok(lines.some(l => l.includes('1 zero between input units')));
  });

  it('abbreviates large inputs to a few lines', () => {
    const a = axis(224, 3, 224, { p: 1 });
    const lines = ascii('Conv2d', [a, a]);
    assert.ok(lines.length < 20, `${lines.length} lines`);
    assert.ok(
      lines.every(l => [...l].length < 80),
      'fits a terminal',
    );
    assert.ok(lines.some(l => l.includes('…')));
    assert.ok(lines.some(l => l.includes('⋮')));
  });
});
