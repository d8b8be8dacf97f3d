// Python's own errors that PyTorch code hits (unpacking, division by zero, an index out of range),
// in Python 3.11's words, reported only when certain: the operands are known, the sequence's
// length is exact (see `exactLength`), and the statement runs on every path.
import type { Range } from '../python';
import type { Context } from './context';
import { pushDiagnostic } from './diagnostics';
import type { DiagnosticCode } from '../engine';
import type { Value } from './values';

/**
 * Sequences whose length is certain: tuples and lists written as displays without `*spread`,
 * tuples an operation returns (`torch.chunk`, `x.shape`), and module containers built from them.
 * Anything else (a list grown by an unknown `extend`, one built in a loop that may not run) is
 * not in the set, so no error rests on its length.
 */
const exact = new WeakSet<object>();

export function markExactLength<T extends Value>(v: T): T {
  if (v.k === 'tuple' || v.k === 'list' || v.k === 'container') exact.add(v);
  return v;
}

/** The sequence's length is no longer certain (an imprecise mutation, a loop widening). */
export function forgetExactLength(v: Value): void {
  exact.delete(v);
}

export function hasExactLength(v: Value): boolean {
  return exact.has(v);
}

function report(ctx: Context, code: DiagnosticCode, message: string, range: Range | undefined): void {
  if (ctx.quiet || !range) return;
  pushDiagnostic(ctx, { range, code, message, fixes: [] });
}

/** `a, b, c = value`: Python's ValueError when the counts differ; true when it was raised. */
export function checkUnpack(
  ctx: Context,
  value: Value,
  targets: number,
  starred: boolean,
  range: Range | undefined,
): boolean {
  if ((value.k !== 'tuple' && value.k !== 'list') || !hasExactLength(value)) return false;
  const got = value.items.length;
  if (starred && got < targets - 1) {
    report(ctx, 'unpack-mismatch', `not enough values to unpack (expected at least ${targets - 1}, got ${got})`, range);
    return true;
  }
  if (starred || got === targets) return false;
  const message =
    got < targets
      ? `not enough values to unpack (expected ${targets}, got ${got})`
      : `too many values to unpack (expected ${targets})`;
  report(ctx, 'unpack-mismatch', message, range);
  return true;
}

/** Python 3.11's ZeroDivisionError text for `a op 0` on numbers, or undefined. */
export function zeroDivisionMessage(op: string, a: Value, b: Value): string | undefined {
  const isNumber = (v: Value) => v.k === 'int' || v.k === 'bool' || v.k === 'float' || v.k === 'dim';
  if (!isNumber(a) || !isNumber(b)) return undefined;
  const zero = (b.k === 'int' || b.k === 'float') && b.v === 0 ? true : b.k === 'bool' && !b.v;
  if (!zero) return undefined;
  const float = a.k === 'float' || b.k === 'float';
  if (op === '/') return float ? 'float division by zero' : 'division by zero';
  if (op === '//') return float ? 'float floor division by zero' : 'integer division or modulo by zero';
  if (op === '%') return float ? 'float modulo' : 'integer modulo by zero';
  return undefined;
}

/** `a op b` with a known zero divisor: reported; true when Python would raise. */
export function checkDivision(ctx: Context, op: string, a: Value, b: Value, range: Range): boolean {
  const message = zeroDivisionMessage(op, a, b);
  if (message) report(ctx, 'division-by-zero', message, range);
  return message !== undefined;
}

/** `seq[i]` past the end of a sequence of exact length: Python's (or nn.ModuleList's) IndexError. */
export function checkIndex(ctx: Context, seq: Value, index: Value, range: Range | undefined): void {
  if (index.k !== 'int' || !hasExactLength(seq)) return;
  let length: number;
  let message: string;
  if (seq.k === 'tuple' || seq.k === 'list') ((length = seq.items.length), (message = `${seq.k} index out of range`));
  else if (seq.k === 'container' && seq.kind !== 'ModuleDict')
    ((length = seq.items.length), (message = `index ${index.v} is out of range`));
  else return;
  if (index.v >= length || index.v < -length) report(ctx, 'index-out-of-range', message, range);
}
