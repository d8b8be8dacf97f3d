// A diagnostic placed in its file as `convshape check` reports it: 1-based lines and columns
// (UTF-16 code units, end exclusive); in a notebook, lines inside the 1-based cell. Every output
// format (text, --json, SARIF, GitHub annotations) is written from this one shape.
import * as path from 'path';
import type { CatalogueSeverity, DiagnosticCode } from '../engine/diagnostic-catalogue';

export interface LocatedDiagnostic {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** Notebooks only: the cell among all cells; lines are then inside that cell. */
  readonly cell?: number;
  readonly severity: CatalogueSeverity;
  readonly code: DiagnosticCode;
  readonly message: string;
}

/** A checked file: its path as reached from the command line, and its diagnostics. */
export interface CheckedFile {
  readonly path: string;
  readonly diagnostics: readonly LocatedDiagnostic[];
}

/** `path` relative to `cwd` with forward slashes, as CI tools expect; absolute when outside it. */
export function relativePath(file: string, cwd: string): string {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return toSlashes(absolute);
  return toSlashes(relative);
}

const toSlashes = (p: string) => p.split('\\').join('/');

/** "cell 3, line 4, column 21": where a notebook diagnostic is, for formats that have no cells. */
export function cellPlace(d: LocatedDiagnostic): string {
  return `cell ${d.cell}, line ${d.line}, column ${d.column}`;
}
