// Imports across the workspace's files: an importer's hints use the imported file's classes, and
// an edit of the imported file (unsaved, in its editor) changes the importer's hints. A 3×3
// convolution with padding 1 keeps 16×16 (PyTorch's rule: ⌊(16 + 2 − 3)/1⌋ + 1 = 16).
import { strict as assert } from 'assert';
import * as vscode from 'vscode';
import { fixtureUri, waitFor } from './helpers';
import { activated, closeAll, hintsOf, lineWith, replaceText } from './features-support';

describe('imports across files', () => {
  before(activated);
  after(closeAll);

  const blockHint = async (net: vscode.TextDocument) =>
    (await hintsOf(net)).find(h => h.line === lineWith(net, 'y = self.block(x)'))?.label;

  it('an edit of the imported file changes the importer’s hint', async () => {
    const blocks = await vscode.workspace.openTextDocument(fixtureUri('project/blocks.py'));
    await vscode.window.showTextDocument(blocks);
    const net = await vscode.workspace.openTextDocument(fixtureUri('project/net.py'));
    await vscode.window.showTextDocument(net);
    assert.match((await waitFor('the importer’s hint', () => blockHint(net))) ?? '', /\[2, 8, 16, 16\]/);
    await replaceText(blocks, 'nn.Conv2d(c_in, c_out, 3, padding=1)', 'nn.Conv2d(c_in, c_out * 2, 3, padding=1)');
    const changed = await waitFor('the importer’s new hint', async () => {
      const label = await blockHint(net);
      return label && /\[2, 16, 16, 16\]/.test(label) ? label : undefined;
    });
    assert.match(changed, /\[2, 16, 16, 16\]/);
  });

  it('the hover of an imported block says where it came from', async () => {
    const net = await vscode.workspace.openTextDocument(fixtureUri('project/net.py'));
    await vscode.window.showTextDocument(net);
    const at = net.positionAt(net.getText().indexOf('ConvBlock(3, 8)') + 2);
    const text = await waitFor('the hover', async () => {
      const hovers =
        (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', net.uri, at)) ?? [];
      const all = hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
      return all.includes('from') ? all : undefined;
    });
    assert.match(text, /\*\*ConvBlock\*\* \(class\) from `project\/blocks\.py`/);
  });
});
