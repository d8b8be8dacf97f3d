// `convshape check --format sarif`: a SARIF 2.1.0 log for code scanning (GitHub, Azure DevOps,
// IDE viewers). One run; its rules are the diagnostics catalogue, each result names its rule by
// code and carries a region. Notebook lines are inside a cell, not lines of the .ipynb file, so a
// notebook result has no region: its message says where it is instead (a wrong line is worse).
import {
  DIAGNOSTIC_CATALOGUE,
  DIAGNOSTIC_CODES,
  type CatalogueEntry,
  type CatalogueSeverity,
} from '../engine/diagnostic-catalogue';
import { cellPlace, relativePath, type CheckedFile, type LocatedDiagnostic } from './located';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json';

export type SarifLevel = 'error' | 'warning' | 'note';

/** SARIF has three levels that fail or inform; information and hints are notes. */
export function sarifLevel(severity: CatalogueSeverity): SarifLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

export interface SarifTool {
  readonly version?: string;
  readonly informationUri?: string;
}

/** The SARIF log of a check, with artifact URIs relative to `cwd`. */
export function sarifLog(files: readonly CheckedFile[], tool: SarifTool, cwd: string) {
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ConvShape',
            ...(tool.version !== undefined ? { version: tool.version } : {}),
            ...(tool.informationUri ? { informationUri: tool.informationUri } : {}),
            rules: DIAGNOSTIC_CODES.map(code => sarifRule(code, DIAGNOSTIC_CATALOGUE[code])),
          },
        },
        // Columns are counted as editors count them, in UTF-16 code units.
        columnKind: 'utf16CodeUnits',
        results: files.flatMap(f => f.diagnostics.map(d => sarifResult(d, artifactUri(f.path, cwd)))),
      },
    ],
  };
}

function sarifRule(code: string, entry: CatalogueEntry) {
  const help = [entry.description, `Example: ${entry.example}`];
  if (entry.quickFix) help.push(`Quick fix: ${entry.quickFix}`);
  return {
    id: code,
    shortDescription: { text: entry.title },
    fullDescription: { text: entry.description },
    help: { text: help.join('\n\n') },
    defaultConfiguration: { level: sarifLevel(entry.severity) },
  };
}

function sarifResult(d: LocatedDiagnostic, uri: string) {
  const ruleIndex = DIAGNOSTIC_CODES.indexOf(d.code);
  const artifactLocation = { uri };
  const inCell = d.cell !== undefined;
  return {
    ruleId: d.code,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: sarifLevel(d.severity),
    message: { text: inCell ? `${cellPlace(d)}: ${d.message}` : d.message },
    locations: [
      {
        physicalLocation: inCell
          ? { artifactLocation }
          : {
              artifactLocation,
              region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
            },
      },
    ],
    ...(inCell ? { properties: { cell: d.cell, line: d.line, column: d.column } } : {}),
  };
}

/** A relative URI reference (each segment percent-encoded), or a file: URI outside `cwd`. */
export function artifactUri(file: string, cwd: string): string {
  const p = relativePath(file, cwd);
  const drive = /^[A-Za-z]:\//.exec(p)?.[0];
  if (drive) return `file:///${drive}${encodeSegments(p.slice(drive.length))}`;
  if (p.startsWith('/')) return `file://${encodeSegments(p)}`;
  return encodeSegments(p);
}

const encodeSegments = (p: string) => p.split('/').map(encodeURIComponent).join('/');
