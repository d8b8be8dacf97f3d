// The quick fix for a Keras Concatenate whose written `axis=` is not the one its inputs differ
// in: `Concatenate(axis=1)` (PyTorch's channel axis) on (None, 32, 32, 16) and (None, 32, 32, 32),
// which differ on the last axis only. Offered when the axis is written and the inputs, all of one
// rank and fully known but the batch, differ on exactly one other axis: joining there is the one
// concatenation that runs. Written as -1 for the last axis (Keras' default), else the index.
import { type Shape, isKnown } from '../../engine';
import type { Fix } from '../types';
import type { Site } from '../values';

export function concatAxisFix(site: Site, axis: number, operands: readonly (Shape | null)[]): Fix | undefined {
  const written = site.args?.axis;
  const shapes = operands.filter((s): s is Shape => s !== null);
  if (!written?.literal || shapes.length < 2 || shapes.length !== operands.length) return undefined;
  const rank = shapes[0].length;
  if (shapes.some(s => s.length !== rank || !s.slice(1).every(isKnown))) return undefined;
  const differing = Array.from({ length: rank - 1 }, (_, i) => i + 1).filter(i =>
    shapes.some(s => s[i] !== shapes[0][i]),
  );
  const join = axis < 0 ? axis + rank : axis;
  if (differing.length !== 1 || differing[0] === join) return undefined;
  const text = differing[0] === rank - 1 ? '-1' : String(differing[0]);
  return {
    title: `Set axis=${text}`,
    edits: [{ range: written.range, newText: text }],
    preferred: true,
  };
}
