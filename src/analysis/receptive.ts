// Receptive field carried by tensors: a sliding-window layer extends it per spatial axis (the
// engine's recurrence); shape-preserving operations pass it on; a sum keeps the larger field.
import type { AxisArithmetic, Shape } from '../engine';
import { IDENTITY_FIELD, type ReceptiveField, extendReceptiveField } from '../engine/receptive-field';

export function extendField(
  input: readonly ReceptiveField[] | undefined,
  axes: readonly AxisArithmetic[],
): ReceptiveField[] {
  return axes.map((a, i) => extendReceptiveField(input && input.length === axes.length ? input[i] : IDENTITY_FIELD, a));
}

/** The field an operation's output keeps: the input's when the rank is unchanged. */
export function passField(
  input: readonly ReceptiveField[] | undefined,
  inShape: Shape | null | undefined,
  outShape: Shape | null,
): readonly ReceptiveField[] | undefined {
  if (!input || !inShape || !outShape || inShape.length !== outShape.length) return undefined;
  return input;
}

/** Elementwise: the larger field per axis. */
export function mergeFields(
  a: readonly ReceptiveField[] | undefined,
  b: readonly ReceptiveField[] | undefined,
): readonly ReceptiveField[] | undefined {
  if (!a) return b;
  if (!b || a.length !== b.length) return a;
  return a.map((f, i) => (f.size >= b[i].size ? f : b[i]));
}
