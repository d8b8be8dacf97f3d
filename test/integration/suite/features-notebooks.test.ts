// Notebooks: the code cells are one program; hints and diagnostics land in the cell they belong
// to, and an edit in one cell updates another.
import { strict as assert } from 'assert';
import * as vscode from 'vscode';
import { fixtureUri } from './helpers';
import {
  activated,
  closeAll,
  diagnosticsOf,
  expectedHints,
  golden,
  hintsOf,
  waitForDiagnostics,
} from './features-support';

describe('notebooks', () => {
  before(activated);
  after(closeAll);

  let notebook: vscode.NotebookDocument;
  let cells: vscode.NotebookCell[];

  before(async () => {
    notebook = await vscode.workspace.openNotebookDocument(fixtureUri('buggy_notebook.ipynb'));
    await vscode.window.showNotebookDocument(notebook);
    cells = notebook.getCells().filter(c => c.kind === vscode.NotebookCellKind.Code);
    assert.equal(cells.length, 3);
  });

  it("puts the model's hints in the cell that defines it, at PyTorch's shapes", async () => {
    const g = golden['buggy_notebook.ipynb'];
    const modelCell = cells[1].document;
    const inCell = (lines: Record<string, number[] | null>) =>
      Object.fromEntries(
        Object.entries(lines)
          .filter(([k]) => k.startsWith('1:'))
          .map(([k, v]) => [k.slice(2), v]),
      );
    const hints = await hintsOf(modelCell);
    for (const e of expectedHints(modelCell, { ...inCell(g.definitions), ...inCell(g.statements) })) {
      assert.ok(
        hints.some(h => h.line === e.line && h.character === e.character && h.label === e.label),
        `${JSON.stringify(e)} in ${JSON.stringify(hints)}`,
      );
    }
    assert.deepEqual(await hintsOf(cells[0].document), []);
  });

  it("reports the bug in the model's cell, though the input comes from a later cell", async () => {
    const modelCell = cells[1].document;
    const [d] = await waitForDiagnostics(modelCell.uri, "the notebook's error", ds => ds.length === 1);
    assert.equal(d.message, golden['buggy_notebook.ipynb'].error);
    assert.equal(modelCell.getText(d.range), 'self.fc(x)');
    assert.deepEqual(diagnosticsOf(cells[0].document.uri), []);
    assert.deepEqual(diagnosticsOf(cells[2].document.uri), []);
  });

  it('re-analyses every cell when one changes: a new input in the last cell fixes the first', async () => {
    // Linear(8 * 7 * 7, 10) fits a 14×14 input: conv (stride 2, padding 1) makes 7×7.
    const edit = new vscode.WorkspaceEdit();
    const last = cells[2].document;
    const at = last.getText().indexOf('28, 28');
    edit.replace(last.uri, new vscode.Range(last.positionAt(at), last.positionAt(at + 6)), '14, 14');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForDiagnostics(cells[1].document.uri, 'the error gone', ds => ds.length === 0);
    const hints = await hintsOf(cells[1].document);
    assert.ok(
      hints.some(h => h.label === '→ [4, 392]'),
      JSON.stringify(hints),
    );
  });
});
