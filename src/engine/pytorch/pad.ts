// F.pad, as every padding layer (ZeroPad2d, ReflectionPad1d, …) and the non-zero `padding_mode`s
// of convolutions call it: `pad` lists (before, after) pairs starting from the LAST axis.
// The checks and their words are those of ATen's `pad`, `constant_pad_nd`, `reflection_pad*d`,
// `replication_pad*d` and `_pad_circular` (torch 1.13).
import { type Dim, type Shape, add, dimText, isKnown } from '../dim';
import { type ShapeError } from '../types';
import { sizesText } from './common';

export type PadMode = 'constant' | 'reflect' | 'replicate' | 'circular';

export type PadResult = { ok: true; output: Dim[] } | { ok: false; error: ShapeError };

const fail = (message: string, code: ShapeError['code'] = 'invalid-padding'): PadResult => ({
  ok: false,
  error: { code, message, argument: 'padding' },
});

/** The padded shape, or PyTorch's error. Symbolic sizes are never judged. */
export function fpad(input: Shape, pad: readonly number[], mode: PadMode): PadResult {
  const rank = input.length;
  const padded = (): Dim[] => {
    const out = [...input];
    for (let j = 0; j < pad.length / 2; j++) out[rank - 1 - j] = add(out[rank - 1 - j], pad[2 * j] + pad[2 * j + 1]);
    return out;
  };
  if (pad.length % 2 !== 0) return fail('Padding length must be divisible by 2');
  if (pad.length > rank * 2) return fail('Padding length too large');
  if (mode === 'constant') return constantPad(input, pad, padded());
  const n = pad.length / 2;
  if (!(n >= 1 && n <= 3 && (rank === n + 1 || rank === n + 2))) {
    return fail('Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now', 'rank-mismatch');
  }
  if (mode === 'reflect') {
    for (let j = 0; j < n; j++) {
      const axis = rank - 1 - j;
      const size = input[axis];
      const [l, r] = [pad[2 * j], pad[2 * j + 1]];
      if (isKnown(size) && !(l < size && r < size)) {
        const of = n === 2 ? String(rank) : sizesText(input);
        return fail(
          `Argument #${4 + 2 * j}: Padding size should be less than the corresponding input dimension, but got: padding (${l}, ${r}) at dimension ${axis} of input ${of}`,
        );
      }
    }
  } else if (mode === 'circular') {
    if (pad.length !== 2 * (rank - 2))
      return fail(`Invalid padding size, expected ${2 * (rank - 2)} but got ${pad.length}`);
    for (let j = n - 1; j >= 0; j--) {
      const size = input[rank - 1 - j];
      if (isKnown(size) && (pad[2 * j] > size || pad[2 * j + 1] > size))
        return fail('Padding value causes wrapping around more than once.');
    }
  }
  return { ok: true, output: padded() };
}

/**
 * ATen's constant_pad_nd. Negative pads first `narrow` each padded axis, front to back, so its
 * errors come first and in axis order: `narrow` wraps its start like a dimension index (a start
 * past the end is "Dimension out of range", an empty axis counting as [-1, 0]) and then checks
 * start + length. Unless no pad is positive, every padded axis must then keep an element.
 */
function constantPad(input: Shape, pad: readonly number[], out: Dim[]): PadResult {
  const rank = input.length;
  let noPositivePad = true;
  for (let axis = rank - pad.length / 2; axis < rank; axis++) {
    const j = rank - 1 - axis;
    const [before, after] = [pad[2 * j], pad[2 * j + 1]];
    let size = input[axis];
    if (before < 0) {
      const error = narrowError(size, -before, add(size, before));
      if (error) return fail(error);
      size = add(size, before);
    } else if (before !== 0) noPositivePad = false;
    if (after < 0) {
      const error = narrowError(size, 0, add(size, after));
      if (error) return fail(error);
    } else if (after !== 0) noPositivePad = false;
  }
  if (noPositivePad) return { ok: true, output: out };
  for (let axis = rank - pad.length / 2; axis < rank; axis++) {
    const j = rank - 1 - axis;
    const size = out[axis];
    if (isKnown(size) && size <= 0) {
      return fail(
        `The input size ${dimText(input[axis])}, plus negative padding ${pad[2 * j]} and ${pad[2 * j + 1]} resulted in a negative output size, which is invalid. Check dimension ${axis} of your input.`,
      );
    }
  }
  return { ok: true, output: out };
}

/** ATen's `narrow(dim, start, length)` checks on an axis of `size` (start is never negative here). */
function narrowError(size: Dim, start: number, length: Dim): string | undefined {
  if (!isKnown(size) || !isKnown(length)) return undefined;
  // A start equal to the size is a valid end, not wrapped; otherwise it is wrapped as a dimension.
  const bound = Math.max(size, 1);
  if (start !== size && start > bound - 1)
    return `Dimension out of range (expected to be in range of [${-bound}, ${bound - 1}], but got ${start})`;
  if (length < 0 || start > size - length)
    return `start (${start}) + length (${length}) exceeds dimension size (${size}).`;
  return undefined;
}
