// How a diagnostic is reported: its severity comes from the catalogue, never from where it is
// raised; one that holds on some paths only is a warning naming its condition, or nothing, as its
// catalogue entry says.
import { type DiagnosticCode, DIAGNOSTIC_CATALOGUE, milderSeverity } from '../engine/diagnostic-catalogue';
import type { Diagnostic, Severity } from './types';

/** A diagnostic as raised: everything but the severity, which the catalogue decides. */
export type RaisedDiagnostic = Omit<Diagnostic, 'severity' | 'condition'>;

export function severityFor(code: DiagnosticCode): Severity {
  return DIAGNOSTIC_CATALOGUE[code].severity;
}

/**
 * The diagnostic as reported. With a `condition` (it holds only `in training mode`): a warning
 * (or its milder default) whose message ends with the condition, or undefined when its code's
 * `onSomePaths` is `omit`. Paths whose condition cannot be named are not reported at all: callers
 * do not raise there.
 */
export function asReported(d: RaisedDiagnostic, condition?: string): Diagnostic | undefined {
  const entry = DIAGNOSTIC_CATALOGUE[d.code];
  if (condition === undefined) return { ...d, severity: entry.severity };
  if (entry.onSomePaths === 'omit') return undefined;
  return {
    ...d,
    severity: milderSeverity(entry.severity, 'warning'),
    message: `${d.message} (${condition})`,
    condition,
  };
}
