// CodeLens and the palette's commands through VS Code's API: the model line, the summary
// document, toggling hints, declaring an input shape (hints follow), explaining a layer.
import { strict as assert } from 'assert';
import * as vscode from 'vscode';
import { openFixture } from './helpers';
import {
  activated,
  closeAll,
  golden,
  hintsOf,
  lineWith,
  positionOf,
  torchShape,
  untitled,
  untitledCopy,
} from './features-support';

/** A diffusion-style model of two inputs (test/fixtures/pytorch/two_input_diffusion_unet.py in small). */
const TWO_INPUTS = `import torch
import torch.nn as nn


class TimeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, padding=1)
        self.time = nn.Linear(1, 16)

    def forward(self, x, t):  # t: [N, 1]
        return self.conv(x) + self.time(t)[:, :, None, None]
`;

async function lensesOf(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
  return (
    (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 10)) ?? []
  );
}

describe('CodeLens and commands', () => {
  before(activated);
  after(closeAll);

  it('contributes the four commands to the palette under "ConvShape"', async () => {
    const contributed = (await import('./helpers')).extension().packageJSON.contributes.commands as {
      command: string;
      category: string;
      title: string;
    }[];
    const all = await vscode.commands.getCommands(true);
    for (const [id, title] of [
      ['convshape.showSummary', 'Show Model Summary'],
      ['convshape.explainLayer', 'Explain Layer at Cursor'],
      ['convshape.declareInputShape', 'Declare Input Shape…'],
      ['convshape.toggleInlayHints', 'Toggle Inlay Hints'],
    ]) {
      assert.ok(all.includes(id), `${id} registered`);
      assert.deepEqual(
        contributed.find(c => c.command === id),
        { command: id, title, category: 'ConvShape' },
      );
    }
  });

  it('shows input → output and the parameter count on the model class, with a Summary lens', async () => {
    const { document } = await openFixture('model.py');
    const g = golden['model.py'];
    const all = await lensesOf(document);
    // The sizes it accepts come third (features-commands: the implied input's lens below); the
    // layers' "Explore" lenses (the convolution explorer) sit on their own lines.
    const lenses = all.slice(0, 2);
    const onClass = all.slice(2).filter(l => l.command?.command !== 'convshape.openExplorer');
    assert.ok(
      onClass.length > 0 && onClass.every(l => l.command?.title.startsWith('accepts ')),
      JSON.stringify(onClass),
    );
    const classLine = lineWith(document, 'class SmallConvNet');
    for (const l of lenses) assert.equal(l.range.start.line, classLine);
    // 25,578 parameters, as PyTorch counts them: 25.6K.
    assert.equal(g.params, 25578);
    assert.equal(
      lenses[0].command?.title,
      `${torchShape(g.input)} → ${torchShape(g.statements['20'] ?? [])} · 25.6K params`,
    );
    assert.equal(lenses[1].command?.title, 'Summary');
    assert.equal(lenses[1].command?.command, 'convshape.showSummary');
  });

  it("opens a markdown summary table of the model (a content provider's document)", async () => {
    const { document } = await openFixture('model.py');
    const [, summaryLens] = await lensesOf(document);
    const summary = await vscode.commands.executeCommand<vscode.TextDocument>(
      summaryLens.command!.command,
      ...(summaryLens.command!.arguments ?? []),
    );
    assert.ok(summary, 'the summary document');
    assert.equal(summary.languageId, 'markdown');
    assert.equal(summary.uri.scheme, 'convshape-summary');
    const text = summary.getText();
    const g = golden['model.py'];
    for (const [name, kind, line] of [
      ['conv1', 'Conv2d', '10'],
      ['conv2', 'Conv2d', '11'],
      ['pool', 'MaxPool2d', '12'],
      ['fc', 'Linear', '13'],
    ]) {
      // Markdown escapes the brackets: `\[1, 16, 32, 32\]`.
      const row = text
        .split('\n')
        .map(l => l.replace(/\\/g, ''))
        .find(l => l.includes(`${name} (${kind})`));
      assert.ok(row, `a row for ${name} in\n${text}`);
      assert.ok(row.includes(`| ${torchShape(g.definitions[line] ?? [])} |`), `${name}: ${row}`);
    }
    assert.match(text, /25,578/);
  });

  it('toggles inlay hints off and on', async () => {
    const { document } = await openFixture('model.py');
    assert.equal((await hintsOf(document)).length, 9);
    try {
      assert.equal(await vscode.commands.executeCommand('convshape.toggleInlayHints'), false);
      assert.equal(vscode.workspace.getConfiguration('convshape').get('inlayHints.enabled'), false);
      assert.deepEqual(await hintsOf(document), []);
    } finally {
      assert.equal(await vscode.commands.executeCommand('convshape.toggleInlayHints'), true);
    }
    assert.equal((await hintsOf(document)).length, 9);
  });

  it('declares an input shape from the palette (shape given as an argument) and the hints follow', async () => {
    const { document } = await untitledCopy('model.py');
    // Without the sample-input line, channels come from the first layer and H, W stay symbolic.
    const main = document.getText().indexOf('if __name__');
    const edit = new vscode.WorkspaceEdit();
    edit.delete(
      document.uri,
      new vscode.Range(document.positionAt(main), document.positionAt(document.getText().length)),
    );
    await vscode.workspace.applyEdit(edit);
    const conv1 = lineWith(document, 'self.conv1 =');
    assert.match((await hintsOf(document)).find(h => h.line === conv1)?.label ?? '', /^→ \[N, 16, H, W\]$/);
    assert.equal(
      await vscode.commands.executeCommand('convshape.declareInputShape', document.uri, undefined, '[8, 3, 32, 32]'),
      true,
    );
    assert.match(document.lineAt(lineWith(document, 'def forward')).text, /# x: \[8, 3, 32, 32\]$/);
    // model.py's layers on a batch of 8: PyTorch's shapes with batch 8.
    const expected = golden['model.py'].definitions['10']!.map((d, i) => (i === 0 ? 8 : d));
    assert.equal((await hintsOf(document)).find(h => h.line === conv1)?.label, `→ ${torchShape(expected)}`);
  });

  it('declares the inputs of a forward with two arguments in one comment, keeping the declared one', async () => {
    const { document } = await untitled(TWO_INPUTS);
    const conv = lineWith(document, 'self.conv =');
    assert.match((await hintsOf(document)).find(h => h.line === conv)?.label ?? '', /^→ \[N, 16, H, W\]$/);
    // One shape is the first argument's; the comment's `t` stays.
    assert.equal(
      await vscode.commands.executeCommand('convshape.declareInputShape', document.uri, 'TimeNet', '[2, 3, 8, 8]'),
      true,
    );
    assert.match(document.lineAt(lineWith(document, 'def forward')).text, /# x: \[2, 3, 8, 8\], t: \[N, 1\]$/);
    assert.equal((await hintsOf(document)).find(h => h.line === conv)?.label, '→ [2, 16, 8, 8]');
    // Both named at once.
    await vscode.commands.executeCommand(
      'convshape.declareInputShape',
      document.uri,
      'TimeNet',
      'x: [4, 3, 6, 6], t: [4, 1]',
    );
    assert.match(document.lineAt(lineWith(document, 'def forward')).text, /\): {2}# x: \[4, 3, 6, 6\], t: \[4, 1\]$/);
    const time = lineWith(document, 'self.time =');
    assert.equal((await hintsOf(document)).find(h => h.line === time)?.label, '→ [4, 16]');
  });

  it('offers the input the layers imply as a lens, whose Declare writes the shape comment', async () => {
    const { document } = await untitledCopy('implied_input.py');
    const conv1 = lineWith(document, 'self.conv1 =');
    assert.match((await hintsOf(document)).find(h => h.line === conv1)?.label ?? '', /^→ \[N, 32, H−2, W−2\]$/);
    const implied = (await lensesOf(document)).find(l => l.command?.title.startsWith('input '));
    assert.equal(implied?.command?.title, 'input 1×28×28 implied by fc1 — Declare');
    await vscode.commands.executeCommand(implied!.command!.command, ...(implied!.command!.arguments ?? []));
    assert.match(document.lineAt(lineWith(document, 'def forward')).text, /# x: \[N, 1, 28, 28\]$/);
    // Declared now: the shapes follow, and the lens is gone (nothing is implied by a declared input).
    assert.equal((await hintsOf(document)).find(h => h.line === conv1)?.label, '→ [N, 32, 26, 26]');
    assert.ok(!(await lensesOf(document)).some(l => l.command?.title.startsWith('input ')));
  });

  it("offers a Keras model's implied input as a lens, whose Declare writes the Input's shape", async () => {
    const { document } = await untitledCopy('keras_implied_input.py');
    const implied = (await lensesOf(document)).find(l => l.command?.title.startsWith('input '));
    assert.equal(implied?.command?.title, 'input 28×28×1 implied by reshape — Declare');
    await vscode.commands.executeCommand(implied!.command!.command, ...(implied!.command!.arguments ?? []));
    assert.equal(document.lineAt(lineWith(document, 'keras.Input')).text, 'inputs = keras.Input(shape=(28, 28, 1))');
    // Declared now: the shapes are numbers, and nothing is implied any more.
    const reshape = lineWith(document, 'layers.Reshape');
    assert.equal((await hintsOf(document)).find(h => h.line === reshape)?.label, '→ (None, 9216)');
    assert.ok(!(await lensesOf(document)).some(l => l.command?.title.startsWith('input ')));
  });

  it("explains the layer on the cursor's line (moves to it and shows its hover)", async () => {
    const editor = await openFixture('model.py');
    const line = lineWith(editor.document, 'self.conv2 = nn.Conv2d');
    const end = editor.document.lineAt(line).range.end;
    editor.selection = new vscode.Selection(end, end);
    assert.equal(await vscode.commands.executeCommand('convshape.explainLayer'), 'conv2');
    assert.ok(
      editor.selection.active.isEqual(positionOf(editor.document, 'nn.Conv2d(16', 0)),
      `cursor at ${JSON.stringify(editor.selection.active)}`,
    );
  });
});
