// One Analysis per document version, shared by every provider (design.md, invariant 4). A
// notebook cell is a view into its notebook's Analysis: the code cells are analysed in order as
// one program, and each cell sees the slice of offsets that belongs to it.
import * as vscode from 'vscode';
import type { Analysis, TextRange } from '../analysis/types';
import { analyzeNotebook, DocumentAnalyzer } from '../analysis';

/** The Analysis as seen from one text document (a file, or one notebook cell). */
export class DocumentView {
  constructor(
    readonly document: vscode.TextDocument,
    readonly analysis: Analysis,
    /** Offset of this document's first character in the analysed text. */
    readonly base: number,
  ) {}

  /** Whether an analysed offset falls inside this document. */
  contains(offset: number): boolean {
    return offset >= this.base && offset <= this.base + this.document.getText().length;
  }

  position(offset: number): vscode.Position {
    return this.document.positionAt(offset - this.base);
  }

  range(r: TextRange): vscode.Range {
    return new vscode.Range(this.position(r.start), this.position(r.end));
  }

  /** The analysed offset of a position in this document. */
  offset(position: vscode.Position): number {
    return this.document.offsetAt(position) + this.base;
  }

  ownsRange(r: TextRange): boolean {
    return this.contains(r.start) && this.contains(r.end);
  }
}

interface FileEntry {
  analyzer: DocumentAnalyzer;
  version: number;
  analysis: Analysis;
}

interface NotebookEntry {
  key: string;
  analysis: Analysis;
  cellUris: string[];
}

export class AnalysisStore implements vscode.Disposable {
  private readonly files = new Map<string, FileEntry>();
  private readonly notebooks = new Map<string, NotebookEntry>();
  private readonly onDidAnalyzeEmitter = new vscode.EventEmitter<vscode.TextDocument>();
  /** Fires when a document gets a new Analysis (after an edit). */
  readonly onDidAnalyze = this.onDidAnalyzeEmitter.event;

  constructor(private readonly log: vscode.OutputChannel) {}

  /** The view of the current version of a document, computing its Analysis once per version. */
  viewOf(document: vscode.TextDocument): DocumentView | undefined {
    if (document.languageId !== 'python') return undefined;
    const notebook = notebookOf(document);
    return notebook ? this.cellView(notebook, document) : this.fileView(document);
  }

  private fileView(document: vscode.TextDocument): DocumentView {
    const key = document.uri.toString();
    let entry = this.files.get(key);
    if (!entry || entry.version !== document.version) {
      const started = Date.now();
      const analyzer = entry?.analyzer ?? new DocumentAnalyzer();
      const analysis = analyzer.update(document.getText());
      entry = { analyzer, version: document.version, analysis };
      this.files.set(key, entry);
      this.log.appendLine(`analysed ${document.uri.path} v${document.version} in ${Date.now() - started} ms: ${analysis.layers.length} layers, ${analysis.diagnostics.length} diagnostics`);
    }
    return new DocumentView(document, entry.analysis, 0);
  }

  private cellView(notebook: vscode.NotebookDocument, document: vscode.TextDocument): DocumentView | undefined {
    const cells = codeCells(notebook);
    const versionKey = cells.map(c => `${c.document.uri.toString()}@${c.document.version}`).join('|');
    const key = notebook.uri.toString();
    let entry = this.notebooks.get(key);
    if (!entry || entry.key !== versionKey) {
      const started = Date.now();
      const analysis = analyzeNotebook(cells.map(c => c.document.getText()));
      entry = { key: versionKey, analysis, cellUris: cells.map(c => c.document.uri.toString()) };
      this.notebooks.set(key, entry);
      this.log.appendLine(`analysed notebook ${notebook.uri.path} (${cells.length} cells) in ${Date.now() - started} ms`);
    }
    const index = entry.cellUris.indexOf(document.uri.toString());
    const base = entry.analysis.cells?.[index];
    return index < 0 || base === undefined ? undefined : new DocumentView(document, entry.analysis, base);
  }

  /** Tells listeners that a document (or its notebook's cells) may have a new Analysis. */
  changed(document: vscode.TextDocument): void {
    this.onDidAnalyzeEmitter.fire(document);
  }

  forget(document: vscode.TextDocument): void {
    this.files.delete(document.uri.toString());
  }

  forgetNotebook(notebook: vscode.NotebookDocument): void {
    this.notebooks.delete(notebook.uri.toString());
  }

  dispose(): void {
    this.files.clear();
    this.notebooks.clear();
    this.onDidAnalyzeEmitter.dispose();
  }
}

export function notebookOf(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
  if (document.uri.scheme !== 'vscode-notebook-cell') return undefined;
  return vscode.workspace.notebookDocuments.find(nb => nb.getCells().some(c => c.document === document || c.document.uri.toString() === document.uri.toString()));
}

export function codeCells(notebook: vscode.NotebookDocument): vscode.NotebookCell[] {
  return notebook.getCells().filter(c => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python');
}
