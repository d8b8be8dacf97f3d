// What a rule requires of sizes it cannot decide. On a symbolic input (`H`, `W`) a rule that
// would raise for some sizes (a kernel larger than ⌊H/4⌋, a concatenation of H with 2·⌊H/2⌋)
// stays quiet, as unknown must; it states here what the framework will check, so the analysis
// can solve for the input sizes a model accepts (accepted-sizes.ts). Nothing here raises: with no
// collector listening (every analysis except a model run's) a requirement is dropped.
import { type Dim, dimDiffers, dimEquals, isExpr } from './dim';

export type SizeRequirement =
  /** dim ≥ min: a window's output (1), or a kernel within the padded input. */
  | { readonly kind: 'atLeast'; readonly dim: Dim; readonly min: number; readonly op: string }
  /** a = b: sizes a concatenation, an in_features or a reshape must match. */
  | { readonly kind: 'equal'; readonly a: Dim; readonly b: Dim; readonly op: string }
  /** a = b, or either is 1: broadcasting. */
  | { readonly kind: 'broadcast'; readonly a: Dim; readonly b: Dim; readonly op: string };

type Collector = (r: SizeRequirement) => void;
let collector: Collector | undefined;

/** Runs `f` with `collect` hearing every requirement the rules state (nested runs restore it). */
export function collectRequirements<T>(collect: Collector | undefined, f: () => T): T {
  const outer = collector;
  collector = collect;
  try {
    return f();
  } finally {
    collector = outer;
  }
}

/** True while a collector hears requirements (a memo that skips rules must not skip them then). */
export function collectingRequirements(): boolean {
  return collector !== undefined;
}

/** States requirements again (a memoized inference's, on reuse). */
export function restate(requirements: readonly SizeRequirement[]): void {
  if (collector) for (const r of requirements) collector(r);
}

// A requirement on an unknown size (null) is stated too: the solver then gives no answer.

/** d ≥ min, stated only when undecided (a known size is checked by the rule itself). */
export function requireAtLeast(d: Dim, min: number, op: string): void {
  if (collector && (d === null || isExpr(d))) collector({ kind: 'atLeast', dim: d, min, op });
}

/** a = b, stated only when neither certainly holds nor certainly fails. */
export function requireEqual(a: Dim, b: Dim, op: string): void {
  if (!collector || dimEquals(a, b) || dimDiffers(a, b)) return;
  collector({ kind: 'equal', a, b, op });
}

/** a and b broadcast: equal, or one of them 1. */
export function requireBroadcast(a: Dim, b: Dim, op: string): void {
  if (!collector || a === 1 || b === 1 || dimEquals(a, b)) return;
  collector({ kind: 'broadcast', a, b, op });
}

/** A size a rule could not follow on a symbolic input: no set of sizes can be claimed. */
export function requireUnknown(op: string): void {
  collector?.({ kind: 'equal', a: null, b: null, op });
}
