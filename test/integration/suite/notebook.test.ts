// The fixture notebook opens as a Jupyter notebook with Python code cells (later features use it).
import { strict as assert } from 'assert';
import * as vscode from 'vscode';
import { fixtureUri } from './helpers';

describe('fixture notebook', () => {
  it('opens as a jupyter-notebook with Python code cells', async () => {
    const nb = await vscode.workspace.openNotebookDocument(fixtureUri('notebook.ipynb'));
    assert.equal(nb.notebookType, 'jupyter-notebook');
    const code = nb.getCells().filter(c => c.kind === vscode.NotebookCellKind.Code);
    assert.ok(code.length >= 2, `expected at least 2 code cells, got ${code.length}`);
    for (const cell of code) assert.equal(cell.document.languageId, 'python');
    assert.ok(code.some(c => c.document.getText().includes('nn.Conv2d')));
  });
});
