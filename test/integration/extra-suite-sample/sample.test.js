// A sample extra suite: plain CommonJS mocha BDD, run inside VS Code's extension host with
//   npm run test:integration -- --suite test/integration/extra-suite-sample --workspace test/integration/extra-suite-sample/workspace
// It proves that --suite adds these files to the run and --workspace opens the given folder.
const assert = require('assert');
const path = require('path');
const vscode = require('vscode');

describe('extra suite sample', () => {
  it('runs with the --workspace folder open', () => {
    const folders = (vscode.workspace.workspaceFolders || []).map(f => f.uri.fsPath);
    assert.deepStrictEqual(folders, [path.join(__dirname, 'workspace')]);
  });

  it('sees the workspace files through the VS Code API', async () => {
    const found = await vscode.workspace.findFiles('*.txt');
    assert.deepStrictEqual(
      found.map(u => path.basename(u.fsPath)),
      ['marker.txt'],
    );
    const doc = await vscode.workspace.openTextDocument(found[0]);
    assert.match(doc.getText(), /extra-suite sample/);
  });

  it('has the ConvShape extension loaded', () => {
    assert.ok(vscode.extensions.getExtension('convshape.convshape'));
  });
});
