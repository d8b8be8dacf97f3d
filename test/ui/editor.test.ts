// What a person sees: the workbench opens the fixture workspace, the example model opens from the
// explorer with its text, and the ConvShape extension runs in it. Saves docs/images/editor.png.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import {
  activeEditor,
  explorerRow,
  hoverAtText,
  openFileFromExplorer,
  openFileQuickly,
  openWorkbench,
  runCommand,
  screenshot,
  visibleLines,
  waitForEditorText,
  type Workbench,
} from './workbench';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  assert.equal(b.toString('latin1', 1, 4), 'PNG', `${file} is not a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('workbench UI (code-server in Chromium)', function () {
  let wb: Workbench;

  before(async function () {
    this.timeout(600000); // a cold machine installs code-server first (about 100 s)
    wb = await openWorkbench({ width: 1280, height: 800 });
  });

  afterEach(async function () {
    // A failing test leaves a picture of what was on screen in test-results/ (git-ignored).
    if (wb && this.currentTest?.state === 'failed') {
      const name = this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      console.log(`    screenshot: ${await screenshot(wb.page, `test-results/ui-${name}.png`)}`);
    }
  });

  after(async () => {
    if (wb) await wb.close();
  });

  it('lists the fixture workspace in the explorer', async () => {
    for (const name of ['model.py', 'buggy_model.py', 'notebook.ipynb']) {
      assert.equal(await explorerRow(wb.page, name).count(), 1, `explorer entry ${name}`);
    }
  });

  it('opens model.py from the explorer and shows its text in the editor', async () => {
    const editor = await openFileFromExplorer(wb.page, 'model.py');
    await waitForEditorText(editor, 'class SmallConvNet(nn.Module):');
    const lines = await visibleLines(editor);
    assert.ok(
      lines.some(l => l.includes('self.conv1 = nn.Conv2d(3, 16, kernel_size=3, padding=1)')),
      lines.join('\n'),
    );
    assert.ok(
      lines.some(l => l.trim() === 'def forward(self, x):'),
      lines.join('\n'),
    );
    assert.equal(await activeEditor(wb.page).count(), 1);
    // The status bar shows the language VS Code picked for the file.
    assert.match(await wb.page.locator('#status\\.editor\\.mode').innerText(), /Python/);
    const file = await screenshot(wb.page, 'docs/images/editor.png');
    assert.deepEqual(pngSize(file), { width: 1280, height: 800 });
  });

  it('runs the extension: "ConvShape: Show Log" shows its output channel', async () => {
    await runCommand(wb.page, 'ConvShape: Show Log');
    const output = wb.page.locator('.panel .output-view .monaco-editor').first();
    await output.waitFor();
    await waitForEditorText(output, 'ConvShape activated');
  });

  it('shows a hover where the mouse rests on text (the JSON schema of a setting)', async () => {
    const editor = await openFileQuickly(wb.page, '.vscode/settings.json');
    await waitForEditorText(editor, '"editor.minimap.enabled": false');
    const hover = await hoverAtText(editor, 'editor.minimap.enabled');
    assert.match(await hover.innerText(), /minimap/i);
  });
});
