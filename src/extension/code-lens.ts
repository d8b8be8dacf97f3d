// On each model class: `[N, 3, 32, 32] → [N, 10] · 61.7K params`, and a Summary action.
import * as vscode from 'vscode';
import type { AnalysisStore } from './analysis-store';
import { readSettings } from './settings';
import { OPEN_EXPLORER_COMMAND } from './explorer-panel';
import { modelLenses } from '../views/lenses';

export const SUMMARY_COMMAND = 'convshape.showSummary';

export class ModelCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly store: AnalysisStore) {}

  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    const view = await this.store.viewOf(document, token);
    if (!view || token.isCancellationRequested) return [];
    const style = readSettings(document).shapeStyle;
    const lenses: vscode.CodeLens[] = [];
    for (const { model, title, tooltip } of modelLenses(view, style)) {
      const range = view.range(model.range);
      lenses.push(
        new vscode.CodeLens(range, {
          title,
          tooltip,
          command: SUMMARY_COMMAND,
          arguments: [document.uri, model.name],
        }),
      );
      lenses.push(
        new vscode.CodeLens(range, {
          title: 'Summary',
          command: SUMMARY_COMMAND,
          arguments: [document.uri, model.name],
        }),
      );
    }
    // On each convolution, pooling and transposed convolution: open it in the explorer.
    const seen = new Set<number>();
    for (const layer of view.analysis.layers) {
      const d = layer.definition;
      if (!d || !layer.axes?.length || !view.ownsRange(d) || seen.has(d.start)) continue;
      seen.add(d.start);
      lenses.push(
        new vscode.CodeLens(view.range(d), {
          title: `Explore ${layer.kind}`,
          tooltip: 'Open in the ConvShape Explorer: animate the kernel, try other arguments',
          command: OPEN_EXPLORER_COMMAND,
          arguments: [document.uri.toString(), d.start],
        }),
      );
    }
    return lenses;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
