// Quick fixes through VS Code's API: the Analysis's fixes applied to the text make their
// diagnostic go away; "Declare input shape…" writes the shape comment.
import { strict as assert } from 'assert';
import * as vscode from 'vscode';
import {
  activated,
  closeAll,
  diagnosticsOf,
  golden,
  lineWith,
  positionOf,
  untitledCopy,
  waitForDiagnostics,
} from './features-support';

async function quickFixes(document: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return (
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      range,
      vscode.CodeActionKind.QuickFix.value,
    )) ?? []
  );
}

describe('quick fixes', () => {
  before(activated);
  after(closeAll);

  it("sets BatchNorm2d's num_features to the incoming channels (preferred), and the error goes", async () => {
    const { document } = await untitledCopy('buggy_classifier.py');
    const ds = await waitForDiagnostics(document.uri, 'three diagnostics', x => x.length === 3);
    const bn = ds.find(d => d.code === 'channel-mismatch');
    assert.ok(bn);
    const actions = await quickFixes(document, bn.range);
    const fix = actions.find(a => a.title === 'Set num_features to 64');
    assert.ok(fix, actions.map(a => a.title).join(', '));
    assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.equal(fix.isPreferred, true);
    assert.ok(fix.edit && (await vscode.workspace.applyEdit(fix.edit)));
    assert.equal(document.lineAt(lineWith(document, 'self.bn2 =')).text.trim(), 'self.bn2 = nn.BatchNorm2d(64)');
    // The channel error is gone; what PyTorch would say next remains.
    const after = await waitForDiagnostics(
      document.uri,
      'the channel error gone',
      x => x.length === 2 && !x.some(d => d.code === 'channel-mismatch'),
    );
    assert.equal(
      after.find(d => d.code === 'features-mismatch')?.message,
      golden['buggy_classifier.py after fixing bn2'].error,
    );
  });

  it('rewrites a stale shape comment to the shape PyTorch makes', async () => {
    const { document } = await untitledCopy('buggy_classifier.py');
    const ds = await waitForDiagnostics(document.uri, 'three diagnostics', x => x.length === 3);
    const stale = ds.find(d => d.code === 'stale-shape-comment');
    assert.ok(stale);
    const actions = await quickFixes(document, stale.range);
    const fix = actions.find(a => a.title === 'Update the shape comment to [4, 10]');
    assert.ok(fix?.edit && fix.isPreferred, actions.map(a => a.title).join(', '));
    await vscode.workspace.applyEdit(fix.edit);
    // buggy_classifier's head: Linear(256, num_classes=10) on a batch of 4.
    assert.match(document.lineAt(lineWith(document, 'return self.fc2(x)')).text, /# \[4, 10\]$/);
    await waitForDiagnostics(
      document.uri,
      'the warning gone',
      x => x.length === 2 && !x.some(d => d.code === 'stale-shape-comment'),
    );
  });

  it('offers "Declare input shape…" on a model class and writes the comment when given a shape', async () => {
    const { document } = await untitledCopy('model.py');
    const className = positionOf(document, 'SmallConvNet(nn.Module)', 2);
    const declare = (await quickFixes(document, new vscode.Range(className, className))).find(a =>
      a.title.startsWith('Declare input shape of SmallConvNet'),
    );
    assert.ok(declare?.command, 'the Declare input shape action');
    assert.equal(declare.command.command, 'convshape.declareInputShape');
    // The command takes the shape as an optional third argument (no input box).
    const ok = await vscode.commands.executeCommand<boolean>(
      declare.command.command,
      ...(declare.command.arguments ?? []),
      '1, 3, 64, 64',
    );
    assert.equal(ok, true);
    assert.equal(
      document.lineAt(lineWith(document, 'def forward(self, x)')).text,
      '    def forward(self, x):  # x: [1, 3, 64, 64]',
    );
    assert.deepEqual(diagnosticsOf(document.uri), []);
  });
});
