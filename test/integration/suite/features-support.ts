// Helpers for the editor-feature tests (features-*.test.ts): golden shapes from real PyTorch,
// hints and diagnostics read through the VS Code API, settings changed for one test.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { extension, fixtureUri, openFixture, REPO_ROOT, waitFor } from './helpers';

/** One fixture's shapes as PyTorch computed them (features-golden.py). Lines are 1-based. */
export interface GoldenModel {
  input: number[];
  definitions: Record<string, number[] | null>;
  statements: Record<string, number[] | null>;
  error: string | null;
  params: number;
}

const goldenFile = JSON.parse(
  fs.readFileSync(path.join(REPO_ROOT, 'test', 'integration', 'suite', 'features-golden.json'), 'utf8'),
) as Record<string, unknown>;

export const golden = goldenFile as Record<string, GoldenModel>;

/** What PyTorch made (`output`) or raised (`error`) for one of features-golden.py's SNIPPETS. */
export function snippet(name: string): { output?: number[]; error?: string } {
  const found = (goldenFile.snippets as Record<string, { output?: number[]; error?: string }>)[name];
  if (!found) throw new Error(`no golden snippet ${JSON.stringify(name)}`);
  return found;
}

/** PyTorch's notation: `[1, 16, 32, 32]`. */
export function torchShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** Makes sure the extension runs (a Python file is open). */
export async function activated(): Promise<void> {
  if (!extension().isActive) await openFixture('model.py');
  await waitFor('the extension to activate', () => extension().isActive);
}

export interface HintAt {
  line: number;
  character: number;
  label: string;
  tooltip: string;
}

export function labelOf(hint: vscode.InlayHint): string {
  return typeof hint.label === 'string' ? hint.label : hint.label.map(p => p.value).join('');
}

function tooltipText(t: string | vscode.MarkdownString | undefined): string {
  return t === undefined ? '' : typeof t === 'string' ? t : t.value;
}

/** Every inlay hint of the document, as VS Code's API returns them. */
export async function hintsOf(document: vscode.TextDocument): Promise<HintAt[]> {
  const range = new vscode.Range(0, 0, document.lineCount, 0);
  const hints =
    (await vscode.commands.executeCommand<vscode.InlayHint[]>(
      'vscode.executeInlayHintProvider',
      document.uri,
      range,
    )) ?? [];
  return hints
    .map(h => ({
      line: h.position.line,
      character: h.position.character,
      label: labelOf(h),
      tooltip: tooltipText(h.tooltip),
    }))
    .sort((a, b) => a.line - b.line || a.character - b.character);
}

/** The hints golden data expects: `→ SHAPE` at the end of each 1-based line it lists with a shape. */
export function expectedHints(
  document: vscode.TextDocument,
  lines: Record<string, number[] | null>,
): { line: number; character: number; label: string }[] {
  return Object.entries(lines)
    .filter((e): e is [string, number[]] => e[1] !== null)
    .map(([line, shape]) => {
      const zeroBased = Number(line) - 1;
      return { line: zeroBased, character: document.lineAt(zeroBased).text.length, label: `→ ${torchShape(shape)}` };
    })
    .sort((a, b) => a.line - b.line);
}

export function diagnosticsOf(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter(d => d.source === 'convshape');
}

/** Waits until the document's ConvShape diagnostics satisfy `ok`; returns them. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  what: string,
  ok: (ds: vscode.Diagnostic[]) => boolean,
  timeoutMs = 10000,
): Promise<vscode.Diagnostic[]> {
  return waitFor(
    what,
    () => {
      const ds = diagnosticsOf(uri);
      return ok(ds) ? ds : undefined;
    },
    timeoutMs,
  );
}

/** Runs `body` with `convshape.*` user settings set, and restores them afterwards. */
export async function withSettings<T>(values: Record<string, unknown>, body: () => Promise<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration('convshape');
  const before = Object.keys(values).map(k => [k, config.inspect(k)?.globalValue] as const);
  for (const [k, v] of Object.entries(values)) await config.update(k, v, vscode.ConfigurationTarget.Global);
  try {
    return await body();
  } finally {
    for (const [k, v] of before)
      await vscode.workspace.getConfiguration('convshape').update(k, v, vscode.ConfigurationTarget.Global);
  }
}

/** An untitled Python document holding `text`, shown in an editor (edits never touch the disk). */
export async function untitled(text: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'python', content: text });
  return vscode.window.showTextDocument(document);
}

/** An untitled copy of a fixture file, to edit freely. */
export async function untitledCopy(name: string): Promise<vscode.TextEditor> {
  return untitled(fs.readFileSync(fixtureUri(name).fsPath, 'utf8'));
}

/** Closes every editor without saving (untitled copies and edited fixtures are discarded). */
export async function closeAll(): Promise<void> {
  for (let i = 0; i < 50 && vscode.window.activeTextEditor; i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The 0-based line of the first line of `document` that contains `text`. */
export function lineWith(document: vscode.TextDocument, text: string): number {
  for (let i = 0; i < document.lineCount; i++) if (document.lineAt(i).text.includes(text)) return i;
  throw new Error(`no line of ${document.uri.toString()} contains ${JSON.stringify(text)}`);
}

/** The position just inside the first occurrence of `text` (plus `delta` characters). */
export function positionOf(document: vscode.TextDocument, text: string, delta = 1): vscode.Position {
  const at = document.getText().indexOf(text);
  if (at < 0) throw new Error(`${JSON.stringify(text)} not in ${document.uri.toString()}`);
  return document.positionAt(at + delta);
}

/** Replaces the first occurrence of `from` with `to` through a workspace edit. */
export async function replaceText(document: vscode.TextDocument, from: string, to: string): Promise<void> {
  const at = document.getText().indexOf(from);
  if (at < 0) throw new Error(`${JSON.stringify(from)} not in ${document.uri.toString()}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(at), document.positionAt(at + from.length)), to);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error('the edit was not applied');
}
