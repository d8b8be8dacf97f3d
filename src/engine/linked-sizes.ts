// Two axes of different inputs tied by what the model does with both (`x + skip`, `torch.cat` of
// two streams): `⌊H/2⌋ − 1 = ⌊H₂/2⌋ − 1`, `H = H₂ or either is 1`. Such a relation has infinitely
// many solutions, so they are described, exactly, as three kinds of families:
//
// - rows and columns: one axis at a size where a condition holds whatever the other is (a
//   broadcast of a size 1), the other axis's sizes then solved alone (axis-sizes.ts);
// - the diagonal band: elsewhere every condition needs a relation u(x) + v(y) = 0 between the
//   two axes. With u and v quasi-affine of opposite slopes (the same layers on both inputs), the
//   relation only holds within a bounded distance B of the diagonal (|x − y| ≤ B, computed from
//   the values over one period), and along each diagonal y = x + d everything is periodic in x
//   from a threshold on; so each offset d is one axis problem, decided and described as sets.
//
// Relations of other slopes (an input at twice the other's size), products of the two, or
// inequalities between them are left unknown.
import {
  type AxisMembership,
  type Condition,
  type SizeSet,
  MAX_WINDOW,
  describe,
  holds,
  solveAxis,
} from './axis-sizes';
import { type Dim, type Term, isExpr, substitute, symbolsOf } from './dim';
import { MAX_PERIOD, lastWithin, lcm, periodIn, valueAt } from './quasi-affine';

/** Pairs (v, v + offset), v in the sets. */
export interface DiagonalSizes {
  readonly offset: number;
  readonly sets: readonly SizeSet[];
}
/** Pairs with one axis at `at`, the other in the sets. */
export interface LineSizes {
  readonly at: number;
  readonly sets: readonly SizeSet[];
}
/** Two axes tied by relations (`relation`, the index of the first requirement among them). */
export interface LinkedSizes {
  readonly symbols: readonly [string, string];
  readonly relation: number;
  readonly diagonal: readonly DiagonalSizes[];
  /** (at, v): the first axis at `at`, the second in the sets. */
  readonly rows: readonly LineSizes[];
  /** (v, at): the second axis at `at`, the first in the sets. */
  readonly columns: readonly LineSizes[];
}

/** Sizes tried along all the diagonals together. */
const MAX_BAND_CELLS = 4 * MAX_WINDOW;

const atomSymbols = (a: Term['atoms'][number]): Set<string> =>
  a.kind === 'sym' ? new Set([a.name]) : symbolsOf(a.num);

/** f = u(x) + v(y): its terms in x (with the constant) and in y; undefined when a term mixes them. */
function separate(f: Dim, x: string, y: string): { u: Dim; v: Dim } | undefined {
  if (!isExpr(f)) return undefined;
  const inX: Term[] = [];
  const inY: Term[] = [];
  for (const t of f.terms) {
    const symbols = new Set<string>();
    for (const a of t.atoms) for (const s of atomSymbols(a)) symbols.add(s);
    if (symbols.size !== 1) return undefined;
    (symbols.has(x) ? inX : symbols.has(y) ? inY : []).push(t);
    if (!symbols.has(x) && !symbols.has(y)) return undefined;
  }
  const expr = (terms: Term[], constant: number): Dim => (terms.length ? { kind: 'expr', terms, constant } : constant);
  return { u: expr(inX, f.constant), v: expr(inY, 0) };
}

/** The sizes of `s` at which a condition of one axis holds (finitely many: its size grows). */
function zeros(f: Dim, s: string): number[] | string {
  const last = lastWithin(f, s, 0);
  if (last === undefined) return `a size of ${s} does not grow`;
  if (last > MAX_WINDOW) return 'too many sizes to try';
  const out: number[] = [];
  for (let v = 1; v <= last; v++) if (valueAt(f, s, v) === 0) out.push(v);
  return out;
}

/** One axis's conditions with the other axis fixed at a size. */
function fixed(conds: readonly Condition[], other: string, at: number, s: string): Condition[] {
  return conds.map(c => ({
    atoms: c.atoms.map(a => ({ f: substitute(a.f, { [other]: at }), zero: a.zero })),
    any: c.any,
    symbols: c.symbols.filter(n => n === s),
  }));
}

function line(own: readonly Condition[], joint: readonly Condition[], other: string, at: number, s: string) {
  const m = solveAxis(s, [...own, ...fixed(joint, other, at, s)]);
  return typeof m === 'string' ? m : { at, sets: describe(m) };
}

/**
 * Solves the conditions tying `x` and `y` (`joint`), with each axis's own conditions and their
 * solutions (`mx`, `my`): every accepted pair lies in one of the families returned.
 */
export function solveLink(
  [x, y]: readonly [string, string],
  joint: readonly { readonly c: Condition; readonly index: number }[],
  own: { readonly x: readonly Condition[]; readonly y: readonly Condition[] },
  mx: AxisMembership,
  my: AxisMembership,
): LinkedSizes | string {
  const why = `${x} and ${y} are tied in a way not understood`;
  let period = lcm(mx.period, my.period);
  const rowsAt = new Set<number>();
  const columnsAt = new Set<number>();
  const relations: { u: Dim; v: Dim }[][] = [];
  for (const { c } of joint) {
    const tying: { u: Dim; v: Dim }[] = [];
    for (const a of c.atoms) {
      const symbols = symbolsOf(a.f);
      if (symbols.size === 0) continue;
      const both = symbols.has(x) && symbols.has(y);
      if (!both) {
        // A size of one axis alone, within a broadcast: the condition holds there whatever the other is.
        if (!c.any || !a.zero) return why;
        const s = symbols.has(x) ? x : y;
        const at = zeros(a.f, s);
        if (typeof at === 'string') return at;
        for (const v of at) (s === x ? rowsAt : columnsAt).add(v);
        continue;
      }
      const parts = separate(a.f, x, y);
      if (!a.zero || !parts) return why;
      const pu = periodIn(parts.u, x);
      const pv = periodIn(parts.v, y);
      if (pu === undefined || pv === undefined) return why;
      const du = valueAt(parts.u, x, 1 + pu) - valueAt(parts.u, x, 1);
      const dv = valueAt(parts.v, y, 1 + pv) - valueAt(parts.v, y, 1);
      // Opposite slopes: the relation keeps to a band around the diagonal.
      if (du === 0 || du * pv + dv * pu !== 0) return `${x} and ${y} are tied at different scales`;
      period = lcm(period, lcm(pu, pv));
      if (period > MAX_PERIOD) return `the strides' period exceeds ${MAX_PERIOD}`;
      tying.push(parts);
    }
    if (tying.length === 0) return why;
    relations.push(tying);
  }
  // |x − y| ≤ B on the band: P·u(x) = D·x + (a P-periodic part), P·v(y) = −D·y + (another), so
  // u + v = 0 needs |D·(x − y)| ≤ the largest parts' sum. A condition needs one of its relations.
  let bound = Infinity;
  for (const tying of relations) {
    let widest = 0;
    for (const { u, v } of tying) {
      const d = valueAt(u, x, 1 + period) - valueAt(u, x, 1);
      let pu = 0;
      let pv = 0;
      for (let r = 1; r <= period; r++) {
        pu = Math.max(pu, Math.abs(period * valueAt(u, x, r) - d * r));
        pv = Math.max(pv, Math.abs(period * valueAt(v, y, r) + d * r));
      }
      widest = Math.max(widest, Math.floor((pu + pv) / Math.abs(d)));
    }
    bound = Math.min(bound, widest);
  }
  const conds = joint.map(j => j.c);
  const rows: { at: number; sets: readonly SizeSet[] }[] = [];
  for (const at of [...rowsAt].sort((a, b) => a - b)) {
    if (!mx.member(at)) continue;
    const r = line(own.y, conds, x, at, y);
    if (typeof r === 'string') return r;
    if (r.sets.length) rows.push(r);
  }
  const columns: { at: number; sets: readonly SizeSet[] }[] = [];
  for (const at of [...columnsAt].sort((a, b) => a - b)) {
    if (!my.member(at)) continue;
    const r = line(own.x, conds, y, at, x);
    if (typeof r === 'string') return r;
    if (r.sets.length) columns.push(r);
  }
  const lastRow = Math.max(0, ...rowsAt);
  const lastColumn = Math.max(0, ...columnsAt);
  const band = period;
  const diagonal: DiagonalSizes[] = [];
  let cells = 0;
  const env: Record<string, number> = {};
  for (let d = -bound; d <= bound; d++) {
    // Beyond `from` no size of either axis is a row's or a column's, and all repeats with `band`.
    const from = Math.max(1, 1 - d, mx.from, my.from - d, lastRow + 1, lastColumn - d + 1);
    const end = from + band;
    cells += end;
    if (cells > MAX_BAND_CELLS) return 'too many sizes to try';
    const table = new Uint8Array(end);
    for (let v = Math.max(1, 1 - d); v < end; v++) {
      env[x] = v;
      env[y] = v + d;
      // A row's or a column's pair is listed there.
      const listed = rowsAt.has(v) || columnsAt.has(v + d);
      table[v] = !listed && mx.member(v) && my.member(v + d) && conds.every(c => holds(c, env)) ? 1 : 0;
    }
    const member = (v: number) => v >= 1 && v + d >= 1 && table[v < end ? v : from + ((v - from) % band)] === 1;
    const sets = describe({ member, from, period: band });
    if (sets.length) diagonal.push({ offset: d, sets });
  }
  return { symbols: [x, y], relation: joint[0].index, diagonal, rows, columns };
}
