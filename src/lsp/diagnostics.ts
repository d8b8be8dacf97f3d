// Pushes each Python document's diagnostics (textDocument/publishDiagnostics): at once when it
// opens, after a pause in typing (diagnostics.debounceMs) when it changes; cleared when it closes.
import type { Connection } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ViewSettings } from '../views/settings';
import type { DocumentAnalyses } from './analyses';
import { lspDiagnostics } from './convert';

export class DiagnosticsPusher {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The version last pushed per document: the same version is not pushed twice. */
  private readonly pushed = new Map<string, number>();

  constructor(
    private readonly connection: Connection,
    private readonly analyses: DocumentAnalyses,
    private readonly settings: () => ViewSettings,
  ) {}

  async push(document: TextDocument): Promise<void> {
    const slice = await this.analyses.sliceOf(document);
    if (!slice || this.pushed.get(document.uri) === slice.version) return;
    this.pushed.set(document.uri, slice.version);
    const diagnostics = lspDiagnostics(slice, this.settings());
    await this.connection.sendDiagnostics({ uri: document.uri, version: slice.version, diagnostics });
  }

  schedule(document: TextDocument): void {
    clearTimeout(this.timers.get(document.uri));
    this.timers.set(
      document.uri,
      setTimeout(() => {
        this.timers.delete(document.uri);
        void this.push(document);
      }, this.settings().debounceMs),
    );
  }

  /** Pushes this document's diagnostics again after a pause (a file it imports changed). */
  repush(document: TextDocument): void {
    this.pushed.delete(document.uri);
    this.schedule(document);
  }

  /** Pushes again (the settings changed). */
  pushAll(documents: readonly TextDocument[]): void {
    this.pushed.clear();
    for (const d of documents) void this.push(d);
  }

  clear(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.pushed.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
