// How a shape is written for people. One place for every view: hints, CodeLens, summaries, the CLI.
import { dimText, type Dim, type Shape } from '../engine/dim';
import type { Framework } from '../engine/types';

/** `auto` writes each framework's own notation: `[N, 16, 14, 14]` for PyTorch, `(None, 14, 14, 16)` for Keras. */
export type ShapeStyle = 'auto' | 'brackets' | 'parens' | 'times';

/** Keras users know an unknown axis as `None`; elsewhere it is `?`. */
export function dimFor(d: Dim, framework: Framework | undefined): string {
  return d === null && framework === 'keras' ? 'None' : dimText(d);
}

/** `[N, 16, 14, 14]`, `(N, 16, 14, 14)` or `N×16×14×14`; `?` for an unknown shape. */
export function formatShape(shape: Shape | null, style: ShapeStyle = 'auto', framework?: Framework): string {
  if (shape === null) return '?';
  return formatDimTexts(
    shape.map(d => dimFor(d, framework)),
    style,
    framework,
  );
}

/** A shape from the text of each dim (dim-names.ts writes some as names). */
export function formatDimTexts(dims: readonly string[], style: ShapeStyle, framework?: Framework): string {
  const resolved = style === 'auto' ? (framework === 'keras' ? 'parens' : 'brackets') : style;
  if (resolved === 'parens') return `(${dims.join(', ')}${dims.length === 1 ? ',' : ''})`;
  if (resolved === 'times') return dims.length === 0 ? '()' : dims.join('×');
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
