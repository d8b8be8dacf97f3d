// A bug inside another file's code that this document's call triggers (its input, its
// arguments): reported at that call, naming where it lies — "in Bottleneck (models/common.py:12):
// …". Only what holds on every path is carried over (a diagnostic with a condition stays in its
// own file); its fixes edit the other file, so they are left out.
import type { Range } from '../python';
import type { Context } from './context';
import type { Origin } from './project';
import { lineColumn } from './text-index';
import type { Diagnostic } from './types';

/** Where a diagnostic raised in other code lies: its file, and the block or function it is in. */
interface RaisedElsewhere {
  readonly origin: Origin;
  readonly within: string;
}

const raisedIn = new WeakMap<Diagnostic, RaisedElsewhere | null>();

/**
 * After code of `origin` (or of this document, when undefined) ran inside a call: notes where the
 * diagnostics it raised from index `from` on lie; back in this document's own code (`outer`
 * undefined), moves those of other files to `call` and returns true when it did.
 */
export function settleRaised(
  ctx: Context,
  from: number,
  origin: Origin | undefined,
  outer: Origin | undefined,
  call: Range | undefined,
  within: string,
): void {
  const raised = ctx.rec.diagnostics;
  for (let i = from; i < raised.length; i++)
    if (!raisedIn.has(raised[i])) raisedIn.set(raised[i], origin ? { origin, within } : null);
  if (outer !== undefined) return; // still inside another file's code: the outermost call moves them
  const kept: Diagnostic[] = [];
  for (const d of raised.slice(from)) {
    const where = raisedIn.get(d);
    if (!where) kept.push(d);
    else if (call && d.condition === undefined) kept.push(moved(d, where, call));
  }
  raised.length = from;
  const key = (x: Diagnostic) => `${x.range.start}:${x.range.end}:${x.code}:${x.message}`;
  for (const d of kept) if (!raised.some(o => key(o) === key(d))) raised.push(d);
}

function moved(d: Diagnostic, where: RaisedElsewhere, call: Range): Diagnostic {
  const line = lineColumn(where.origin.text, d.range.start).line + 1;
  const moved: Diagnostic = {
    ...d,
    range: { start: call.start, end: call.end },
    message: `in ${where.within} (${where.origin.display}:${line}): ${d.message}`,
    fixes: [],
  };
  raisedIn.set(moved, null);
  return moved;
}
