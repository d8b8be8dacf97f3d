// Argument handling shared by the tensor operations: Python-style binding of positional and
// keyword arguments, reading ints, sizes and dims out of OpArgs, PyTorch's dim wrapping with its
// own error text, and the small constructors of OpResults.
import { type Dim, type Shape, isExpr } from '../../dim';
import {
  type DiagnosticCode,
  type OpArg,
  type OpResult,
  type TensorArg,
  isTensorArg,
  isUnknown,
  tensorArg,
} from '../../types';

export type Kwargs = Readonly<Record<string, OpArg>>;
export type Bound = Record<string, OpArg | undefined>;

/** Binds arguments to parameter names in order; keywords override. Missing ones are undefined. */
export function bind(params: readonly string[], args: readonly OpArg[], kwargs: Kwargs): Bound {
  const out: Bound = {};
  params.forEach((p, i) => (out[p] = args[i]));
  for (const [k, v] of Object.entries(kwargs)) out[k] = v;
  return out;
}

/** A tensor result. */
export function tensor(shape: Shape | null): OpResult {
  return { ok: true, value: tensorArg(shape) };
}
/** Several tensors (chunk, split, max along a dim). */
export function tensors(shapes: readonly (Shape | null)[]): OpResult {
  return { ok: true, value: { kind: 'tensors', items: shapes.map(tensorArg) } };
}
/** The quiet answer: a tensor of unknown shape. */
export const UNKNOWN_TENSOR: OpResult = Object.freeze(tensor(null));

export function fail(code: DiagnosticCode, message: string): OpResult {
  return { ok: false, error: { code, message } };
}

/** A concrete Python int (booleans are not sizes here). */
export function intOf(v: OpArg | undefined): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

/** A concrete number (int or float). */
export function numberOf(v: OpArg | undefined): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

/** A size value: an int, a symbolic size, or unknown (null). `undefined` when it is not a size. */
export function dimOf(v: OpArg | undefined): Dim | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
  if (v === null || isUnknown(v)) return null;
  // Only a symbolic size is a size: a tensor argument (`torch.randn(t)`) is not.
  if (typeof v === 'object' && !Array.isArray(v) && isExpr(v as Dim) && (v as { kind?: unknown }).kind === 'expr')
    return v as Dim;
  return undefined;
}

export function isList(v: OpArg | undefined): v is readonly OpArg[] {
  return Array.isArray(v);
}

/** The shape of a tensor argument; `undefined` when it is not a tensor, `null` when unknown. */
export function shapeOf(v: OpArg | undefined): Shape | null | undefined {
  return isTensorArg(v) ? (v as TensorArg).shape : undefined;
}

/**
 * Sizes given as varargs (`x.view(2, 3)`) or as one tuple/list (`x.view((2, 3))`); `undefined`
 * when they are not all sizes. Unknown entries are null.
 */
export function sizesOf(args: readonly OpArg[]): Dim[] | undefined {
  // One argument not understood may be the whole size tuple: then even the rank is unknown.
  if (args.length === 1 && isUnknown(args[0])) return undefined;
  const list = args.length === 1 && isList(args[0]) ? args[0] : args;
  const out: Dim[] = [];
  for (const a of list) {
    const d = dimOf(a);
    if (d === undefined) return undefined;
    out.push(d);
  }
  return out;
}

/** Concrete ints given as varargs or one tuple/list (`permute(0, 2, 1)`); undefined if any is not known. */
export function intsOf(args: readonly OpArg[]): number[] | undefined {
  const list = args.length === 1 && isList(args[0]) ? args[0] : args;
  const out: number[] = [];
  for (const a of list) {
    const n = intOf(a);
    if (n === undefined) return undefined;
    out.push(n);
  }
  return out;
}

/** An int or a tuple/list of ints (`dim=(1, 2)`), as a list; undefined when not all known. */
export function intListOf(v: OpArg | undefined): number[] | undefined {
  if (isList(v)) return intsOf([v]);
  const n = intOf(v);
  return n === undefined ? undefined : [n];
}

export type Wrapped = { ok: true; index: number } | { ok: false; result: OpResult };

/** ATen's `maybe_wrap_dim`: a 0-d tensor wraps as if it had one axis. */
export function wrapDim(dim: number, rank: number): Wrapped {
  const r = Math.max(rank, 1);
  if (dim < -r || dim > r - 1) {
    return {
      ok: false,
      result: fail(
        'invalid-argument',
        `Dimension out of range (expected to be in range of [${-r}, ${r - 1}], but got ${dim})`,
      ),
    };
  }
  return { ok: true, index: dim < 0 ? dim + r : dim };
}

/** Python's `[2, 3]` rendering of a list of sizes, as PyTorch prints IntArrayRefs. */
export function listText(sizes: readonly (number | string)[]): string {
  return `[${sizes.join(', ')}]`;
}
