// The user's `convshape.diagnostics.severity`, checked against the diagnostic catalogue: unknown
// codes and severities are dropped (and named, for the log). No vscode here, so tests can run it.
import {
  type CatalogueSeverity,
  type DiagnosticCode,
  isDiagnosticCode,
  milderSeverity,
  SEVERITY_OVERRIDES,
} from '../engine/diagnostic-catalogue';

export type SeverityOverride = (typeof SEVERITY_OVERRIDES)[number];
const OVERRIDES: readonly string[] = SEVERITY_OVERRIDES;

export interface SeverityOverrides {
  readonly overrides: Readonly<Partial<Record<DiagnosticCode, SeverityOverride>>>;
  /** Keys ignored: not a catalogue code, or not a severity. */
  readonly ignored: readonly string[];
}

export function severityOverrides(raw: unknown): SeverityOverrides {
  const overrides: Partial<Record<DiagnosticCode, SeverityOverride>> = {};
  const ignored: string[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { overrides, ignored };
  for (const [key, value] of Object.entries(raw)) {
    if (isDiagnosticCode(key) && typeof value === 'string' && OVERRIDES.includes(value))
      overrides[key] = value as SeverityOverride;
    else ignored.push(key);
  }
  return { overrides, ignored };
}

/**
 * The severity shown under the user's override: it replaces the catalogue's default, but a
 * diagnostic that holds on some paths only (it has a `condition`) stays at most a warning.
 */
export function shownSeverity(
  d: { readonly severity: CatalogueSeverity; readonly condition?: string },
  override: SeverityOverride | undefined,
): SeverityOverride {
  if (override === undefined) return d.severity;
  if (override === 'off' || d.condition === undefined) return override;
  return milderSeverity(override, 'warning');
}
