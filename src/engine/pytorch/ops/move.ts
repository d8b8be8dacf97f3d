// movedim / moveaxis and repeat_interleave: axes moved to new places, or one axis stretched.
import { type Dim, type Shape, mul, product } from '../../dim';
import type { OpArg, OpResult } from '../../types';
import { type Kwargs, UNKNOWN_TENSOR, bind, fail, intListOf, intOf, isList, listText, tensor, wrapDim } from './args';

/** `x.movedim(source, destination)`: the named axes go to their places, the others keep their order. */
export function movedimOp(self: Shape | null, args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const b = bind(['source', 'destination'], args, kwargs);
  const src = intListOf(b.source),
    dst = intListOf(b.destination);
  if (self === null || !src || !dst) return UNKNOWN_TENSOR;
  if (src.length !== dst.length)
    return fail(
      'rank-mismatch',
      `movedim: Invalid source or destination dims: source (${listText(src)} dims) should contain the same number of dims as destination (${listText(dst)} dims)`,
    );
  const wrap = (list: number[]): number[] | OpResult => {
    const out: number[] = [];
    for (const d of list) {
      const w = wrapDim(d, self.length);
      if (!w.ok) return w.result;
      out.push(w.index);
    }
    return out;
  };
  const from = wrap(src);
  if (!Array.isArray(from)) return from;
  const to = wrap(dst);
  if (!Array.isArray(to)) return to;
  if (new Set(from).size !== from.length || new Set(to).size !== to.length) return UNKNOWN_TENSOR;
  if (self.length === 0) return tensor([]);
  const out: Dim[] = new Array<Dim>(self.length);
  from.forEach((s, i) => (out[to[i]] = self[s]));
  const rest = self.filter((_, i) => !from.includes(i));
  for (let i = 0, j = 0; i < out.length; i++) if (!to.includes(i)) out[i] = rest[j++];
  return tensor(out);
}

/** `x.repeat_interleave(repeats, dim=None)` with an int count; a tensor of counts is data-dependent. */
export function repeatInterleaveOp(self: Shape | null, args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const b = bind(['repeats', 'dim'], args, kwargs);
  const repeats = intOf(b.repeats);
  if (self === null || repeats === undefined || isList(b.repeats)) return UNKNOWN_TENSOR;
  if (repeats < 0) return fail('invalid-argument', 'repeats can not be negative');
  if (b.dim === undefined || b.dim === null) return tensor([mul(product(self), repeats)]);
  const dim = intOf(b.dim);
  if (dim === undefined) return UNKNOWN_TENSOR;
  const w = wrapDim(dim, self.length);
  if (!w.ok) return w.result;
  if (self.length === 0) return tensor([repeats]);
  const out: Dim[] = [...self];
  out[w.index] = mul(self[w.index], repeats);
  return tensor(out);
}
