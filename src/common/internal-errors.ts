// The side channel for internal errors: bugs that a guard caught so that parsing and analysis
// never throw to their callers. They change no result (the guarded value becomes unknown) but
// are counted here, with the last few kept, so that the extension's output channel,
// `convshape check --debug`, the unit tests and the fuzzer can see them. Plain module state, no
// I/O: every layer may import it.

export interface InternalError {
  /** The guard that caught it (`engine.applyLayer`, `analysis.callValue`, ...). */
  readonly where: string;
  readonly message: string;
  readonly stack?: string;
}

/** How many are kept (the count goes on). */
const KEEP = 20;

let count = 0;
let recent: InternalError[] = [];
const listeners = new Set<(error: InternalError) => void>();

/** Base of the errors thrown on purpose (a rule's "unknown", a framework error, a budget): a
 *  guard that catches one has nothing to report. */
export class ExpectedCondition extends Error {}

/** True for the one resource limit a guard expects: input nested deeper than the stack allows. */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/** Reports `error` unless it was thrown on purpose or is the stack limit. */
export function reportUnexpected(where: string, error: unknown): void {
  if (!(error instanceof ExpectedCondition) && !isStackOverflow(error)) reportInternalError(where, error);
}

/** Counts an error a guard caught that means a bug (not an expected condition). Never throws. */
export function reportInternalError(where: string, error: unknown): void {
  const e = error instanceof Error ? error : undefined;
  const entry: InternalError = {
    where,
    message: e ? `${e.name}: ${e.message}` : String(error),
    ...(e?.stack ? { stack: e.stack } : {}),
  };
  count++;
  recent.push(entry);
  if (recent.length > KEEP) recent = recent.slice(-KEEP);
  for (const listener of listeners) {
    try {
      listener(entry);
    } catch {
      // A listener's own failure must not turn into another report (or a loop).
    }
  }
}

/** Internal errors reported since the last takeInternalErrors(). */
export function internalErrorCount(): number {
  return count;
}

/** The last few internal errors and their count since the previous call; resets both. */
export function takeInternalErrors(): { readonly count: number; readonly recent: readonly InternalError[] } {
  const taken = { count, recent };
  count = 0;
  recent = [];
  return taken;
}

/** Calls `listener` for each internal error reported from now on; returns the unsubscribe. */
export function onInternalError(listener: (error: InternalError) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
