// Quick fixes: the fixes the Analysis carries (as text edits), and "Declare input shape…".
import * as vscode from 'vscode';
import type { AnalysisStore, DocumentView } from './analysis-store';
import { sourceOf } from './diagnostics';
import type { Fix } from '../analysis/types';
import { fixesIn } from '../views/diagnostics';

export const DECLARE_INPUT_COMMAND = 'convshape.declareInputShape';

export class ShapeCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  constructor(private readonly store: AnalysisStore) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range,
    context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeAction[]> {
    const view = await this.store.viewOf(document, token);
    if (!view || token.isCancellationRequested) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== 'convshape') continue;
      const source = sourceOf(view, diagnostic);
      for (const fix of fixesIn(view, source?.fixes ?? [])) actions.push(toCodeAction(view, fix, diagnostic));
    }
    const model = view.analysis.models.find(m => view.ownsRange(m.range) && view.range(m.range).intersection(range));
    if (model) {
      const action = new vscode.CodeAction(`Declare input shape of ${model.name}…`, vscode.CodeActionKind.QuickFix);
      action.command = { command: DECLARE_INPUT_COMMAND, title: action.title, arguments: [document.uri, model.name] };
      actions.push(action);
    }
    return actions;
  }
}

function toCodeAction(view: DocumentView, fix: Fix, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = fix.preferred ?? false;
  action.edit = new vscode.WorkspaceEdit();
  for (const edit of fix.edits) action.edit.replace(view.document.uri, view.range(edit.range), edit.newText);
  return action;
}
