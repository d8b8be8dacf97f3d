// The "ConvShape" output channel exists and the showLog command reveals it.
import { strict as assert } from 'assert';
import * as vscode from 'vscode';
import { extension, openFixture, waitFor } from './helpers';

describe('ConvShape output channel', () => {
  before(async () => {
    await openFixture('model.py');
    await waitFor('the extension to activate', () => extension().isActive);
  });

  it('registers the convshape.showLog command', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('convshape.showLog'));
  });

  it('shows a channel named ConvShape holding the activation line', async () => {
    await vscode.commands.executeCommand('convshape.showLog');
    // A shown output channel is a text document with the `output` scheme, named after the channel.
    const doc = await waitFor('the ConvShape output document', () =>
      vscode.workspace.textDocuments.find(
        d => d.uri.scheme === 'output' && /ConvShape/.test(d.uri.path) && d.getText().includes('ConvShape activated'),
      ),
    );
    assert.match(doc.getText(), /ConvShape activated/);
  });
});
