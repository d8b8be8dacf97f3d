// The palette's commands, all under "ConvShape".
import * as vscode from 'vscode';
import type { AnalysisStore } from './analysis-store';
import { showSummary } from './summary';

/** Where a model's input can be declared: the end of its `def forward(self, x` / `def call(self, x` line. */
export function inputDeclarationSite(text: string, classOffset: number): { lineStart: number; lineEnd: number; indent: string; argument: string; hasComment: boolean } | undefined {
  const re = /^([ \t]+)def (?:forward|call)\(\s*self\s*,\s*\*?([A-Za-z_]\w*)[^\n]*$/gm;
  re.lastIndex = classOffset;
  const m = re.exec(text);
  if (!m) return undefined;
  return { lineStart: m.index, lineEnd: m.index + m[0].length, indent: m[1], argument: m[2], hasComment: m[0].includes('#') };
}

/** Accepts `1,3,32,32`, `[N, 3, 32, 32]`, `(None, 28, 28, 1)`; returns the canonical `[...]` text. */
export function normalizeShapeInput(text: string): string | undefined {
  const inner = text.trim().replace(/^[[(]|[\])]$/g, '');
  const dims = inner.split(/\s*[,x×]\s*|\s+/).filter(Boolean);
  if (dims.length === 0 || !dims.every(d => /^(\d+|[A-Za-z_]\w*|\?)$/.test(d))) return undefined;
  return `[${dims.join(', ')}]`;
}

export async function declareInputShape(store: AnalysisStore, uri?: vscode.Uri, modelName?: string): Promise<boolean> {
  const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!document) return false;
  const view = store.viewOf(document);
  const model = view?.analysis.models.find(m => (modelName ? m.name === modelName : true));
  if (!view || !model) {
    void vscode.window.showInformationMessage('ConvShape: no model found to declare an input for.');
    return false;
  }
  const site = inputDeclarationSite(document.getText(), model.range.start - view.base);
  if (!site) {
    void vscode.window.showInformationMessage(`ConvShape: ${model.name} has no forward/call method to annotate.`);
    return false;
  }
  const answer = await vscode.window.showInputBox({
    title: `Input shape of ${model.name}`,
    prompt: `Shape of \`${site.argument}\`, e.g. [N, 3, 32, 32]`,
    value: '[N, 3, 32, 32]',
    validateInput: v => (normalizeShapeInput(v) ? undefined : 'Write dims as integers, names or ?, e.g. [N, 3, 32, 32]'),
  });
  const shape = answer === undefined ? undefined : normalizeShapeInput(answer);
  if (!shape) return false;
  const edit = new vscode.WorkspaceEdit();
  // design.md: the comment goes on the def line, or on the line above when that line has one already.
  if (site.hasComment) edit.insert(document.uri, document.positionAt(site.lineStart), `${site.indent}# ${site.argument}: ${shape}\n`);
  else edit.insert(document.uri, document.positionAt(site.lineEnd), `  # ${site.argument}: ${shape}`);
  return vscode.workspace.applyEdit(edit);
}

export function registerCommands(store: AnalysisStore): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('convshape.showSummary', (uri?: vscode.Uri, model?: string) => showSummary(store, uri, model)),
    vscode.commands.registerCommand('convshape.declareInputShape', (uri?: vscode.Uri, model?: string) => declareInputShape(store, uri, model)),
    vscode.commands.registerCommand('convshape.explainLayer', () => vscode.commands.executeCommand('editor.action.showHover')),
    vscode.commands.registerCommand('convshape.toggleInlayHints', async () => {
      const config = vscode.workspace.getConfiguration('convshape');
      const next = !config.get<boolean>('inlayHints.enabled', true);
      await config.update('inlayHints.enabled', next, vscode.ConfigurationTarget.Global);
      return next;
    }),
  ];
}
