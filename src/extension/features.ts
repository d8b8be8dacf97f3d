// Wires the providers, diagnostics and commands to the editor's events.
import * as vscode from 'vscode';
import { AnalysisClient, type AnalysisHost } from '../worker/analysis-client';
import { AnalysisStore, codeCells, notebookOf } from './analysis-store';
import { ShapeCodeActionProvider } from './code-actions';
import { ModelCodeLensProvider } from './code-lens';
import { registerCommands } from './commands';
import { ShapeDiagnostics } from './diagnostics';
import { LayerHoverProvider } from './hover';
import { ShapeInlayHintsProvider } from './inlay-hints';
import { SUMMARY_SCHEME, SummaryDocuments } from './summary';
import { WorkspaceFiles } from './workspace-files';

/** Python files (any scheme: file, untitled, remote, virtual) and notebook cells. */
const PYTHON: vscode.DocumentSelector = [{ language: 'python' }];

export function registerFeatures(
  context: vscode.ExtensionContext,
  log: vscode.OutputChannel,
  analysisHost: AnalysisHost,
): AnalysisStore {
  const files = new WorkspaceFiles();
  const store = new AnalysisStore(new AnalysisClient(analysisHost, line => log.appendLine(line)), log, files);
  const hints = new ShapeInlayHintsProvider(store);
  const lenses = new ModelCodeLensProvider(store);
  const diagnostics = new ShapeDiagnostics(store, line => log.appendLine(line));

  // A notebook's cells share one Analysis: an edit in one cell can change every other cell, whose
  // hints and lenses VS Code would not ask for again by itself.
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  const refreshViewsSoon = () => {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      hints.refresh();
      lenses.refresh();
    }, 100);
  };
  const updateNotebook = (notebook: vscode.NotebookDocument, debounced: boolean) => {
    for (const cell of codeCells(notebook)) {
      if (debounced) diagnostics.schedule(cell.document);
      else void diagnostics.update(cell.document);
    }
  };

  // A file an open document imports changed: that document's hints, lenses and diagnostics.
  store.onStale(documents => {
    for (const d of documents) diagnostics.schedule(d);
    refreshViewsSoon();
  });

  context.subscriptions.push(
    files,
    store,
    hints,
    lenses,
    diagnostics,
    { dispose: () => clearTimeout(refreshTimer) },
    vscode.languages.registerInlayHintsProvider(PYTHON, hints),
    vscode.languages.registerHoverProvider(PYTHON, new LayerHoverProvider(store)),
    vscode.languages.registerCodeActionsProvider(
      PYTHON,
      new ShapeCodeActionProvider(store),
      ShapeCodeActionProvider.metadata,
    ),
    vscode.languages.registerCodeLensProvider(PYTHON, lenses),
    vscode.workspace.registerTextDocumentContentProvider(SUMMARY_SCHEME, new SummaryDocuments(store)),
    ...registerCommands(store, log, context.extensionUri),
    vscode.workspace.onDidOpenTextDocument(d => void diagnostics.update(d)),
    vscode.workspace.onDidOpenNotebookDocument(nb => updateNotebook(nb, false)),
    vscode.workspace.onDidChangeTextDocument(e => {
      if (e.contentChanges.length === 0) return;
      const notebook = notebookOf(e.document);
      if (notebook) {
        updateNotebook(notebook, true);
        refreshViewsSoon();
      } else diagnostics.schedule(e.document);
    }),
    vscode.workspace.onDidChangeNotebookDocument(e => {
      // Cells added, removed or moved: the program the cells make changed.
      if (e.contentChanges.length === 0) return;
      updateNotebook(e.notebook, true);
      refreshViewsSoon();
    }),
    // Also when a document's language changes: VS Code closes it and opens it again.
    vscode.workspace.onDidCloseTextDocument(d => {
      diagnostics.clear(d);
      store.forget(d);
    }),
    vscode.workspace.onDidCloseNotebookDocument(nb => {
      for (const cell of nb.getCells()) diagnostics.clear(cell.document);
      store.forgetNotebook(nb);
    }),
    vscode.workspace.onDidChangeConfiguration(e => {
      if (!e.affectsConfiguration('convshape')) return;
      hints.refresh();
      lenses.refresh();
      for (const d of vscode.workspace.textDocuments) void diagnostics.update(d);
    }),
  );
  for (const d of vscode.workspace.textDocuments) void diagnostics.update(d);
  return store;
}
