// The model summary as a read-only markdown document (`convshape-summary:` scheme).
import * as vscode from 'vscode';
import type { AnalysisStore } from './analysis-store';
import { summaryMarkdown } from '../render/summary';
import { readSettings } from './settings';

export const SUMMARY_SCHEME = 'convshape-summary';

export class SummaryDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly store: AnalysisStore) {}

  static uriFor(source: vscode.Uri, model: string): vscode.Uri {
    return vscode.Uri.from({
      scheme: SUMMARY_SCHEME,
      path: `/${model} summary.md`,
      query: JSON.stringify({ source: source.toString(), model }),
    });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    let source: string, model: string;
    try {
      ({ source, model } = JSON.parse(uri.query) as { source: string; model: string });
    } catch {
      // A hand-typed or stale address, not a bug: say what it is.
      return `# ConvShape\n\nNot a model summary address: ${uri.toString()}\n`;
    }
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(source));
    const view = await this.store.viewOf(document);
    const info = view?.analysis.models.find(m => m.name === model);
    if (!view || !info) return `# ${model}\n\nNo model named ${model} was found in ${document.uri.path}.\n`;
    return summaryMarkdown(view.analysis, info, readSettings(document).shapeStyle);
  }
}

/** Opens the summary of `model` (or of the first model in the active editor). */
export async function showSummary(
  store: AnalysisStore,
  source?: vscode.Uri,
  model?: string,
): Promise<vscode.TextDocument | undefined> {
  const document = source ? await vscode.workspace.openTextDocument(source) : vscode.window.activeTextEditor?.document;
  if (!document) return undefined;
  const view = await store.viewOf(document);
  const name = model ?? view?.analysis.models[0]?.name;
  if (!name) {
    void vscode.window.showInformationMessage('ConvShape: no model found in this document.');
    return undefined;
  }
  const summary = await vscode.workspace.openTextDocument(SummaryDocuments.uriFor(document.uri, name));
  await vscode.languages.setTextDocumentLanguage(summary, 'markdown');
  await vscode.window.showTextDocument(summary, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  return summary;
}
