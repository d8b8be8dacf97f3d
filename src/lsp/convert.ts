// The shared views (src/views) in the Language Server Protocol's types. Pure: no connection here.
import {
  CodeActionKind,
  DiagnosticSeverity,
  InlayHintKind,
  MarkupKind,
  type CodeAction,
  type CodeLens,
  type Diagnostic,
  type Hover,
  type InlayHint,
  type Range,
  type TextEdit,
} from 'vscode-languageserver/node';
import type { Fix, Severity, TextRange } from '../analysis/types';
import { shownDiagnostics } from '../views/diagnostics';
import { shapeHints } from '../views/hints';
import { backboneHover, identifierAt } from '../views/backbone-hover';
import { layerHover } from '../views/hover';
import { modelLenses } from '../views/lenses';
import type { ViewSettings } from '../views/settings';
import type { DocumentSlice } from './analyses';

export const SUMMARY_COMMAND = 'convshape.showSummary';
export const SOURCE = 'convshape';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** A fix as a diagnostic's `data` carries it: LSP ranges, valid for `version` of the document. */
export interface FixData {
  readonly title: string;
  readonly preferred: boolean;
  readonly edits: readonly TextEdit[];
}

/** What a pushed diagnostic's `data` holds: its fixes, for the document version it was made from. */
export interface DiagnosticData {
  readonly version: number;
  readonly fixes: readonly FixData[];
}

export function rangeOf(slice: DocumentSlice, r: TextRange): Range {
  return { start: slice.document.positionAt(r.start), end: slice.document.positionAt(r.end) };
}

export function fixData(slice: DocumentSlice, fixes: readonly Fix[]): FixData[] {
  return fixes.map(f => ({
    title: f.title,
    preferred: f.preferred ?? false,
    edits: f.edits.map(e => ({ range: rangeOf(slice, e.range), newText: e.newText })),
  }));
}

export function lspDiagnostics(slice: DocumentSlice, settings: ViewSettings): Diagnostic[] {
  return shownDiagnostics(slice, settings.severity).map(({ diagnostic: d, severity, fixes }) => {
    const data: DiagnosticData = { version: slice.version, fixes: fixData(slice, fixes) };
    return {
      range: rangeOf(slice, d.range),
      severity: SEVERITY[severity],
      code: d.code,
      source: SOURCE,
      message: d.message,
      data,
    };
  });
}

export function lspInlayHints(slice: DocumentSlice, range: Range, settings: ViewSettings): InlayHint[] {
  if (!settings.inlayHints) return [];
  const { document } = slice;
  const first = document.offsetAt(range.start);
  const last = document.offsetAt(range.end);
  return shapeHints(slice, first, last, offset => document.positionAt(offset).line, settings).map(h => ({
    position: document.positionAt(h.offset),
    label: h.label,
    kind: InlayHintKind.Type,
    paddingLeft: true,
    ...(h.tooltip ? { tooltip: { kind: MarkupKind.Markdown, value: codeBlock(h.tooltip) } } : {}),
  }));
}

export function lspCodeLenses(slice: DocumentSlice, settings: ViewSettings): CodeLens[] {
  return modelLenses(slice, settings.shapeStyle).map(({ model, title }) => ({
    range: rangeOf(slice, model.range),
    command: { title, command: SUMMARY_COMMAND, arguments: [slice.document.uri, model.name] },
  }));
}

export function lspHover(slice: DocumentSlice, offset: number, settings: ViewSettings): Hover | undefined {
  const found = layerHover(slice, offset, { images: settings.hoverImages });
  if (!found) return backboneLspHover(slice, offset);
  return { contents: { kind: MarkupKind.Markdown, value: found.markdown }, range: rangeOf(slice, found.range) };
}

/** On a variable or attribute holding a library backbone (`m(x)`, `self.backbone(x)`): its stages. */
function backboneLspHover(slice: DocumentSlice, offset: number): Hover | undefined {
  const at = identifierAt(slice.document.getText(), offset);
  const value = at && backboneHover(slice, offset, at.word);
  if (!value || !at) return undefined;
  return { contents: { kind: MarkupKind.Markdown, value }, range: rangeOf(slice, at) };
}

/** A quick fix per fix of a ConvShape diagnostic. */
export function lspCodeActions(uri: string, diagnostic: Diagnostic, fixes: readonly FixData[]): CodeAction[] {
  return fixes.map(fix => ({
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fix.preferred,
    edit: { changes: { [uri]: [...fix.edits] } },
  }));
}

/** The fixes a diagnostic's `data` carries, when it was made for `version`. */
export function fixesFromData(data: unknown, version: number): FixData[] | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Partial<DiagnosticData>;
  return d.version === version && Array.isArray(d.fixes) ? [...d.fixes] : undefined;
}

function codeBlock(text: string): string {
  return ['```text', text.replace(/`/g, 'ˋ'), '```'].join('\n');
}
