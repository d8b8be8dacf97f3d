// Receptive field of a chain of sliding-window layers along one axis: how many input cells one
// output cell sees (`size`) and how far apart, in input cells, neighbouring outputs are (`jump`).
// The standard recurrence r ← r + (k̂ − 1)·j, j ← j·s; a transposed convolution divides the jump
// by its stride instead (it is a unit-stride convolution on an input stretched s times, so its
// k̂ taps span (k̂ − 1)/s cells of its real input).
import type { AxisArithmetic } from './types';
import { effectiveKernel } from './window';

export interface ReceptiveField {
  /** Input cells seen by one output cell (may be fractional after transposed layers). */
  readonly size: number;
  /** Input cells between neighbouring output cells. */
  readonly jump: number;
}

/** The receptive field of no layer at all: one cell, unit jump. */
export const IDENTITY_FIELD: ReceptiveField = Object.freeze({ size: 1, jump: 1 });

/** The field after one more layer. */
export function extendReceptiveField(field: ReceptiveField, axis: AxisArithmetic): ReceptiveField {
  const span = effectiveKernel(axis.kernel, axis.dilation) - 1;
  if (axis.transposed) {
    const jump = field.jump / axis.stride;
    return { size: field.size + span * jump, jump };
  }
  return { size: field.size + span * field.jump, jump: field.jump * axis.stride };
}

/** The field of a whole chain (first layer first). */
export function receptiveField(chain: readonly AxisArithmetic[]): ReceptiveField {
  return chain.reduce(extendReceptiveField, IDENTITY_FIELD);
}
