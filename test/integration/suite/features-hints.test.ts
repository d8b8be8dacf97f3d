// Inlay hints through VS Code's API: exact labels at exact positions (shapes from real PyTorch),
// the formula in the tooltip, the settings, and hints that follow edits.
import { strict as assert } from 'assert';
import * as vscode from 'vscode';
import { openFixture } from './helpers';
import {
  activated,
  closeAll,
  expectedHints,
  golden,
  hintsOf,
  lineWith,
  replaceText,
  snippet,
  torchShape,
  untitled,
  untitledCopy,
  withSettings,
} from './features-support';

describe('inlay hints', () => {
  before(activated);
  after(closeAll);

  it("puts PyTorch's shape after every layer definition and forward statement of model.py", async () => {
    const { document } = await openFixture('model.py');
    const g = golden['model.py'];
    const expected = expectedHints(document, { ...g.definitions, ...g.statements });
    const actual = (await hintsOf(document)).map(({ line, character, label }) => ({ line, character, label }));
    assert.deepEqual(actual, expected);
    assert.equal(actual.length, 9);
  });

  it("puts a formula with the numbers in the tooltip of a convolution's hints", async () => {
    const { document } = await openFixture('model.py');
    const hints = await hintsOf(document);
    const conv2 = hints.find(h => h.line === lineWith(document, 'self.conv2 = nn.Conv2d'));
    // conv2 reads the pooled 16×16 map: ⌊(16 + 2·1 − 3)/2⌋ + 1 = 8, as PyTorch gives it.
    assert.equal(golden['model.py'].definitions['11']?.[2], 8);
    assert.match(conv2?.tooltip ?? '', /H: ⌊\(16 \+ 2·1 − 3\)\/2⌋ \+ 1 = 8 {3}\(relationship 6\)/);
    const statement = hints.find(h => h.line === lineWith(document, 'x = F.relu(self.conv1(x))'));
    assert.match(statement?.tooltip ?? '', /conv1 \(Conv2d\)[\s\S]*⌊\(32 \+ 2·1 − 3\)\/1⌋ \+ 1 = 32/);
  });

  it('stays quiet where PyTorch gives no single shape (a pool shared by two calls)', async () => {
    const { document } = await openFixture('buggy_model.py');
    const g = golden['buggy_model.py'];
    assert.equal(g.definitions['14'], null, 'golden: the shared pool makes two shapes');
    const hints = await hintsOf(document);
    assert.equal(hints.filter(h => h.line === 13).length, 0, JSON.stringify(hints));
    for (const e of expectedHints(document, { ...g.definitions, ...g.statements })) {
      assert.ok(
        hints.some(h => h.line === e.line && h.character === e.character && h.label === e.label),
        `${JSON.stringify(e)} in ${JSON.stringify(hints)}`,
      );
    }
    assert.equal(new Set(hints.map(h => h.line)).size, hints.length, 'one hint per line');
  });

  it('follows convshape.inlayHints.sites and convshape.shapeFormat', async () => {
    const { document } = await openFixture('model.py');
    const g = golden['model.py'];
    await withSettings({ 'inlayHints.sites': 'definitions' }, async () => {
      assert.deepEqual(
        (await hintsOf(document)).map(h => h.label),
        expectedHints(document, g.definitions).map(h => h.label),
      );
    });
    await withSettings({ 'inlayHints.sites': 'statements', shapeFormat: 'times' }, async () => {
      const labels = (await hintsOf(document)).map(h => h.label);
      assert.deepEqual(
        labels,
        Object.values(g.statements).map(s => `→ ${(s ?? []).join('×')}`),
      );
    });
    await withSettings({ 'inlayHints.enabled': false }, async () => {
      assert.deepEqual(await hintsOf(document), []);
    });
    assert.equal((await hintsOf(document)).length, 9, 'settings restored');
  });

  it('updates the hints after an edit (untitled document)', async () => {
    const { document } = await untitledCopy('model.py');
    assert.equal(document.uri.scheme, 'untitled');
    const conv1 = lineWith(document, 'self.conv1 = ');
    assert.equal(
      (await hintsOf(document)).find(h => h.line === conv1)?.label,
      `→ ${torchShape(golden['model.py'].definitions['10'] ?? [])}`,
    );
    // padding=0 shrinks the map by 2: ⌊(32 − 3)/1⌋ + 1 = 30.
    await replaceText(document, 'kernel_size=3, padding=1)', 'kernel_size=3, padding=0)');
    assert.equal(
      (await hintsOf(document)).find(h => h.line === conv1)?.label,
      `→ ${torchShape(snippet('model.py conv1 with padding=0').output ?? [])}`,
    );
  });

  it("writes Keras shapes in Keras's notation in a Keras notebook", async () => {
    const notebook = await vscode.workspace.openNotebookDocument(
      vscode.Uri.file(
        `${(await openFixture('model.py')).document.uri.fsPath.replace(/model\.py$/, 'keras_notebook.ipynb')}`,
      ),
    );
    await vscode.window.showNotebookDocument(notebook);
    const cells = notebook.getCells().filter(c => c.kind === vscode.NotebookCellKind.Code);
    const [, layersCell, headCell] = cells;
    // The output shapes of keras-io's "Simple MNIST convnet" summary (34,826 params).
    const labels = async (cell: vscode.NotebookCell) => (await hintsOf(cell.document)).map(h => `${h.line}:${h.label}`);
    assert.deepEqual(await labels(layersCell), [
      '0:→ (None, 28, 28, 1)',
      '1:→ (None, 26, 26, 32)',
      '2:→ (None, 13, 13, 32)',
      '3:→ (None, 11, 11, 64)',
      '4:→ (None, 5, 5, 64)',
    ]);
    assert.deepEqual(await labels(headCell), ['0:→ (None, 1600)', '1:→ (None, 10)']);
    assert.deepEqual(await labels(cells[0]), []);
  });

  it('hints a document that is not a file (untitled, typed from scratch)', async () => {
    const { document } = await untitled(
      'import torch.nn as nn\nimport torch\nnet = nn.Sequential(nn.Conv2d(3, 8, 5), nn.MaxPool2d(2))\ny = net(torch.randn(2, 3, 28, 28))\n',
    );
    // Conv2d(3, 8, 5) on 28×28: 24×24; MaxPool2d(2): 12×12.
    const hints = await hintsOf(document);
    const expected = `→ ${torchShape(snippet('conv 3->8 k5 then pool 2 on 2x3x28x28').output ?? [])}`;
    assert.ok(
      hints.some(h => h.line === 2 && h.label === expected),
      JSON.stringify(hints),
    );
  });
});
