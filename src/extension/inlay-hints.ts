// `→ [N, 16, 14, 14]` at the end of each layer definition and each statement that makes a tensor.
import * as vscode from 'vscode';
import type { AnalysisStore, DocumentView } from './analysis-store';
import type { Analysis, LayerCall, ShapeHint, TextRange } from '../analysis/types';
import { hintsInRange } from '../analysis/query';
import { readSettings, type Settings } from './settings';
import { formatShapeWithin } from '../render/dim-names';
import { formulaLines } from '../render/explain';

export class ShapeInlayHintsProvider implements vscode.InlayHintsProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.changed.event;

  constructor(private readonly store: AnalysisStore) {}

  refresh(): void {
    this.changed.fire();
  }

  async provideInlayHints(
    document: vscode.TextDocument,
    range: vscode.Range,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlayHint[]> {
    const settings = readSettings(document);
    if (!settings.inlayHints) return [];
    const view = await this.store.viewOf(document, token);
    if (!view || token.isCancellationRequested) return [];
    return hintsIn(view, range, settings);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

const ARROW = '→ ';

export function hintsIn(view: DocumentView, range: vscode.Range, settings: Settings): vscode.InlayHint[] {
  const hints: vscode.InlayHint[] = [];
  const seenLines = new Set<number>();
  // Offsets first: a long document has thousands of hints, the editor asks for the visible lines.
  const first = view.offset(range.start);
  const last = view.offset(range.end);
  for (const h of hintsInRange(view.analysis, first, last)) {
    if (!view.contains(h.offset) || !isInformative(h)) continue;
    if (settings.hintSites === 'definitions' && h.site !== 'definition') continue;
    if (settings.hintSites === 'statements' && h.site !== 'statement') continue;
    const position = view.position(h.offset);
    // Quiet by design: one hint per line.
    if (!range.contains(position) || seenLines.has(position.line)) continue;
    seenLines.add(position.line);
    // Long sizes are named (legend in the tooltip) rather than cut mid-term by the editor.
    const budget = settings.hintMaxLength > 0 ? settings.hintMaxLength - ARROW.length : Infinity;
    const shape = formatShapeWithin(h.shape, budget, settings.shapeStyle, h.framework);
    const hint = new vscode.InlayHint(position, `${ARROW}${shape.text}`, vscode.InlayHintKind.Type);
    hint.paddingLeft = true;
    const tooltip = tooltipOf(view, h, shape.legend);
    if (tooltip) hint.tooltip = tooltip;
    hints.push(hint);
  }
  return hints;
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
function tooltipOf(view: DocumentView, h: ShapeHint, legend: readonly string[]): vscode.MarkdownString | undefined {
  const layers: LayerCall[] = [];
  if (h.layer !== undefined) {
    const layer = view.analysis.layers[h.layer];
    if (layer) layers.push(layer);
  } else {
    for (const i of layersCalledIn(view.analysis, h.range)) layers.push(view.analysis.layers[i]);
  }
  const explained = layers.filter(l => l.axes?.length);
  if (explained.length === 0 && legend.length === 0) return undefined;
  const text = explained
    .slice(-3)
    .map(l =>
      [`${l.name ? `${l.name} (${l.kind})` : l.kind}`, ...formulaLines(l.axes ?? []).map(f => `  ${f}`)].join('\n'),
    );
  return new vscode.MarkdownString().appendCodeblock([...legend, ...text].join('\n'), 'text');
}
