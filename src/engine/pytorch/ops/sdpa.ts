// F.scaled_dot_product_attention (PyTorch 2.0+; not in 1.13, so no golden): the shape rule of its
// documentation, query (N, ..., Hq, L, E), key (N, ..., H, S, E), value (N, ..., H, S, Ev) →
// (N, ..., Hq, L, Ev). Its error texts cannot be checked against a real PyTorch here, so a
// mismatch is left unknown rather than reported.
import { type Dim, type Shape, dimEquals } from '../../dim';
import type { OpArg, OpResult } from '../../types';
import { type Kwargs, UNKNOWN_TENSOR, bind, shapeOf, tensor } from './args';

export function sdpaOp(args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const b = bind(['query', 'key', 'value', 'attn_mask', 'dropout_p', 'is_causal', 'scale'], args, kwargs);
  const q = shapeOf(b.query),
    k = shapeOf(b.key),
    v = shapeOf(b.value);
  if (!q || !k || !v || q.length < 2 || k.length !== q.length || v.length !== q.length) return UNKNOWN_TENSOR;
  const last = (s: Shape, i: number): Dim => s[s.length - i];
  // E of query and key, S of key and value, and the leading axes must agree (GQA's head counts
  // may differ only with enable_gqa=True: the query's count is kept).
  if (!dimEquals(last(q, 1), last(k, 1)) || !dimEquals(last(k, 2), last(v, 2))) return UNKNOWN_TENSOR;
  const lead = q.length - 3;
  for (let i = 0; i < lead; i++) if (!dimEquals(q[i], k[i]) || !dimEquals(k[i], v[i])) return UNKNOWN_TENSOR;
  if (
    q.length >= 3 &&
    kwargs.enable_gqa !== true &&
    (!dimEquals(last(q, 3), last(k, 3)) || !dimEquals(last(k, 3), last(v, 3)))
  )
    return UNKNOWN_TENSOR;
  return tensor([...q.slice(0, -1), last(v, 1)]);
}
