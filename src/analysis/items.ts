// Subscripts and iteration: lists, tuples, dicts, module containers, `x.shape[1]`, and basic
// tensor indexing (`x[:, 0]`, `x[..., None]`, `x[:, 1:]`).
import { type SubscriptPart, subscriptField } from './receptive';
import { type Dim, type IndexPart, isKnown, sub } from '../engine';
import { reportOpError } from './diagnostics';
import type { Range } from '../python';
import { MAX_ITEMS_PER_VALUE, allotItems } from './budget';
import type { Context } from './context';
import { checkIndex } from './python-errors';
import { UNKNOWN_VALUE, type Value, containerChildren, keyOf, tensor } from './values';
import { getMember, isModulesView, isOpaque } from './module-names';
import { recordItems } from './records';
import { isNamespaceView, namespaceItem } from './namespace-view';
import { instanceDictItem, isInstanceDict } from './instance-dict';

function normIndex(i: number, length: number): number | undefined {
  const j = i < 0 ? length + i : i;
  return j >= 0 && j < length ? j : undefined;
}

/** Python slice semantics on a known length. */
function sliceIndices(length: number, lower: Value, upper: Value, step: Value): number[] | undefined {
  const st = step.k === 'none' ? 1 : step.k === 'int' ? step.v : undefined;
  if (!st) return undefined;
  const bound = (v: Value, dflt: number): number | undefined => {
    if (v.k === 'none') return dflt;
    if (v.k !== 'int') return undefined;
    const x = v.v < 0 ? v.v + length : v.v;
    return st > 0 ? Math.min(Math.max(x, 0), length) : Math.min(Math.max(x, -1), length - 1);
  };
  const lo = bound(lower, st > 0 ? 0 : length - 1);
  const hi = bound(upper, st > 0 ? length : -1);
  if (lo === undefined || hi === undefined) return undefined;
  const out: number[] = [];
  for (let i = lo; st > 0 ? i < hi : i > hi; i += st) out.push(i);
  return out;
}

/** The length of `d[lower:upper:step]` on one tensor axis. */
function sliceDim(d: Dim, s: Extract<Value, { k: 'slice' }>): Dim {
  if (isKnown(d)) return sliceIndices(d, s.lower, s.upper, s.step)?.length ?? null;
  const plain = s.step.k === 'none' || (s.step.k === 'int' && s.step.v === 1);
  if (!plain || d === null) return null;
  if (s.upper.k !== 'none') return null;
  if (s.lower.k === 'none') return d;
  if (s.lower.k === 'int') return s.lower.v >= 0 ? sub(d, s.lower.v) : -s.lower.v;
  return null;
}

/** A written list of ints (or of bools, a mask), nested rectangular lists of ints: as an index part. */
function listPart(p: Extract<Value, { k: 'list' | 'tuple' }>): IndexPart {
  if (p.items.length > 0 && p.items.every(i => i.k === 'bool'))
    return { kind: 'mask', shape: [p.items.length], count: p.items.filter(i => i.k === 'bool' && i.v).length };
  if (p.items.every(i => i.k === 'int'))
    return { kind: 'ints', shape: [p.items.length], values: p.items.map(i => (i.k === 'int' ? i.v : 0)) };
  const rows = p.items.map(i => (i.k === 'list' || i.k === 'tuple' ? listPart(i) : undefined));
  const first = rows[0];
  if (first?.kind !== 'ints' || rows.some(r => r?.kind !== 'ints' || r.shape.length !== first.shape.length))
    return { kind: 'unknown' };
  const shapes = rows.map(r => (r?.kind === 'ints' ? r.shape : []));
  if (shapes.some(sh => sh.some((d, i) => d !== first.shape[i]))) return { kind: 'unknown' };
  const values = rows.flatMap(r => (r?.kind === 'ints' ? (r.values ?? []) : []));
  return { kind: 'ints', shape: [rows.length, ...first.shape], values };
}

/** One part of a subscript as the engine reads it; `nested`: inside the index tuple. */
function indexPart(p: Value, nested: boolean): IndexPart {
  switch (p.k) {
    case 'none':
      return { kind: 'none' };
    case 'builtin':
      return p.name === 'Ellipsis' ? { kind: 'ellipsis' } : { kind: 'unknown' };
    case 'int':
      return { kind: 'int', value: p.v };
    case 'dim':
      return { kind: 'int' };
    case 'slice':
      return { kind: 'slice', length: d => sliceDim(d, p) };
    case 'list':
    case 'tuple': {
      // A bare list of lists is read as a tuple by PyTorch's legacy rule: not followed.
      const part = listPart(p);
      return !nested && part.kind === 'ints' && part.shape.length > 1 ? { kind: 'unknown' } : part;
    }
    case 'tensor':
      // A tensor index is an integer index or a boolean mask: which one must be known.
      if (!p.shape || p.packed) return { kind: 'unknown' };
      if (p.dtype === 'int') return p.shape.length === 0 ? { kind: 'int' } : { kind: 'ints', shape: p.shape };
      if (p.dtype === 'bool') return { kind: 'mask', shape: p.shape, count: null };
      return { kind: 'unknown' };
    default:
      return { kind: 'unknown' };
  }
}

/**
 * Basic indexing (`x[:, 0]`, `x[..., None]`, `x[:, 1:]`) and advanced indexing by lists, integer
 * tensors and masks, by the tensor's framework's rule (the plain tensors' when it has none, then
 * quiet: its words are not that framework's). Its errors are reported at the subscript.
 */
function indexTensor(ctx: Context, obj: Extract<Value, { k: 'tensor' }>, index: Value, range: Range): Value {
  if (!obj.shape) return tensor(null);
  const parts = index.k === 'tuple' ? index.items.map(p => indexPart(p, true)) : [indexPart(index, false)];
  const own = ctx.frontends.find(f => f.arithmetic.claims(ctx, obj, obj))?.arithmetic;
  const rule = own?.index ?? ctx.frontends.find(f => f.arithmetic.index)?.arithmetic.index;
  const r = rule?.(obj.shape, parts);
  if (!r) return tensor(null);
  if (!r.ok) {
    if (!own || own.index) reportOpError(ctx, r.error, range);
    return tensor(null);
  }
  const items = index.k === 'tuple' ? index.items : [index];
  const out = tensor(r.shape, subscriptField(obj.rf, items.map(subscriptPart), obj.shape.length));
  return obj.dtype && out.k === 'tensor' ? { ...out, dtype: obj.dtype } : out;
}

/** How a subscript's part moves positions (receptive.ts `subscriptField`). */
function subscriptPart(p: Value): SubscriptPart {
  if (p.k === 'int' || p.k === 'dim') return 'int';
  if (p.k === 'builtin' && p.name === 'Ellipsis') return 'ellipsis';
  if (p.k === 'slice' && (p.step.k === 'none' || (p.step.k === 'int' && p.step.v === 1))) return 'keep';
  return 'other';
}

const GENERIC_BUILTINS = new Set(['list', 'dict', 'tuple', 'set', 'frozenset', 'type']);

/** `nn.ModuleList[nn.Module]`, `List[int]`, `dict[str, int]`: a generic alias, called as the class
 *  itself. Only class-like names (capitalised, or typing's) are: `sys.argv[1]` stays unknown. */
function genericAlias(obj: Extract<Value, { k: 'extern' | 'builtin' }>): Value {
  if (obj.k === 'builtin') return GENERIC_BUILTINS.has(obj.name) ? obj : UNKNOWN_VALUE;
  const last = obj.q.slice(obj.q.lastIndexOf('.') + 1);
  return /^[A-Z]/.test(last) || obj.q.startsWith('typing.') ? obj : UNKNOWN_VALUE;
}

export function getItem(ctx: Context, obj: Value, index: Value, range: Range): Value {
  if (isModulesView(obj)) return getMember(ctx, obj.self, index);
  if (isNamespaceView(obj)) return namespaceItem(ctx, obj, index);
  if (isInstanceDict(obj)) return instanceDictItem(obj, index);
  if (isOpaque(obj)) return UNKNOWN_VALUE;
  if (obj.k === 'extern' || obj.k === 'builtin') return genericAlias(obj);
  checkIndex(ctx, obj, index, range);
  switch (obj.k) {
    case 'list':
    case 'tuple': {
      if (index.k === 'int' || index.k === 'bool') {
        const i = normIndex(index.k === 'int' ? index.v : +index.v, obj.items.length);
        return i === undefined ? UNKNOWN_VALUE : obj.items[i];
      }
      if (index.k === 'slice') {
        const idx = sliceIndices(obj.items.length, index.lower, index.upper, index.step);
        if (!idx || !allotItems(ctx, idx.length)) return UNKNOWN_VALUE;
        const items = idx.map(i => obj.items[i]);
        return obj.k === 'list' ? { k: 'list', items } : { k: 'tuple', items };
      }
      return UNKNOWN_VALUE;
    }
    case 'dict': {
      const key = keyOf(index);
      const at = key === undefined ? -1 : obj.keys.findIndex(k => keyOf(k) === key);
      return at >= 0 ? obj.values[at] : UNKNOWN_VALUE;
    }
    case 'container': {
      if (index.k === 'str') {
        const at = obj.keys.indexOf(index.v);
        return at >= 0 ? obj.items[at] : UNKNOWN_VALUE;
      }
      if (index.k === 'int') {
        const i = normIndex(index.v, obj.items.length);
        return i === undefined ? UNKNOWN_VALUE : obj.items[i];
      }
      if (index.k === 'slice') {
        const idx = sliceIndices(obj.items.length, index.lower, index.upper, index.step);
        if (!idx) return UNKNOWN_VALUE;
        return {
          k: 'container',
          framework: obj.framework,
          kind: obj.kind,
          keys: idx.map(i => obj.keys[i]),
          items: idx.map(i => obj.items[i]),
          site: obj.site,
        };
      }
      return UNKNOWN_VALUE;
    }
    case 'tensor':
      return indexTensor(ctx, obj, index, range);
    case 'object': {
      const fields = recordItems(obj);
      if (fields) return getItem(ctx, { k: 'tuple', items: fields }, index, range);
      if (!obj.cls.container) return UNKNOWN_VALUE;
      const children = containerChildren(obj);
      if (index.k === 'str' && obj.cls.container === 'ModuleDict')
        return children.find(([key]) => key === index.v)?.[1] ?? UNKNOWN_VALUE;
      if (index.k === 'int' && obj.cls.container !== 'ModuleDict') {
        const i = normIndex(index.v, children.length);
        return i === undefined ? UNKNOWN_VALUE : children[i][1];
      }
      return UNKNOWN_VALUE;
    }
    case 'str':
      return index.k === 'int' && normIndex(index.v, obj.v.length) !== undefined
        ? { k: 'str', v: obj.v[normIndex(index.v, obj.v.length)!] }
        : UNKNOWN_VALUE;
    default:
      return UNKNOWN_VALUE;
  }
}

/** The items a `for` loop would see, or undefined when they cannot be known. */
export function iterate(v: Value): Value[] | undefined {
  if (isOpaque(v)) return undefined;
  switch (v.k) {
    case 'list':
    case 'tuple':
      return [...v.items];
    case 'dict':
      return [...v.keys];
    case 'str':
      return v.v.length <= MAX_ITEMS_PER_VALUE ? [...v.v].map(c => ({ k: 'str', v: c })) : undefined;
    case 'object':
      if (recordItems(v)) return recordItems(v);
      if (v.cls.container === 'ModuleDict') return containerChildren(v).map(([key]) => ({ k: 'str', v: key }));
      return v.cls.container ? containerChildren(v).map(([, c]) => c) : undefined;
    case 'container':
      return v.kind === 'ModuleDict' ? v.keys.map(key => ({ k: 'str', v: key })) : [...v.items];
    case 'tensor': {
      const first = v.shape?.[0] ?? null;
      if (!v.shape || !isKnown(first) || first > 4096) return undefined;
      return Array.from({ length: first }, () => tensor(v.shape!.slice(1)));
    }
    default:
      return undefined;
  }
}
