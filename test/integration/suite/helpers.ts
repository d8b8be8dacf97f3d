// Shared helpers for integration tests (they run inside VS Code's extension host).
import * as path from 'path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'convshape.convshape';

/** The repository root (this file runs from out/test/integration/suite/). */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** The fixture workspace the default suite opens: test/integration/workspace/. */
export const FIXTURE_WORKSPACE = path.join(REPO_ROOT, 'test', 'integration', 'workspace');

export function fixtureUri(name: string): vscode.Uri {
  return vscode.Uri.file(path.join(FIXTURE_WORKSPACE, name));
}

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  return ext;
}

/** Opens a fixture file in an editor and returns the editor. */
export async function openFixture(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(name));
  return vscode.window.showTextDocument(doc);
}

/** Polls `probe` until it returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise(r => setTimeout(r, 100));
  }
}
