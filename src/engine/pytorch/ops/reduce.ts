// Reductions: sum, mean, amax, prod, std, var, norm, argmax, max/min (along a dim they return
// (values, indices)), all/any, logsumexp, median/mode, topk/sort. `dim=None` (or an empty tuple,
// in PyTorch 1.13) reduces everything; `keepdim` keeps reduced axes as 1.
import type { Dim, Shape } from '../../dim';
import { type OpArg, type OpResult, isTensorArg } from '../../types';
import {
  type Kwargs,
  UNKNOWN_TENSOR,
  bind,
  dimOf,
  fail,
  intListOf,
  intOf,
  isList,
  tensor,
  tensors,
  wrapDim,
} from './args';
import { binaryOp } from './elementwise';

/** The shape after reducing `dims` (null = all axes), with PyTorch's dim checks. */
export function reduceShape(
  self: Shape,
  dims: readonly number[] | null,
  keepdim: boolean,
): { ok: true; shape: Shape } | { ok: false; result: OpResult } {
  if (dims === null || dims.length === 0) return { ok: true, shape: keepdim ? self.map(() => 1) : [] };
  const reduced = new Set<number>();
  for (const d of dims) {
    const w = wrapDim(d, self.length);
    if (!w.ok) return w;
    if (reduced.has(w.index))
      return {
        ok: false,
        result: fail('invalid-argument', `dim ${w.index} appears multiple times in the list of dims`),
      };
    reduced.add(w.index);
  }
  const out: Dim[] = [];
  self.forEach((d, i) => {
    if (!reduced.has(i)) out.push(d);
    else if (keepdim) out.push(1);
  });
  return { ok: true, shape: out };
}

function keepdimOf(v: OpArg | undefined): boolean | undefined {
  if (v === undefined) return false;
  return typeof v === 'boolean' ? v : undefined;
}

/** Reduces `self` along the `dim` argument (int, tuple, or None/absent = all). */
function reduceBy(self: Shape | null, dimArg: OpArg | undefined, keepArg: OpArg | undefined): OpResult {
  const keepdim = keepdimOf(keepArg);
  if (keepdim === undefined) return UNKNOWN_TENSOR;
  const all = dimArg === undefined || dimArg === null;
  if (self === null) return all && !keepdim ? tensor([]) : UNKNOWN_TENSOR;
  const dims = all ? null : intListOf(dimArg);
  if (!all && !dims) return UNKNOWN_TENSOR;
  const r = reduceShape(self, dims ?? null, keepdim);
  return r.ok ? tensor(r.shape) : r.result;
}

/** sum, mean, nansum, nanmean, amax, amin, logsumexp, count_nonzero, all, any, prod. */
export function reduceOp(self: Shape | null, args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const b = bind(['dim', 'keepdim'], args, kwargs);
  return reduceBy(self, b.dim ?? b.axis, b.keepdim);
}

/** std / var (and their `_mean` pairs): a leading bool is the `unbiased` overload. */
export function statOp(self: Shape | null, args: readonly OpArg[], kwargs: Kwargs, pair = false): OpResult {
  const b =
    typeof args[0] === 'boolean'
      ? bind(['unbiased'], args, kwargs)
      : bind(['dim', 'unbiased', 'keepdim'], args, kwargs);
  const r = reduceBy(self, b.dim, b.keepdim);
  if (!pair || !r.ok || r.value.kind !== 'tensor') return r;
  return tensors([r.value.shape, r.value.shape]);
}

/** `norm(p='fro', dim=None, keepdim=False)`: the first positional is p. */
export function normOp(self: Shape | null, args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const b = bind(['p', 'dim', 'keepdim'], args, kwargs);
  return reduceBy(self, b.dim, b.keepdim);
}

/** argmax / argmin: dim None gives one index (or all-ones with keepdim). */
export function argReduceOp(self: Shape | null, args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const b = bind(['dim', 'keepdim'], args, kwargs);
  return reduceBy(self, b.dim, b.keepdim);
}

/**
 * max / min: no argument reduces everything; a dim gives (values, indices); a tensor is the
 * element-wise maximum with broadcasting.
 */
export function maxMinOp(self: Shape | null, args: readonly OpArg[], kwargs: Kwargs, name: string): OpResult {
  const b = bind(['dim', 'keepdim'], args, kwargs);
  const other = isTensorArg(b.dim) ? b.dim : kwargs.other;
  if (other !== undefined) return binaryOp(self, [other], {}, name);
  if (b.dim === undefined) return tensor([]);
  return valuesIndices(self, b.dim, b.keepdim);
}

/** An op returning (values, indices) reduced along one int dim: max/min/median/mode/kthvalue. */
function valuesIndices(self: Shape | null, dimArg: OpArg | undefined, keepArg: OpArg | undefined): OpResult {
  const r = reduceBy(self, intOf(dimArg) ?? (isList(dimArg) ? undefined : dimArg), keepArg);
  if (!r.ok) return r;
  const shape = r.value.kind === 'tensor' ? r.value.shape : null;
  return tensors([shape, shape]);
}

/** median / nanmedian: like max; mode defaults to the last axis. */
export function medianOp(self: Shape | null, args: readonly OpArg[], kwargs: Kwargs, defaultDim?: number): OpResult {
  const b = bind(['dim', 'keepdim'], args, kwargs);
  const dim = b.dim ?? defaultDim;
  if (dim === undefined) return tensor([]);
  return valuesIndices(self, dim, b.keepdim);
}

/** topk(k, dim=-1) → (values, indices) with that axis of size k; sort(dim=-1) keeps the shape. */
export function topkOp(self: Shape | null, args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const b = bind(['k', 'dim', 'largest', 'sorted'], args, kwargs);
  const k = dimOf(b.k);
  const dim = b.dim === undefined ? -1 : intOf(b.dim);
  if (self === null || k === undefined || dim === undefined) return UNKNOWN_TENSOR;
  const w = wrapDim(dim, self.length);
  if (!w.ok) return w.result;
  const size = self.length === 0 ? 1 : self[w.index];
  if (typeof k === 'number' && (k < 0 || (typeof size === 'number' && k > size)))
    return fail('index-out-of-range', 'selected index k out of range');
  const out = self.length === 0 ? [] : self.map((d, i) => (i === w.index ? k : d));
  return tensors([out, out]);
}

export function sortOp(self: Shape | null, args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const b = bind(['dim', 'descending'], args, kwargs);
  const dim = b.dim === undefined ? -1 : intOf(b.dim);
  if (self === null || dim === undefined) return UNKNOWN_TENSOR;
  const w = wrapDim(dim, self.length);
  if (!w.ok) return w.result;
  return tensors([self, self]);
}
