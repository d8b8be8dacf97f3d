// The canonical form takes each atom's key once (and a floor's or ceil's from a cache kept per
// atom): sums and products must come out exactly as the plain algorithm, which sorted and merged
// by keys written afresh at every comparison, builds them — same terms, same atom order.
import { strict as assert } from 'assert';
import fc from 'fast-check';
import {
  add,
  ceilDiv,
  type Atom,
  type Dim,
  floorDiv,
  mul,
  scale,
  sym,
  type SymExpr,
  type Term,
} from '../../../src/engine';

const keyOf = (a: Atom): string => (a.kind === 'sym' ? a.name : `${a.kind}(${exprKeyOf(a.num)}/${a.den})`);
const exprKeyOf = (e: SymExpr): string =>
  e.terms.map(t => `${t.coef}*${t.atoms.map(keyOf).join('*')}`).join('+') + `+${e.constant}`;

/** The canonical form as first written: every key written afresh. */
function plainNormalize(terms: Term[], constant: number): Dim {
  const merged = new Map<string, Term>();
  for (const t of terms) {
    if (t.coef === 0) continue;
    const atoms = [...t.atoms].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
    const key = atoms.map(keyOf).join('*');
    const prev = merged.get(key);
    merged.set(key, { coef: (prev?.coef ?? 0) + t.coef, atoms });
  }
  const out = [...merged.entries()]
    .filter(([, t]) => t.coef !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, t]) => t);
  if (out.length === 0) return constant;
  return { kind: 'expr', terms: out, constant };
}

const parts = (d: number | SymExpr) => (typeof d === 'number' ? { terms: [], constant: d } : d);

function plainAdd(a: number | SymExpr, b: number | SymExpr): Dim {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  return plainNormalize([...parts(a).terms, ...parts(b).terms], parts(a).constant + parts(b).constant);
}

function plainMul(a: SymExpr, b: SymExpr): Dim {
  const terms: Term[] = [];
  for (const s of [...a.terms, { coef: a.constant, atoms: [] }])
    for (const t of [...b.terms, { coef: b.constant, atoms: [] }])
      terms.push({ coef: s.coef * t.coef, atoms: [...s.atoms, ...t.atoms] });
  return plainNormalize(terms, 0);
}

type Known = number | SymExpr;
const known = (d: Dim): d is Known => d !== null;

/** Sizes as model code makes them: symbols, sums, products, floors and ceils of those. */
const dims: fc.Arbitrary<Known> = fc
  .letrec<{ dim: Known }>(tie => ({
    dim: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.integer({ min: -4, max: 9 }),
      fc.constantFrom('N', 'H', 'W', 'C').map(sym),
      fc.tuple(tie('dim'), tie('dim')).map(([a, b]) => add(a, b) ?? 0),
      fc.tuple(tie('dim'), tie('dim')).map(([a, b]) => mul(a, b) ?? 0),
      fc.tuple(tie('dim'), fc.integer({ min: -3, max: 3 })).map(([a, c]) => scale(a, c) ?? 0),
      fc.tuple(tie('dim'), fc.integer({ min: 2, max: 5 })).map(([a, n]) => floorDiv(a, n) ?? 0),
      fc.tuple(tie('dim'), fc.integer({ min: 2, max: 5 })).map(([a, n]) => ceilDiv(a, n) ?? 0),
    ),
  }))
  .dim.filter(known);

describe('dim: the canonical form with keys taken once', () => {
  it('sums come out as the plain algorithm builds them', () => {
    fc.assert(
      fc.property(dims, dims, (a, b) => {
        assert.deepEqual(add(a, b), plainAdd(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('products come out as the plain algorithm builds them', () => {
    fc.assert(
      fc.property(dims, dims, (a, b) => {
        if (typeof a === 'number' || typeof b === 'number') return;
        assert.deepEqual(mul(a, b), plainMul(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('a floor met again (the same atom object) sorts as when first met', () => {
    const h = floorDiv(add(sym('H'), -3), 2) as SymExpr;
    const w = floorDiv(add(sym('W'), 1), 2) as SymExpr;
    for (let i = 0; i < 3; i++) {
      assert.deepEqual(mul(h, w), plainMul(h, w));
      assert.deepEqual(mul(w, h), plainMul(w, h));
    }
  });
});
