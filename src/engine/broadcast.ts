// PyTorch broadcasting (also NumPy's and Keras' for element-wise ops): shapes are right-aligned,
// and each axis pair must be equal or contain a 1. Mirrors ATen's `infer_size`, which walks from
// the right-most axis and reports the first mismatch it meets, numbered in the output shape.
import { type Dim, type Shape, dimDiffers, dimEquals, dimText } from './dim';
import { requireBroadcast } from './size-requirements';
import type { ShapeError } from './types';

export type BroadcastResult = { ok: true; shape: Shape } | { ok: false; error: ShapeError };

/**
 * The broadcast of one axis pair: `undefined` when the pair certainly cannot broadcast. A dim
 * that might be 1 (symbolic or unknown) never gives an error: unknown is quiet.
 */
export function broadcastDim(a: Dim, b: Dim): Dim | undefined {
  if (a === 1) return b;
  if (b === 1) return a;
  if (dimEquals(a, b)) return a;
  if (typeof a === 'number' && typeof b === 'number') return undefined;
  // A symbol against a concrete size ≠ 1: PyTorch accepts only if the symbol is that size or 1;
  // the result is the concrete size in the first case and an error otherwise, so say the size.
  if (typeof a === 'number' && !dimDiffers(a, b)) return a;
  if (typeof b === 'number' && !dimDiffers(a, b)) return b;
  if (dimDiffers(a, b) && !mayBeOne(a) && !mayBeOne(b)) return undefined;
  return null;
}

/** Whether a dim could be 1 at run time (anything not certainly different from 1). */
function mayBeOne(d: Dim): boolean {
  return !dimDiffers(d, 1) && !(typeof d === 'number' && d !== 1);
}

/** Right-aligned broadcasting of two shapes; `a` and `b` name the tensors as PyTorch does. */
export function broadcastShapes(a: Shape, b: Shape): BroadcastResult {
  const rank = Math.max(a.length, b.length);
  const out: Dim[] = new Array(rank);
  // The right-most pair that may fail (undecided sizes): PyTorch names it, not a certain mismatch
  // further left, whenever it does fail.
  let mayFail: { i: number; sizeA: Dim; sizeB: Dim } | undefined;
  for (let i = rank - 1; i >= 0; i--) {
    const aIndex = i - (rank - a.length),
      bIndex = i - (rank - b.length);
    const sizeA = aIndex >= 0 ? a[aIndex] : 1;
    const sizeB = bIndex >= 0 ? b[bIndex] : 1;
    const d = broadcastDim(sizeA, sizeB);
    if (d === undefined) {
      const named = mayFail ?? { i, sizeA, sizeB };
      return {
        ok: false,
        error: {
          code: 'broadcast-mismatch',
          message: `The size of tensor a (${dimText(named.sizeA)}) must match the size of tensor b (${dimText(named.sizeB)}) at non-singleton dimension ${named.i}`,
        },
      };
    }
    // Undecided (a symbol against a size, or two symbols): what PyTorch will check.
    requireBroadcast(sizeA, sizeB, 'broadcast');
    if (d === null) mayFail ??= { i, sizeA, sizeB };
    out[i] = d;
  }
  return { ok: true, shape: out };
}

/** Broadcasts several shapes left to right, as `torch.where` and `torch.broadcast_tensors` do. */
export function broadcastAll(shapes: readonly Shape[]): BroadcastResult {
  let acc: Shape = [];
  for (const s of shapes) {
    const r = broadcastShapes(acc, s);
    if (!r.ok) return r;
    acc = r.shape;
  }
  return { ok: true, shape: acc };
}
