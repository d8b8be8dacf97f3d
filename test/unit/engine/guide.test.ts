// Dumoulin & Visin's fifteen relationships (docs/conv-arithmetic.md), each through the real
// PyTorch rules with the figure's own example, including the relationship number each axis reports.
// For transposed convolutions, the equivalent direct convolution (k' = k, s' = 1, p' = k − p − 1)
// on the stretched input ĩ' plus `a` extra zeros must give the same o'.
import { strict as assert } from 'assert';
import '../../../src/engine/pytorch';
import { type ArgValue, type AxisArithmetic, applyLayer, bindLayer } from '../../../src/engine';

function run(
  kind: string,
  positional: ArgValue[],
  keywords: Record<string, ArgValue>,
  size: number,
): { output: number; axis: AxisArithmetic } {
  const bound = bindLayer('pytorch', kind, positional, keywords);
  assert.ok(bound?.ok, `${kind} should construct`);
  const result = applyLayer(bound.spec, [[1, 1, size, size]]);
  assert.ok(result.ok, `${kind} should apply: ${JSON.stringify(result)}`);
  assert.ok(result.output && result.axes);
  assert.equal(result.output[2], result.output[3]);
  return { output: result.output[2] as number, axis: result.axes[0] };
}

function direct(i: number, k: number, opts: { s?: number; p?: number; d?: number } = {}) {
  return run('Conv2d', [1, 1, k], { stride: opts.s ?? 1, padding: opts.p ?? 0, dilation: opts.d ?? 1 }, i);
}

/** A transposed conv (k, s, p, a) on i', checked against its equivalent direct convolution. */
function transposed(iPrime: number, k: number, s: number, p: number, a = 0) {
  const t = run('ConvTranspose2d', [1, 1, k], { stride: s, padding: p, output_padding: a }, iPrime);
  const stretched = iPrime + (iPrime - 1) * (s - 1);
  const pPrime = k - p - 1;
  const equivalent = direct(stretched + a, k, { s: 1, p: pPrime });
  assert.equal(equivalent.output, t.output, "equivalent direct convolution gives the same o'");
  return { ...t, stretched, pPrime };
}

describe("the guide's relationships through the PyTorch rules", () => {
  it('1: s = 1, p = 0: i=4, k=3 → o=2', () => {
    const r = direct(4, 3);
    assert.equal(r.output, 2);
    assert.equal(r.axis.relationship, 1);
  });

  it('2: s = 1, any p: i=5, k=4, p=2 → o=6', () => {
    const r = direct(5, 4, { p: 2 });
    assert.equal(r.output, 6);
    assert.equal(r.axis.relationship, 2);
  });

  it('3: half padding: i=5, k=3, p=1 → o=5', () => {
    const r = direct(5, 3, { p: 1 });
    assert.equal(r.output, 5);
    assert.equal(r.axis.relationship, 3);
    assert.equal(run('Conv2d', [1, 1, 3], { padding: 'same' }, 5).output, 5);
  });

  it('4: full padding: i=5, k=3, p=2 → o=7', () => {
    const r = direct(5, 3, { p: 2 });
    assert.equal(r.output, 7);
    assert.equal(r.axis.relationship, 4);
  });

  it('5: p = 0, any s: i=5, k=3, s=2 → o=2', () => {
    const r = direct(5, 3, { s: 2 });
    assert.equal(r.output, 2);
    assert.equal(r.axis.relationship, 5);
  });

  it('6: any p, any s: i=5 and i=6 with k=3, s=2, p=1 both → o=3; i=6 leaves a row unused', () => {
    const five = direct(5, 3, { s: 2, p: 1 });
    const six = direct(6, 3, { s: 2, p: 1 });
    assert.equal(five.output, 3);
    assert.equal(six.output, 3);
    assert.equal(five.axis.relationship, 6);
    assert.equal(six.axis.relationship, 6);
    assert.equal(five.axis.unusedInput, 0);
    assert.equal(six.axis.unusedInput, 1);
    assert.equal(six.axis.formula, '⌊(6 + 2·1 − 3)/2⌋ + 1 = 3');
  });

  it('7: pooling: 3×3 max and average pooling on 5×5, s=1 → 3×3', () => {
    const max = run('MaxPool2d', [3], { stride: 1 }, 5);
    const avg = run('AvgPool2d', [3], { stride: 1 }, 5);
    assert.equal(max.output, 3);
    assert.equal(avg.output, 3);
    assert.equal(max.axis.relationship, 7);
    assert.equal(avg.axis.relationship, 7);
  });

  it("8: transpose of s=1, p=0: i'=2, k=3 → o'=4 (p'=2)", () => {
    const r = transposed(2, 3, 1, 0);
    assert.equal(r.output, 4);
    assert.equal(r.pPrime, 2);
    assert.equal(r.axis.relationship, 8);
  });

  it("9: transpose of s=1, any p: i'=6, k=4, p=2 → o'=5 (p'=1)", () => {
    const r = transposed(6, 4, 1, 2);
    assert.equal(r.output, 5);
    assert.equal(r.pPrime, 1);
    assert.equal(r.axis.relationship, 9);
  });

  it("10: transpose of half padding: i'=5, k=3, p=1 → o'=5 (p'=1)", () => {
    const r = transposed(5, 3, 1, 1);
    assert.equal(r.output, 5);
    assert.equal(r.pPrime, 1);
    assert.equal(r.axis.relationship, 10);
  });

  it("11: transpose of full padding: i'=7, k=3, p=2 → o'=5 (p'=0)", () => {
    const r = transposed(7, 3, 1, 2);
    assert.equal(r.output, 5);
    assert.equal(r.pPrime, 0);
    assert.equal(r.axis.relationship, 11);
  });

  it("12: transpose of p=0, s=2: i'=2, k=3 → ĩ'=3, o'=5 (p'=2)", () => {
    const r = transposed(2, 3, 2, 0);
    assert.equal(r.output, 5);
    assert.equal(r.stretched, 3);
    assert.equal(r.pPrime, 2);
    assert.equal(r.axis.relationship, 12);
  });

  it("13: transpose of p=1, s=2: i'=3, k=3 → ĩ'=5, o'=5 (p'=1)", () => {
    const r = transposed(3, 3, 2, 1);
    assert.equal(r.output, 5);
    assert.equal(r.stretched, 5);
    assert.equal(r.pPrime, 1);
    assert.equal(r.axis.relationship, 13);
  });

  it("14: transpose with a = 1: i'=3, k=3, s=2, p=1 → ĩ'=5, o'=6", () => {
    const r = transposed(3, 3, 2, 1, 1);
    assert.equal(r.output, 6);
    assert.equal(r.stretched, 5);
    assert.equal(r.pPrime, 1);
    assert.equal(r.axis.outputPadding, 1);
    assert.equal(r.axis.relationship, 14);
  });

  it('15: dilation: i=7, k=3, d=2 → o=3', () => {
    const r = direct(7, 3, { d: 2 });
    assert.equal(r.output, 3);
    assert.equal(r.axis.relationship, 15);
    assert.equal(r.axis.dilation, 2);
  });
});
