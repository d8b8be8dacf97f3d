// The short captions under a diagram, in the guide's notation (i, k, s, p, d, o; primes and a for
// transposed convolutions). Shared by the SVG and the ASCII renderers. Plain text, not escaped.
import { dimText } from '../engine/dim';
import type { AxisArithmetic } from '../engine/types';

/** One value per axis, joined with × (`5×7`), or a single value when all axes agree. */
function perAxis(axes: readonly AxisArithmetic[], value: (a: AxisArithmetic) => string): string {
  const values = axes.map(value);
  return values.every(v => v === values[0]) ? values[0] : values.join('×');
}

const padText = (a: AxisArithmetic) =>
  a.padBefore === a.padAfter ? String(a.padBefore) : `${a.padBefore}+${a.padAfter}`;

/** `i = 5  k = 3  s = 2  p = 1` (plus `d`, `a` when they matter). */
export function inputCaption(axes: readonly AxisArithmetic[]): string {
  if (axes.length === 0) return '';
  const transposed = axes.some(a => a.transposed);
  const prime = transposed ? '′' : '';
  const parts = [
    `i${prime} = ${perAxis(axes, a => dimText(a.input))}`,
    `k = ${perAxis(axes, a => String(a.kernel))}`,
    `s = ${perAxis(axes, a => String(a.stride))}`,
    `p = ${perAxis(axes, padText)}`,
  ];
  if (axes.some(a => a.dilation > 1)) parts.push(`d = ${perAxis(axes, a => String(a.dilation))}`);
  if (transposed && axes.some(a => a.outputPadding > 0))
    parts.push(`a = ${perAxis(axes, a => String(a.outputPadding))}`);
  if (axes.some(a => a.ceilMode)) parts.push('ceil_mode');
  return parts.join(', ');
}

/** `o = 3` (`o′` for transposed). */
export function outputCaption(axes: readonly AxisArithmetic[]): string {
  if (axes.length === 0) return '';
  const prime = axes.some(a => a.transposed) ? '′' : '';
  return `o${prime} = ${perAxis(axes, a => dimText(a.output))}`;
}

/**
 * For a transposed convolution, how it is drawn: the equivalent direct convolution with unit
 * stride over the stretched, padded input (relationships 12–14).
 */
export function transposedCaption(axes: readonly AxisArithmetic[]): string | undefined {
  if (!axes.some(a => a.transposed)) return undefined;
  const zeros = perAxis(axes, a => String(a.stride - 1));
  const pPrime = perAxis(axes, a => {
    const k = a.dilation * (a.kernel - 1) + 1;
    return a.padBefore === a.padAfter ? String(k - 1 - a.padBefore) : `${k - 1 - a.padBefore}+${k - 1 - a.padAfter}`;
  });
  return `drawn as a direct conv: ${zeros} zero${zeros === '1' ? '' : 's'} between input units, p′ = ${pPrime}, s′ = 1`;
}

/** A caption for cells no window reads, when there are any at the far edge. */
export function unusedCaption(axes: readonly AxisArithmetic[]): string | undefined {
  const drawn = axes.slice(-2);
  const names = drawn.length === 2 ? ['row', 'column'] : ['cell'];
  const unused = drawn
    .map((a, idx) => {
      const name = names[idx] ?? 'cell';
      return a.unusedInput === 1 ? `the last ${name}` : a.unusedInput > 1 ? `the last ${a.unusedInput} ${name}s` : '';
    })
    .filter(Boolean);
  if (unused.length === 0) return undefined;
  return `hatched: ${unused.join(' and ')} never read`;
}

/** A caption for the cells past the input that only a ceil_mode window reaches. */
export function overhangCaption(axes: readonly AxisArithmetic[]): string | undefined {
  return axes.some(a => a.ceilMode)
    ? 'dotted: past the input, reached only by a ceil_mode window (ignored)'
    : undefined;
}
