// The extension loads from the development path and activates on a Python file.
import { strict as assert } from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { extension, FIXTURE_WORKSPACE, openFixture, REPO_ROOT, waitFor } from './helpers';

describe('activation', () => {
  // This file sorts first in the suite, so nothing has opened a Python file or notebook yet.
  it('stays inactive until a Python file or notebook opens (lazy activation)', () => {
    assert.equal(extension().isActive, false);
  });

  it('runs with the fixture workspace open', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.deepEqual(
      folders.map(f => f.uri.fsPath),
      [FIXTURE_WORKSPACE],
    );
  });

  it('loads the extension under development', () => {
    assert.equal(path.resolve(extension().extensionPath), REPO_ROOT);
  });

  it('activates when a Python file from the workspace opens', async () => {
    const editor = await openFixture('model.py');
    assert.equal(editor.document.languageId, 'python');
    assert.match(editor.document.getText(), /class SmallConvNet\(nn\.Module\)/);
    await waitFor('the extension to activate', () => extension().isActive);
  });
});
