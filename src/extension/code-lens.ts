// On each model class: `[N, 3, 32, 32] → [N, 10] · 61.7K params`, and a Summary action.
import * as vscode from 'vscode';
import type { AnalysisStore } from './analysis-store';
import { readSettings } from './settings';
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
    return lenses;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
