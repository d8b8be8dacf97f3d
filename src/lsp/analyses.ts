// One Analysis per open document version for the language server. The analysis runs in the same
// worker as the VS Code extension's (worker/analysis-client.ts), so a large file never blocks the
// server's requests; the client keeps at most one analysis per document running and drops the
// versions a newer one replaced. A request that is cancelled stops waiting at once.
import type { CancellationToken } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../analysis/types';
import type { AnalysisClient } from '../worker/analysis-client';
import type { AnalysisResult } from '../worker/analysis-client';
import type { AnalysisRequest } from '../worker/analysis-protocol';
import { wholeText, type AnalysisSlice } from '../views/slice';
import type { LspProjectFiles } from './project-files';
import { untilCancelled } from '../worker/until-cancelled';

/** Rounds of "the worker asks for files, the server reads them" per analysis (one per import level). */
const MAX_FILE_ROUNDS = 16;

/** The Analysis of a document's current version, with the text it was made from. */
export interface DocumentSlice extends AnalysisSlice {
  readonly document: TextDocument;
  readonly version: number;
}

interface Entry {
  version?: number;
  analysis?: Analysis;
  /** The project files its last analysis read (a change to one of them makes it stale). */
  reads?: ReadonlySet<string>;
  /** The request for a version not analysed yet; every request asking for it shares it. */
  pending?: { version: number; done: Promise<void> };
}

export class DocumentAnalyses {
  private readonly entries = new Map<string, Entry>();
  private disposed = false;

  constructor(
    private readonly client: AnalysisClient,
    private readonly log: (line: string) => void,
    private readonly files?: LspProjectFiles,
  ) {}

  /**
   * A document's text changed (or it closed: `text` undefined): the worker gets the new text of
   * that file with the next request, and the open documents whose analysis read it are stale.
   * Returns their URIs.
   */
  fileChanged(uri: string, text: string | undefined): string[] {
    const path = this.files?.noteChange(uri, text);
    if (!path) return [];
    const stale: string[] = [];
    for (const [other, entry] of this.entries) {
      if (other === uri || !entry.reads?.has(path)) continue;
      entry.version = undefined;
      entry.analysis = undefined;
      stale.push(other);
    }
    return stale;
  }

  open(uri: string): void {
    if (!this.entries.has(uri)) this.entries.set(uri, {});
  }

  close(uri: string): void {
    this.entries.delete(uri);
    this.client.forget(uri);
  }

  /**
   * The Analysis of the document's current version, analysing it if needed. Undefined when the
   * document is not open, the server is shutting down, or `token` is cancelled. The slice is
   * current when returned: use it before awaiting anything else.
   */
  async sliceOf(document: TextDocument, token?: CancellationToken): Promise<DocumentSlice | undefined> {
    for (;;) {
      const entry = this.entries.get(document.uri);
      if (!entry || this.disposed || token?.isCancellationRequested) return undefined;
      if (entry.analysis && entry.version === document.version) {
        const slice = wholeText(entry.analysis, document.getText().length);
        return { ...slice, document, version: document.version };
      }
      await untilCancelled(this.analyse(entry, document), token);
    }
  }

  private analyse(entry: Entry, document: TextDocument): Promise<void> {
    const version = document.version;
    if (entry.pending?.version === version) return entry.pending.done;
    const request = { key: document.uri, texts: [document.getText()], notebook: false };
    const lines = document.lineCount;
    const pending = {
      version,
      done: this.analyseWithFiles(request, document.uri).then(result => {
        if (entry.pending === pending) entry.pending = undefined;
        if (!result || this.entries.get(document.uri) !== entry) return;
        if (entry.version !== undefined && entry.version > version) return;
        entry.version = version;
        entry.analysis = result.analysis;
        entry.reads = new Set(result.reads ?? []);
        const { models, layers, diagnostics } = result.analysis;
        this.log(
          `analysed ${document.uri} v${version} (${lines} lines) in ${result.ms.toFixed(1)} ms (${result.where}): ${models.length} models, ${layers.length} layer calls, ${diagnostics.length} diagnostics`,
        );
      }),
    };
    entry.pending = pending;
    return pending.done;
  }

  /** The analysis, with the project files the worker asks for read and sent (or the rounds run out). */
  private async analyseWithFiles(request: AnalysisRequest, uri: string): Promise<AnalysisResult | undefined> {
    const project = this.files?.projectOf(uri);
    if (!project || !this.files) return this.client.analyse(request);
    let files = this.files.takeChanges();
    for (let round = 0; ; round++) {
      const result = await this.client.analyse({ ...request, project: { ...project, files } });
      if (!result?.needs?.length || round >= MAX_FILE_ROUNDS) return result;
      files = { ...this.files.takeChanges(), ...this.files.read(result.needs, project.root) };
    }
  }

  dispose(): void {
    this.disposed = true;
    this.entries.clear();
    this.client.dispose();
  }
}
