// One Analysis per open document version for the language server. The analysis runs in the same
// worker as the VS Code extension's (worker/analysis-client.ts), so a large file never blocks the
// server's requests; the client keeps at most one analysis per document running and drops the
// versions a newer one replaced. A request that is cancelled stops waiting at once.
import type { CancellationToken } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../analysis/types';
import type { AnalysisClient } from '../worker/analysis-client';
import { wholeText, type AnalysisSlice } from '../views/slice';

/** The Analysis of a document's current version, with the text it was made from. */
export interface DocumentSlice extends AnalysisSlice {
  readonly document: TextDocument;
  readonly version: number;
}

interface Entry {
  version?: number;
  analysis?: Analysis;
  /** The request for a version not analysed yet; every request asking for it shares it. */
  pending?: { version: number; done: Promise<void> };
}

export class DocumentAnalyses {
  private readonly entries = new Map<string, Entry>();
  private disposed = false;

  constructor(
    private readonly client: AnalysisClient,
    private readonly log: (line: string) => void,
  ) {}

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
      done: this.client.analyse(request).then(result => {
        if (entry.pending === pending) entry.pending = undefined;
        if (!result || this.entries.get(document.uri) !== entry) return;
        if (entry.version !== undefined && entry.version > version) return;
        entry.version = version;
        entry.analysis = result.analysis;
        const { models, layers, diagnostics } = result.analysis;
        this.log(
          `analysed ${document.uri} v${version} (${lines} lines) in ${result.ms.toFixed(1)} ms (${result.where}): ${models.length} models, ${layers.length} layer calls, ${diagnostics.length} diagnostics`,
        );
      }),
    };
    entry.pending = pending;
    return pending.done;
  }

  dispose(): void {
    this.disposed = true;
    this.entries.clear();
    this.client.dispose();
  }
}

/** Resolves when `work` settles or `token` is cancelled, whichever comes first. */
function untilCancelled(work: Promise<void>, token?: CancellationToken): Promise<void> {
  if (!token) return work;
  return new Promise(resolve => {
    const listener = token.onCancellationRequested(() => done());
    const done = () => {
      listener.dispose();
      resolve();
    };
    void work.then(done, done);
  });
}
