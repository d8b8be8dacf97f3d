// What a person sees of the editor features: inline shapes, the hover's diagram image, the
// squiggle, the Problems entry and the quick-fix menu. Saves the README's pictures to docs/images/.
import { strict as assert } from 'assert';
import type { Page } from 'playwright-core';
import {
  clipOf,
  editorLine,
  hoverOnLine,
  openFileFromExplorer,
  openWorkbench,
  runCommand,
  screenshot,
  waitForEditorText,
  type Workbench,
} from './workbench';

/** No notifications over the pictures (the repository's own git folder is a parent of the workspace). */
const QUIET = { 'git.openRepositoryInParentFolders': 'never', 'git.enabled': false };

function leaveScreenshotOnFailure(get: () => Workbench | undefined) {
  return async function (this: Mocha.Context) {
    const wb = get();
    if (wb && this.currentTest?.state === 'failed') {
      const name = this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      console.log(`    screenshot: ${await screenshot(wb.page, `test-results/ui-${name}.png`)}`);
    }
  };
}

/** The editor part plus whatever floats over it (hover, menus) within the window. */
async function editorClip(page: Page, height?: number) {
  const clip = await clipOf(page.locator('.part.editor'));
  return height ? { ...clip, height: Math.min(clip.height, height) } : clip;
}

describe('editor features in the workbench (light theme)', function () {
  let wb: Workbench | undefined;

  before(async function () {
    this.timeout(600000);
    wb = await openWorkbench({
      width: 1280,
      height: 800,
      settings: {
        ...QUIET,
        'workbench.colorTheme': 'Default Light Modern',
        'editor.fontSize': 15,
        'editor.hover.above': false,
      },
    });
  });
  afterEach(leaveScreenshotOnFailure(() => wb));
  after(async () => {
    if (wb) await wb.close();
  });

  it('shows the output shape after each layer and statement of model.py', async () => {
    const page = wb!.page;
    const editor = await openFileFromExplorer(page, 'model.py');
    // The hints PyTorch agrees with (test/integration/suite/features-golden.json).
    await waitForEditorText(editor, '→ [1, 16, 32, 32]');
    for (const [line, hint] of [
      ['self.conv1 = nn.Conv2d(3, 16', '→ [1, 16, 32, 32]'],
      ['self.conv2 = nn.Conv2d(16, 32', '→ [1, 32, 8, 8]'],
      ['self.fc = nn.Linear', '→ [1, 10]'],
      ['x = torch.flatten(x, 1)', '→ [1, 2048]'],
    ]) {
      const text = (await editorLine(editor, line).innerText()).replace(/\u00a0/g, ' ');
      assert.ok(text.trimEnd().endsWith(hint), `${JSON.stringify(text)} ends with ${hint}`);
    }
    await screenshot(page, 'docs/images/inlay-hints.png', 0.002, await editorClip(page, 560));
  });

  it('says the input the layers imply in a lens above the model class', async () => {
    const page = wb!.page;
    await openFileFromExplorer(page, 'implied_input.py');
    const lens = page.locator('.monaco-editor .codelens-decoration', { hasText: 'implied by fc1' });
    await lens.waitFor({ timeout: 30000 });
    assert.match((await lens.innerText()).replace(/\u00a0/g, ' '), /input 1×28×28 implied by fc1 — Declare/);
    await screenshot(page, 'docs/images/implied-input.png', 0.002, await editorClip(page, 420));
  });

  it('hovers a Conv2d and shows the diagram image, the formula and the cost', async () => {
    const page = wb!.page;
    const editor = await openFileFromExplorer(page, 'model.py');
    const hover = await hoverOnLine(editor, 'self.conv2 = nn.Conv2d(16, 32', 'Conv2d', /conv2: Conv2d/);
    const image = hover.locator('img').first();
    await image.waitFor();
    await page.waitForFunction(
      () => {
        const img = (
          globalThis as unknown as {
            document: { querySelector(s: string): { complete: boolean; naturalWidth: number } | null };
          }
        ).document.querySelector('.monaco-hover .rendered-markdown img');
        return !!img && img.complete && img.naturalWidth > 0;
      },
      undefined,
      { timeout: 10000 },
    );
    const size = await image.evaluate(el => ({
      w: (el as unknown as { naturalWidth: number }).naturalWidth,
      src: (el as unknown as { src: string }).src.slice(0, 26),
    }));
    assert.ok(size.w > 0);
    assert.equal(size.src, 'data:image/svg+xml;base64,');
    const text = await hover.innerText();
    assert.match(text, /conv2: Conv2d/);
    assert.match(text, /H: ⌊\(16 \+ 2·1 − 3\)\/2⌋ \+ 1 = 8/);
    assert.match(text, /params 4\.6K/);
    await screenshot(page, 'docs/images/hover-diagram.png', 0.002, await editorClip(page));
    await page.mouse.move(0, 0);
    await page.keyboard.press('Escape');
  });

  it("offers the mismatched Linear's fix in the author's form, and applying it clears the error", async () => {
    const page = wb!.page;
    const editor = await openFileFromExplorer(page, 'buggy_classifier.py');
    await editor.locator('.squiggly-error').first().waitFor({ timeout: 15000 });
    assert.equal(await editor.locator('.squiggly-error').count(), 2, 'bn2 and fc1 are underlined');
    // The error is at the call that fails; the fix rewrites the Linear's definition, C·H·W kept.
    const call = editorLine(editor, 'x = F.relu(self.fc1(x))').locator('span', { hasText: 'fc1' }).last();
    await call.click();
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Set in_features to 4096' });
    // Ctrl+. pressed while the lightbulb's own request is under way can answer "No code actions
    // available": ask again.
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('Control+Period');
      try {
        await fix.waitFor({ timeout: 4000 });
        break;
      } catch (e) {
        if (attempt === 4) throw e;
        await page.keyboard.press('Escape');
        await call.click();
      }
    }
    await screenshot(page, 'docs/images/quick-fix-linear.png', 0.002, await editorClip(page));
    // Apply it from the keyboard (the menu's pointer block takes clicks), as a person would.
    const focused = page.locator('.action-widget .monaco-list-row.focused');
    for (let i = 0; i < 5 && !(await focused.innerText()).includes('Set in_features to 4096'); i++)
      await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await editorLine(editor, 'self.fc1 = nn.Linear(64 * 8 * 8, 256)').waitFor({ timeout: 10000 });
    await page.waitForFunction(
      () =>
        (
          globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }
        ).document.querySelectorAll('.monaco-editor .squiggly-error').length === 1,
      undefined,
      { timeout: 15000 },
    );
    // Back to the file as it is on disk, for the tests that follow.
    await page.keyboard.press('Control+Z');
    await editorLine(editor, 'self.fc1 = nn.Linear(64 * 7 * 7, 256)').waitFor({ timeout: 10000 });
  });
});

describe('editor features in the workbench (dark theme)', function () {
  let wb: Workbench | undefined;

  before(async function () {
    this.timeout(600000);
    wb = await openWorkbench({
      width: 1280,
      height: 800,
      settings: { ...QUIET, 'workbench.colorTheme': 'Default Dark Modern', 'editor.fontSize': 14 },
    });
  });
  afterEach(leaveScreenshotOnFailure(() => wb));
  after(async () => {
    if (wb) await wb.close();
  });

  it('underlines the bug, lists it in Problems and offers the quick fix', async () => {
    const page = wb!.page;
    const editor = await openFileFromExplorer(page, 'buggy_classifier.py');
    await waitForEditorText(editor, '→ [4, 32, 32, 32]');
    await editor.locator('.squiggly-error').first().waitFor({ timeout: 15000 });
    assert.ok((await editor.locator('.squiggly-error').count()) >= 2, 'the two errors are underlined');
    await editor.locator('.squiggly-warning').first().waitFor();

    await runCommand(page, 'Focus on Problems View');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.filter({ hasText: 'running_mean should contain 64 elements not 32' }).first().waitFor();
    await rows.filter({ hasText: 'mat1 and mat2 shapes cannot be multiplied (4x4096 and 3136x256)' }).first().waitFor();
    assert.match(await page.locator('#status\\.problems').innerText(), /2[\s\S]*1/);

    // Put the cursor on BatchNorm2d's 32 and open the quick-fix menu (Ctrl+.).
    const number = editorLine(editor, 'self.bn2 = nn.BatchNorm2d(32)').locator('span', { hasText: /^32$/ }).first();
    await number.click();
    await page.keyboard.press('Control+Period');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Set num_features to 64' });
    await fix.waitFor({ timeout: 10000 });
    await screenshot(page, 'docs/images/quick-fix.png', 0.002);
    await page.keyboard.press('Escape');
  });
});
