// Element-wise operations: shape-preserving ones (activations, casts, device moves), ones that
// take a dim but keep the shape (softmax, cumsum), and binary ones that broadcast (add, mul, `+`).
import { type Shape, shapeText } from '../../dim';
import { broadcastAll, broadcastShapes } from '../../broadcast';
import { type OpArg, type OpResult, isTensorArg, isUnknown } from '../../types';
import { type Kwargs, UNKNOWN_TENSOR, bind, dimOf, fail, intOf, tensor, wrapDim } from './args';

/** The result has the input's shape (relu, float, to, contiguous, clone, ...). */
export function sameShapeOp(self: Shape | null): OpResult {
  return tensor(self);
}

/** softmax / log_softmax / cumsum / cumprod / cummax / flip-free ops with a dim argument. */
export function dimPreservingOp(self: Shape | null, args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const b = bind(['dim'], args, kwargs);
  if (self === null) return UNKNOWN_TENSOR;
  if (b.dim === undefined || b.dim === null) return tensor(self);
  const dim = intOf(b.dim);
  if (dim === undefined) return tensor(self);
  const w = wrapDim(dim, self.length);
  return w.ok ? tensor(self) : w.result;
}

/** Python's reflected operators (`__radd__`) put the tensor on the right: PyTorch's tensor b. */
const REFLECTED = /^__r(add|sub|mul|truediv|div|floordiv|mod|pow|matmul|and|or|xor)__$/;

/**
 * `self <op> other` with broadcasting. A number (or a size) broadcasts to anything; an in-place
 * op (`add_`, `__iadd__`) must not grow `self`.
 */
export function binaryOp(self: Shape | null, args: readonly OpArg[], kwargs: Kwargs, name: string): OpResult {
  const b = bind(['other'], args, kwargs);
  const other = b.other;
  if (other === undefined) return UNKNOWN_TENSOR;
  if (!isTensorArg(other)) {
    if (isUnknown(other)) return UNKNOWN_TENSOR; // it might be a tensor of any shape
    if (typeof other === 'number' || typeof other === 'boolean' || dimOf(other) !== undefined) return tensor(self);
    return UNKNOWN_TENSOR;
  }
  const otherShape = other.shape;
  if (self === null || otherShape === null) return UNKNOWN_TENSOR;
  const [a, c] = REFLECTED.test(name) ? [otherShape, self] : [self, otherShape];
  const r = broadcastShapes(a, c);
  if (!r.ok) return { ok: false, error: r.error };
  const inPlace = /^[a-z_]+[^_]_$/.test(name) || /^__i[a-z]+__$/.test(name);
  if (inPlace && r.shape.length !== self.length) {
    return fail(
      'broadcast-mismatch',
      `output with shape ${shapeText(self)} doesn't match the broadcast shape ${shapeText(r.shape)}`,
    );
  }
  if (inPlace && r.shape.some((d, i) => typeof d === 'number' && typeof self[i] === 'number' && d !== self[i])) {
    return fail(
      'broadcast-mismatch',
      `output with shape ${shapeText(self)} doesn't match the broadcast shape ${shapeText(r.shape)}`,
    );
  }
  return tensor(inPlace ? self : r.shape);
}

/** `torch.where(condition, x, y)`: all three broadcast, left to right. */
export function whereOp(args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const b = bind(['condition', 'input', 'other'], args, kwargs);
  const parts = [b.condition, b.input, b.other];
  if (b.input === undefined) return UNKNOWN_TENSOR; // where(cond) returns index tensors
  const shapes: Shape[] = [];
  for (const p of parts) {
    if (isTensorArg(p)) {
      if (p.shape === null) return UNKNOWN_TENSOR;
      shapes.push(p.shape);
    } else if (typeof p !== 'number' && typeof p !== 'boolean') {
      return UNKNOWN_TENSOR;
    }
  }
  const r = broadcastAll(shapes);
  return r.ok ? tensor(r.shape) : { ok: false, error: r.error };
}
