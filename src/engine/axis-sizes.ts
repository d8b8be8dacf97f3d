// The sizes one input axis accepts, decided exactly from the conditions on that axis alone
// (accepted-sizes.ts states them): every condition is quasi-affine in the axis symbol
// (quasi-affine.ts), so beyond a proven threshold membership repeats with the lcm of their
// periods; every size up to threshold + period is evaluated and described as sets.
import type { Dim } from './dim';
import { MAX_PERIOD, evaluator, lcm, periodIn, stableFrom } from './quasi-affine';

/** Sizes v = min + k·step (k ≥ 0), v ≤ max when max is not null. */
export interface SizeSet {
  readonly min: number;
  readonly max: number | null;
  readonly step: number;
}
/** Evaluation budget: sizes tried per axis, candidate pairs per coupled relation. */
export const MAX_WINDOW = 200_000;

export interface Atom {
  readonly f: Dim;
  readonly zero: boolean; // f = 0, else f ≥ 0
}
export interface Condition {
  readonly atoms: readonly Atom[];
  readonly any: boolean; // one atom suffices (broadcasting), else all
  readonly symbols: readonly string[];
}

export function holds(c: Condition, env: Readonly<Record<string, number>>): boolean {
  const test = (a: Atom): boolean => {
    const v = evaluator(a.f)(env);
    return a.zero ? v === 0 : v >= 0;
  };
  return c.any ? c.atoms.some(test) : c.atoms.every(test);
}

/** Membership of one axis: exact below `end`, and of period `period` from `from` on. */
export interface AxisMembership {
  readonly member: (x: number) => boolean;
  readonly from: number;
  readonly period: number;
}

/** The conditions once each: repeated blocks state the same requirement many times, and the
 *  solver evaluates every condition at every size it tries. */
export function distinct(conds: readonly Condition[]): Condition[] {
  const seen = new Set<string>();
  return conds.filter(c => {
    const key = JSON.stringify([c.any, c.atoms]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A condition as a test of one environment, its evaluators compiled once. */
function tester(c: Condition): (env: Readonly<Record<string, number>>) => boolean {
  const tests = c.atoms.map(a => {
    const f = evaluator(a.f);
    return a.zero
      ? (env: Readonly<Record<string, number>>) => f(env) === 0
      : (env: Readonly<Record<string, number>>) => f(env) >= 0;
  });
  if (tests.length === 1) return tests[0];
  return c.any ? env => tests.some(t => t(env)) : env => tests.every(t => t(env));
}

export function solveAxis(s: string, given: readonly Condition[]): AxisMembership | string {
  const conds = distinct(given);
  let period = 1;
  for (const c of conds)
    for (const a of c.atoms) {
      const p = periodIn(a.f, s);
      if (p === undefined) return `a size is not a floor-affine function of ${s}`;
      period = lcm(period, p);
      if (period > MAX_PERIOD) return `the strides' period exceeds ${MAX_PERIOD}`;
    }
  let from = 1;
  for (const c of conds) for (const a of c.atoms) from = Math.max(from, stableFrom(a.f, s, period));
  const end = from + period;
  if (end > MAX_WINDOW) return 'too many sizes to try';
  const table = new Uint8Array(end);
  const env: Record<string, number> = {};
  const tests = conds.map(tester);
  for (let x = 1; x < end; x++) {
    env[s] = x;
    table[x] = tests.every(t => t(env)) ? 1 : 0;
  }
  const member = (x: number): boolean => {
    if (x < 1) return false;
    return x < end ? table[x] === 1 : table[from + ((x - from) % period)] === 1;
  };
  return { member, from, period };
}

/** The sets an axis membership describes: finite runs below the periodic tail, then the tail. */
export function describe(m: AxisMembership): SizeSet[] {
  let p = m.period;
  for (const d of divisors(m.period)) {
    let ok = true;
    for (let x = m.from; x < m.from + m.period && ok; x++) ok = m.member(x) === m.member(x + d);
    if (ok) {
      p = d;
      break;
    }
  }
  let start = m.from;
  while (start > 1 && m.member(start - 1) === m.member(start - 1 + p)) start--;
  const sets: SizeSet[] = [];
  let runStart = 0;
  for (let x = 1; x <= start; x++) {
    const inside = x < start && m.member(x);
    if (inside && !runStart) runStart = x;
    if (!inside && runStart) {
      sets.push({ min: runStart, max: x - 1, step: 1 });
      runStart = 0;
    }
  }
  for (let x = start; x < start + p; x++) if (m.member(x)) sets.push({ min: x, max: null, step: p });
  return sets;
}

function divisors(n: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= n; d++) if (n % d === 0) out.push(d);
  return out;
}

/** Is x in any of the sets? */
export function inSets(sets: readonly SizeSet[], x: number): boolean {
  return sets.some(t => x >= t.min && (t.max === null || x <= t.max) && (x - t.min) % t.step === 0);
}
