// Fixes whose cure a local check cannot tell: a change that reaches layers not yet run (a Dense's
// units feeding a Reshape, a Reshape's target feeding what follows it). They are raised marked
// `untried` and kept only when the text with the fix applied, analysed again, raises no error the
// text did not raise but the one fixed: the model then runs as far as the analysis can tell.
import type { Diagnostic, Fix } from './types';

/** Analyses beyond the document's own that one analysis may spend on untried fixes. */
const MAX_TRIED = 4;

/** A fix to be tried before it is offered. */
export const untried = (fix: Fix): Fix => ({ ...fix, untried: true });

/** The fix applied to the text, last edit first so that earlier offsets hold. */
export function appliedFix(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.range.start - a.range.start);
  return edits.reduce((t, e) => t.slice(0, e.range.start) + e.newText + t.slice(e.range.end), text);
}

const errorKey = (d: Diagnostic) => `${d.code}:${d.message}`;

/**
 * The diagnostics with their untried fixes tried by `analyse` (the errors of a text; undefined when
 * that analysis failed), or dropped without it (an analysis that is itself trying a fix tries no
 * other).
 */
export function triedFixes(
  diagnostics: readonly Diagnostic[],
  text: string,
  analyse: ((text: string) => readonly Diagnostic[] | undefined) | undefined,
): Diagnostic[] {
  let budget = analyse ? MAX_TRIED : 0;
  const errors = diagnostics.filter(d => d.severity === 'error');
  const cures = (fixed: Diagnostic, fix: Fix): boolean => {
    if (budget <= 0 || !analyse) return false;
    budget--;
    const before = new Map<string, number>();
    for (const d of errors) if (d !== fixed) before.set(errorKey(d), (before.get(errorKey(d)) ?? 0) + 1);
    const after = analyse(appliedFix(text, fix));
    if (!after) return false; // the analysis of the fixed text failed: nothing is known of it
    for (const d of after) {
      if (d.severity !== 'error') continue;
      const left = before.get(errorKey(d)) ?? 0;
      if (left === 0) return false;
      before.set(errorKey(d), left - 1);
    }
    return true;
  };
  return diagnostics.map(d => {
    if (!d.fixes.some(f => f.untried)) return d;
    const fixes = d.fixes.flatMap(f => {
      if (!f.untried) return [f];
      const { untried: _, ...fix } = f;
      return cures(d, fix) ? [fix] : [];
    });
    return { ...d, fixes };
  });
}
