// The formulas shown to the user, with the numbers substituted, e.g. `⌊(32 + 2·1 − 3)/2⌋ + 1 = 16`.
// Symbolic inputs print their dim text, so the formula reads `⌊(H + 2·1 − 3)/2⌋ + 1 = ⌊(H−1)/2⌋+1`.
import { type Dim, dimText } from '../dim';

function padText(padBefore: number, padAfter: number): string {
  return padBefore === padAfter ? `2·${padBefore}` : `${padBefore} + ${padAfter}`;
}

/** Direct convolution / pooling: `⌊(i + 2·p − k̂)/s⌋ + 1 = o` (`⌈…⌉` for ceil_mode). */
export function windowFormula(a: {
  input: Dim;
  kernel: number;
  stride: number;
  dilation: number;
  padBefore: number;
  padAfter: number;
  output: Dim;
  ceilMode?: boolean;
}): string {
  const k = a.dilation === 1 ? `${a.kernel}` : `${a.dilation}·(${a.kernel} − 1) − 1`;
  const inner = `${dimText(a.input)} + ${padText(a.padBefore, a.padAfter)} − ${k}`;
  const body = a.ceilMode ? `⌈(${inner})/${a.stride}⌉ + 1` : `⌊(${inner})/${a.stride}⌋ + 1`;
  return `${body} = ${dimText(a.output)}`;
}

/** Transposed convolution: `(i − 1)·s − 2·p + d·(k − 1) + output_padding + 1 = o`. */
export function transposedFormula(a: {
  input: Dim;
  kernel: number;
  stride: number;
  dilation: number;
  pad: number;
  outputPadding: number;
  output: Dim;
}): string {
  return `(${dimText(a.input)} − 1)·${a.stride} − 2·${a.pad} + ${a.dilation}·(${a.kernel} − 1) + ${a.outputPadding} + 1 = ${dimText(a.output)}`;
}
