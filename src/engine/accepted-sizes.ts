// The input sizes a model accepts, solved from the requirements its rules stated on a symbolic
// input (size-requirements.ts). Each axis symbol is decided exactly: its requirements are
// quasi-affine (quasi-affine.ts), so beyond a proven threshold membership repeats with the
// period P of their floors; the solver evaluates every size up to threshold + P and describes
// what it found. A requirement joining two axes (a Linear after a flatten: C·H′·W′ = 9216) is a
// product F(H)·G(W) = K with finitely many solutions, listed. Anything else: no answer.
import { type Dim, type SymExpr, type Term, divExact, isExpr, sub, sym, symbolsOf } from './dim';
import {
  type Atom,
  type Condition,
  type SizeSet,
  MAX_WINDOW,
  holds,
  solveAxis,
  describe,
  type AxisMembership,
} from './axis-sizes';
import { type LinkedSizes, solveLink } from './linked-sizes';
import { lastWithin, valueAt } from './quasi-affine';

export { type SizeSet, describe, inSets } from './axis-sizes';
export type { LinkedSizes } from './linked-sizes';
import type { SizeRequirement } from './size-requirements';

export interface AxisSizes {
  readonly symbol: string;
  readonly sets: readonly SizeSet[];
}
/** Two axes tied by one requirement (`relation`, an index into the requirements). */
export interface CoupledSizes {
  readonly symbols: readonly [string, string];
  readonly relation: number;
  readonly pairs: readonly (readonly [number, number])[];
}
export type SizeSolution =
  | {
      readonly ok: true;
      /** Axes decided alone (an axis of the coupled pair is not listed). */
      readonly axes: readonly AxisSizes[];
      readonly coupled?: CoupledSizes;
      /** Axes of different inputs tied by relations: their accepted pairs as families. */
      readonly links?: readonly LinkedSizes[];
      /** Set when no size at all is accepted: requirements that admit none together. */
      readonly contradiction?: readonly number[];
    }
  | { readonly ok: false; readonly reason: string };

/** Drops a positive factor (the batch size N) that multiplies every term of f = 0. */
function withoutFactor(f: Dim, positive: readonly string[]): Dim {
  for (const p of positive) {
    for (;;) {
      const q = divExact(f, sym(p));
      if (q === undefined || q === false || !isExpr(f) || f.constant !== 0) break;
      f = q;
    }
  }
  return f;
}

function conditionOf(r: SizeRequirement, positive: readonly string[]): Condition | string {
  const atoms: Atom[] =
    r.kind === 'atLeast'
      ? [{ f: sub(r.dim, r.min), zero: false }]
      : r.kind === 'equal'
        ? [{ f: withoutFactor(sub(r.a, r.b), positive), zero: true }]
        : [
            { f: sub(r.a, r.b), zero: true },
            { f: sub(r.a, 1), zero: true },
            { f: sub(r.b, 1), zero: true },
          ];
  if (atoms.some(a => a.f === null)) return `a size ${r.op} needs was not followed`;
  const symbols = new Set<string>();
  for (const a of atoms) symbolsOf(a.f, symbols);
  return { atoms, any: r.kind === 'broadcast', symbols: [...symbols].sort() };
}

// ---- two axes tied: F(H)·G(W) = K ----

interface Factored {
  readonly f: SymExpr; // in the first symbol, integer valued, content 1
  readonly g: SymExpr; // in the second
  readonly k: number; // F·G = k ⇔ the requirement holds
}

function atomSymbol(t: Term['atoms'][number]): string | undefined {
  const s = t.kind === 'sym' ? new Set([t.name]) : symbolsOf(t.num);
  return s.size === 1 ? [...s][0] : undefined;
}

function gcdOf(values: readonly number[]): number {
  let g = 0;
  for (const v of values) {
    let a = Math.abs(v),
      b = g;
    while (b) [a, b] = [b, a % b];
    g = a;
  }
  return g;
}

/** f = Σ M[i][j]·u_i(x)·v_j(y) − written as F(x)·G(y) − K when the matrix is of rank one. */
function factor(e: Dim, [x, y]: readonly [string, string]): Factored | undefined {
  if (!isExpr(e)) return undefined;
  const keyOf = (atoms: Term['atoms']) => JSON.stringify(atoms);
  const one = keyOf([]);
  const us = new Map<string, Term['atoms']>([[one, []]]);
  const vs = new Map<string, Term['atoms']>([[one, []]]);
  const cell = new Map<string, number>();
  for (const t of e.terms) {
    const ux = t.atoms.filter(a => atomSymbol(a) === x);
    const vy = t.atoms.filter(a => atomSymbol(a) === y);
    if (ux.length + vy.length !== t.atoms.length) return undefined;
    us.set(keyOf(ux), ux);
    vs.set(keyOf(vy), vy);
    const key = `${keyOf(ux)}|${keyOf(vy)}`;
    cell.set(key, (cell.get(key) ?? 0) + t.coef);
  }
  // A product of sizes may keep a constant as a term without atoms (dim.ts `mul`): both count.
  const at = (i: string, j: string) => (cell.get(`${i}|${j}`) ?? 0) + (i === one && j === one ? e.constant : 0);
  // A pivot in x and y both: M[i0][j0] ≠ 0 with non-constant monomials on each side.
  let pivot: [string, string] | undefined;
  for (const i of us.keys())
    for (const j of vs.keys()) if (!pivot && i !== one && j !== one && at(i, j) !== 0) pivot = [i, j];
  if (!pivot) return undefined;
  const [i0, j0] = pivot;
  const m0 = at(i0, j0);
  for (const i of us.keys())
    for (const j of vs.keys()) {
      if (i === one && j === one) continue;
      if (at(i, j) * m0 !== at(i, j0) * at(i0, j)) return undefined;
    }
  const build = (entries: [Term['atoms'], number][]): SymExpr | undefined => {
    const terms = entries.filter(([a, c]) => a.length > 0 && c !== 0).map(([atoms, coef]) => ({ coef, atoms }));
    const constant = entries.find(([a]) => a.length === 0)?.[1] ?? 0;
    return terms.length ? { kind: 'expr', terms, constant } : undefined;
  };
  // F = Σ M[i][j0]·u_i and G' = Σ M[i0][j]·v_j; F·G' = m0·(e + K), so e = 0 ⇔ F·G' = K'.
  const fRaw = build([...us].map(([key, atoms]) => [atoms, at(key, j0)]));
  const gRaw = build([...vs].map(([key, atoms]) => [atoms, at(i0, key)]));
  if (!fRaw || !gRaw) return undefined;
  let k = at(one, j0) * at(i0, one) - m0 * at(one, one);
  const cf = gcdOf([fRaw.constant, ...fRaw.terms.map(t => t.coef)]);
  const cg = gcdOf([gRaw.constant, ...gRaw.terms.map(t => t.coef)]);
  if (k % (cf * cg) !== 0) return { f: fRaw, g: gRaw, k: 0.5 }; // no integer solution
  k /= cf * cg;
  const div = (r: SymExpr, c: number): SymExpr => ({
    kind: 'expr',
    terms: r.terms.map(t => ({ coef: t.coef / c, atoms: t.atoms })),
    constant: r.constant / c,
  });
  return { f: div(fRaw, cf), g: div(gRaw, cg), k };
}

/**
 * The most pairs a product lists. A real model's product pairs a period of each axis (VGG on
 * 32-pixel blocks: 32 × 32 = 1,024, the most in our fixtures and real code); two stride-22 pools
 * pair 484 × 484 sizes per factor of the product, 700,000 pairs an Analysis would keep, and
 * seconds to list them. 256 × 256 keeps every period up to 256 on each axis.
 */
const MAX_PAIRS = 65_536;

function solveCoupled(
  pair: readonly [string, string],
  conds: readonly { c: Condition; index: number }[],
  axisMember: (s: string, v: number) => boolean,
): CoupledSizes | string {
  let relation: { c: Condition; index: number } | undefined;
  let fac: Factored | undefined;
  for (const r of conds) {
    if (fac) break;
    fac = r.c.atoms.length === 1 && r.c.atoms[0].zero ? factor(r.c.atoms[0].f, pair) : undefined;
    relation = r;
  }
  if (!fac || !relation) return `${pair.join(' and ')} are tied in a way not understood`;
  if (fac.k === 0) return `${pair.join(' and ')} are tied with infinitely many solutions`;
  const pairs: [number, number][] = [];
  if (Number.isInteger(fac.k)) {
    const [x, y] = pair;
    const xEnd = lastWithin(fac.f, x, Math.abs(fac.k));
    const yEnd = lastWithin(fac.g, y, Math.abs(fac.k));
    if (xEnd === undefined || yEnd === undefined) return `${pair.join('·')} does not grow with the input`;
    if (xEnd > MAX_WINDOW || yEnd > MAX_WINDOW) return 'too many sizes to try';
    // Only a divisor of K can be a factor of it: membership of an axis (every condition on it,
    // tested) is asked only of those, not of each of up to MAX_WINDOW sizes.
    const byG = new Map<number, number[]>();
    for (let w = 1; w <= yEnd; w++) {
      const g = valueAt(fac.g, y, w);
      if (g === 0 || fac.k % g !== 0 || !axisMember(y, w)) continue;
      const ws = byG.get(g);
      if (ws) ws.push(w);
      else byG.set(g, [w]);
    }
    for (let h = 1; h <= xEnd; h++) {
      const f = valueAt(fac.f, x, h);
      if (f === 0 || fac.k % f !== 0 || !axisMember(x, h)) continue;
      for (const w of byG.get(fac.k / f) ?? []) {
        const env = { [x]: h, [y]: w };
        if (conds.every(({ c }) => holds(c, env))) pairs.push([h, w]);
      }
      if (pairs.length > MAX_PAIRS) return 'too many size pairs to list';
    }
  }
  return { symbols: pair, relation: relation.index, pairs: sharedPairs(pairs) };
}

/**
 * One list per distinct set of pairs: models of many documents tie their axes alike (the same
 * classifier after the same stages), and a list holds hundreds of pairs, kept by every Analysis
 * that shows it. Bounded; emptied when full.
 */
const pairLists = new Map<string, readonly (readonly [number, number])[]>();
const MAX_PAIR_LISTS = 256;

function sharedPairs(pairs: readonly (readonly [number, number])[]): readonly (readonly [number, number])[] {
  let key = '';
  for (const [h, w] of pairs) key += `${h},${w};`;
  const known = pairLists.get(key);
  if (known) return known;
  if (pairLists.size >= MAX_PAIR_LISTS) pairLists.clear();
  pairLists.set(key, pairs);
  return pairs;
}

/**
 * Solves the requirements for the axis symbols. `positive` are symbols that are ≥ 1 and otherwise
 * free (the batch N): a factor of them is dropped from an equality; any other use of them, or
 * of a symbol that is not an axis, leaves the question open.
 */
export function solveSizes(
  requirements: readonly SizeRequirement[],
  axes: readonly string[],
  positive: readonly string[] = [],
): SizeSolution {
  const key = `${requirementsKey(requirements)}|${JSON.stringify(axes)}|${JSON.stringify(positive)}`;
  const known = solutions.get(key);
  if (known) return known;
  let solution = solveAll(requirements, axes, positive);
  if (solution.ok && solution.contradiction)
    solution = { ...solution, contradiction: culprits(requirements, axes, positive) };
  if (solutionKeyChars + key.length > MAX_SOLUTION_KEY_CHARS) {
    solutions.clear();
    solutionKeyChars = 0;
  }
  solutions.set(key, solution);
  solutionKeyChars += key.length;
  return solution;
}

/**
 * Solutions already found, by their requirements, axes and positive symbols: the solver is a pure
 * function of those, and a model states the same requirements in every analysis of its document
 * (as do the same blocks in other documents). The solutions are shared, so read only (as typed):
 * a coupled pair's list, often hundreds of pairs, is then kept once, not once per model and
 * document. Bounded by the size of the keys; emptied when full.
 */
const solutions = new Map<string, SizeSolution>();
/** Each requirement's JSON: a memoized inference states the same requirement objects again
 *  (layer.ts), so most are written once. */
const requirementJson = new WeakMap<SizeRequirement, string>();
/**
 * A number per distinct requirement JSON, so that a key lists numbers, not whole requirements
 * (a large model's JSON would fill the bound of the solutions' keys by itself, and the cache
 * would be emptied on every model). Numbers are never reused: when the table is emptied, a key
 * made before can only miss, never name other requirements.
 */
const requirementIds = new Map<string, number>();
let nextRequirementId = 0;
const MAX_REQUIREMENT_IDS = 100_000;

/** The requirements' key: their numbers in order (equal keys: equal requirements' JSON). */
function requirementsKey(requirements: readonly SizeRequirement[]): string {
  let out = '';
  for (let i = 0; i < requirements.length; i++) {
    const r = requirements[i];
    let json = requirementJson.get(r);
    if (json === undefined) requirementJson.set(r, (json = JSON.stringify(r)));
    let id = requirementIds.get(json);
    if (id === undefined) {
      if (requirementIds.size >= MAX_REQUIREMENT_IDS) requirementIds.clear();
      requirementIds.set(json, (id = nextRequirementId++));
    }
    out += (i ? ',' : '') + id;
  }
  return out;
}
const MAX_SOLUTION_KEY_CHARS = 1_000_000;
let solutionKeyChars = 0;

function solveAll(
  requirements: readonly SizeRequirement[],
  axes: readonly string[],
  positive: readonly string[],
): SizeSolution {
  const conds: { c: Condition; index: number }[] = [];
  for (const [index, r] of requirements.entries()) {
    const c = conditionOf(r, positive);
    if (typeof c === 'string') return { ok: false, reason: c };
    if (c.symbols.some(s => !axes.includes(s)))
      return { ok: false, reason: `a size depends on ${c.symbols.join(', ')}` };
    conds.push({ c, index });
  }
  const constantFails = conds.filter(({ c }) => c.symbols.length === 0 && !holds(c, {}));
  if (constantFails.length) return { ok: true, axes: [], contradiction: [constantFails[0].index] };
  const tied = conds.filter(({ c }) => c.symbols.length > 1);
  const groups = tiedGroups(tied, axes);
  const tiedSymbols = groups.flat();
  const wide = groups.find(g => g.length > 2);
  if (wide) return { ok: false, reason: `more than two axes are tied (${wide.join(', ')})` };
  const members = new Map<string, AxisMembership>();
  const owned = new Map<string, Condition[]>();
  const result: AxisSizes[] = [];
  for (const s of axes) {
    const own = conds.filter(({ c }) => c.symbols.length === 1 && c.symbols[0] === s).map(({ c }) => c);
    const m = solveAxis(s, own);
    if (typeof m === 'string') return { ok: false, reason: m };
    members.set(s, m);
    owned.set(s, own);
    if (own.length && !tiedSymbols.includes(s)) result.push({ symbol: s, sets: describe(m) });
  }
  let coupled: CoupledSizes | undefined;
  const links: LinkedSizes[] = [];
  for (const group of groups) {
    const [x, y] = group as [string, string];
    const within = tied.filter(({ c }) => c.symbols.every(s => group.includes(s)));
    // A product (one input's H and W after a flatten) is listed; a relation between two inputs'
    // axes is described by families (linked-sizes.ts).
    const product = coupled
      ? 'two products tie axes'
      : solveCoupled([x, y], within, (s, v) => members.get(s)!.member(v));
    if (typeof product !== 'string') {
      coupled = product;
      continue;
    }
    const own = { x: owned.get(x)!, y: owned.get(y)! };
    const link = solveLink([x, y], within, own, members.get(x)!, members.get(y)!);
    if (typeof link === 'string') return { ok: false, reason: `${product}; ${link}` };
    links.push(link);
  }
  const empty =
    result.some(a => a.sets.length === 0) ||
    (coupled !== undefined && coupled.pairs.length === 0) ||
    links.some(l => !l.diagonal.length && !l.rows.length && !l.columns.length);
  return {
    ok: true,
    axes: result,
    ...(coupled ? { coupled } : {}),
    ...(links.length ? { links } : {}),
    ...(empty ? { contradiction: [] } : {}),
  };
}

/** The tied axes in groups: two axes one requirement mentions are in one group. */
function tiedGroups(tied: readonly { c: Condition }[], axes: readonly string[]): string[][] {
  const groupOf = new Map<string, Set<string>>();
  for (const { c } of tied) {
    const merged = new Set<string>();
    for (const s of c.symbols) for (const t of groupOf.get(s) ?? [s]) merged.add(t);
    for (const s of merged) groupOf.set(s, merged);
  }
  const byPosition = (a: string, b: string) => axes.indexOf(a) - axes.indexOf(b);
  return [...new Set(groupOf.values())].map(g => [...g].sort(byPosition));
}

/** The fewest requirements (one, else two) that admit no size together; all when none do alone. */
function culprits(
  requirements: readonly SizeRequirement[],
  axes: readonly string[],
  positive: readonly string[],
): number[] {
  const emptyWith = (indices: number[]): boolean => {
    const s = solveAll(
      indices.map(i => requirements[i]),
      axes,
      positive,
    );
    return s.ok && s.contradiction !== undefined;
  };
  const n = requirements.length;
  for (let i = 0; i < n; i++) if (emptyWith([i])) return [i];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (emptyWith([i, j])) return [i, j];
  return requirements.map((_, i) => i);
}
