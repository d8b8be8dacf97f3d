// Subscripts and iteration: lists, tuples, dicts, module containers, `x.shape[1]`, and basic
// tensor indexing (`x[:, 0]`, `x[..., None]`, `x[:, 1:]`).
import { type Dim, type Shape, isKnown, sub } from '../engine';
import type { Range } from '../python';
import { MAX_ITEMS_PER_VALUE, allotItems } from './budget';
import type { Context } from './context';
import { checkIndex } from './python-errors';
import { UNKNOWN_VALUE, type Value, containerChildren, keyOf, tensor } from './values';
import { getMember, isModulesView, isOpaque } from './module-names';
import { recordItems } from './records';

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

/** A list (or a tuple inside the index) of ints: an advanced index of that length. */
function intSequenceLength(p: Value, nested: boolean): number | undefined {
  if (p.k !== 'list' && !(nested && p.k === 'tuple')) return undefined;
  return p.items.every(i => i.k === 'int') ? p.items.length : undefined;
}

/**
 * Basic indexing (`x[:, 0]`, `x[..., None]`, `x[:, 1:]`) and advanced indexing by lists of ints
 * (`x[:, [0, 2]]`, `x[:, (-1,), :]`). As in PyTorch, ints select first; the advanced indices'
 * common length takes the place of the first one when they are adjacent, the front otherwise. A
 * tensor index may be a boolean mask (a size that depends on the data): unknown.
 */
function indexTensor(shape: Shape | null, index: Value): Value {
  if (!shape) return tensor(null);
  const parts = index.k === 'tuple' ? index.items : [index];
  const nested = index.k === 'tuple';
  const ADVANCED = Symbol('advanced');
  const out: (Dim | typeof ADVANCED)[] = [];
  const lengths: number[] = [];
  let axis = 0;
  const consumed = parts.filter(p => p.k !== 'none' && !(p.k === 'builtin' && p.name === 'Ellipsis')).length;
  for (const p of parts) {
    const length = intSequenceLength(p, nested);
    if (p.k === 'none') out.push(1);
    else if (p.k === 'builtin' && p.name === 'Ellipsis') {
      const skip = shape.length - consumed;
      if (skip < 0) return tensor(null);
      out.push(...shape.slice(axis, axis + skip));
      axis += skip;
    } else if (p.k === 'int' || p.k === 'dim') axis++;
    else if (p.k === 'slice') out.push(sliceDim(shape[axis++] ?? null, p));
    else if (length !== undefined) {
      out.push(ADVANCED);
      lengths.push(length);
      axis++;
    } else return tensor(null);
    if (axis > shape.length) return tensor(null);
  }
  out.push(...shape.slice(axis));
  if (lengths.length === 0) return tensor(out as Dim[]);
  // Lists of different lengths broadcast only against 1; anything else is left unknown.
  const n = Math.max(...lengths);
  if (lengths.some(l => l !== n && l !== 1)) return tensor(null);
  const first = out.indexOf(ADVANCED),
    last = out.lastIndexOf(ADVANCED);
  const adjacent = out.slice(first, last + 1).every(d => d === ADVANCED);
  const rest = out.filter(d => d !== ADVANCED) as Dim[];
  return tensor(adjacent ? [...rest.slice(0, first), n, ...rest.slice(first)] : [n, ...rest]);
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
      return indexTensor(obj.shape, index);
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
