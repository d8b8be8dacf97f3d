// The convolution explorer as a person uses it: open it from the hover's link, play the kernel
// positions, move the stride slider (the model is re-analysed: the Linear after it no longer
// fits), apply the value to the code and undo it. Saves the README's pictures to docs/images/.
import { strict as assert } from 'assert';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import {
  activeEditor,
  clipOf,
  editorLine,
  hoverOnLine,
  openFileFromExplorer,
  openWorkbench,
  screenshot,
  waitForEditorText,
  type Workbench,
} from './workbench';

const QUIET = { 'git.openRepositoryInParentFolders': 'never', 'git.enabled': false };

/** The explorer's page: VS Code nests a webview's content in an inner frame. */
function explorerFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/** The editor of model.py, in the first editor group (the explorer opens beside it and takes the focus). */
function codeEditor(page: Page): Locator {
  return page.locator('.editor-group-container').first().locator('.editor-instance .monaco-editor').first();
}

async function lineText(page: Page, text: string): Promise<string> {
  return (await editorLine(codeEditor(page), text).innerText()).replace(/\u00a0/g, ' ');
}

describe('the convolution explorer in the workbench', function () {
  let wb: Workbench | undefined;

  before(async function () {
    this.timeout(600000);
    wb = await openWorkbench({
      width: 1600,
      height: 900,
      settings: {
        ...QUIET,
        'workbench.colorTheme': 'Default Light Modern',
        'editor.fontSize': 14,
        'editor.hover.above': false,
        'editor.minimap.enabled': false,
      },
    });
  });
  afterEach(async function (this: Mocha.Context) {
    if (wb && this.currentTest?.state === 'failed') {
      const name = this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      console.log(`    screenshot: ${await screenshot(wb.page, `test-results/ui-${name}.png`)}`);
    }
  });
  after(async () => {
    if (wb) await wb.close();
  });

  it('puts an "Explore" CodeLens on each convolution and pooling layer', async () => {
    const page = wb!.page;
    const editor = await openFileFromExplorer(page, 'model.py');
    await waitForEditorText(editor, '→ [1, 16, 32, 32]');
    const lenses = editor.locator('.codelens-decoration a', { hasText: /^Explore (Conv2d|MaxPool2d)$/ });
    // VS Code redraws the lenses as they resolve: read them once all three are there.
    await lenses.nth(2).waitFor({ timeout: 15000 });
    let titles: string[] = [];
    for (let tries = 0; tries < 20 && titles.length !== 3; tries++) {
      titles = await lenses.allInnerTexts();
      if (titles.length !== 3) await page.waitForTimeout(250);
    }
    assert.deepEqual(titles, ['Explore Conv2d', 'Explore Conv2d', 'Explore MaxPool2d']);
  });

  it('opens from the hover, plays, tries stride 1, applies it and undoes it', async () => {
    const page = wb!.page;
    const editor = activeEditor(page);
    const hover = await hoverOnLine(editor, 'self.conv2 = nn.Conv2d(16, 32', 'Conv2d', /Open in Explorer/);
    await hover.locator('a', { hasText: 'Open in Explorer' }).click();
    const ex = explorerFrame(page);
    await ex.locator('#diagram svg').waitFor({ timeout: 30000 });
    assert.match(await ex.locator('h1').innerText(), /conv2: Conv2d\s+\[1, 16, 16, 16\] → \[1, 32, 8, 8\]/);
    assert.match(
      await ex.locator('.formula').first().innerText(),
      /H: ⌊\(16 \+ 2·1 − 3\)\/2⌋ \+ 1 = 8 {3}\(relationship 6\)/,
    );
    // 8×8 outputs: 64 kernel positions; the first reads the top-left corner (padding on two sides).
    assert.equal(await ex.locator('#position').innerText(), '1 / 64');
    assert.match(
      await ex.locator('#frame-caption').innerText(),
      /^output \(0, 0\) reads input rows 0, 1 × columns 0, 1 \(5 of 9 taps on padding\)$/,
    );

    // Play: the kernel moves on; pause keeps it where it is.
    await ex.locator('#speed').selectOption('8');
    await ex.locator('#play').click();
    await ex
      .locator('#position')
      .filter({ hasText: /^([3-9]|\d\d) \/ 64$/ })
      .waitFor({ timeout: 10000 });
    await ex.locator('#play').click();
    assert.equal(await ex.locator('#play').getAttribute('aria-pressed'), 'false');
    const paused = await ex.locator('#position').innerText();
    await page.waitForTimeout(600);
    assert.equal(await ex.locator('#position').innerText(), paused);
    // Step with the keyboard on the focused diagram.
    await ex.locator('#position').filter({ hasText: paused }).waitFor();
    await ex.locator('#diagram').focus();
    await page.keyboard.press('ArrowRight');
    const stepped = Number(paused.split(' / ')[0]) + 1;
    await ex
      .locator('#position')
      .filter({ hasText: new RegExp(`^${stepped === 65 ? 1 : stepped} / 64$`) })
      .waitFor();
    await screenshot(page, 'docs/images/explorer.png');

    // The stride slider, moved with the keyboard: 2 → 1. The model is re-analysed with it: conv2
    // now keeps 16×16, and the Linear that expects 32·8·8 features no longer fits.
    await ex.locator('#control-stride').focus();
    await page.keyboard.press('ArrowLeft');
    await ex.locator('h1', { hasText: '→ [1, 32, 16, 16]' }).waitFor({ timeout: 15000 });
    assert.match(await ex.locator('#position').innerText(), / \/ 256$/);
    const problems = await ex.locator('#problems li.introduced').allInnerTexts();
    assert.ok(
      problems.some(p => /^line \d+: error: .*8192/.test(p)),
      problems.join('\n'),
    );
    assert.equal(await ex.locator('#control-stride').evaluate(e => (e as unknown as { value: string }).value), '1');
    await ex.locator('#problems').scrollIntoViewIfNeeded();
    await screenshot(
      page,
      'docs/images/explorer-stride1.png',
      0.002,
      await clipOf(page.locator('iframe.webview.ready')),
    );

    // Apply: the code changes, as one edit that one undo takes back.
    await ex.locator('#apply').click();
    const code = codeEditor(page);
    await waitForEditorText(code, 'stride=1, padding=1)');
    assert.match(
      await lineText(page, 'self.conv2 ='),
      /self\.conv2 = nn\.Conv2d\(16, 32, kernel_size=3, stride=1, padding=1\)/,
    );
    await ex.locator('#apply[disabled]').waitFor({ timeout: 15000 });
    // Focus the editor through its own input element, with no click: a click in the text can land
    // on a widget drawn over it (sticky scroll's class header), and clicking the middle of
    // `.view-lines` once scrolled Monaco's viewport off the text.
    await code.locator('.native-edit-context, textarea.inputarea').first().focus();
    await code.and(page.locator('.monaco-editor.focused')).waitFor({ timeout: 15000 });
    await page.keyboard.press('Control+Z');
    await waitForEditorText(code, 'stride=2, padding=1)');
  });
});
