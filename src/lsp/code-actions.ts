// Quick fixes for ConvShape's diagnostics: the fixes a diagnostic's `data` carries when it was
// made for the document's current version; otherwise (a client that drops `data`, or an older
// version) the fixes of the same diagnostic in the current Analysis.
import type { CodeAction, Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixesIn } from '../views/diagnostics';
import type { DocumentSlice } from './analyses';
import { fixData, fixesFromData, lspCodeActions, rangeOf, SOURCE, type FixData } from './convert';

export async function codeActionsFor(
  document: TextDocument,
  diagnostics: readonly Diagnostic[],
  current: () => Promise<DocumentSlice | undefined>,
): Promise<CodeAction[]> {
  const actions: CodeAction[] = [];
  let slice: DocumentSlice | undefined;
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== SOURCE) continue;
    let fixes = fixesFromData(diagnostic.data, document.version);
    if (!fixes) {
      slice ??= await current();
      fixes = slice ? fixesInAnalysis(slice, diagnostic) : [];
    }
    actions.push(...lspCodeActions(document.uri, diagnostic, fixes));
  }
  return actions;
}

/** The fixes of the analysed diagnostic with the same code and range. */
function fixesInAnalysis(slice: DocumentSlice, diagnostic: Diagnostic): FixData[] {
  const same = (a: Diagnostic['range'], b: Diagnostic['range']) =>
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character;
  const source = slice.analysis.diagnostics.find(
    d => d.code === diagnostic.code && slice.ownsRange(d.range) && same(rangeOf(slice, d.range), diagnostic.range),
  );
  return source ? fixData(slice, fixesIn(slice, source.fixes)) : [];
}
