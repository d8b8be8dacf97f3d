// F.pad, as every padding layer (ZeroPad2d, ReflectionPad1d, …) and the non-zero `padding_mode`s
// of convolutions call it: `pad` lists (before, after) pairs starting from the LAST axis.
// The checks and their words are those of ATen's `pad`, `constant_pad_nd`, `reflection_pad*d`,
// `replication_pad*d` and `_pad_circular` (torch 1.13).
import { type Dim, type Shape, add, isKnown } from '../dim';
import { type ShapeError } from '../types';
import { sizesText } from './common';

export type PadMode = 'constant' | 'reflect' | 'replicate' | 'circular';

export type PadResult = { ok: true; output: Dim[] } | { ok: false; error: ShapeError };

const fail = (message: string, code: ShapeError['code'] = 'invalid-padding'): PadResult => ({ ok: false, error: { code, message, argument: 'padding' } });

/** The padded shape, or PyTorch's error. Symbolic sizes are never judged. */
export function fpad(input: Shape, pad: readonly number[], mode: PadMode): PadResult {
  const rank = input.length;
  const padded = (): Dim[] => {
    const out = [...input];
    for (let j = 0; j < pad.length / 2; j++) out[rank - 1 - j] = add(out[rank - 1 - j], pad[2 * j] + pad[2 * j + 1]);
    return out;
  };
  if (mode === 'constant') {
    if (pad.length % 2 !== 0) return fail('Padding length must be divisible by 2');
    if (pad.length > rank * 2) return fail('Padding length too large');
    const out = padded();
    for (let j = 0; j < pad.length / 2; j++) {
      const axis = rank - 1 - j;
      const size = out[axis];
      if (isKnown(size) && size < 0) {
        return fail(`The input size ${input[axis]}, plus negative padding ${pad[2 * j]} and ${pad[2 * j + 1]} resulted in a negative output size, which is invalid. Check dimension ${axis} of your input.`);
      }
    }
    return { ok: true, output: out };
  }
  if (pad.length % 2 !== 0) return fail('Padding length must be divisible by 2');
  if (pad.length > rank * 2) return fail('Padding length too large');
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
        return fail(`Argument #${4 + 2 * j}: Padding size should be less than the corresponding input dimension, but got: padding (${l}, ${r}) at dimension ${axis} of input ${of}`);
      }
    }
  } else if (mode === 'circular') {
    if (pad.length !== 2 * (rank - 2)) return fail(`Invalid padding size, expected ${2 * (rank - 2)} but got ${pad.length}`);
    for (let j = n - 1; j >= 0; j--) {
      const size = input[rank - 1 - j];
      if (isKnown(size) && (pad[2 * j] > size || pad[2 * j + 1] > size)) return fail('Padding value causes wrapping around more than once.');
    }
  }
  return { ok: true, output: padded() };
}
