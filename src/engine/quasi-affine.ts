// Sizes as functions of one input size x: every layer maps a size through floor/ceil-affine steps
// (⌊(x + 2p − k)/s⌋ + 1, (x − 1)·s + k, x + y), so a size is quasi-affine in x:
//
//   f(x + P) = f(x) + Δ  for every x, with P and Δ integers.
//
// Proof, by the structure of the canonical dim (dim.ts): a symbol has P = 1, Δ = 1. If q has
// period P_q and step Δ_q, then q(x + n·P_q) = q(x) + n·Δ_q, so ⌊q/n⌋ (and ⌈q/n⌉) has period
// n·P_q and step Δ_q. An integer combination of such atoms has the lcm of their periods. A
// product of two atoms in x is not affine: it is refused, as is any non-integer coefficient.
// Consequently, on each residue class x = r + k·P a size is affine in k, and so a requirement
// (f ≥ 0, f = 0) changes its truth at most once along the class — after a threshold that the
// values over one period bound (`stableFrom`). Nothing is extrapolated beyond that argument.
import { type Dim, type SymExpr, isExpr, sub, symbolsOf } from './dim';

/** The largest period the solver follows (a stride product beyond it is left unknown). */
export const MAX_PERIOD = 1 << 12;

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}
export function lcm(a: number, b: number): number {
  return (a / gcd(a, b)) * b;
}

/** The period P of f in symbol `s` when f is quasi-affine in s alone, else undefined. */
export function periodIn(f: Dim, s: string): number | undefined {
  if (f === null) return undefined;
  if (typeof f === 'number') return Number.isInteger(f) ? 1 : undefined;
  const shape = affineShape(f, s);
  return shape && shape.period <= MAX_PERIOD ? shape.period : undefined;
}

const shapes = new Map<string, WeakMap<SymExpr, { degree: number; period: number } | undefined>>();

/** Degree in s (0 or 1) and period of an expression; undefined when it is not quasi-affine. */
function affineShape(e: SymExpr, s: string): { degree: number; period: number } | undefined {
  let bySymbol = shapes.get(s);
  if (!bySymbol) shapes.set(s, (bySymbol = new WeakMap()));
  if (bySymbol.has(e)) return bySymbol.get(e);
  const shape = affineShapeOf(e, s);
  bySymbol.set(e, shape);
  return shape;
}

function affineShapeOf(e: SymExpr, s: string): { degree: number; period: number } | undefined {
  if (!Number.isInteger(e.constant)) return undefined;
  let degree = 0;
  let period = 1;
  for (const t of e.terms) {
    if (!Number.isInteger(t.coef)) return undefined;
    let termDegree = 0;
    for (const a of t.atoms) {
      if (a.kind === 'sym') {
        if (a.name !== s) return undefined;
        termDegree += 1;
      } else {
        const inner = affineShape(a.num, s);
        if (!inner || inner.degree === 0) return undefined;
        termDegree += inner.degree;
        period = lcm(period, inner.period * a.den);
        if (period > MAX_PERIOD) return undefined;
      }
    }
    if (termDegree > 1) return undefined;
    degree = Math.max(degree, termDegree);
  }
  return { degree, period };
}

type Evaluator = (env: Readonly<Record<string, number>>) => number;
const compiled = new WeakMap<SymExpr, Evaluator>();

/** A dim as a function of its symbols' values (exact integer arithmetic, as `substitute`). */
export function evaluator(d: Dim): Evaluator {
  if (d === null) return () => NaN;
  if (typeof d === 'number') return () => d;
  const known = compiled.get(d);
  if (known) return known;
  const terms = d.terms.map(t => {
    const atoms = t.atoms.map((a): Evaluator => {
      if (a.kind === 'sym') return env => env[a.name];
      const inner = evaluator(a.num);
      return a.kind === 'floor' ? env => Math.floor(inner(env) / a.den) : env => Math.ceil(inner(env) / a.den);
    });
    return (env: Readonly<Record<string, number>>) => atoms.reduce((v, f) => v * f(env), t.coef);
  });
  const f: Evaluator = env => terms.reduce((v, t) => v + t(env), d.constant);
  compiled.set(d, f);
  return f;
}

// One scratch environment: evaluations are synchronous and an evaluator reads only its symbols.
const scratch: Record<string, number> = {};

/** f at x (an integer; f quasi-affine in s). */
export function valueAt(f: Dim, s: string, x: number): number {
  scratch[s] = x;
  return evaluator(f)(scratch);
}

/**
 * A size x₀ from which the sign of f (negative, zero, positive) is constant along every residue
 * class mod `period` (a multiple of f's own period): f(r + kP) = f(r) + kΔ changes sign at most
 * once, at k ≤ max|f(r)| / |Δ|.
 */
export function stableFrom(f: Dim, s: string, period: number): number {
  if (!isExpr(f)) return 1;
  let largest = 0;
  for (let r = 1; r <= period; r++) largest = Math.max(largest, Math.abs(valueAt(f, s, r)));
  const step = valueAt(f, s, 1 + period) - valueAt(f, s, 1);
  if (step === 0) return 1;
  return period * (Math.floor(largest / Math.abs(step)) + 2);
}

/** Sizes x ≥ 1 with |f(x)| ≤ bound (finite when f grows): the last such x, or undefined if f does not grow. */
export function lastWithin(f: Dim, s: string, bound: number): number | undefined {
  const period = periodIn(f, s);
  if (period === undefined) return undefined;
  const step = valueAt(f, s, 1 + period) - valueAt(f, s, 1);
  if (step === 0) return undefined;
  // |f(r + kP)| ≥ k·|Δ| − max|f(r)|; beyond k = (bound + max|f(r)|)/|Δ| it exceeds the bound.
  let largest = 0;
  for (let r = 1; r <= period; r++) largest = Math.max(largest, Math.abs(valueAt(f, s, r)));
  return period * (Math.floor((bound + largest) / Math.abs(step)) + 2);
}

/**
 * True when a and b are the same size for every x ≥ 1 although written differently
 * (`⌊(H − 1)/2⌋ + 1` and `⌈H/2⌉`): their difference d, quasi-affine in their one symbol, is 0
 * over one period and does not step (d(x + P) = d(x) + Δ with Δ = 0), so it is 0 everywhere.
 */
export function sameSize(a: Dim, b: Dim): boolean {
  if (!isExpr(a) || !isExpr(b)) return false;
  const d = sub(a, b);
  if (d === 0) return true;
  if (!isExpr(d)) return false;
  const symbols = symbolsOf(d);
  if (symbols.size !== 1) return false;
  const [s] = symbols;
  const period = periodIn(d, s);
  if (period === undefined) return false;
  for (let x = 1; x <= period + 1; x++) if (valueAt(d, s, x) !== 0) return false;
  return true;
}
