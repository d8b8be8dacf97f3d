// `→ [N, 16, 14, 14]` at the end of each layer definition and each statement that makes a tensor.
import * as vscode from 'vscode';
import type { AnalysisStore } from './analysis-store';
import { readSettings } from './settings';
import { formatShape } from '../render/shape-format';
import { formulaLines } from '../render/explain';

export class ShapeInlayHintsProvider implements vscode.InlayHintsProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.changed.event;

  constructor(private readonly store: AnalysisStore) {}

  refresh(): void {
    this.changed.fire();
  }

  provideInlayHints(document: vscode.TextDocument, range: vscode.Range, token: vscode.CancellationToken): vscode.InlayHint[] {
    const settings = readSettings(document);
    if (!settings.inlayHints) return [];
    const view = this.store.viewOf(document);
    if (!view || token.isCancellationRequested) return [];
    const hints: vscode.InlayHint[] = [];
    const seenLines = new Set<number>();
    for (const h of view.analysis.hints) {
      if (!view.contains(h.offset)) continue;
      if (settings.hintSites === 'definitions' && h.site !== 'definition') continue;
      if (settings.hintSites === 'statements' && h.site !== 'statement') continue;
      const position = view.position(h.offset);
      if (!range.contains(position) || seenLines.has(position.line)) continue;
      seenLines.add(position.line);
      const hint = new vscode.InlayHint(position, `→ ${formatShape(h.shape, settings.shapeStyle, h.framework)}`, vscode.InlayHintKind.Type);
      hint.paddingLeft = true;
      const layer = h.layer === undefined ? undefined : view.analysis.layers[h.layer];
      if (layer?.axes?.length) hint.tooltip = new vscode.MarkdownString().appendCodeblock(formulaLines(layer.axes).join('\n'), 'text');
      hints.push(hint);
    }
    return hints;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
