// Operations that move, add, drop or stretch axes without regrouping elements: permute,
// transpose, t, squeeze, unsqueeze, expand, repeat.
import { type Dim, type Shape, dimDiffers, dimEquals, dimText, mul } from '../../dim';
import type { OpArg, OpResult } from '../../types';
import {
  type Kwargs,
  UNKNOWN_TENSOR,
  bind,
  fail,
  intOf,
  intsOf,
  listText,
  shapeOf,
  sizesOf,
  tensor,
  wrapDim,
} from './args';

export function permuteOp(self: Shape | null, args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const dims = intsOf(args.length > 0 ? args : kwargs.dims !== undefined ? [kwargs.dims] : []);
  if (self === null || !dims) return UNKNOWN_TENSOR;
  if (dims.length !== self.length) {
    return fail(
      'rank-mismatch',
      `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${self.length} is not equal to len(dims) = ${dims.length}`,
    );
  }
  const seen = new Set<number>();
  const out: Dim[] = [];
  for (const d of dims) {
    const w = wrapDim(d, self.length);
    if (!w.ok) return w.result;
    if (seen.has(w.index)) return fail('invalid-argument', 'permute(): duplicate dims are not allowed.');
    seen.add(w.index);
    out.push(self[w.index]);
  }
  return tensor(out);
}

export function transposeOp(self: Shape | null, args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const b = bind(['dim0', 'dim1'], args, kwargs);
  const d0 = intOf(b.dim0 ?? b.axis0),
    d1 = intOf(b.dim1 ?? b.axis1);
  if (self === null || d0 === undefined || d1 === undefined) return UNKNOWN_TENSOR;
  const w0 = wrapDim(d0, self.length);
  if (!w0.ok) return w0.result;
  const w1 = wrapDim(d1, self.length);
  if (!w1.ok) return w1.result;
  if (self.length === 0) return tensor([]);
  const out = [...self];
  [out[w0.index], out[w1.index]] = [self[w1.index], self[w0.index]];
  return tensor(out);
}

export function tOp(self: Shape | null): OpResult {
  if (self === null) return UNKNOWN_TENSOR;
  if (self.length > 2)
    return fail('rank-mismatch', `t() expects a tensor with <= 2 dimensions, but self is ${self.length}D`);
  return tensor([...self].reverse());
}

/** `x.T`: all axes reversed. */
export function reverseOp(self: Shape | null): OpResult {
  return self === null ? UNKNOWN_TENSOR : tensor([...self].reverse());
}

/** `x.mT`: the last two axes swapped. */
export function matrixTransposeOp(self: Shape | null): OpResult {
  if (self === null || self.length < 2) return UNKNOWN_TENSOR;
  return tensor([...self.slice(0, -2), self[self.length - 1], self[self.length - 2]]);
}

/**
 * `squeeze(dim=None)` drops size-1 axes. A symbolic axis is kept (it is a named size, taken to
 * be > 1); an unknown axis might be 1, so the result is unknown.
 */
export function squeezeOp(self: Shape | null, args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const b = bind(['dim'], args, kwargs);
  if (self === null) return UNKNOWN_TENSOR;
  if (b.dim === undefined || b.dim === null) {
    if (self.some(d => d === null)) return UNKNOWN_TENSOR;
    return tensor(self.filter(d => d !== 1));
  }
  const dim = intOf(b.dim);
  if (dim === undefined) return UNKNOWN_TENSOR;
  const w = wrapDim(dim, self.length);
  if (!w.ok) return w.result;
  if (self.length === 0) return tensor([]);
  const d = self[w.index];
  if (d === null) return UNKNOWN_TENSOR;
  return tensor(d === 1 ? [...self.slice(0, w.index), ...self.slice(w.index + 1)] : self);
}

export function unsqueezeOp(self: Shape | null, args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const dim = intOf(bind(['dim'], args, kwargs).dim);
  if (self === null || dim === undefined) return UNKNOWN_TENSOR;
  const w = wrapDim(dim, self.length + 1);
  if (!w.ok) return w.result;
  return tensor([...self.slice(0, w.index), 1, ...self.slice(w.index)]);
}

/** ATen's `infer_expand_geometry`, right to left; -1 keeps an existing axis. */
export function expandTo(self: Shape, sizes: readonly Dim[]): OpResult {
  if (sizes.length < self.length) {
    return fail(
      'rank-mismatch',
      `expand(torch.FloatTensor{${shapeList(self)}}, size=${shapeList(sizes)}): the number of sizes provided (${sizes.length}) must be greater or equal to the number of dimensions in the tensor (${self.length})`,
    );
  }
  // ATen expands a 0-d tensor through a different path, which multiplies the -1 into its numel.
  if (self.length === 0 && sizes.includes(-1))
    return fail('invalid-argument', 'numel: integer multiplication overflow');
  const out: Dim[] = new Array(sizes.length);
  for (let i = sizes.length - 1; i >= 0; i--) {
    const j = i - (sizes.length - self.length);
    const size: Dim = j >= 0 ? self[j] : 1;
    let target = sizes[i];
    if (target === -1) {
      if (j < 0)
        return fail(
          'invalid-argument',
          `The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension ${i}`,
        );
      target = size;
    }
    if (dimEquals(size, target) || size === 1) {
      out[i] = target;
    } else if (dimDiffers(size, 1) && dimDiffers(size, target)) {
      return fail(
        'broadcast-mismatch',
        `The expanded size of the tensor (${dimText(target)}) must match the existing size (${dimText(size)}) at non-singleton dimension ${i}.  Target sizes: ${shapeList(sizes)}.  Tensor sizes: ${shapeList(self)}`,
      );
    } else {
      // Either the axis is 1 (→ target) or equals target: target in both cases, unless unknown.
      out[i] = target;
    }
  }
  return tensor(out);
}

function shapeList(s: readonly Dim[]): string {
  return listText(s.map(dimText));
}

export function expandOp(self: Shape | null, args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const sizes = sizesOf(args.length > 0 ? args : kwargs.size !== undefined ? [kwargs.size] : []);
  if (self === null || !sizes) return UNKNOWN_TENSOR;
  return expandTo(self, sizes);
}

export function expandAsOp(self: Shape | null, args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const other = shapeOf(bind(['other'], args, kwargs).other);
  if (self === null || !other) return UNKNOWN_TENSOR;
  return expandTo(self, other);
}

export function repeatOp(self: Shape | null, args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const reps = sizesOf(args.length > 0 ? args : kwargs.repeats !== undefined ? [kwargs.repeats] : []);
  if (self === null || !reps) return UNKNOWN_TENSOR;
  if (reps.length < self.length)
    return fail(
      'rank-mismatch',
      'Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor',
    );
  const padded: Dim[] = [...new Array<Dim>(reps.length - self.length).fill(1), ...self];
  return tensor(padded.map((d, i) => mul(d, reps[i])));
}
