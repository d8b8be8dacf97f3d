// Per-axis arithmetic of Keras' sliding windows, TensorFlow-style:
// `compute_conv_output_shape` / `compute_pooling_output_shape` (keras/src/ops/operation_utils.py)
// and `_get_output_shape_given_tf_padding` (keras/src/backend/common/backend_utils.py), plus the
// padding TensorFlow actually applies, so the diagram and notes say where the zeros go.
import { type Dim, add, ceilDiv, dimText, floorDiv, isKnown, mul, sub } from '../dim';
import type { AxisArithmetic } from '../types';
import { axisArithmetic, droppedTrailingCells, effectiveKernel } from '../window';
import { axisNoun } from './common';

export type WindowPadding = 'valid' | 'same' | 'causal';

export interface WindowAxis {
  readonly input: Dim;
  readonly kernel: number;
  readonly stride: number;
  readonly dilation: number;
}

/** Output size of a direct convolution or pooling axis (`valid`: ⌊(i − k̂)/s⌋ + 1; `same`/`causal`: ⌈i/s⌉). */
export function windowOutput(a: WindowAxis, padding: WindowPadding): Dim {
  const k = effectiveKernel(a.kernel, a.dilation);
  if (padding === 'valid') return add(floorDiv(sub(a.input, k), a.stride), 1);
  return ceilDiv(a.input, a.stride);
}

/**
 * Zeros TensorFlow pads before and after: `same` pads max(0, (o − 1)·s + k̂ − i) in total, the
 * smaller half first; `causal` pads k̂ − 1 before. Undefined when the input size is needed but unknown.
 */
export function windowPads(a: WindowAxis, padding: WindowPadding, output: Dim): [number, number] | undefined {
  const k = effectiveKernel(a.kernel, a.dilation);
  if (padding === 'valid') return [0, 0];
  if (padding === 'causal') return [k - 1, 0];
  let total: number;
  if (a.stride === 1) total = k - 1;
  else if (isKnown(a.input) && isKnown(output)) total = Math.max(0, (output - 1) * a.stride + k - a.input);
  else return undefined;
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

function kernelText(a: WindowAxis): string {
  return a.dilation === 1 ? String(a.kernel) : `${a.dilation}·(${a.kernel} − 1) − 1`;
}

/** The Keras formula with the numbers substituted: `⌈32 / 2⌉ = 16`, `⌊(32 − 3)/1⌋ + 1 = 30`. */
export function windowFormula(a: WindowAxis, padding: WindowPadding, output: Dim): string {
  const i = dimText(a.input);
  if (padding === 'valid') {
    const k = a.dilation === 1 ? `− ${a.kernel}` : `− ${kernelText(a)}`;
    return `⌊(${i} ${k})/${a.stride}⌋ + 1 = ${dimText(output)}`;
  }
  return `⌈${i} / ${a.stride}⌉ = ${dimText(output)}`;
}

/** One axis of a direct convolution or pooling, ready for hovers; undefined when padding is unknowable. */
export function windowAxis(a: WindowAxis, padding: WindowPadding, pooling: boolean): AxisArithmetic | undefined {
  const output = windowOutput(a, padding);
  const pads = windowPads(a, padding, output);
  if (!pads) return undefined;
  return axisArithmetic({
    ...a,
    padBefore: pads[0],
    padAfter: pads[1],
    output,
    formula: windowFormula(a, padding, output),
    pooling,
  });
}

/** Transposed convolution output size (`_get_output_shape_given_tf_padding`). */
export function transposedOutput(a: WindowAxis, padding: 'valid' | 'same', outputPadding: number | null): Dim {
  const k = effectiveKernel(a.kernel, a.dilation);
  if (a.input === null) return null;
  if (padding === 'valid') {
    const extra = outputPadding ?? Math.max(k, a.stride) - k;
    return add(mul(sub(a.input, 1), a.stride), k + extra);
  }
  if (outputPadding === null) return mul(a.input, a.stride);
  return add(mul(sub(a.input, 1), a.stride), (k % 2) + outputPadding);
}

function transposedFormula(
  a: WindowAxis,
  padding: 'valid' | 'same',
  outputPadding: number | null,
  output: Dim,
): string {
  const i = dimText(a.input);
  const k = effectiveKernel(a.kernel, a.dilation);
  if (padding === 'valid') {
    const extra = outputPadding ?? Math.max(k, a.stride) - k;
    return `(${i} − 1)·${a.stride} + ${k} + ${extra} = ${dimText(output)}`;
  }
  if (outputPadding === null) return `${i}·${a.stride} = ${dimText(output)}`;
  return `(${i} − 1)·${a.stride} + ${k} % 2 + ${outputPadding} = ${dimText(output)}`;
}

/**
 * One axis of a transposed convolution, described by the direct convolution it inverts: that
 * convolution's padding (TensorFlow `same` padding of the output) and the extra cells `a` it
 * leaves at the end (the guide's relationship 14). Both are independent of the input size.
 */
export function transposedAxis(a: WindowAxis, padding: 'valid' | 'same', outputPadding: number | null): AxisArithmetic {
  const k = effectiveKernel(a.kernel, a.dilation);
  const output = transposedOutput(a, padding, outputPadding);
  let total = 0;
  let extra: number;
  if (padding === 'valid') {
    extra = outputPadding ?? Math.max(k, a.stride) - k;
  } else if (outputPadding === null) {
    total = Math.max(0, k - a.stride);
    extra = Math.max(a.stride - k, 0);
  } else {
    total = Math.max(0, k - (k % 2) - outputPadding);
    extra = Math.max((k % 2) + outputPadding - k, 0);
  }
  const before = Math.floor(total / 2);
  return axisArithmetic({
    ...a,
    padBefore: before,
    padAfter: total - before,
    output,
    transposed: true,
    outputPadding: extra,
    formula: transposedFormula(a, padding, outputPadding, output),
  });
}

/** Notes a hover shows: asymmetric `same` padding, causal padding, input cells no window reaches. */
export function windowNotes(axes: readonly AxisArithmetic[], padding: WindowPadding): string[] {
  const notes: string[] = [];
  axes.forEach((ax, i) => {
    const where = axes.length > 1 ? ` on axis ${i + 1}` : '';
    if (ax.transposed) return;
    if (padding === 'same' && ax.padBefore !== ax.padAfter) {
      notes.push(
        `'same' pads ${ax.padBefore} before, ${ax.padAfter} after${where} (TensorFlow puts the odd extra zero at the end)`,
      );
    }
    if (padding === 'causal' && ax.padBefore > 0)
      notes.push(`'causal' pads ${ax.padBefore} before${where}, none after`);
    const dropped = droppedTrailingCells(ax, false);
    if (dropped > 0) {
      notes.push(
        `the last ${dropped} ${axisNoun(axes.length, i)} of the${padding === 'valid' ? '' : ' padded'} input are never covered by a window (stride ${ax.stride})`,
      );
    }
  });
  return notes;
}
