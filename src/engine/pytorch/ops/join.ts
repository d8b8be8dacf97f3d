// Joining and splitting: torch.cat, torch.stack, chunk, split, unbind. Error texts and the
// order of checks follow ATen 1.13 (cat skips legacy 1-D empty tensors of size [0]).
import { type Dim, type Shape, add, dimDiffers, dimText } from '../../dim';
import { requireEqual } from '../../size-requirements';
import type { OpArg, OpResult } from '../../types';
import {
  type Kwargs,
  UNKNOWN_TENSOR,
  bind,
  fail,
  intOf,
  isList,
  listText,
  shapeOf,
  sizesOf,
  tensor,
  tensors,
  wrapDim,
} from './args';

/** The shapes of a list of tensors; undefined when it is not a list, null entries for unknown. */
function shapeList(v: OpArg | undefined): (Shape | null)[] | undefined {
  if (!isList(v)) return undefined;
  const out: (Shape | null)[] = [];
  for (const item of v) {
    const s = shapeOf(item);
    if (s === undefined) return undefined;
    out.push(s);
  }
  return out;
}

const skippedInCat = (s: Shape) => s.length === 1 && s[0] === 0;

/** Concatenation of known shapes along `dim`, in ATen's order of checks. */
export function catShapes(shapes: readonly Shape[], dim: number): OpResult {
  if (shapes.length === 0) return fail('invalid-argument', 'torch.cat(): expected a non-empty list of Tensors');
  const zeroDim = shapes.findIndex(s => s.length === 0);
  if (zeroDim >= 0)
    return fail('rank-mismatch', `zero-dimensional tensor (at position ${zeroDim}) cannot be concatenated`);
  const valid = shapes.findIndex(s => !skippedInCat(s));
  if (valid < 0) return tensor([0]);
  const ref = shapes[valid];
  const w = wrapDim(dim, ref.length);
  if (!w.ok) return w.result;
  let total: Dim = 0;
  for (let i = 0; i < shapes.length; i++) {
    const s = shapes[i];
    if (skippedInCat(s)) continue;
    if (s.length !== ref.length)
      return fail('rank-mismatch', `Tensors must have same number of dimensions: got ${ref.length} and ${s.length}`);
    for (let d = 0; d < ref.length; d++) {
      if (d !== w.index) requireEqual(ref[d], s[d], 'torch.cat');
      if (d !== w.index && dimDiffers(ref[d], s[d])) {
        return fail(
          'cat-mismatch',
          `Sizes of tensors must match except in dimension ${w.index}. Expected size ${dimText(ref[d])} but got size ${dimText(s[d])} for tensor number ${i} in the list.`,
        );
      }
    }
    total = add(total, s[w.index]);
  }
  return tensor(ref.map((d, i) => (i === w.index ? total : (d ?? findKnown(shapes, i)))));
}

/** An axis that is unknown in one input may be known in another (they must agree). */
function findKnown(shapes: readonly Shape[], axis: number): Dim {
  for (const s of shapes) if (!skippedInCat(s) && s[axis] !== null && s[axis] !== undefined) return s[axis];
  return null;
}

export function catOp(args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const b = bind(['tensors', 'dim'], args, kwargs);
  const shapes = shapeList(b.tensors);
  const dim = b.dim === undefined ? 0 : intOf(b.dim ?? b.axis);
  if (!shapes || dim === undefined || shapes.some(s => s === null)) return UNKNOWN_TENSOR;
  return catShapes(shapes as Shape[], dim);
}

export function stackOp(args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const b = bind(['tensors', 'dim'], args, kwargs);
  const shapes = shapeList(b.tensors);
  const dim = b.dim === undefined ? 0 : intOf(b.dim);
  if (!shapes || dim === undefined) return UNKNOWN_TENSOR;
  if (shapes.length === 0) return fail('invalid-argument', 'stack expects a non-empty TensorList');
  const first = shapes[0];
  if (first === null || shapes.some(s => s === null)) return UNKNOWN_TENSOR;
  const known = shapes as Shape[];
  const w = wrapDim(dim, first.length + 1);
  if (!w.ok) return w.result;
  for (let i = 1; i < known.length; i++) {
    const s = known[i];
    if (s.length !== first.length || s.some((d, j) => dimDiffers(d, first[j]))) {
      return fail(
        'cat-mismatch',
        `stack expects each tensor to be equal size, but got ${listText(first.map(dimText))} at entry 0 and ${listText(s.map(dimText))} at entry ${i}`,
      );
    }
  }
  return tensor([...first.slice(0, w.index), known.length, ...first.slice(w.index)]);
}

/** Pieces of `sizes` along one axis of `self`. */
function pieces(self: Shape, axis: number, sizes: readonly Dim[]): OpResult {
  return tensors(sizes.map(n => self.map((d, i) => (i === axis ? n : d))));
}

export function chunkOp(self: Shape | null, args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const b = bind(['chunks', 'dim'], args, kwargs);
  const chunks = intOf(b.chunks);
  const dim = b.dim === undefined ? 0 : intOf(b.dim);
  if (self === null || chunks === undefined || dim === undefined) return UNKNOWN_TENSOR;
  if (self.length === 0) return fail('rank-mismatch', 'chunk expects at least a 1-dimensional tensor');
  if (chunks <= 0) return fail('invalid-argument', `chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  const w = wrapDim(dim, self.length);
  if (!w.ok) return w.result;
  const size = self[w.index];
  if (chunks === 1) return tensors([self]);
  if (typeof size !== 'number') return UNKNOWN_TENSOR;
  const splitSize = Math.ceil(size / chunks);
  if (splitSize === 0 && size === 0) return pieces(self, w.index, new Array<number>(chunks).fill(0));
  return splitEvenly(self, w.index, splitSize);
}

/** `split(int)`: pieces of that size, the last one smaller (at least one piece). */
function splitEvenly(self: Shape, axis: number, splitSize: number): OpResult {
  const size = self[axis] as number;
  const count = splitSize === 0 ? 1 : Math.max(Math.ceil(size / splitSize), 1);
  const sizes = new Array<number>(count).fill(splitSize);
  sizes[count - 1] = splitSize - (splitSize * count - size);
  return pieces(self, axis, sizes);
}

export function splitOp(self: Shape | null, args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const b = bind(['split_size_or_sections', 'dim'], args, kwargs);
  const spec = b.split_size_or_sections ?? b.split_size ?? b.split_sizes;
  const dim = b.dim === undefined ? 0 : intOf(b.dim);
  if (self === null || dim === undefined || spec === undefined) return UNKNOWN_TENSOR;
  if (self.length === 0) return fail('rank-mismatch', 'split expects at least a 1-dimensional tensor');
  if (isList(spec)) {
    const sizes = sizesOf([spec]);
    if (!sizes) return UNKNOWN_TENSOR;
    const w = wrapDim(dim, self.length);
    if (!w.ok) return w.result;
    const sizesText = listText(sizes.map(dimText));
    if (sizes.some(s => typeof s === 'number' && s < 0)) {
      return fail(
        'invalid-argument',
        `split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=${sizesText}`,
      );
    }
    const total = sizes.reduce<Dim>((acc, s) => add(acc, s), 0);
    if (dimDiffers(total, self[w.index])) {
      return fail(
        'invalid-argument',
        `split_with_sizes expects split_sizes to sum exactly to ${dimText(self[w.index])} (input tensor's size at dimension ${dim}), but got split_sizes=${sizesText}`,
      );
    }
    return pieces(self, w.index, sizes);
  }
  const splitSize = intOf(spec);
  if (splitSize === undefined) return UNKNOWN_TENSOR;
  if (splitSize < 0)
    return fail('invalid-argument', `split expects split_size be non-negative, but got split_size=${splitSize}`);
  const w = wrapDim(dim, self.length);
  if (!w.ok) return w.result;
  const size = self[w.index];
  if (typeof size !== 'number') return UNKNOWN_TENSOR;
  if (splitSize === 0 && size !== 0)
    return fail(
      'invalid-argument',
      `split_size can only be 0 if dimension size is 0, but got dimension size of ${size}`,
    );
  return splitEvenly(self, w.index, splitSize);
}

export function unbindOp(self: Shape | null, args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const dim = intOf(bind(['dim'], args, kwargs).dim ?? 0);
  if (self === null || dim === undefined) return UNKNOWN_TENSOR;
  if (self.length === 0) return fail('rank-mismatch', 'Dimension specified as 0 but tensor has no dimensions');
  const w = wrapDim(dim, self.length);
  if (!w.ok) return w.result;
  const n = self[w.index];
  if (typeof n !== 'number') return UNKNOWN_TENSOR;
  const rest = [...self.slice(0, w.index), ...self.slice(w.index + 1)];
  return tensors(new Array<Shape>(n).fill(rest));
}
