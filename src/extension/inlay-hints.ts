// `→ [N, 16, 14, 14]` at the end of each layer definition and each statement that makes a tensor.
import * as vscode from 'vscode';
import type { AnalysisStore, DocumentView } from './analysis-store';
import { readSettings, type Settings } from './settings';
import { shapeHints } from '../views/hints';

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

export function hintsIn(view: DocumentView, range: vscode.Range, settings: Settings): vscode.InlayHint[] {
  const first = view.offset(range.start);
  const last = view.offset(range.end);
  return shapeHints(view, first, last, offset => view.position(offset).line, settings).map(h => {
    const hint = new vscode.InlayHint(view.position(h.offset), h.label, vscode.InlayHintKind.Type);
    hint.paddingLeft = true;
    if (h.tooltip) hint.tooltip = new vscode.MarkdownString().appendCodeblock(h.tooltip, 'text');
    return hint;
  });
}
