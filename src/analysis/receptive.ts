// Receptive field carried by tensors: per spatial axis, relative to the fresh tensors a tensor was
// computed from (a model's input, a factory's result, a parameter: FRESH_FIELD, each axis its
// own). A sliding-window layer extends it (the engine's recurrence); an operation that maps each
// position from the same positions of its operands (an activation, a norm, a sum, a concatenation)
// keeps the largest of theirs; anything else leaves it unknown (absent): never a chain restarted
// after an operation not followed, which would show a field smaller than the real one.
import { type AxisArithmetic, type Shape, dimEquals } from '../engine';
import { IDENTITY_FIELD, type ReceptiveField, extendReceptiveField } from '../engine/receptive-field';

type Field = readonly ReceptiveField[];

/** The field of a fresh tensor: no layer yet on any axis (as many axes as the next layer has). */
export const FRESH_FIELD: Field = Object.freeze([]);

/** The field after a sliding-window layer's axes; unknown when the input's is, or has other axes. */
export function extendField(input: Field | undefined, axes: readonly AxisArithmetic[]): ReceptiveField[] | undefined {
  if (!input) return undefined;
  if (input.length === 0) return axes.map(a => extendReceptiveField(IDENTITY_FIELD, a));
  if (input.length !== axes.length) return undefined;
  return axes.map((a, i) => extendReceptiveField(input[i], a));
}

/** The field a position-wise operation's output keeps: its input's, when the rank is unchanged. */
export function passField(
  input: Field | undefined,
  inShape: Shape | null | undefined,
  outShape: Shape | null,
): Field | undefined {
  if (!input || !inShape || !outShape || inShape.length !== outShape.length) return undefined;
  return input;
}

/** Operands combined position by position (a sum, a concatenation): the larger field per axis;
 *  unknown when any operand's is, or when their jumps differ (then no one jump is the result's);
 *  a fresh operand adds nothing. */
export function mergeFields(fields: readonly (Field | undefined)[]): Field | undefined {
  let out: Field = FRESH_FIELD;
  for (const f of fields) {
    if (!f) return undefined;
    if (f.length === 0) continue;
    if (out.length === 0 || sameFields(out, f)) out = f;
    else if (out.length !== f.length || out.some((g, i) => g.jump !== f[i].jump)) return undefined;
    else out = out.map((g, i) => (g.size >= f[i].size ? g : f[i]));
  }
  return out;
}

/** Whether two fields are the same (both unknown, or equal on every axis). */
export function sameFields(a: Field | undefined, b: Field | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((f, i) => f.size === b[i].size && f.jump === b[i].jump);
}

/** One of two paths' tensors (a branch, a loop): its field when both paths give the same one. */
export const joinFields = (a: Field | undefined, b: Field | undefined): Field | undefined =>
  sameFields(a, b) ? a : undefined;

/** How one part of a basic subscript moves positions: a whole axis or a step-1 crop keeps each
 *  position's field (`keep`), an integer takes one position of an axis (`int`), an ellipsis;
 *  anything else (None, a step, advanced indexing) is `other`. */
export type SubscriptPart = 'keep' | 'int' | 'ellipsis' | 'other';

/**
 * A subscript's field: the tensor's, when its field's axes (the last ones) are only kept or
 * cropped with step 1, and integers take positions of other axes only (a fresh tensor stays
 * fresh under any such subscript); unknown otherwise.
 */
export function subscriptField(
  field: Field | undefined,
  parts: readonly SubscriptPart[],
  rank: number,
): Field | undefined {
  if (!field || parts.includes('other') || parts.filter(p => p === 'ellipsis').length > 1) return undefined;
  if (field.length === 0) return field;
  const at = parts.indexOf('ellipsis');
  // The axis each part indexes: from the front up to an ellipsis, from the back after it.
  const axes = parts.map((_, i) => (at < 0 || i < at ? i : rank - (parts.length - i)));
  const spatial = rank - field.length;
  return parts.every((p, i) => p !== 'int' || axes[i] < spatial) ? field : undefined;
}

/**
 * The field of a reshape (`view`, `reshape`, `flatten`, `unflatten`) or axis permutation: the
 * input's, when its field's axes (the last ones) come out last, in order, with their sizes (a
 * channel shuffle's view, permute and reshape of the channels alone); unknown otherwise, and for
 * a fresh tensor unless the shape is unchanged (which axes a later layer slides over is unknown).
 */
export function reshapeField(
  field: Field | undefined,
  inShape: Shape | null,
  outShape: Shape | null,
  order?: readonly number[],
): Field | undefined {
  if (!field || !inShape || !outShape) return undefined;
  const k = field.length === 0 ? inShape.length : field.length;
  if (k > inShape.length || k > outShape.length) return undefined;
  for (let i = 1; i <= k; i++) {
    if (!dimEquals(inShape[inShape.length - i], outShape[outShape.length - i])) return undefined;
    if (order && order[order.length - i] !== inShape.length - i) return undefined;
  }
  return field.length === 0 && inShape.length !== outShape.length ? undefined : field;
}
