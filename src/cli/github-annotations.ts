// `convshape check --format github`: GitHub Actions workflow commands, one line per diagnostic,
// `::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=CODE::MESSAGE`, escaped as the
// runner's own toolkit escapes them. Notebook lines are inside a cell, not lines of the .ipynb,
// so a notebook annotation names the file only and says in its message where it is.
import type { CatalogueSeverity } from '../engine/diagnostic-catalogue';
import { cellPlace, relativePath, type CheckedFile, type LocatedDiagnostic } from './located';

/** GitHub has error, warning and notice annotations; information and hints are notices. */
export function annotationCommand(severity: CatalogueSeverity): 'error' | 'warning' | 'notice' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'notice';
}

/** The message part (after `::`): %, CR and LF are escaped. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: as data, and also `:` and `,`, which separate properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function githubAnnotations(files: readonly CheckedFile[], cwd: string): string {
  return files
    .flatMap(f => f.diagnostics.map(d => annotation(d, relativePath(f.path, cwd))))
    .map(line => line + '\n')
    .join('');
}

function annotation(d: LocatedDiagnostic, file: string): string {
  const inCell = d.cell !== undefined;
  const properties: [string, string | number][] = inCell
    ? [['file', file]]
    : [
        ['file', file],
        ['line', d.line],
        ['col', d.column],
        ['endLine', d.endLine],
        ['endColumn', d.endColumn],
      ];
  properties.push(['title', d.code]);
  const props = properties.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  const message = inCell ? `${cellPlace(d)}: ${d.message}` : d.message;
  return `::${annotationCommand(d.severity)} ${props}::${escapeData(message)}`;
}
