// The inlay hints of a document: `→ [N, 16, 14, 14]` at the end of each layer definition and each
// statement that makes a tensor, one per line, with the formulas behind it for a tooltip. Shared
// by VS Code's provider and the language server.
import type { Analysis, LayerCall, ShapeHint, TextRange } from '../analysis/types';
import { hintsInRange } from '../analysis/query';
import { formatShapeWithin } from '../render/dim-names';
import { formulaLines } from '../render/explain';
import type { ViewSettings } from './settings';
import type { AnalysisSlice } from './slice';

export const HINT_ARROW = '→ ';

export interface ShapeHintView {
  /** Analysed offset where the hint is drawn. */
  readonly offset: number;
  readonly label: string;
  /** Plain text for a code block: names the label uses, then the formulas of the layers behind it. */
  readonly tooltip?: string;
}

/**
 * The hints between analysed offsets `first` and `last`; `lineOf` tells an offset's line, so
 * that a line shows one hint only (quiet by design).
 */
export function shapeHints(
  slice: AnalysisSlice,
  first: number,
  last: number,
  lineOf: (offset: number) => number,
  settings: Pick<ViewSettings, 'hintSites' | 'hintMaxLength' | 'shapeStyle'>,
): ShapeHintView[] {
  const out: ShapeHintView[] = [];
  const seenLines = new Set<number>();
  // Offsets first: a long document has thousands of hints, the editor asks for the visible lines.
  for (const h of hintsInRange(slice.analysis, first, last)) {
    if (!slice.contains(h.offset) || !isInformative(h)) continue;
    if (settings.hintSites === 'definitions' && h.site !== 'definition') continue;
    if (settings.hintSites === 'statements' && h.site !== 'statement') continue;
    const line = lineOf(h.offset);
    if (seenLines.has(line)) continue;
    seenLines.add(line);
    // Long sizes are named (legend in the tooltip) rather than cut mid-term by the editor.
    const budget = settings.hintMaxLength > 0 ? settings.hintMaxLength - HINT_ARROW.length : Infinity;
    const shape = formatShapeWithin(h.shape, budget, settings.shapeStyle, h.framework);
    const tooltip = tooltipOf(slice.analysis, h, shape.legend);
    out.push({ offset: h.offset, label: `${HINT_ARROW}${shape.text}`, ...(tooltip ? { tooltip } : {}) });
  }
  return out;
}

/**
 * A shape says something when more than its batch axis is known: `[1, ?, ?, ?]` (a module shared
 * by calls of different shapes) is noise, so it gets no hint.
 */
function isInformative(h: ShapeHint): boolean {
  return h.shape.length <= 1 || h.shape.slice(1).some(d => d !== null);
}

/** Indices of the layers with a call, sorted by where the call starts; one per Analysis. */
const callOrder = new WeakMap<Analysis, number[]>();

/** Indices (in execution order) of the layers called inside `range`: binary search, not a scan. */
function layersCalledIn(analysis: Analysis, range: TextRange): number[] {
  let order = callOrder.get(analysis);
  if (!order) {
    order = analysis.layers.map((_, i) => i).filter(i => analysis.layers[i].call);
    order.sort((a, b) => analysis.layers[a].call!.start - analysis.layers[b].call!.start || a - b);
    callOrder.set(analysis, order);
  }
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (analysis.layers[order[mid]].call!.start < range.start) lo = mid + 1;
    else hi = mid;
  }
  const found: number[] = [];
  for (let k = lo; k < order.length && analysis.layers[order[k]].call!.start <= range.end; k++) {
    if (analysis.layers[order[k]].call!.end <= range.end) found.push(order[k]);
  }
  return found.sort((a, b) => a - b);
}

/** The names in the hint spelled out, then the formula of the layer it describes or its statement calls. */
function tooltipOf(analysis: Analysis, h: ShapeHint, legend: readonly string[]): string | undefined {
  const layers: LayerCall[] = [];
  if (h.layer !== undefined) {
    const layer = analysis.layers[h.layer];
    if (layer) layers.push(layer);
  } else {
    for (const i of layersCalledIn(analysis, h.range)) layers.push(analysis.layers[i]);
  }
  const explained = layers.filter(l => l.axes?.length);
  // Where a constructor argument's value came from: `ngf = 64, the default of --ngf`.
  const origins = [...new Set(layers.flatMap(l => l.origins ?? []))];
  if (explained.length === 0 && legend.length === 0 && origins.length === 0) return undefined;
  const text = explained
    .slice(-3)
    .map(l =>
      [`${l.name ? `${l.name} (${l.kind})` : l.kind}`, ...formulaLines(l.axes ?? []).map(f => `  ${f}`)].join('\n'),
    );
  return [...legend, ...text, ...origins].join('\n');
}
