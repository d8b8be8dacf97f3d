// Selecting along one axis with an index tensor: gather, index_select; and masked_fill, whose mask
// broadcasts to the tensor it fills. Messages are ATen 1.13's.
import { type Dim, type Shape, dimDiffers, dimText } from '../../dim';
import { broadcastShapes } from '../../broadcast';
import type { OpArg, OpResult } from '../../types';
import { type Kwargs, UNKNOWN_TENSOR, bind, fail, intOf, listText, shapeOf, tensor, wrapDim } from './args';

const text = (s: Shape) => listText(s.map(dimText));

/** `torch.gather(input, dim, index)`: the index's shape; smaller than the input off `dim`. */
export function gatherShape(self: Shape | null, dimArg: OpArg | undefined, indexArg: OpArg | undefined): OpResult {
  const dim = intOf(dimArg);
  const index = shapeOf(indexArg);
  if (self === null || dim === undefined || !index) return UNKNOWN_TENSOR;
  const w = wrapDim(dim, self.length);
  if (!w.ok) return w.result;
  if (Math.max(index.length, 1) !== Math.max(self.length, 1))
    return fail('rank-mismatch', 'Index tensor must have the same number of dimensions as input tensor');
  for (let d = 0; d < self.length; d++) {
    if (d === w.index) continue;
    const i = index[d],
      s = self[d];
    if (typeof i === 'number' && typeof s === 'number' && i > s)
      return fail(
        'index-out-of-range',
        `Size does not match at dimension ${d} expected index ${text(index)} to be smaller than self ${text(self)} apart from dimension ${w.index}`,
      );
    if (typeof i !== 'number' || typeof s !== 'number') return tensor(index.slice());
  }
  return tensor(index.slice());
}

export function gatherMethod(self: Shape | null, args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const b = bind(['dim', 'index'], args, kwargs);
  return gatherShape(self, b.dim, b.index);
}

/** `x.index_select(dim, index)`: axis `dim` becomes the index vector's length. */
export function indexSelectMethod(self: Shape | null, args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const b = bind(['dim', 'index'], args, kwargs);
  const dim = intOf(b.dim);
  const index = shapeOf(b.index);
  if (self === null || dim === undefined || !index) return UNKNOWN_TENSOR;
  const w = wrapDim(dim, self.length);
  if (!w.ok) return w.result;
  if (index.length > 1) return fail('rank-mismatch', 'index_select(): Index is supposed to be a vector');
  if (self.length === 0) return tensor([]);
  const out: Dim[] = [...self];
  out[w.index] = index.length === 0 ? 1 : index[0];
  return tensor(out);
}

/**
 * `x.masked_fill(mask, value)`: mask and x broadcast (mask first in ATen's message); the in-place
 * `masked_fill_` must keep x's shape.
 */
export function maskedFillMethod(self: Shape | null, args: readonly OpArg[], kwargs: Kwargs, name: string): OpResult {
  const mask = shapeOf(bind(['mask', 'value'], args, kwargs).mask);
  if (self === null) return UNKNOWN_TENSOR;
  // A mask not understood: in place the shape is self's (or PyTorch raises); out of place the mask
  // broadcasts with self and could widen it, so the result is unknown.
  if (!mask) return name.endsWith('_') ? tensor(self.slice()) : UNKNOWN_TENSOR;
  const r = broadcastShapes(mask, self);
  if (!r.ok) return { ok: false, error: r.error };
  if (!name.endsWith('_')) return tensor(r.shape);
  if (r.shape.length !== self.length || r.shape.some((d, i) => dimDiffers(d, self[i]))) return UNKNOWN_TENSOR;
  return tensor(self.slice());
}
