// How a shape is written for people, in the three styles the editor offers.
import { dimText, type Shape } from '../engine/dim';

export type ShapeStyle = 'brackets' | 'parens' | 'times';

/** `[N, 16, 14, 14]`, `(N, 16, 14, 14)` or `N×16×14×14`. */
export function formatShape(shape: Shape, style: ShapeStyle = 'brackets'): string {
  const dims = shape.map(dimText);
  if (style === 'parens') return `(${dims.join(', ')}${dims.length === 1 ? ',' : ''})`;
  if (style === 'times') return dims.length === 0 ? '()' : dims.join('×');
  return `[${dims.join(', ')}]`;
}

/** 61.7K, 1.2M, 950: parameter and MAC counts at a glance. */
export function formatCount(n: number): string {
  const abs = Math.abs(n);
  const unit = (v: number, s: string) => `${Number(v.toFixed(1))}${s}`;
  if (abs >= 1e9) return unit(n / 1e9, 'G');
  if (abs >= 1e6) return unit(n / 1e6, 'M');
  if (abs >= 1e3) return unit(n / 1e3, 'K');
  return String(n);
}
