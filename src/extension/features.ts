// Wires the providers, diagnostics and commands to the editor's events.
import * as vscode from 'vscode';
import { AnalysisStore, codeCells, notebookOf } from './analysis-store';
import { ShapeCodeActionProvider } from './code-actions';
import { ModelCodeLensProvider } from './code-lens';
import { registerCommands } from './commands';
import { ShapeDiagnostics } from './diagnostics';
import { LayerHoverProvider } from './hover';
import { ShapeInlayHintsProvider } from './inlay-hints';
import { SUMMARY_SCHEME, SummaryDocuments } from './summary';

/** Python files (any scheme: untitled, remote, virtual) and notebook cells. */
const PYTHON: vscode.DocumentSelector = [{ language: 'python' }];

export function registerFeatures(context: vscode.ExtensionContext, log: vscode.OutputChannel): AnalysisStore {
  const store = new AnalysisStore(log);
  const hints = new ShapeInlayHintsProvider(store);
  const lenses = new ModelCodeLensProvider(store);
  const diagnostics = new ShapeDiagnostics(store);

  // A notebook's cells share one Analysis: an edit in one cell can change every other cell.
  const documentsAffectedBy = (document: vscode.TextDocument): vscode.TextDocument[] => {
    const notebook = notebookOf(document);
    return notebook ? codeCells(notebook).map(c => c.document) : [document];
  };

  context.subscriptions.push(
    store, hints, lenses, diagnostics,
    vscode.languages.registerInlayHintsProvider(PYTHON, hints),
    vscode.languages.registerHoverProvider(PYTHON, new LayerHoverProvider(store)),
    vscode.languages.registerCodeActionsProvider(PYTHON, new ShapeCodeActionProvider(store), ShapeCodeActionProvider.metadata),
    vscode.languages.registerCodeLensProvider(PYTHON, lenses),
    vscode.workspace.registerTextDocumentContentProvider(SUMMARY_SCHEME, new SummaryDocuments(store)),
    ...registerCommands(store),
    vscode.workspace.onDidOpenTextDocument(d => diagnostics.update(d)),
    vscode.workspace.onDidChangeTextDocument(e => {
      if (e.contentChanges.length === 0) return;
      for (const d of documentsAffectedBy(e.document)) diagnostics.schedule(d);
    }),
    vscode.workspace.onDidCloseTextDocument(d => {
      diagnostics.clear(d);
      store.forget(d);
    }),
    vscode.workspace.onDidCloseNotebookDocument(nb => store.forgetNotebook(nb)),
    vscode.workspace.onDidChangeConfiguration(e => {
      if (!e.affectsConfiguration('convshape')) return;
      hints.refresh();
      lenses.refresh();
      for (const d of vscode.workspace.textDocuments) diagnostics.update(d);
    }),
  );
  for (const d of vscode.workspace.textDocuments) diagnostics.update(d);
  return store;
}
