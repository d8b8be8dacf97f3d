// A loop that runs an unknown number of times (a `for` over items not known, a `while` whose test
// is not known, and the rest of a loop too costly to follow item by item): its body is run to a
// fixpoint, with what it changes joined with what was there before it.
import type { Context, Frame } from './context';
import { type Region, captureRegion, inRegion, joinRegion, reachableAmong, rewindRegion, sameValue } from './heap';
import { withLoop } from './loop-exits';
import type { Scope } from './scope';
import { UNKNOWN_VALUE, type Value, join } from './values';

/** How a statement (or a loop body) ended. */
export type Completion = { k: 'normal' } | { k: 'break' } | { k: 'continue' } | { k: 'return'; value: Value };

/** The values `region` logged that were reachable before it began (from `before`, the enclosing
 *  scopes and the frames' instances): joined after it, not new. */
export function existedBefore(ctx: Context, scope: Scope, before: Map<string, Value>, region: Region): Set<object> {
  if (region.size === 0) return new Set();
  const roots = [...before.values()];
  for (let s = scope.parent; s; s = s.parent) roots.push(...s.vars.values());
  for (const f of ctx.frames) if (f.self) roots.push(f.self);
  return reachableAmong(roots, new Set(region.keys()));
}

/** Passes over the body of a loop that runs an unknown number of times before it is widened. */
const LOOP_PASSES = 3;

/**
 * A loop that runs an unknown number of times: its body is run from the state before (zero
 * iterations) and each name and mutated value joined with what it made, until a pass changes
 * nothing (a fixpoint: what the body keeps invariant stays known, so a block mapping
 * [N, 64, H, W] to itself keeps it); after LOOP_PASSES, whatever still changes is unknown.
 */
export function runUnknownLoop(ctx: Context, scope: Scope, frame: Frame | undefined, runBody: () => Completion): void {
  for (let pass = 1; ; pass++) {
    const before = scope.snapshot();
    const region: Region = new Map();
    const c = inRegion(ctx, region, () => ctx.uncertainly(() => withLoop(ctx, scope, true, runBody)));
    if (c.k === 'return') frame?.returns.push(c.value);
    const heap = captureRegion(region);
    const after = scope.snapshot();
    rewindRegion(region);
    scope.restore(before);
    const last = pass >= LOOP_PASSES;
    const heapChanged = joinRegion(region, [new Map(), heap], existedBefore(ctx, scope, before, region), last);
    let namesChanged = false;
    const joined = new Map(before);
    for (const [k, v] of after) {
      const old = before.get(k);
      const next = old !== undefined ? join(old, v) : v;
      if (old !== undefined && sameValue(old, next)) continue;
      namesChanged = true;
      joined.set(k, last ? UNKNOWN_VALUE : next);
    }
    scope.restore(joined);
    if ((!heapChanged && !namesChanged) || last) return;
  }
}

/**
 * Whether the rest of a loop is too costly to follow item by item: its first item took
 * `firstSteps` steps, and `rest` more at that cost would spend over half the budget left.
 * Such a rest runs as a loop of unknown count instead (a table of 200 × 512 numbers built in an
 * `__init__` used to end the model's budget there, and every later layer of the model with it).
 */
export function tooCostly(ctx: Context, firstSteps: number, rest: number): boolean {
  return rest > 0 && firstSteps * rest > (ctx.stepLimit - ctx.steps) / 2;
}
