// The palette's commands, all under "ConvShape".
import * as vscode from 'vscode';
import type { AnalysisStore } from './analysis-store';
import { layerAt } from './hover';
import { ExplorerPanel, OPEN_EXPLORER_COMMAND } from './explorer-panel';
import { showSummary } from './summary';
import {
  currentDeclaration,
  declarationEdit,
  inputDeclarationSite,
  parseDeclaration,
} from '../views/input-declaration';

export { inputDeclarationSite, normalizeShapeInput } from '../views/input-declaration';

/**
 * Writes `# x: [N, 3, 32, 32]` on the model's `def forward(self, x)` line (`# x: [..], t: [..]`
 * for several arguments; views/input-declaration.ts). The shape is asked for unless given (so
 * tests and other extensions can call the command without the input box): one shape is the first
 * argument's, `x: [..], t: [..]` names them.
 */
export async function declareInputShape(
  store: AnalysisStore,
  uri?: vscode.Uri,
  modelName?: string,
  shapeText?: string,
): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  const document = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
  if (!document) return false;
  const view = await store.viewOf(document);
  const own = view?.analysis.models.filter(m => view.ownsRange(m.range)) ?? [];
  // Without a name: the model whose class holds the cursor, else the last one before it, else the first.
  const cursor = view && editor?.document === document ? view.offset(editor.selection.active) : undefined;
  const model = modelName
    ? own.find(m => m.name === modelName)
    : ([...own].reverse().find(m => cursor !== undefined && m.range.start <= cursor) ?? own[0]);
  if (!view || !model) {
    void vscode.window.showInformationMessage('ConvShape: no model found to declare an input for.');
    return false;
  }
  // Where the code itself declares the input (a Keras Input's shape), the implied one is written there.
  const declaration = model.implied?.declaration;
  if (declaration && shapeText !== undefined) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, view.range(declaration.range), declaration.newText);
    return vscode.workspace.applyEdit(edit);
  }
  const site = inputDeclarationSite(document.getText(), model.range.start - view.base);
  if (!site) {
    void vscode.window.showInformationMessage(`ConvShape: ${model.name} has no forward/call method to annotate.`);
    return false;
  }
  const several = site.arguments.length > 1;
  const answer =
    shapeText ??
    (await vscode.window.showInputBox({
      title: `Input shape of ${model.name}`,
      prompt: several
        ? `Shapes of ${site.arguments.map(a => `\`${a}\``).join(', ')}, e.g. ${site.arguments[0]}: [N, 3, 32, 32], ${site.arguments[1]}: [N]`
        : `Shape of \`${site.argument}\`, e.g. [N, 3, 32, 32]`,
      value: model.inputs.length ? currentDeclaration(site, model.inputs, model.framework) : '[N, 3, 32, 32]',
      validateInput: v =>
        parseDeclaration(v, site)
          ? undefined
          : several
            ? `Write ${site.arguments[0]}: [N, 3, 32, 32], ${site.arguments[1]}: [...] (dims as integers, names or ?)`
            : 'Write dims as integers, names or ?, e.g. [N, 3, 32, 32]',
    }));
  const shapes = answer === undefined ? undefined : parseDeclaration(answer, site);
  if (!shapes) return false;
  const text = document.getText();
  const change = declarationEdit(text, site, shapes);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(
    document.uri,
    new vscode.Range(document.positionAt(change.start), document.positionAt(change.end)),
    change.newText,
  );
  return vscode.workspace.applyEdit(edit);
}

/**
 * Shows the hover of the layer under the cursor, or of the layer defined or called on the cursor's
 * line (the cursor often rests at the line's end, where the shape hint is). Returns the layer's name.
 */
export async function explainLayer(store: AnalysisStore): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  const view = editor && (await store.viewOf(editor.document));
  if (!editor || !view) return undefined;
  const cursor = editor.selection.active;
  let found = layerAt(view, view.offset(cursor));
  if (!found) {
    const line = editor.document.lineAt(cursor.line).range;
    const onLine = view.analysis.layers.flatMap(layer =>
      [layer.call, layer.definition]
        .filter((r): r is NonNullable<typeof r> => !!r && view.ownsRange(r) && !!view.range(r).intersection(line))
        .map(range => ({ layer, range })),
    );
    found = onLine.find(f => f.layer.axes?.length) ?? onLine[0];
  }
  if (!found) {
    void vscode.window.showInformationMessage('ConvShape: no layer at the cursor.');
    return undefined;
  }
  const start = view.position(found.range.start);
  editor.selection = new vscode.Selection(start, start);
  await vscode.commands.executeCommand('editor.action.showHover');
  return found.layer.name || found.layer.kind;
}

/** Flips `convshape.inlayHints.enabled` where it is set (workspace if set there, else user). */
async function toggleInlayHints(): Promise<boolean> {
  const config = vscode.workspace.getConfiguration('convshape');
  const next = !config.get<boolean>('inlayHints.enabled', true);
  const inspected = config.inspect<boolean>('inlayHints.enabled');
  const target =
    inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update('inlayHints.enabled', next, target);
  return next;
}

export function registerCommands(
  store: AnalysisStore,
  log: vscode.OutputChannel,
  extensionUri: vscode.Uri,
): vscode.Disposable[] {
  const logged =
    <A extends unknown[], R>(name: string, run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R | undefined> => {
      try {
        return await run(...args);
      } catch (e) {
        log.appendLine(`${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        void vscode.window.showErrorMessage(`ConvShape: ${name} failed (see the ConvShape log).`);
        return undefined;
      }
    };
  return [
    vscode.commands.registerCommand(
      'convshape.showSummary',
      logged('Show Model Summary', (uri?: vscode.Uri, model?: string) => showSummary(store, uri, model)),
    ),
    vscode.commands.registerCommand(
      'convshape.declareInputShape',
      logged('Declare Input Shape', (uri?: vscode.Uri, model?: string, shape?: string) =>
        declareInputShape(store, uri, model, shape),
      ),
    ),
    vscode.commands.registerCommand(
      'convshape.explainLayer',
      logged('Explain Layer at Cursor', () => explainLayer(store)),
    ),
    vscode.commands.registerCommand('convshape.toggleInlayHints', logged('Toggle Inlay Hints', toggleInlayHints)),
    // From the hover and the CodeLens: the document and the analysed offset of the layer.
    vscode.commands.registerCommand(
      OPEN_EXPLORER_COMMAND,
      logged('Open in Explorer', (uri?: string, offset?: number) =>
        ExplorerPanel.open(extensionUri, store, typeof uri === 'string' ? uri : undefined, offset),
      ),
    ),
  ];
}
