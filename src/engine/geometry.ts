// Diagram geometry: for one spatial axis of a convolution, pooling or transposed convolution,
// the cells the kernel slides over and which of them each output position reads. Plain data, no
// drawing. Axes never interact (the guide, chapter 1), so a 2-D diagram is the product of two of
// these. A transposed convolution is laid out as its equivalent direct convolution (relationships
// 8–14): s − 1 zeros inserted between input units, p' = d(k − 1) − p padding on each side, and
// the output_padding `a` as extra cells at the end, all swept by the kernel with unit stride.
import { effectiveKernel } from './window';
import type { AxisArithmetic } from './types';

/**
 * What one cell of the swept line is: an input unit, zero padding, a zero inserted between input
 * units (transposed), an output_padding cell at the end (transposed, relationship 14), or a cell
 * past the padded input that only a `ceil_mode` window reaches.
 */
export type CellKind = 'input' | 'padding' | 'zero' | 'extra' | 'overhang';

export interface AxisGeometry {
  /** The swept line, first to last. */
  readonly cells: readonly CellKind[];
  /** For each cell, the index of the input unit it shows, or null for padding and zeros. */
  readonly inputIndex: readonly (number | null)[];
  /** Kernel taps, their spacing (dilation), and the step between windows (1 for transposed). */
  readonly kernel: number;
  readonly dilation: number;
  readonly stride: number;
  /** k̂ = d(k − 1) + 1: the cells one window spans, holes included. */
  readonly span: number;
  /** Number of windows = output size. */
  readonly outputs: number;
  /** For each cell, whether any window's tap reads it (false: left unused by the stride/dilation). */
  readonly read: readonly boolean[];
  readonly transposed: boolean;
  /** Zeros inserted between neighbouring input units (s − 1 for a transposed conv, else 0). */
  readonly insertedZeros: number;
  /** Padding cells before and after the (stretched) input, and output_padding cells after them. */
  readonly padBefore: number;
  readonly padAfter: number;
  readonly extra: number;
  /** Cells of the stretched input cut off at the start/end when a transposed conv's p > d(k − 1). */
  readonly croppedBefore: number;
  readonly croppedAfter: number;
}

/** First cell of window `o`. */
export function windowStart(g: AxisGeometry, o: number): number {
  return o * g.stride;
}

/** The cells window `o` reads: k taps, d apart (dilation leaves holes between them). */
export function windowTaps(g: AxisGeometry, o: number): number[] {
  const start = windowStart(g, o);
  return Array.from({ length: g.kernel }, (_, j) => start + j * g.dilation);
}

/** Indices of the cells no window reads (e.g. the last row of the guide's i = 6 example). */
export function unreadCells(g: AxisGeometry): number[] {
  return g.read.flatMap((r, idx) => (r ? [] : [idx]));
}

const LIMIT = 1 << 16; // a diagram never needs more cells than this; larger is a nonsense input

/**
 * The geometry of one axis, or undefined when it cannot be drawn: a symbolic or unknown size, an
 * empty output, or a size too large to be a real layer.
 */
export function axisGeometry(a: AxisArithmetic): AxisGeometry | undefined {
  const i = a.input,
    o = a.output;
  if (typeof i !== 'number' || typeof o !== 'number' || i < 1 || o < 1) return undefined;
  if (![a.kernel, a.stride, a.dilation].every(v => Number.isInteger(v) && v >= 1)) return undefined;
  if (a.padBefore < 0 || a.padAfter < 0) return undefined;
  const span = effectiveKernel(a.kernel, a.dilation);
  return a.transposed ? transposedGeometry(a, i, o, span) : directGeometry(a, i, o, span);
}

function directGeometry(a: AxisArithmetic, i: number, o: number, span: number): AxisGeometry | undefined {
  const reach = (o - 1) * a.stride + span;
  const padded = a.padBefore + i + a.padAfter;
  if (Math.max(reach, padded) > LIMIT) return undefined;
  const cells: CellKind[] = [];
  const inputIndex: (number | null)[] = [];
  const push = (kind: CellKind, index: number | null) => {
    cells.push(kind);
    inputIndex.push(index);
  };
  for (let c = 0; c < a.padBefore; c++) push('padding', null);
  for (let c = 0; c < i; c++) push('input', c);
  for (let c = 0; c < a.padAfter; c++) push('padding', null);
  // ceil_mode: the last window may hang past the padded input (PyTorch ignores those cells).
  while (cells.length < reach) push('overhang', null);
  return finish({
    cells,
    inputIndex,
    kernel: a.kernel,
    dilation: a.dilation,
    stride: a.stride,
    span,
    outputs: o,
    transposed: false,
    insertedZeros: 0,
    padBefore: a.padBefore,
    padAfter: a.padAfter,
    extra: 0,
    croppedBefore: 0,
    croppedAfter: 0,
  });
}

function transposedGeometry(a: AxisArithmetic, i: number, o: number, span: number): AxisGeometry | undefined {
  const zeros = a.stride - 1;
  const stretched = (i - 1) * a.stride + 1; // ĩ'
  const total = o + span - 1; // cells a unit-stride sweep of o windows covers
  if (Math.max(stretched, total) > LIMIT) return undefined;
  const line: { kind: CellKind; index: number | null }[] = [];
  for (let u = 0; u < i; u++) {
    line.push({ kind: 'input', index: u });
    if (u < i - 1) for (let z = 0; z < zeros; z++) line.push({ kind: 'zero', index: null });
  }
  // p' = k̂ − 1 − p on each side; when p exceeds k̂ − 1 the equivalent convolution crops instead.
  const before = span - 1 - a.padBefore;
  const croppedBefore = Math.max(0, -before);
  const body = line.slice(croppedBefore);
  const cells: { kind: CellKind; index: number | null }[] = [
    ...Array.from({ length: Math.max(0, before) }, () => ({ kind: 'padding' as CellKind, index: null })),
    ...body,
  ];
  const after = Math.max(0, span - 1 - a.padAfter);
  for (let c = 0; c < after; c++) cells.push({ kind: 'padding', index: null });
  const padAfterCount = Math.min(after, Math.max(0, total - (cells.length - after)));
  // output_padding (and Keras' own extra size) adds cells at the bottom/right: relationship 14.
  let extra = 0;
  while (cells.length < total) {
    cells.push({ kind: 'extra', index: null });
    extra++;
  }
  const croppedAfter = Math.max(0, cells.length - total - after);
  cells.length = total;
  return finish({
    cells: cells.map(c => c.kind),
    inputIndex: cells.map(c => c.index),
    kernel: a.kernel,
    dilation: a.dilation,
    stride: 1,
    span,
    outputs: o,
    transposed: true,
    insertedZeros: zeros,
    padBefore: Math.max(0, before),
    padAfter: padAfterCount,
    extra,
    croppedBefore,
    croppedAfter,
  });
}

function finish(g: Omit<AxisGeometry, 'read'>): AxisGeometry {
  const read = new Array<boolean>(g.cells.length).fill(false);
  const probe = { ...g, read } as AxisGeometry;
  for (let o = 0; o < g.outputs; o++) for (const t of windowTaps(probe, o)) if (t < read.length) read[t] = true;
  return probe;
}
