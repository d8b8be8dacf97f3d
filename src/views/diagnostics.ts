// Which diagnostics a document shows, at which severity, and the fixes each one offers. Shared by
// VS Code's diagnostics and code actions and by the language server.
import type { Diagnostic, Fix, Severity } from '../analysis/types';
import { type SeverityOverrides, shownSeverity } from './severity-overrides';
import type { AnalysisSlice } from './slice';

export interface ShownDiagnostic {
  readonly diagnostic: Diagnostic;
  readonly severity: Severity;
  /** Its fixes, each with only the edits inside this document (none left: the fix is dropped). */
  readonly fixes: readonly Fix[];
}

export function shownDiagnostics(slice: AnalysisSlice, severity: SeverityOverrides): ShownDiagnostic[] {
  const out: ShownDiagnostic[] = [];
  for (const d of slice.analysis.diagnostics) {
    if (!slice.ownsRange(d.range)) continue;
    const shown = shownSeverity(d, severity.overrides[d.code]);
    if (shown === 'off') continue;
    out.push({ diagnostic: d, severity: shown, fixes: fixesIn(slice, d.fixes) });
  }
  return out;
}

/** The fixes as this document can apply them: edits elsewhere (another notebook cell) left out. */
export function fixesIn(slice: AnalysisSlice, fixes: readonly Fix[]): Fix[] {
  return fixes
    .map(f => ({ ...f, edits: f.edits.filter(e => slice.ownsRange(e.range)) }))
    .filter(f => f.edits.length > 0);
}
