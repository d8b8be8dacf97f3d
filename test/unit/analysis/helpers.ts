// Shared helpers for the analysis tests.
import { analyzeText, type Analysis, type AnalyzeOptions } from '../../../src/analysis';
import { type Shape, dimText, shapeText } from '../../../src/engine';

export const HEADER = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n';

export function analyze(body: string, options?: AnalyzeOptions): { text: string; a: Analysis } {
  const text = HEADER + body;
  return { text, a: analyzeText(text, options) };
}

export const show = (s: Shape | null | undefined) => (s ? shapeText(s) : null);

/** The layer calls of a model as `name: output` lines. */
export function layerLines(a: Analysis, model?: string): string[] {
  const m = model ? a.models.find(x => x.name === model) : a.models[0];
  if (!m) return [];
  return m.layers.map(i => a.layers[i]).map(l => `${l.name}: ${l.output ? shapeText(l.output) : '?'}`);
}

/** Hints as `line text → shape` (1-based line of the hint). */
export function hintLines(text: string, a: Analysis): string[] {
  return a.hints.map(h => `${text.slice(0, h.offset).split('\n').length}: ${shapeText(h.shape)}`);
}

/** Diagnostics as `code @ covered text`. */
export function diagLines(text: string, a: Analysis): string[] {
  return a.diagnostics.map(d => `${d.code} @ ${text.slice(d.range.start, d.range.end)}`);
}

export { dimText };
