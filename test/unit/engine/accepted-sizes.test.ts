// The solver of accepted sizes on hand-written requirements: periodic tails, finite runs, a
// product of two axes, a contradiction, and what it refuses to answer.
import { strict as assert } from 'assert';
import { add, ceilDiv, floorDiv, mul, scale, sym } from '../../../src/engine';
import { solveSizes } from '../../../src/engine/accepted-sizes';
import { acceptedText } from '../../../src/engine/accepted-text';
import type { SizeRequirement } from '../../../src/engine/size-requirements';

const H = sym('H');
const W = sym('W');
const atLeast = (dim: ReturnType<typeof add>, min: number): SizeRequirement => ({ kind: 'atLeast', dim, min, op: 't' });
const equal = (a: ReturnType<typeof add>, b: ReturnType<typeof add>): SizeRequirement => ({
  kind: 'equal',
  a,
  b,
  op: 't',
});

describe('engine: accepted sizes', () => {
  it('three pools and transposed convolutions: multiples of 8', () => {
    const h8 = floorDiv(floorDiv(floorDiv(H, 2), 2), 2);
    const s = solveSizes([atLeast(h8, 1), equal(H, scale(h8, 8))], ['H']);
    assert.ok(s.ok);
    assert.deepEqual(s.axes, [{ symbol: 'H', sets: [{ min: 8, max: null, step: 8 }] }]);
    assert.equal(acceptedText({ axes: s.axes, coupled: null }), 'H = 8k, k ≥ 1');
  });

  it('a ceiling against a floor: every size', () => {
    const s = solveSizes([equal(ceilDiv(H, 2), add(floorDiv(add(H, -1), 2), 1))], ['H']);
    assert.ok(s.ok);
    assert.deepEqual(s.axes[0].sets, [{ min: 1, max: null, step: 1 }]);
  });

  it('a Linear after a flatten: a relation with its pairs, squares 28 and 29', () => {
    const f = add(floorDiv(H, 2), -2);
    const g = add(floorDiv(W, 2), -2);
    const s = solveSizes([atLeast(f, 1), atLeast(g, 1), equal(mul(scale(f, 64), g), 9216)], ['H', 'W']);
    assert.ok(s.ok && s.coupled);
    assert.deepEqual(s.axes, []);
    const squares = s.coupled.pairs.filter(([h, w]) => h === w).map(([h]) => h);
    assert.deepEqual(squares, [28, 29]);
    for (const [h, w] of s.coupled.pairs) assert.equal((Math.floor(h / 2) - 2) * (Math.floor(w / 2) - 2), 144);
  });

  it('requirements that clash are named', () => {
    const s = solveSizes([atLeast(H, 1), equal(scale(floorDiv(H, 2), 2), 7)], ['H']);
    assert.ok(s.ok);
    assert.deepEqual(s.contradiction, [1]);
  });

  it('refuses what it cannot decide exactly: a square, an unknown size, an unknown symbol', () => {
    assert.equal(solveSizes([equal(mul(H, H), 49)], ['H']).ok, false);
    assert.equal(solveSizes([equal(null, 3)], ['H']).ok, false);
    assert.equal(solveSizes([equal(sym('C'), H)], ['H']).ok, false);
  });

  it('drops a batch factor from an equality: N·(H − 4) = N·12', () => {
    const N = sym('N');
    const s = solveSizes([equal(mul(N, add(H, -4)), mul(N, 12))], ['H'], ['N']);
    assert.ok(s.ok);
    assert.deepEqual(s.axes[0].sets, [{ min: 16, max: 16, step: 1 }]);
  });
});
