// Helpers for the Keras analysis tests: shapes written as Keras prints them (`(None, 30, 30, 8)`).
import { analyzeText, type Analysis, type AnalyzeOptions } from '../../../src/analysis';
import { type Shape, dimText } from '../../../src/engine';

export function analyzeKeras(text: string, options?: AnalyzeOptions): { text: string; a: Analysis } {
  return { text, a: analyzeText(text, options) };
}

/** A shape as Keras prints it. */
export const keras = (s: Shape | null | undefined): string | null => {
  if (!s) return null;
  const dims = s.map(d => (d === null ? 'None' : dimText(d)));
  return `(${dims.join(', ')}${dims.length === 1 ? ',' : ''})`;
};

/** Every layer call as `name Kind (output)`, in execution order. */
export function calls(a: Analysis): string[] {
  return a.layers.map(l => `${l.name} ${l.kind} ${keras(l.output) ?? '?'}`);
}

/** Diagnostics as `severity code @ covered text`. */
export function diags(text: string, a: Analysis): string[] {
  return a.diagnostics.map(d => `${d.severity} ${d.code} @ ${text.slice(d.range.start, d.range.end)}`);
}

/** The text after applying a fix's edits (non-overlapping, applied from the end). */
export function applyFix(
  text: string,
  edits: readonly { range: { start: number; end: number }; newText: string }[],
): string {
  return [...edits]
    .sort((x, y) => y.range.start - x.range.start)
    .reduce((t, e) => t.slice(0, e.range.start) + e.newText + t.slice(e.range.end), text);
}
