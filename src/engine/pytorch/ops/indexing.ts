// Tensor indexing `x[...]` as PyTorch 1.13 does it (python_variable_indexing.cpp, then
// TensorAdvancedIndexing): first the basic parts in order — None inserts an axis, an int selects
// (so ints never count among the advanced indices), a slice shortens — while each integer tensor,
// list or boolean mask is recorded at the axis it stands on; then the advanced indices (a mask of
// rank k as k index tensors of its count of True) broadcast together, and their shape takes the
// place of the first when they are adjacent, the front otherwise (NumPy's rule). A mask keeps as
// many elements as it has True values: unknown unless it is a written list. The errors in that
// order: too many indices, an int out of range (numbered by its place in the index), a mask's
// shape, the broadcast, then the values of written integer lists.
import { type Dim, type Shape, dimDiffers, isKnown } from '../../dim';
import { broadcastAll } from '../../broadcast';
import type { IndexPart, ShapeError } from '../../types';
import { sizesText } from '../common';

export type IndexResult =
  { readonly ok: true; readonly shape: Shape | null } | { readonly ok: false; readonly error: ShapeError };

const ADVANCED = Symbol('advanced');
const unknown: IndexResult = { ok: true, shape: null };
const fail = (code: ShapeError['code'], message: string): IndexResult => ({ ok: false, error: { code, message } });

/** How many of the tensor's axes a part consumes. */
function consumes(p: IndexPart): number {
  if (p.kind === 'none' || p.kind === 'ellipsis') return 0;
  return p.kind === 'mask' ? p.shape.length : 1;
}

interface Recorded {
  /** Where it stands on the tensor after the basic parts. */
  readonly at: number;
  readonly part: Extract<IndexPart, { kind: 'ints' | 'mask' }>;
}

export function indexShape(shape: Shape, parts: readonly IndexPart[]): IndexResult {
  if (parts.some(p => p.kind === 'unknown')) return unknown;
  if (parts.filter(p => p.kind === 'ellipsis').length > 1) return unknown;
  const specified = parts.reduce((n, p) => n + consumes(p), 0);
  if (specified > shape.length)
    return fail('index-out-of-range', `too many indices for tensor of dimension ${shape.length}`);
  // A mask of rank ≥ 2 moves PyTorch's basic pass on by one axis only: what follows it lands
  // elsewhere than it reads. Not modelled.
  const final = parts.length - 1;
  if (parts.some((p, i) => p.kind === 'mask' && p.shape.length > 1 && i < final)) return unknown;
  const cur: (Dim | typeof ADVANCED)[] = [...shape];
  const recorded: Recorded[] = [];
  let dim = 0;
  for (const [i, p] of parts.entries()) {
    switch (p.kind) {
      case 'none':
        cur.splice(dim++, 0, 1);
        break;
      case 'ellipsis':
        dim += shape.length - specified;
        break;
      case 'int': {
        const size = cur[dim] as Dim;
        if (p.value !== undefined && isKnown(size) && (p.value >= size || p.value < -size))
          return fail('index-out-of-range', `index ${p.value} is out of bounds for dimension ${i} with size ${size}`);
        cur.splice(dim, 1);
        break;
      }
      case 'slice':
        cur[dim] = p.length(cur[dim] as Dim);
        dim++;
        break;
      case 'ints':
      case 'mask':
        recorded.push({ at: dim++, part: p });
        break;
    }
  }
  const basic = cur as Dim[];
  if (recorded.length === 0) return { ok: true, shape: basic };
  // The index tensors in order: a mask of rank k is k of its count, over k axes.
  const shapes: Shape[] = [];
  const values: { position: number; size: Dim; values?: readonly number[] }[] = [];
  const taken = new Set<number>();
  for (const { at, part } of recorded) {
    if (part.kind === 'mask') {
      const bad = part.shape.findIndex((d, j) => dimDiffers(d, basic[at + j]));
      if (bad >= 0)
        return fail(
          'index-out-of-range',
          `The shape of the mask ${sizesText(part.shape)} at index ${bad} does not match the shape of the indexed tensor ${sizesText(basic)} at index ${at + bad}`,
        );
      // A 0-d mask adds an axis of 1 or 0: not modelled.
      if (part.shape.length === 0) return unknown;
      part.shape.forEach((_, j) => (shapes.push([part.count]), taken.add(at + j)));
    } else {
      values.push({ position: shapes.length, size: basic[at], values: part.values });
      shapes.push(part.shape);
      taken.add(at);
    }
  }
  const together = broadcastAll(shapes);
  if (!together.ok) {
    if (!shapes.every(s => s.every(isKnown))) return unknown;
    return fail(
      'index-out-of-range',
      `shape mismatch: indexing tensors could not be broadcast together with shapes ${shapes.map(sizesText).join(', ')}`,
    );
  }
  const out: (Dim | typeof ADVANCED)[] = basic.map((d, i) => (taken.has(i) ? ADVANCED : d));
  const first = out.indexOf(ADVANCED),
    last = out.lastIndexOf(ADVANCED);
  const adjacent = out.slice(first, last + 1).every(d => d === ADVANCED);
  const rest = out.filter(d => d !== ADVANCED) as Dim[];
  const result = adjacent
    ? [...rest.slice(0, first), ...together.shape, ...rest.slice(first)]
    : [...together.shape, ...rest];
  // The values are read only when the result has elements: an error when it certainly has (a
  // symbolic size is at least 1), unknown when a size is not known at all.
  const empty = result.some(d => d === 0);
  for (const v of empty ? [] : values) {
    if (!v.values || !isKnown(v.size)) continue;
    const size = v.size;
    const outside = [...new Set(v.values.filter(x => x >= size || x < -size))];
    // Several values out of range: which one PyTorch's kernel names first is not certain.
    if (outside.length > 1) return unknown;
    if (outside.length === 1 && result.some(d => d === null)) return unknown;
    if (outside.length === 1)
      return fail(
        'index-out-of-range',
        `index ${outside[0]} is out of bounds for dimension ${v.position} with size ${size}`,
      );
  }
  return { ok: true, shape: result };
}
