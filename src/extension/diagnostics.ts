// Shape bugs as diagnostics: refreshed (debounced) as the user types, cleared when a document closes.
import * as vscode from 'vscode';
import type { AnalysisStore, DocumentView } from './analysis-store';
import type { Diagnostic as ShapeDiagnostic, Severity } from '../analysis/types';
import { readSettings } from './settings';
import { shownDiagnostics } from '../views/diagnostics';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export class ShapeDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('convshape');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  /** Ignored severity-override keys already logged. */
  private readonly loggedIgnored = new Set<string>();

  constructor(
    private readonly store: AnalysisStore,
    private readonly log: (line: string) => void = () => {},
  ) {}

  /** Recomputes now (or, for a document that is slow to analyse, after the user pauses typing). */
  async update(document: vscode.TextDocument): Promise<void> {
    const view = await this.store.viewOf(document);
    if (!view || document.isClosed) return;
    this.logIgnoredOverrides(document);
    this.collection.set(document.uri, toVscodeDiagnostics(view));
  }

  /** Recomputes after the user pauses typing. */
  schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!document.isClosed) void this.update(document);
      }, readSettings(document).debounceMs),
    );
  }

  private logIgnoredOverrides(document: vscode.TextDocument): void {
    for (const key of readSettings(document).severity.ignored) {
      if (this.loggedIgnored.has(key)) continue;
      this.loggedIgnored.add(key);
      this.log(
        `convshape.diagnostics.severity: ignoring "${key}" (not a diagnostic code with error, warning, information, hint or off)`,
      );
    }
  }

  clear(document: vscode.TextDocument): void {
    clearTimeout(this.timers.get(document.uri.toString()));
    this.collection.delete(document.uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.collection.dispose();
  }
}

export function toVscodeDiagnostics(view: DocumentView): vscode.Diagnostic[] {
  const { severity } = readSettings(view.document);
  return shownDiagnostics(view, severity).map(({ diagnostic: d, severity: shown }) => {
    const diagnostic = new vscode.Diagnostic(view.range(d.range), d.message, SEVERITY[shown]);
    diagnostic.source = 'convshape';
    diagnostic.code = d.code;
    return diagnostic;
  });
}

/** The analysis diagnostic a VS Code diagnostic came from (same code and range). */
export function sourceOf(view: DocumentView, diagnostic: vscode.Diagnostic): ShapeDiagnostic | undefined {
  return view.analysis.diagnostics.find(
    d => d.code === diagnostic.code && view.ownsRange(d.range) && view.range(d.range).isEqual(diagnostic.range),
  );
}
