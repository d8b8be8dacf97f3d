// Shared facts about sliding windows (convolutions, pooling, transposed convolutions) that both
// frameworks' rules use: the effective kernel, the guide's relationship number, the input cells a
// stride leaves unused, and the per-axis record that formulas and diagrams are drawn from.
import { type Dim, isKnown } from './dim';
import type { AxisArithmetic } from './types';

/** k̂ = d·(k − 1) + 1: the span of a dilated kernel. */
export function effectiveKernel(kernel: number, dilation: number): number {
  return dilation * (kernel - 1) + 1;
}

/**
 * The relationship of Dumoulin & Visin that describes one axis (1–15). Dilation > 1 is always 15;
 * transposed convolutions are 8–14, pooling 7, direct convolutions 1–6.
 */
export function guideRelationship(a: {
  input: Dim;
  kernel: number;
  stride: number;
  dilation: number;
  padBefore: number;
  padAfter: number;
  transposed: boolean;
  pooling: boolean;
  outputPadding: number;
}): number {
  const { kernel: k, stride: s, dilation: d, transposed } = a;
  const symmetric = a.padBefore === a.padAfter;
  const p = a.padBefore;
  if (d > 1) return 15;
  if (transposed) {
    if (a.outputPadding > 0) return 14;
    if (s === 1) {
      if (!symmetric) return 9;
      if (p === 0) return 8;
      if (k % 2 === 1 && p === Math.floor(k / 2)) return 10;
      if (p === k - 1) return 11;
      return 9;
    }
    return p === 0 && symmetric ? 12 : 13;
  }
  if (a.pooling && a.padBefore === 0 && a.padAfter === 0) return 7;
  if (!symmetric) return 6;
  if (s === 1) {
    if (p === 0) return 1;
    if (k % 2 === 1 && p === Math.floor(k / 2)) return 3;
    if (p === k - 1) return 4;
    return 2;
  }
  return p === 0 ? 5 : 6;
}

/**
 * Cells at the end of the padded input that no window reaches: (i + pL + pR) − ((o − 1)·s + k̂).
 * The guide's relationship 6 (its i = 6 example leaves the last row and column out). 0 when unknown.
 */
export function unusedInputCells(
  input: Dim,
  output: Dim,
  kernel: number,
  stride: number,
  dilation: number,
  padBefore: number,
  padAfter: number,
): number {
  if (!isKnown(input) || !isKnown(output) || output <= 0) return 0;
  const covered = (output - 1) * stride + effectiveKernel(kernel, dilation);
  return Math.max(0, input + padBefore + padAfter - covered);
}

/**
 * Trailing cells worth telling the user about (relationship 6): none when the kernel is narrower
 * than the stride, since such a layer skips cells between its windows by design (a 1×1 stride-2
 * shortcut), and the last ones are no different. `inputOnly` leaves out cells of zero padding.
 */
export function droppedTrailingCells(a: AxisArithmetic, inputOnly: boolean): number {
  if (effectiveKernel(a.kernel, a.dilation) < a.stride) return 0;
  return Math.max(0, a.unusedInput - (inputOnly ? a.padAfter : 0));
}

/** Builds the per-axis record; the relationship and unused cells are derived, not passed. */
export function axisArithmetic(fields: {
  input: Dim;
  kernel: number;
  stride: number;
  dilation: number;
  padBefore: number;
  padAfter: number;
  output: Dim;
  formula: string;
  transposed?: boolean;
  pooling?: boolean;
  ceilMode?: boolean;
  outputPadding?: number;
}): AxisArithmetic {
  const transposed = fields.transposed ?? false;
  const outputPadding = fields.outputPadding ?? 0;
  return {
    input: fields.input,
    kernel: fields.kernel,
    stride: fields.stride,
    dilation: fields.dilation,
    padBefore: fields.padBefore,
    padAfter: fields.padAfter,
    output: fields.output,
    outputPadding,
    transposed,
    ceilMode: fields.ceilMode ?? false,
    relationship: guideRelationship({ ...fields, transposed, pooling: fields.pooling ?? false, outputPadding }),
    formula: fields.formula,
    unusedInput:
      transposed || fields.ceilMode
        ? 0
        : unusedInputCells(
            fields.input,
            fields.output,
            fields.kernel,
            fields.stride,
            fields.dilation,
            fields.padBefore,
            fields.padAfter,
          ),
  };
}
