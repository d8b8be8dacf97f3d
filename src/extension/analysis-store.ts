// One Analysis per document version, shared by every provider (docs/design.md, invariant 4). A
// notebook cell is a view into its notebook's Analysis: the code cells are analysed in order as
// one program, and each cell sees the slice of offsets that belongs to it.
//
// The analysis runs in a worker (analysis-client.ts), so the extension host never waits on it;
// a provider that asks awaits the one request for the document's current version. It still takes
// time in proportion to the document (0.5–2 s for 10,000 lines of model code), so a document
// whose last analysis took over FAST_MS is re-analysed only once the user pauses typing
// (debounce), and the providers that asked meanwhile wait for that one analysis (defer). The same
// holds when no worker can run and the analysis falls back to the extension host's own thread.
import * as vscode from 'vscode';
import type { Analysis, TextRange } from '../analysis/types';
import type { AnalysisClient, AnalysisResult } from '../worker/analysis-client';
import type { AnalysisRequest } from '../worker/analysis-protocol';
import type { WorkspaceFiles } from './workspace-files';
import { readSettings } from './settings';
import { untilCancelled } from '../worker/until-cancelled';

/** An analysis faster than this runs as soon as a provider asks; a slower one waits for a pause. */
export const FAST_MS = 50;

/** The Analysis as seen from one text document (a file, or one notebook cell). */
export class DocumentView {
  private readonly length: number;

  constructor(
    readonly document: vscode.TextDocument,
    readonly analysis: Analysis,
    /** Offset of this document's first character in the analysed text. */
    readonly base: number,
  ) {
    // The end of the last line, without copying the whole text (a long document's views are many).
    this.length = document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
  }

  /** Whether an analysed offset falls inside this document. */
  contains(offset: number): boolean {
    return offset >= this.base && offset <= this.base + this.length;
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

/** What gets analysed for a document: the file itself, or every code cell of its notebook. */
interface Target {
  key: string;
  /** Changes whenever any analysed text changes. */
  versionKey: string;
  label: string;
  documents: vscode.TextDocument[];
}

interface Entry {
  versionKey?: string;
  analysis?: Analysis;
  /** Document URI → offset of its first character in the analysed text. */
  bases: Map<string, number>;
  lastMs: number;
  /** The request for a version not analysed yet; every provider asking for it shares it. */
  pending?: { versionKey: string; done: Promise<void> };
  timer?: ReturnType<typeof setTimeout>;
  waiting: (() => void)[];
  /** Project files the last analysis read; `stamp` counts changes to them (part of the version). */
  reads: ReadonlySet<string>;
  stamp: number;
  documents: vscode.TextDocument[];
}

/** Rounds of asking the host for files one analysis may take (each a level of imports). */
const MAX_FILE_ROUNDS = 16;

export class AnalysisStore implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();

  private readonly staleListeners: ((documents: readonly vscode.TextDocument[]) => void)[] = [];

  constructor(
    private readonly client: AnalysisClient,
    private readonly log: vscode.OutputChannel,
    private readonly files?: WorkspaceFiles,
  ) {
    files?.onDidChange(path => this.fileChanged(path));
  }

  /** Called with the open documents whose analysis read a file that changed (to refresh views). */
  onStale(listener: (documents: readonly vscode.TextDocument[]) => void): void {
    this.staleListeners.push(listener);
  }

  private fileChanged(path: string): void {
    const stale: vscode.TextDocument[] = [];
    for (const entry of this.entries.values()) {
      if (!entry.reads.has(path)) continue;
      entry.stamp++;
      stale.push(...entry.documents);
    }
    if (stale.length) for (const l of this.staleListeners) l(stale);
  }

  /**
   * The view of the current version of a document. Analyses at most once per version; for a slow
   * document, waits until the user pauses typing. Undefined for non-Python documents, for a
   * notebook cell whose notebook is not open, and when `token` is cancelled.
   */
  async viewOf(document: vscode.TextDocument, token?: vscode.CancellationToken): Promise<DocumentView | undefined> {
    for (;;) {
      if (token?.isCancellationRequested) return undefined;
      const target = this.stamped(targetOf(document));
      if (!target) return undefined;
      const entry = this.entryOf(target.key);
      if (entry.versionKey === target.versionKey) return this.viewIn(entry, document);
      if (entry.pending?.versionKey === target.versionKey || entry.analysis === undefined || entry.lastMs <= FAST_MS) {
        await untilCancelled(this.analyse(entry, target), token);
      } else {
        await untilCancelled(this.afterPause(entry, document), token);
      }
    }
  }

  /** The view if the current version is analysed already (no work), else undefined. */
  peek(document: vscode.TextDocument): DocumentView | undefined {
    const target = this.stamped(targetOf(document));
    const entry = target && this.entries.get(target.key);
    return entry && entry.versionKey === target.versionKey ? this.viewIn(entry, document) : undefined;
  }

  /**
   * The explorer's what-if: an Analysis of the document's text with `edits` (offsets in the
   * document) applied, under a key of its own so the document's analyzer keeps its cache. The
   * text analysed is returned with it. Undefined when superseded by a newer what-if.
   */
  async analyseVariant(
    document: vscode.TextDocument,
    edits: readonly { start: number; end: number; newText: string }[],
  ): Promise<{ analysis: Analysis; base: number; text: string } | undefined> {
    const target = targetOf(document);
    if (!target) return undefined;
    const uri = document.uri.toString();
    const index = target.documents.findIndex(d => d.uri.toString() === uri);
    let text = document.getText();
    for (const e of [...edits].sort((a, b) => b.start - a.start))
      text = text.slice(0, e.start) + e.newText + text.slice(e.end);
    const texts = target.documents.map((d, i) => (i === index ? text : d.getText()));
    const result = await this.client.analyse({
      key: variantKey(target.key),
      texts,
      notebook: target.key.startsWith('notebook:'),
    });
    return result ? { analysis: result.analysis, base: result.bases[index] ?? 0, text } : undefined;
  }

  /** The explorer moved on: the what-if analyzer of this document goes. */
  forgetVariant(document: vscode.TextDocument): void {
    const target = targetOf(document);
    if (target) this.client.forget(variantKey(target.key));
  }

  /** The target's version including the changes of the project files its analysis read. */
  private stamped(target: Target | undefined): Target | undefined {
    const stamp = target && this.entries.get(target.key)?.stamp;
    return target && stamp ? { ...target, versionKey: `${target.versionKey}#${stamp}` } : target;
  }

  private entryOf(key: string): Entry {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { bases: new Map(), lastMs: 0, waiting: [], reads: new Set(), stamp: 0, documents: [] };
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Settles once this version is analysed, or once a newer version superseded the request. */
  private analyse(entry: Entry, target: Target): Promise<void> {
    if (entry.pending?.versionKey === target.versionKey) return entry.pending.done;
    const request = {
      key: target.key,
      texts: target.documents.map(d => d.getText()),
      notebook: target.key.startsWith('notebook:'),
    };
    const lines = target.documents.reduce((n, d) => n + d.lineCount, 0);
    const pending = {
      versionKey: target.versionKey,
      done: this.analyseWithFiles(request, target).then(result => {
        if (entry.pending === pending) entry.pending = undefined;
        if (result && this.entries.get(target.key) === entry) this.keep(entry, target, result, lines);
      }),
    };
    entry.pending = pending;
    return pending.done;
  }

  /** The analysis of `request`, with the project files the worker asks for read and sent until it
   *  has every one it looked for (or the rounds run out: the rest stays unknown). */
  private async analyseWithFiles(request: AnalysisRequest, target: Target): Promise<AnalysisResult | undefined> {
    const document = target.documents[0];
    const project = this.files && !request.notebook ? await this.files.projectOf(document) : undefined;
    if (!project || !this.files) return this.client.analyse(request);
    let files = this.files.takeChanges();
    for (let round = 0; ; round++) {
      const result = await this.client.analyse({ ...request, project: { ...project, files } });
      if (!result?.needs?.length || round >= MAX_FILE_ROUNDS) return result;
      files = { ...this.files.takeChanges(), ...(await this.files.read(result.needs, document.uri, project.root)) };
    }
  }

  private keep(entry: Entry, target: Target, result: AnalysisResult, lines: number): void {
    entry.reads = new Set(result.reads ?? []);
    entry.documents = target.documents;
    const bases = new Map<string, number>();
    target.documents.forEach((d, i) => {
      if (result.bases[i] !== undefined) bases.set(d.uri.toString(), result.bases[i]);
    });
    const { analysis, ms } = result;
    Object.assign(entry, { analysis, bases, versionKey: target.versionKey, lastMs: ms });
    const where =
      result.where === 'worker'
        ? `in the worker, received in ${result.receiveMs.toFixed(1)} ms`
        : 'in the extension host';
    this.log.appendLine(
      `analysed ${target.label} (${lines} lines) in ${ms.toFixed(1)} ms (${where}): ${analysis.models.length} models, ${analysis.layers.length} layer calls, ${analysis.diagnostics.length} diagnostics` +
        (ms > FAST_MS ? ` — over ${FAST_MS} ms, so this document is re-analysed after a pause in typing` : ''),
    );
  }

  /** Resolves once the document has been still for the debounce delay and has been analysed. */
  private afterPause(entry: Entry, document: vscode.TextDocument): Promise<void> {
    return new Promise(resolve => {
      entry.waiting.push(resolve);
      clearTimeout(entry.timer);
      entry.timer = setTimeout(() => {
        entry.timer = undefined;
        const target = this.stamped(targetOf(document));
        const analysed =
          target && entry.versionKey !== target.versionKey ? this.analyse(entry, target) : Promise.resolve();
        void analysed.then(() => {
          for (const r of entry.waiting.splice(0)) r();
        });
      }, readSettings(document).debounceMs);
    });
  }

  private viewIn(entry: Entry, document: vscode.TextDocument): DocumentView | undefined {
    const base = entry.bases.get(document.uri.toString());
    return entry.analysis && base !== undefined ? new DocumentView(document, entry.analysis, base) : undefined;
  }

  forget(document: vscode.TextDocument): void {
    if (document.uri.scheme !== 'vscode-notebook-cell') this.drop(fileKey(document));
  }

  forgetNotebook(notebook: vscode.NotebookDocument): void {
    this.drop(notebookKey(notebook));
  }

  private drop(key: string): void {
    this.client.forget(key);
    const entry = this.entries.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    for (const r of entry.waiting.splice(0)) r();
    this.entries.delete(key);
  }

  dispose(): void {
    for (const key of [...this.entries.keys()]) this.drop(key);
    this.client.dispose();
  }
}

function targetOf(document: vscode.TextDocument): Target | undefined {
  if (document.languageId !== 'python' || document.isClosed) return undefined;
  if (document.uri.scheme !== 'vscode-notebook-cell') {
    return {
      key: fileKey(document),
      versionKey: String(document.version),
      label: `${document.uri.scheme}:${document.uri.path}`,
      documents: [document],
    };
  }
  // A cell is analysed only with its notebook's other cells: alone it would be a different program.
  const notebook = notebookOf(document);
  if (!notebook) return undefined;
  const cells = codeCells(notebook).map(c => c.document);
  return {
    key: notebookKey(notebook),
    versionKey: cells.map(d => `${d.uri.toString()}@${d.version}`).join('|'),
    label: `notebook ${notebook.uri.path} (${cells.length} code cells)`,
    documents: cells,
  };
}

function variantKey(key: string): string {
  return `variant:${key}`;
}

function fileKey(document: vscode.TextDocument): string {
  return `file:${document.uri.toString()}`;
}

function notebookKey(notebook: vscode.NotebookDocument): string {
  return `notebook:${notebook.uri.toString()}`;
}

export function notebookOf(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
  if (document.uri.scheme !== 'vscode-notebook-cell') return undefined;
  const uri = document.uri.toString();
  return vscode.workspace.notebookDocuments.find(nb => nb.getCells().some(c => c.document.uri.toString() === uri));
}

export function codeCells(notebook: vscode.NotebookDocument): vscode.NotebookCell[] {
  return notebook.getCells().filter(c => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python');
}
