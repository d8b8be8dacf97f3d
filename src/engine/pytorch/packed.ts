// Packed sequences (`torch.nn.utils.rnn`): pack_padded_sequence, pack_sequence, pad_sequence and
// pad_packed_sequence. A PackedSequence is described by what its shapes depend on: its `data`
// `(sum of the lengths, *features)`, the number of sequences (batch_sizes[0]) and the longest
// length (batch_sizes' length). The sum and the longest length are known only when the lengths
// are (a list of ints, or sequences of known lengths); a lengths tensor leaves them unknown.
// Messages and the order of the checks are PyTorch 1.13's `rnn.py` and ATen's PackedSequence.cpp.
import { type Dim, type Shape, dimDiffers, dimEquals, isKnown } from '../dim';
import { broadcastShapes } from '../broadcast';
import type { PackedShape, ShapeError } from '../types';
import { allKnown, dimRangeMessage, sizesText } from './common';

export type { PackedShape };

/** The `lengths` argument: ints known one by one, a tensor of known shape, or nothing known. */
export type Lengths =
  { readonly values: readonly number[] } | { readonly shape: Shape | null } | { readonly unknown: true };

export type Packed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ShapeError };

const UNKNOWN_PACKED: PackedShape = { data: null, batch: null, steps: null };
const ok = <T>(value: T): Packed<T> => ({ ok: true, value });
const fail = (code: ShapeError['code'], message: string): Packed<never> => ({ ok: false, error: { code, message } });

const SORTED_MESSAGE =
  '`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can pass ' +
  '`enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep this requirement ' +
  'if you do not need ONNX exportability.';

/** `pack_padded_sequence(input, lengths, batch_first=False, enforce_sorted=True)`. */
export function packPadded(
  input: Shape | null,
  lengths: Lengths,
  batchFirst: boolean,
  enforceSorted: boolean,
): Packed<PackedShape> {
  const packed = packPaddedShape(input, lengths, batchFirst, enforceSorted);
  return packed.ok && !enforceSorted ? ok({ ...packed.value, permuted: true }) : packed;
}

function packPaddedShape(
  input: Shape | null,
  lengths: Lengths,
  batchFirst: boolean,
  enforceSorted: boolean,
): Packed<PackedShape> {
  if (!input) return ok(UNKNOWN_PACKED);
  if (!enforceSorted) {
    // The input is first reordered by index_select along its batch axis: more lengths than
    // sequences fail there (in words not modelled), fewer cut the batch to their number.
    if (input.length < 2) return ok(UNKNOWN_PACKED);
    const axis = batchFirst ? 0 : 1;
    const count: Dim =
      'values' in lengths
        ? lengths.values.length
        : 'shape' in lengths && lengths.shape?.length === 1
          ? lengths.shape[0]
          : null;
    if (!dimEquals(count, input[axis])) {
      if (!isKnown(count) || !isKnown(input[axis]))
        return ok({ data: [null, ...input.slice(2)], batch: null, steps: null });
      if (count > input[axis]) return ok(UNKNOWN_PACKED);
      input = input.map((d, i) => (i === axis ? count : d));
    }
  }
  // ATen reads input.size(1) (or transposes axes 0 and 1) before anything else.
  if (input.length === 1) return fail('rank-mismatch', dimRangeMessage(1, 1));
  if (input.length === 0) return ok(UNKNOWN_PACKED);
  const [batch, steps] = batchFirst ? [input[0], input[1]] : [input[1], input[0]];
  const features = input.slice(2);
  if ('values' in lengths) {
    const values = enforceSorted ? lengths.values : [...lengths.values].sort((a, b) => b - a);
    if (dimDiffers(values.length, batch))
      return fail(
        'invalid-argument',
        `Expected \`len(lengths)\` to be equal to batch_size, but got ${values.length} (batch_size=${batch})`,
      );
    if (!dimEquals(values.length, batch) || values.length === 0) return ok({ data: null, batch, steps: null });
    if (values[values.length - 1] <= 0)
      return fail(
        'invalid-argument',
        "Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0",
      );
    if (values.some((v, i) => i > 0 && v > values[i - 1])) return fail('invalid-argument', SORTED_MESSAGE);
    const longest = values[0];
    // A length beyond the padded time axis reads past it: undefined behaviour, unknown.
    if (!isKnown(steps) || longest > steps) return ok({ data: null, batch, steps: null });
    const total = values.reduce((s, v) => s + v, 0);
    return ok({ data: [total, ...features], batch, steps: longest });
  }
  if ('shape' in lengths && lengths.shape?.length === 1 && dimDiffers(lengths.shape[0], batch))
    return fail(
      'invalid-argument',
      `Expected \`len(lengths)\` to be equal to batch_size, but got ${String(lengths.shape[0])} (batch_size=${batch})`,
    );
  return ok({ data: [null, ...features], batch, steps: null });
}

/**
 * `pad_sequence(sequences, batch_first=False, padding_value=0.0)`: `(longest, B, *trailing)` with
 * the first sequence's trailing sizes; each sequence is copied into `[:len]` of its slot, so its
 * own trailing sizes must broadcast to those (PyTorch's broadcasting words when they do not).
 */
export function padSequence(sequences: readonly (Shape | null)[], batchFirst: boolean): Packed<Shape | null> {
  if (sequences.length === 0) return fail('invalid-argument', 'received an empty list of sequences');
  const first = sequences[0];
  if (!first || first.length === 0) return ok(null);
  const trailing = first.slice(1);
  let longest: Dim = 0;
  for (const s of sequences) {
    if (!s || s.length === 0) return ok(null);
    const slot: Shape = [s[0], ...trailing];
    const fits = broadcastShapes(slot, s);
    if (!fits.ok) return fail(fits.error.code, fits.error.message);
    // A sequence that broadcasts to more than its slot: copy_ cannot write it there.
    if (fits.shape.length !== slot.length || fits.shape.some((d, i) => dimDiffers(d, slot[i]))) {
      if (!allKnown(fits.shape) || !allKnown(slot)) return ok(null);
      return fail(
        'broadcast-mismatch',
        `output with shape ${sizesText(slot)} doesn't match the broadcast shape ${sizesText(fits.shape)}`,
      );
    }
    if (!fits.shape.every((d, i) => dimEquals(d, slot[i]))) return ok(null);
    longest = isKnown(longest) && isKnown(s[0]) ? Math.max(longest, s[0]) : null;
  }
  const batch = sequences.length;
  return ok(batchFirst ? [batch, longest, ...trailing] : [longest, batch, ...trailing]);
}

/** `pack_sequence(sequences, enforce_sorted=True)`: pad_sequence, then pack_padded_sequence on their lengths. */
export function packSequence(sequences: readonly (Shape | null)[], enforceSorted: boolean): Packed<PackedShape> {
  const padded = padSequence(sequences, false);
  if (!padded.ok) return padded;
  const firsts = sequences.map(s => (s && s.length > 0 ? s[0] : null));
  const lengths: Lengths = firsts.every(isKnown) ? { values: firsts } : { shape: [sequences.length] };
  return packPadded(padded.value, lengths, false, enforceSorted);
}

/**
 * `pad_packed_sequence(sequence, batch_first=False, padding_value=0.0, total_length=None)`:
 * `(padded, lengths)`, padded `(T, B, *features)` (`(B, T, *)` with batch_first), T the longest
 * length or total_length, which may not be shorter (undefined: total_length given, not known).
 */
export function padPacked(
  packed: PackedShape,
  batchFirst: boolean,
  totalLength: number | null | undefined,
): Packed<{ padded: Shape | null; lengths: Shape }> {
  const lengths: Shape = [packed.batch];
  if (typeof totalLength === 'number' && isKnown(packed.steps) && totalLength < packed.steps)
    return fail(
      'invalid-argument',
      `Expected total_length to be at least the length of the longest sequence in input, but got total_length=${totalLength} and max sequence length being ${packed.steps}`,
    );
  // total_length not known: neither is the time axis.
  const steps = totalLength === undefined ? null : totalLength === null ? packed.steps : totalLength;
  if (!packed.data) return ok({ padded: null, lengths });
  const features = packed.data.slice(1);
  return ok({ padded: batchFirst ? [packed.batch, steps, ...features] : [steps, packed.batch, ...features], lengths });
}
