// Diagnostics through VS Code's API: PyTorch's own message, code and range; refreshed as the user
// types; severity overridable per code; cleared when the document closes.
import { strict as assert } from 'assert';
import * as vscode from 'vscode';
import { fixtureUri, openFixture } from './helpers';
import {
  activated,
  closeAll,
  diagnosticsOf,
  golden,
  lineWith,
  replaceText,
  snippet,
  untitled,
  untitledCopy,
  waitForDiagnostics,
  withSettings,
} from './features-support';

describe('diagnostics', () => {
  before(activated);
  after(closeAll);

  it("reports buggy_model.py's bug in PyTorch's words, on the call that fails", async () => {
    const { document } = await openFixture('buggy_model.py');
    const [d] = await waitForDiagnostics(document.uri, 'the features-mismatch error', ds => ds.length > 0);
    assert.equal(diagnosticsOf(document.uri).length, 1);
    assert.equal(d.message, golden['buggy_model.py'].error);
    assert.equal(d.code, 'features-mismatch');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(document.getText(d.range), 'self.fc1(x)');
    assert.equal(d.range.start.line, lineWith(document, 'x = torch.relu(self.fc1(x))'));
  });

  it('reports each bug of buggy_classifier.py with its own code', async () => {
    const { document } = await openFixture('buggy_classifier.py');
    const ds = await waitForDiagnostics(document.uri, 'three diagnostics', x => x.length === 3);
    const byCode = new Map(ds.map(d => [String(d.code), d]));
    const bn = byCode.get('channel-mismatch');
    assert.equal(bn?.message, golden['buggy_classifier.py'].error);
    assert.equal(document.getText(bn?.range), '32');
    assert.equal(bn?.range.start.line, lineWith(document, 'nn.BatchNorm2d(32)'));
    // What PyTorch says next, once bn2 is fixed.
    assert.equal(byCode.get('features-mismatch')?.message, golden['buggy_classifier.py after fixing bn2'].error);
    const stale = byCode.get('stale-shape-comment');
    assert.equal(stale?.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(document.getText(stale?.range), '[N, 100]');
  });

  it('updates as the user types, and clears when the bug is gone', async () => {
    const { document } = await untitledCopy('buggy_model.py');
    await waitForDiagnostics(document.uri, 'the error', ds => ds.length === 1);
    await replaceText(document, 'nn.Linear(16 * 5 * 5, 120)', 'nn.Linear(16 * 6 * 6, 120)');
    await waitForDiagnostics(document.uri, 'no diagnostics after the fix', ds => ds.length === 0);
    await replaceText(document, 'nn.Linear(16 * 6 * 6, 120)', 'nn.Linear(16 * 6 * 7, 120)');
    const [d] = await waitForDiagnostics(document.uri, 'a new error', ds => ds.length === 1);
    assert.equal(d.message, snippet('buggy_model.py fc1 as Linear(16 * 6 * 7, 120)').error);
  });

  it('waits for a pause in typing (debounced)', async () => {
    const { document } = await untitledCopy('model.py');
    await waitForDiagnostics(document.uri, 'a clean start', ds => ds.length === 0);
    await withSettings({ 'diagnostics.debounceMs': 1500 }, async () => {
      await replaceText(document, 'nn.Linear(32 * 8 * 8', 'nn.Linear(32 * 8 * 9');
      await new Promise(r => setTimeout(r, 500));
      assert.equal(diagnosticsOf(document.uri).length, 0, 'not yet: the user may still be typing');
      await waitForDiagnostics(document.uri, 'the error after the pause', ds => ds.length === 1, 5000);
    });
  });

  it('follows convshape.diagnostics.severity per code, "off" included', async () => {
    const { document } = await openFixture('buggy_classifier.py');
    await waitForDiagnostics(document.uri, 'three diagnostics', ds => ds.length === 3);
    await withSettings(
      { 'diagnostics.severity': { 'stale-shape-comment': 'error', 'channel-mismatch': 'off' } },
      async () => {
        const ds = await waitForDiagnostics(document.uri, 'overridden severities', x => x.length === 2);
        assert.equal(ds.find(d => d.code === 'stale-shape-comment')?.severity, vscode.DiagnosticSeverity.Error);
        assert.ok(!ds.some(d => d.code === 'channel-mismatch'));
      },
    );
    const ds = await waitForDiagnostics(document.uri, 'the defaults again', x => x.length === 3);
    assert.equal(ds.find(d => d.code === 'stale-shape-comment')?.severity, vscode.DiagnosticSeverity.Warning);
  });

  it("clears a document's diagnostics when it closes", async () => {
    const { document } = await untitled(
      'import torch\nimport torch.nn as nn\nnet = nn.Sequential(nn.Conv2d(3, 8, 3), nn.Conv2d(4, 8, 3))\ny = net(torch.randn(1, 3, 16, 16))\n',
    );
    const [d] = await waitForDiagnostics(document.uri, 'the channel error', ds => ds.length === 1);
    assert.equal(d.message, snippet('two convs, wrong channels').error);
    const uri = document.uri;
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitForDiagnostics(uri, 'no diagnostics after closing', ds => ds.length === 0);
    assert.ok(document.isClosed);
  });

  it('has nothing to say about a correct model', async () => {
    await openFixture('model.py');
    await new Promise(r => setTimeout(r, 300));
    assert.deepEqual(diagnosticsOf(fixtureUri('model.py')), []);
  });
});
