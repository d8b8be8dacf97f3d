// Position queries on an Analysis for the editor's providers: the hints in a range of offsets
// (inlay hints for the visible lines) and the layer at an offset (hover, explain-layer). Each
// Analysis gets one index, built on its first query and kept beside it (a WeakMap, so the
// Analysis stays plain data): sorted arrays searched by bisection instead of scans of every
// layer and hint.
import type { Analysis, LayerCall, ShapeHint, TextRange } from './types';

/** A layer's call or definition range, in the order the linear search would meet it. */
interface Entry {
  readonly start: number;
  readonly end: number;
  /** layer index * 2 (+1 for the definition): ties go to the first met. */
  readonly rank: number;
}

interface Index {
  /** Hint indices sorted by offset (stable). */
  readonly hintOrder: readonly number[];
  readonly hintOffsets: readonly number[];
  /** Ranges sorted by start, their starts, and the largest end among each prefix. */
  readonly entries: readonly Entry[];
  readonly starts: readonly number[];
  readonly prefixMaxEnd: readonly number[];
}

const indexes = new WeakMap<Analysis, Index>();

function indexOf(analysis: Analysis): Index {
  let index = indexes.get(analysis);
  if (index) return index;
  const hintOrder = analysis.hints
    .map((_, i) => i)
    .sort((a, b) => analysis.hints[a].offset - analysis.hints[b].offset || a - b);
  const entries: Entry[] = [];
  analysis.layers.forEach((layer, i) => {
    if (layer.call) entries.push({ start: layer.call.start, end: layer.call.end, rank: 2 * i });
    if (layer.definition) entries.push({ start: layer.definition.start, end: layer.definition.end, rank: 2 * i + 1 });
  });
  entries.sort((a, b) => a.start - b.start || a.rank - b.rank);
  const prefixMaxEnd: number[] = [];
  let max = -Infinity;
  for (const e of entries) prefixMaxEnd.push((max = Math.max(max, e.end)));
  index = {
    hintOrder,
    hintOffsets: hintOrder.map(i => analysis.hints[i].offset),
    entries,
    starts: entries.map(e => e.start),
    prefixMaxEnd,
  };
  indexes.set(analysis, index);
  return index;
}

/** The first position in a sorted array whose value is > `x` (or >= with `inclusive`). */
function bisect(sorted: readonly number[], x: number, inclusive: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x || (!inclusive && sorted[mid] === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The hints drawn at offsets in [start, end] (both included), in offset order. */
export function hintsInRange(analysis: Analysis, start: number, end: number): ShapeHint[] {
  const { hintOrder, hintOffsets } = indexOf(analysis);
  const from = bisect(hintOffsets, start, true);
  const to = bisect(hintOffsets, end, false);
  const out: ShapeHint[] = [];
  for (let i = from; i < to; i++) out.push(analysis.hints[hintOrder[i]]);
  return out;
}

/**
 * The innermost layer whose call or definition range holds `offset` (ends included), with that
 * range; among equally small ranges, the first layer's, its call before its definition.
 * `accept` can rule ranges out (a notebook cell's view owns only its own ranges).
 */
export function layerAt(
  analysis: Analysis,
  offset: number,
  accept?: (range: TextRange) => boolean,
): { readonly layer: LayerCall; readonly range: TextRange } | undefined {
  const { entries, starts, prefixMaxEnd } = indexOf(analysis);
  let best: Entry | undefined;
  // Ranges starting at or before the offset; stop once no earlier range reaches it.
  for (let i = bisect(starts, offset, false) - 1; i >= 0 && prefixMaxEnd[i] >= offset; i--) {
    const e = entries[i];
    if (e.end < offset || (accept && !accept(e))) continue;
    if (
      !best ||
      e.end - e.start < best.end - best.start ||
      (e.end - e.start === best.end - best.start && e.rank < best.rank)
    )
      best = e;
  }
  if (!best) return undefined;
  const layer = analysis.layers[best.rank >> 1];
  const range = best.rank % 2 === 0 ? layer.call : layer.definition;
  return range ? { layer, range } : undefined;
}
