// Shape queries that yield sizes rather than tensors: x.size(), x.size(d), x.shape, x.dim(),
// x.ndim, x.numel().
import { type Shape, product } from '../../dim';
import type { OpArg, OpResult } from '../../types';
import { type Kwargs, bind, intOf, wrapDim } from './args';

const dims = (shape: Shape): OpResult => ({ ok: true, value: { kind: 'dims', dims: shape } });

/** `x.size()` → dims, `x.size(d)` → one dim; undefined when nothing can be said. */
export function sizeQuery(self: Shape | null, args: readonly OpArg[], kwargs: Kwargs): OpResult | undefined {
  const b = bind(['dim'], args, kwargs);
  if (b.dim === undefined || b.dim === null) return self === null ? undefined : dims(self);
  const d = intOf(b.dim);
  if (d === undefined || self === null) return { ok: true, value: { kind: 'dim', dim: null } };
  // A 0-d tensor has no sizes at all: ATen says so before wrapping the dim.
  if (self.length === 0)
    return {
      ok: false,
      error: { code: 'invalid-argument', message: `Dimension specified as ${d} but tensor has no dimensions` },
    };
  const w = wrapDim(d, self.length);
  if (!w.ok) return w.result;
  return { ok: true, value: { kind: 'dim', dim: self[w.index] } };
}

/** `x.shape` (a method named 'shape' with no arguments). */
export function shapeQuery(self: Shape | null): OpResult | undefined {
  return self === null ? undefined : dims(self);
}

/** `x.dim()`, `x.ndim`, `x.ndimension()`. */
export function rankQuery(self: Shape | null): OpResult | undefined {
  return self === null ? undefined : { ok: true, value: { kind: 'dim', dim: self.length } };
}

/** `x.numel()`, `x.nelement()`. */
export function numelQuery(self: Shape | null): OpResult {
  return { ok: true, value: { kind: 'dim', dim: self === null ? null : product(self) } };
}
