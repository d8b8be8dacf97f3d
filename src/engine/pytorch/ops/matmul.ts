// Matrix products: matmul / `@` (with PyTorch 1.13's dispatch to dot, mv, mm, folded mm and
// batched bmm, each with its own error text), mm, bmm, mv, dot.
import { type Dim, type Shape, dimDiffers, dimText, mul, product } from '../../dim';
import { broadcastShapes } from '../../broadcast';
import type { OpArg, OpResult } from '../../types';
import { type Kwargs, UNKNOWN_TENSOR, bind, fail, shapeOf, tensor } from './args';

const t = dimText;

function mmError(n: Dim, k: Dim, k2: Dim, m: Dim): OpResult {
  return fail('features-mismatch', `mat1 and mat2 shapes cannot be multiplied (${t(n)}x${t(k)} and ${t(k2)}x${t(m)})`);
}

function dot(a: Shape, b: Shape): OpResult {
  if (dimDiffers(a[0], b[0])) {
    return fail(
      'features-mismatch',
      `inconsistent tensor size, expected tensor [${t(a[0])}] and src [${t(b[0])}] to have the same number of elements, but got ${t(a[0])} and ${t(b[0])} elements respectively`,
    );
  }
  return tensor([]);
}

/** mv of an (n × k) matrix and a k-vector. */
function mv(n: Dim, k: Dim, v: Dim): OpResult | undefined {
  return dimDiffers(k, v)
    ? fail('features-mismatch', `size mismatch, got ${t(n)}, ${t(n)}x${t(k)},${t(v)}`)
    : undefined;
}

/** `torch.matmul(a, b)`; `a` and `b` are known shapes. */
export function matmulShapes(a: Shape, b: Shape): OpResult {
  const ra = a.length,
    rb = b.length;
  if (ra === 0 || rb === 0)
    return fail('rank-mismatch', `both arguments to matmul need to be at least 1D, but they are ${ra}D and ${rb}D`);
  if (ra === 1 && rb === 1) return dot(a, b);
  if (ra === 2 && rb === 1) return mv(a[0], a[1], b[0]) ?? tensor([a[0]]);
  if (ra === 1 && rb === 2) return dimDiffers(a[0], b[0]) ? mmError(1, a[0], b[0], b[1]) : tensor([b[1]]);
  if (ra === 2 && rb === 2) return dimDiffers(a[1], b[0]) ? mmError(a[0], a[1], b[0], b[1]) : tensor([a[0], b[1]]);
  if (ra >= 3 && rb <= 2) {
    // ATen folds a's batch axes into its rows: (B·n × k).
    const batch = a.slice(0, -2),
      n = a[ra - 2],
      k = a[ra - 1];
    const rows = mul(product(batch), n);
    if (rb === 1) return mv(rows, k, b[0]) ?? tensor([...batch, n]);
    return dimDiffers(k, b[0]) ? mmError(rows, k, b[0], b[1]) : tensor([...batch, n, b[1]]);
  }
  if (ra <= 2 && rb >= 3) {
    // ATen transposes: b's batches and columns fold into rows of bᵀ (B·p × k₂), times aᵀ.
    const batch = b.slice(0, -2),
      k2 = b[rb - 2],
      p = b[rb - 1];
    const rows = mul(product(batch), p);
    if (ra === 1) return mv(rows, k2, a[0]) ?? tensor([...batch, p]);
    return dimDiffers(a[1], k2) ? mmError(rows, k2, a[1], a[0]) : tensor([...batch, a[0], p]);
  }
  // Batched: broadcast the batch axes, then bmm.
  const batchA = a.slice(0, -2),
    batchB = b.slice(0, -2);
  const r = broadcastShapes(batchA, batchB);
  if (!r.ok) return { ok: false, error: r.error };
  const n = a[ra - 2],
    k = a[ra - 1],
    k2 = b[rb - 2],
    p = b[rb - 1];
  if (dimDiffers(k, k2)) {
    const bsz = product(r.shape);
    return fail(
      'features-mismatch',
      `Expected size for first two dimensions of batch2 tensor to be: [${t(bsz)}, ${t(k)}] but got: [${t(bsz)}, ${t(k2)}].`,
    );
  }
  return tensor([...r.shape, n, p]);
}

function operands(args: readonly OpArg[], kwargs: Kwargs, names: [string, string]): [Shape, Shape] | undefined {
  const b = bind(names, args, kwargs);
  const x = shapeOf(b[names[0]]),
    y = shapeOf(b[names[1]]);
  return x && y ? [x, y] : undefined;
}

/** `torch.matmul(input, other)`. */
export function matmulOp(args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const ops = operands(args, kwargs, ['input', 'other']);
  return ops ? matmulShapes(...ops) : UNKNOWN_TENSOR;
}

/** `torch.mm(input, mat2)`: both must be matrices. */
export function mmOp(args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const ops = operands(args, kwargs, ['input', 'mat2']);
  if (!ops) return UNKNOWN_TENSOR;
  const [a, b] = ops;
  if (a.length !== 2) return fail('rank-mismatch', 'self must be a matrix');
  if (b.length !== 2) return fail('rank-mismatch', 'mat2 must be a matrix');
  return dimDiffers(a[1], b[0]) ? mmError(a[0], a[1], b[0], b[1]) : tensor([a[0], b[1]]);
}

/** `torch.bmm(input, mat2)`: both 3-D with the same batch. */
export function bmmOp(args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const ops = operands(args, kwargs, ['input', 'mat2']);
  if (!ops) return UNKNOWN_TENSOR;
  const [a, b] = ops;
  if (a.length !== 3) return fail('rank-mismatch', 'batch1 must be a 3D tensor');
  if (b.length !== 3) return fail('rank-mismatch', 'batch2 must be a 3D tensor');
  if (dimDiffers(a[0], b[0]) || dimDiffers(a[2], b[1])) {
    return fail(
      'features-mismatch',
      `Expected size for first two dimensions of batch2 tensor to be: [${t(a[0])}, ${t(a[2])}] but got: [${t(b[0])}, ${t(b[1])}].`,
    );
  }
  return tensor([a[0], a[1], b[2]]);
}

/** `torch.mv(input, vec)`. */
export function mvOp(args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const ops = operands(args, kwargs, ['input', 'vec']);
  if (!ops) return UNKNOWN_TENSOR;
  const [a, v] = ops;
  if (a.length !== 2 || v.length !== 1) return UNKNOWN_TENSOR;
  return mv(a[0], a[1], v[0]) ?? tensor([a[0]]);
}

/** `torch.dot(input, tensor)`. */
export function dotOp(args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const ops = operands(args, kwargs, ['input', 'tensor']);
  if (!ops || ops[0].length !== 1 || ops[1].length !== 1) return UNKNOWN_TENSOR;
  return dot(...ops);
}
