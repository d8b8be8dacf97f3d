// Memory budgets of one analysis. The step budget bounds time, not memory: a single step can build
// a list of millions of items (`[x] * 10**6`, `xs = xs + xs` in a loop), each model run starts with
// a fresh step budget, and every layer call of every run is kept in the Analysis. So sequences made
// by operations are charged here, per value and per analysis (a sequence over budget is unknown,
// as the interpreter says of anything it cannot know), and so are recorded layer calls and hint
// candidates, per run and per analysis (over budget, shapes still flow but are not recorded).
import type { Context, Recorder } from './context';

/** Items in one list, tuple, dict or string made by an operation (literals are bounded by the text). */
export const MAX_ITEMS_PER_VALUE = 100_000;
/** Items of all such sequences made in one analysis (small ones are free: steps bound them). */
export const MAX_ITEMS_PER_ANALYSIS = 4_000_000;
/** Layer calls and hint candidates recorded by one run (or the module level) and by one analysis. */
export const MAX_RECORDS_PER_RUN = 20_000;
export const MAX_RECORDS_PER_ANALYSIS = 200_000;

/** Below this many items a sequence costs nothing here: the steps that made it bound it. */
const FREE_ITEMS = 64;

interface Usage {
  items: number;
  records: number;
  run?: Recorder;
  runRecords: number;
}

const usage = new WeakMap<Context, Usage>();

function usageOf(ctx: Context): Usage {
  let u = usage.get(ctx);
  if (!u) usage.set(ctx, (u = { items: 0, records: 0, runRecords: 0 }));
  return u;
}

/**
 * Accounts for an operation about to make a sequence of `n` items: false when it is over budget
 * (the result is then unknown). Large sequences also cost steps, one per item, as a loop would.
 */
export function allotItems(ctx: Context, n: number): boolean {
  if (!(n <= MAX_ITEMS_PER_VALUE)) return false;
  if (n <= FREE_ITEMS) return true;
  const u = usageOf(ctx);
  if (u.items + n > MAX_ITEMS_PER_ANALYSIS || ctx.steps + n > ctx.stepLimit) return false;
  u.items += n;
  ctx.steps += n;
  return true;
}

/** Accounts for one recorded layer call or hint candidate of the current run: false when over budget. */
export function allotRecord(ctx: Context): boolean {
  const u = usageOf(ctx);
  if (u.run !== ctx.rec) ((u.run = ctx.rec), (u.runRecords = 0));
  if (u.runRecords >= MAX_RECORDS_PER_RUN || u.records >= MAX_RECORDS_PER_ANALYSIS) return false;
  u.runRecords++;
  u.records++;
  return true;
}
