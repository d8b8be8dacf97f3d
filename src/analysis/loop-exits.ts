// `break`/`continue` on some paths only (in a branch of unknown condition): the rest of the
// iteration (continue) or of the loop (break) may not run. From the exit on, the statements run
// uncertainly and their mutations are logged (heap.ts); at the iteration's end (continue) or the
// loop's end (break) names and mutated values are joined with their state at the exit, so the
// loop never leaves exactly the state of the path that did not leave.
import type { Context } from './context';
import { type Region, captureRegion, closeRegion, joinRegion, openRegion, reachableAmong, rewindRegion } from './heap';
import type { Scope } from './scope';
import { type Value, join } from './values';

interface Exit {
  readonly region: Region;
  readonly states: Map<string, Value>[];
  kind: 'break' | 'continue';
}

interface LoopExits {
  /** A loop of unknown count: its passes are joined with the state before them anyway. */
  readonly ignore: boolean;
  readonly scope: Scope;
  open?: Exit;
}

const loops = new WeakMap<Context, LoopExits[]>();

/** Runs a loop; a break on some paths is settled when it ends (also by a return or an exception). */
export function withLoop<T>(ctx: Context, scope: Scope, ignore: boolean, f: () => T): T {
  let stack = loops.get(ctx);
  if (!stack) loops.set(ctx, (stack = []));
  const state: LoopExits = { ignore, scope };
  stack.push(state);
  try {
    return f();
  } finally {
    settle(ctx, state, true);
    stack.pop();
  }
}

/** Some paths of a branch just left the innermost loop's body (`kind`), others go on. */
export function mayExit(ctx: Context, kind: 'break' | 'continue', scope: Scope): void {
  const stack = loops.get(ctx);
  const state = stack?.[stack.length - 1];
  if (!state || state.ignore || state.scope !== scope) return;
  if (!state.open) {
    state.open = { region: new Map(), states: [], kind };
    openRegion(ctx, state.open.region);
    ctx.uncertain++;
  } else if (kind === 'break') state.open.kind = 'break';
  state.open.states.push(scope.snapshot());
}

/** At the end of an iteration: a continue on some paths is joined in (a break waits for the loop's end). */
export function endIteration(ctx: Context): void {
  const stack = loops.get(ctx);
  const state = stack?.[stack.length - 1];
  if (state) settle(ctx, state, false);
}

function settle(ctx: Context, state: LoopExits, loopEnd: boolean): void {
  const exit = state.open;
  if (!exit || (exit.kind === 'break' && !loopEnd)) return;
  state.open = undefined;
  closeRegion(ctx, exit.region);
  ctx.uncertain--;
  const heap = captureRegion(exit.region);
  rewindRegion(exit.region);
  const roots = exit.states.flatMap(s => [...s.values()]);
  for (let s = state.scope.parent; s; s = s.parent) roots.push(...s.vars.values());
  for (const f of ctx.frames) if (f.self) roots.push(f.self);
  joinRegion(
    exit.region,
    [new Map(), heap],
    exit.region.size ? reachableAmong(roots, new Set(exit.region.keys())) : new Set(),
  );
  joinScopes(state.scope, [state.scope.snapshot(), ...exit.states]);
}

/** Sets `scope` to the join of several outcomes of the same code (branches, loop exits). */
export function joinScopes(scope: Scope, outcomes: Map<string, Value>[]): void {
  const names = new Set(outcomes.flatMap(o => [...o.keys()]));
  const joined = new Map<string, Value>();
  for (const name of names) {
    const vals = outcomes.map(o => o.get(name)).filter((v): v is Value => v !== undefined);
    joined.set(
      name,
      vals.reduce((a, b) => join(a, b)),
    );
  }
  scope.restore(joined);
}
