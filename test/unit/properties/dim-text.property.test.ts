// The printed text of a symbolic dim means the dim: read back and evaluated at random sizes, it
// equals the canonical polynomial's value (fast-check, fixed seed). Factoring changes the
// text only.
import { strict as assert } from 'assert';
import * as fc from 'fast-check';
import { add, ceilDiv, type Dim, dimText, floorDiv, mul, scale, sub, substitute, sym } from '../../../src/engine/dim';
import { evaluateDimText } from './dim-text-eval';

const SEED = 20261207;
const NAMES = ['N', 'C', 'H', 'W'] as const;

const leaf: fc.Arbitrary<Dim> = fc.oneof(fc.constantFrom(...NAMES).map(sym), fc.integer({ min: -6, max: 9 }));
/** A binomial such as ⌊H/2⌋−2, the kind of factor layers multiply together. */
const binomial: fc.Arbitrary<Dim> = fc
  .tuple(leaf, fc.integer({ min: 1, max: 4 }), fc.integer({ min: -5, max: 5 }))
  .map(([d, n, c]) => add(n === 1 ? d : floorDiv(d, n), c));
const step = fc.record({
  op: fc.constantFrom('add', 'sub', 'mul', 'scale', 'floor', 'ceil'),
  other: binomial,
  n: fc.integer({ min: -3, max: 5 }),
});

/** A dim built the way the engine builds them: arithmetic on sizes, one step after another. */
const dimArb: fc.Arbitrary<Dim> = fc.tuple(binomial, fc.array(step, { maxLength: 5 })).map(([start, steps]) =>
  steps.reduce<Dim>((d, s) => {
    switch (s.op) {
      case 'add':
        return add(d, s.other);
      case 'sub':
        return sub(d, s.other);
      case 'mul':
        return mul(d, s.other);
      case 'scale':
        return scale(d, s.n);
      case 'floor':
        return floorDiv(d, Math.abs(s.n) + 1);
      default:
        return ceilDiv(d, Math.abs(s.n) + 1);
    }
  }, start),
);
const envArb = fc.record({
  N: fc.integer({ min: 1, max: 64 }),
  C: fc.integer({ min: 1, max: 64 }),
  H: fc.integer({ min: 1, max: 300 }),
  W: fc.integer({ min: 1, max: 300 }),
});

describe('dim text (fast-check)', () => {
  it('evaluates, read back, to the value of the dim it prints', () => {
    fc.assert(
      fc.property(dimArb, envArb, (d, env) => {
        const text = dimText(d);
        // A plain integer prints as JavaScript writes it; symbolic text uses `−`.
        const value = typeof d === 'number' ? Number(text) : evaluateDimText(text, env);
        const expected = substitute(d, env);
        assert.ok(value === expected, `${text} = ${value}, not ${String(expected)}`); // 0 === −0
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('reads the evaluator right on a hand-checked text', () => {
    // Guards the property above against an evaluator that accepts anything.
    assert.equal(evaluateDimText('64·(⌊H/2⌋−2)·(⌊W/2⌋−2)', { H: 28, W: 29 }), 9216);
    assert.equal(evaluateDimText('⌈(H−1)/4⌉+1', { H: 10 }), 4);
    assert.throws(() => evaluateDimText('H+', { H: 1 }));
  });
});
