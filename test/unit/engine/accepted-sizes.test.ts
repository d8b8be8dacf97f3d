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

  it('a product pairing up to 256 sizes of each axis is listed; one pairing more is not (too many)', () => {
    const product = (period: number) => {
      const f = floorDiv(H, period);
      const g = floorDiv(W, period);
      return solveSizes([atLeast(f, 1), atLeast(g, 1), equal(mul(f, g), 1)], ['H', 'W']);
    };
    const listed = product(256);
    assert.ok(listed.ok && listed.coupled);
    assert.equal(listed.coupled.pairs.length, 256 * 256);
    assert.deepEqual(listed.coupled.pairs[0], [256, 256]);
    assert.deepEqual(listed.coupled.pairs[listed.coupled.pairs.length - 1], [511, 511]);
    // Two stride-22 pools before a flatten pair 484 × 484 sizes: never a list of 700,000 pairs.
    const tooMany = product(257);
    assert.ok(!(tooMany.ok && tooMany.coupled), 'no list of 66,049 pairs');
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

  describe('two inputs tied (links)', () => {
    const H2 = sym('H₂');
    const broadcast = (a: ReturnType<typeof add>, b: ReturnType<typeof add>): SizeRequirement => ({
      kind: 'broadcast',
      a,
      b,
      op: 'broadcast',
    });
    /** Every pair 1..n×1..n the families hold, against the requirements evaluated directly. */
    const pairsOf = (
      link: NonNullable<Extract<ReturnType<typeof solveSizes>, { ok: true }>['links']>[number],
      n: number,
    ) => {
      const inSet = (t: { min: number; max: number | null; step: number }, v: number) =>
        v >= t.min && (t.max === null || v <= t.max) && (v - t.min) % t.step === 0;
      const out: string[] = [];
      for (let a = 1; a <= n; a++)
        for (let b = 1; b <= n; b++)
          if (
            link.diagonal.some(d => b - a === d.offset && d.sets.some(t => inSet(t, a))) ||
            link.rows.some(r => r.at === a && r.sets.some(t => inSet(t, b))) ||
            link.columns.some(c => c.at === b && c.sets.some(t => inSet(t, a)))
          )
            out.push(`${a},${b}`);
      return out;
    };

    it('two streams pooled alike and joined: the pairs of equal ⌊H/2⌋−1, on three diagonals', () => {
      const f = (x: typeof H) => add(floorDiv(add(x, -2), 2), 0);
      const s = solveSizes([atLeast(f(H), 1), atLeast(f(H2), 1), equal(f(H), f(H2))], ['H', 'H₂']);
      assert.ok(s.ok && s.links?.length === 1);
      const want: string[] = [];
      for (let a = 1; a <= 40; a++)
        for (let b = 1; b <= 40; b++)
          if (Math.floor((a - 2) / 2) >= 1 && Math.floor((a - 2) / 2) === Math.floor((b - 2) / 2))
            want.push(`${a},${b}`);
      assert.deepEqual(pairsOf(s.links[0], 40), want);
      assert.deepEqual(
        s.links[0].diagonal.map(d => d.offset),
        [-1, 0, 1],
      );
    });

    it('a broadcast: the diagonal, and a size 1 on either side as a row and a column', () => {
      const s = solveSizes([atLeast(add(H, -2), 1), broadcast(add(H, -2), H2)], ['H', 'H₂']);
      assert.ok(s.ok && s.links);
      const want: string[] = [];
      for (let a = 1; a <= 30; a++)
        for (let b = 1; b <= 30; b++) if (a >= 3 && (a - 2 === b || a - 2 === 1 || b === 1)) want.push(`${a},${b}`);
      assert.deepEqual(pairsOf(s.links[0], 30), want);
      assert.deepEqual(s.links[0].rows, [{ at: 3, sets: [{ min: 1, max: null, step: 1 }] }]);
      assert.deepEqual(s.links[0].columns, [{ at: 1, sets: [{ min: 3, max: null, step: 1 }] }]);
    });

    it('an equality alone reads as "equal H, W"; a link is said once for W when it is alike', () => {
      const W2 = sym('W₂');
      const s = solveSizes(
        [atLeast(add(H, -2), 1), equal(H, H2), atLeast(add(W, -2), 1), equal(W, W2)],
        ['H', 'W', 'H₂', 'W₂'],
      );
      assert.ok(s.ok && s.links?.length === 2);
      const links = s.links.map(l => ({
        ...l,
        inputs: ['x', 'skip'] as const,
        relation: `${l.symbols[0]} = ${l.symbols[1]}`,
        layer: 'torch.cat',
      }));
      assert.equal(
        acceptedText({ axes: [], coupled: null, inputs: ['x', 'skip'], links }),
        'x and skip: equal H, W ≥ 3',
      );
    });

    it('inputs at different scales, or two products: no answer', () => {
      assert.equal(solveSizes([equal(scale(H, 2), H2)], ['H', 'H₂']).ok, false);
      assert.equal(solveSizes([equal(mul(H, H2), 64), equal(mul(W, sym('W₂')), 64)], ['H', 'W', 'H₂', 'W₂']).ok, false);
    });
  });
});
