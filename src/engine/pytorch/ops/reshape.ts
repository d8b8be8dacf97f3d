// view / reshape / flatten / unflatten: operations that regroup a tensor's elements. The heart is
// ATen's `infer_size` (one -1, the element count must match or divide), decided on symbolic sizes
// only when certain: `view(N, -1)` on [N, 16, H, W] is [N, 16·H·W].
import { type Dim, type Shape, dimDiffers, dimText, divExact, product } from '../../dim';
import { requireEqual, requireUnknown } from '../../size-requirements';
import type { OpArg, OpResult } from '../../types';
import { type Kwargs, UNKNOWN_TENSOR, bind, fail, intOf, isList, sizesOf, tensor, wrapDim } from './args';

type InferResult = { ok: true; shape: Dim[] } | { ok: false; message: string };

/** ATen's `infer_size`: resolves one -1 against the element count, in PyTorch's words. */
export function inferSize(sizes: readonly Dim[], numel: Dim): InferResult {
  const shapeText = `[${sizes.map(dimText).join(', ')}]`;
  let inferAt = -1;
  const known: Dim[] = [];
  for (let i = 0; i < sizes.length; i++) {
    const d = sizes[i];
    if (d === -1) {
      if (inferAt >= 0) return { ok: false, message: 'only one dimension can be inferred' };
      inferAt = i;
    } else if (typeof d === 'number' && d < 0) {
      return { ok: false, message: `invalid shape dimension ${d}` };
    } else {
      known.push(d);
    }
  }
  const newSize = product(known);
  const invalid = {
    ok: false as const,
    message: `shape '${shapeText}' is invalid for input of size ${dimText(numel)}`,
  };
  if (inferAt < 0) {
    requireEqual(numel, newSize, 'view');
    if ((typeof numel === 'number' && typeof newSize === 'number' && numel !== newSize) || dimDiffers(numel, newSize))
      return invalid;
    return { ok: true, shape: [...sizes] };
  }
  const out = [...sizes];
  if (numel === 0 && newSize === 0) {
    return {
      ok: false,
      message: `cannot reshape tensor of 0 elements into shape ${shapeText} because the unspecified dimension size -1 can be any value and is ambiguous`,
    };
  }
  const q = divExact(numel, newSize);
  if (q === false) return invalid;
  if (q === undefined) requireUnknown('view');
  out[inferAt] = q === undefined ? null : q;
  return { ok: true, shape: out };
}

/** `x.view(*shape)` / `x.reshape(shape)`; the same arithmetic for both. */
export function viewOp(self: Shape | null, args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const given =
    args.length > 0
      ? args
      : kwargs.shape !== undefined
        ? [kwargs.shape]
        : kwargs.size !== undefined
          ? [kwargs.size]
          : [];
  const sizes = sizesOf(given);
  if (!sizes) return UNKNOWN_TENSOR;
  const r = inferSize(sizes, self === null ? null : product(self));
  if (!r.ok) return self === null ? UNKNOWN_TENSOR : fail('reshape-mismatch', r.message);
  return tensor(r.shape);
}

/** `x.flatten(start_dim=0, end_dim=-1)` (nn.Flatten defaults to start_dim=1; not here). */
export function flattenOp(self: Shape | null, args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const b = bind(['start_dim', 'end_dim'], args, kwargs);
  const start = b.start_dim === undefined ? 0 : intOf(b.start_dim);
  const end = b.end_dim === undefined ? -1 : intOf(b.end_dim);
  if (self === null || start === undefined || end === undefined) return UNKNOWN_TENSOR;
  const s = wrapDim(start, self.length);
  if (!s.ok) return s.result;
  const e = wrapDim(end, self.length);
  if (!e.ok) return e.result;
  if (s.index > e.index)
    return fail('invalid-argument', 'flatten() has invalid args: start_dim cannot come after end_dim');
  if (self.length === 0) return tensor([1]);
  return tensor([...self.slice(0, s.index), product(self.slice(s.index, e.index + 1)), ...self.slice(e.index + 1)]);
}

/** `x.unflatten(dim, sizes)`: splits one axis; ATen rewrites infer_size's errors. */
export function unflattenOp(self: Shape | null, args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const b = bind(['dim', 'sizes'], args, kwargs);
  const dim = intOf(b.dim);
  const sizes = isList(b.sizes) ? sizesOf([b.sizes]) : undefined;
  if (self === null || dim === undefined || !sizes) return UNKNOWN_TENSOR;
  const w = wrapDim(dim, self.length);
  if (!w.ok) return w.result;
  if (sizes.length === 0) return fail('invalid-argument', 'unflatten: sizes must be non-empty');
  const axis = self[w.index];
  const r = inferSize(sizes, axis);
  if (!r.ok) {
    const message = r.message.includes('is invalid for input of size')
      ? `unflatten: Provided sizes [${sizes.map(dimText).join(', ')}] don't multiply up to the size of dim ${w.index} (${dimText(axis)}) in the input tensor`
      : `unflatten got an unexpected error:\n${r.message}`;
    return fail('reshape-mismatch', message);
  }
  return tensor([...self.slice(0, w.index), ...r.shape, ...self.slice(w.index + 1)]);
}
