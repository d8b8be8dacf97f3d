// Helpers to drive a real VS Code workbench (code-server 1.100 in headless Chromium) the way a
// person does: open files from the explorer, run commands, hover over text, read what is shown.
// DOM facts for VS Code 1.100 are in docs/vscode-testing.md ("Driving the UI").
import * as fs from 'fs';
import * as path from 'path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { decodePng, pixelDifference } from './png';

/** The repository root (this file runs from out/test/ui/). */
export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const FIXTURE_WORKSPACE = path.join(REPO_ROOT, 'test', 'integration', 'workspace');

// tools/vscode/ is plain CommonJS (it runs before anything is compiled); load it from the root.
interface CodeServer {
  authority: string;
  origin: string;
  output(): string;
  stop(): Promise<void>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startCodeServer, workbenchUrl } = require(path.join(REPO_ROOT, 'tools', 'vscode', 'code-server.js')) as {
  startCodeServer(o?: { settings?: Record<string, unknown> }): Promise<CodeServer>;
  workbenchUrl(authority: string, o: { folder: string; extensionDevelopmentPath?: string }): string;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { launchBrowser } = require(path.join(REPO_ROOT, 'tools', 'vscode', 'browser.js')) as {
  launchBrowser(o?: {
    width?: number;
    height?: number;
  }): Promise<{ context: BrowserContext; page: Page; close(): Promise<void> }>;
};

export interface Workbench {
  page: Page;
  server: CodeServer;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  folder?: string;
  /** User settings on top of tools/vscode/code-server.js's quiet defaults. */
  settings?: Record<string, unknown>;
  width?: number;
  height?: number;
}

/** Starts a private code-server with this extension under development and opens `folder`. */
export async function openWorkbench(o: WorkbenchOptions = {}): Promise<Workbench> {
  const folder = o.folder ?? FIXTURE_WORKSPACE;
  const server = await startCodeServer({ settings: o.settings });
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  const close = async () => {
    if (browser) await browser.close();
    await server.stop();
  };
  try {
    browser = await launchBrowser({ width: o.width, height: o.height });
    const { page } = browser;
    await page.goto(workbenchUrl(server.authority, { folder, extensionDevelopmentPath: REPO_ROOT }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await explorerRow(page, firstEntry(folder)).waitFor({ timeout: 60000 });
    // code-server adds the Forwarded Ports item to the status bar once its remote side is fully up,
    // a few seconds after the explorer; waiting for it keeps screenshots the same from run to run.
    await page.locator('#status\\.forwardedPorts').waitFor({ timeout: 30000 });
    return { page, server, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** Some file or folder at the top of `folder`, to know when the explorer has listed it. */
function firstEntry(folder: string): string {
  const names = fs
    .readdirSync(folder)
    .filter(n => !n.startsWith('.'))
    .sort();
  if (!names.length) throw new Error(`workspace ${folder} is empty`);
  return names[0];
}

/** An explorer row by exact file name. */
export function explorerRow(page: Page, name: string): Locator {
  return page.locator('.explorer-folders-view .monaco-list-row', {
    has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }),
  });
}

/** The active editor pane's Monaco editor. */
export function activeEditor(page: Page): Locator {
  return page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
}

/** Opens `name` (a top-level workspace file) by clicking it in the explorer; waits for its editor. */
export async function openFileFromExplorer(page: Page, name: string): Promise<Locator> {
  await explorerRow(page, name).click();
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
  const editor = activeEditor(page);
  await editor.locator('.view-lines .view-line').first().waitFor();
  return editor;
}

/** Opens a workspace file by its relative path through Quick Open (nested files, dot folders). */
export async function openFileQuickly(page: Page, relativePath: string): Promise<Locator> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(relativePath); // no leading '>': file mode
  const item = page.locator('.quick-input-widget .monaco-list-row', { hasText: path.basename(relativePath) }).first();
  await item.waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: path.basename(relativePath) }).waitFor();
  const editor = activeEditor(page);
  await editor.locator('.view-lines .view-line').first().waitFor();
  return editor;
}

/** The visible text of an editor, one string per rendered line (U+00A0 turned back into spaces). */
export async function visibleLines(editor: Locator): Promise<string[]> {
  // Monaco renders lines out of order in the DOM; sort them by their vertical position.
  const lines = await editor.locator('.view-lines .view-line').evaluateAll(els =>
    els.map(el => ({
      top: parseFloat((el as unknown as { style: { top: string } }).style.top) || 0,
      text: el.textContent ?? '',
    })),
  );
  return lines.sort((a, b) => a.top - b.top).map(l => l.text.replace(/\u00a0/g, ' '));
}

/** Waits until some rendered line of the editor contains `text`. */
export async function waitForEditorText(editor: Locator, text: string, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await visibleLines(editor)).some(l => l.includes(text))) return;
    if (Date.now() > deadline)
      throw new Error(
        `editor never showed ${JSON.stringify(text)}; it shows:\n${(await visibleLines(editor)).join('\n')}`,
      );
    await editor.page().waitForTimeout(200);
  }
}

/**
 * Moves the mouse over the first rendered occurrence of `text` in the editor and returns the hover
 * widget's markdown once it is visible (hover contents: images, tables, code).
 */
export async function hoverAtText(editor: Locator, text: string, timeoutMs = 15000): Promise<Locator> {
  const page = editor.page();
  const span = editor.locator('.view-line span', { hasText: text }).last();
  await span.waitFor();
  const box = await span.boundingBox();
  if (!box) throw new Error(`${JSON.stringify(text)} is not on screen`);
  // Where in the span the text starts: hover the text itself, not the span's padding.
  const offset = await span.evaluate((el, t) => {
    const s = (el.textContent ?? '').replace(/\u00a0/g, ' ');
    const i = s.indexOf(t);
    return i < 0 ? 0.5 : (i + t.length / 2) / Math.max(s.length, 1);
  }, text);
  const x = box.x + box.width * offset;
  const y = box.y + box.height / 2;
  const hover = page.locator('.monaco-hover .rendered-markdown').first();
  // A provider that is still starting answers nothing; hovering again asks again.
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.mouse.move(x - 3, y);
    await page.mouse.move(x, y, { steps: 3 });
    try {
      await hover.waitFor({ state: 'visible', timeout: 2500 });
      // VS Code shows "Loading..." while the providers compute; wait for their answer.
      await page.waitForFunction(
        sel => {
          const text =
            (
              globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }
            ).document.querySelector(sel)?.textContent ?? '';
          return text.trim() !== '' && !/^\s*Loading\.\.\.\s*$/.test(text);
        },
        '.monaco-hover .rendered-markdown',
        { timeout: 5000 },
      );
      break;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`no hover over ${JSON.stringify(text)} within ${timeoutMs} ms`);
      await page.mouse.move(0, 0);
    }
  }
  return hover;
}

/** Runs a command from the command palette by its title, e.g. "ConvShape: Show Log". */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  const item = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  await item.waitFor();
  await item.click();
}

export interface Clip {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The part of the page a locator covers (plus `extra` pixels right and below), for a `screenshot` clip. */
export async function clipOf(locator: Locator, extra = { width: 0, height: 0 }): Promise<Clip> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('nothing on screen to clip to');
  const viewport = locator.page().viewportSize() ?? { width: 1280, height: 800 };
  const x = Math.max(0, Math.floor(box.x));
  const y = Math.max(0, Math.floor(box.y));
  return {
    x,
    y,
    width: Math.min(viewport.width - x, Math.ceil(box.width + extra.width)),
    height: Math.min(viewport.height - y, Math.ceil(box.height + extra.height)),
  };
}

/** The rendered line of the editor whose text contains `text`. */
export function editorLine(editor: Locator, text: string): Locator {
  return editor.locator('.view-lines .view-line').filter({ hasText: text }).first();
}

/**
 * Moves the mouse over `text` inside the rendered line that contains `lineText`; returns the hover
 * once its text matches `expect` (the mouse may cross other lines on its way and hover them first).
 */
export async function hoverOnLine(
  editor: Locator,
  lineText: string,
  text: string,
  expect: RegExp = /\S/,
  timeoutMs = 15000,
): Promise<Locator> {
  const span = editorLine(editor, lineText).locator('span', { hasText: text }).last();
  await span.waitFor();
  const box = await span.boundingBox();
  if (!box) throw new Error(`${JSON.stringify(text)} is not on screen`);
  const page = editor.page();
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  const hover = page.locator('.monaco-hover .rendered-markdown').first();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.mouse.move(x - 3, y);
    await page.mouse.move(x, y, { steps: 3 });
    try {
      await hover.waitFor({ state: 'visible', timeout: 2500 });
      await page.waitForFunction(
        ([sel, source, flags]) => {
          const text =
            (
              globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }
            ).document.querySelector(sel)?.textContent ?? '';
          return new RegExp(source, flags).test(text) && !/^\s*Loading\.\.\.\s*$/.test(text);
        },
        ['.monaco-hover .rendered-markdown', expect.source, expect.flags] as const,
        { timeout: 5000 },
      );
      return hover;
    } catch {
      if (Date.now() > deadline) throw new Error(`no hover over ${JSON.stringify(text)} within ${timeoutMs} ms`);
      await page.mouse.move(0, 0);
    }
  }
}

/**
 * Saves a PNG screenshot of the whole workbench (or of `clip`); `file` is relative to the repository root.
 * An existing picture is kept when under `tolerance` of its pixels differ (status-bar icons that
 * come and go), so committed pictures under docs/ change only when what they show changes.
 */
export async function screenshot(page: Page, file: string, tolerance = 0.002, clip?: Clip): Promise<string> {
  const out = path.resolve(REPO_ROOT, file);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const png = await page.screenshot(clip ? { clip } : undefined);
  if (fs.existsSync(out)) {
    try {
      if (pixelDifference(decodePng(fs.readFileSync(out)), decodePng(png)) < tolerance) return out;
    } catch {
      /* unreadable old picture: replace it */
    }
  }
  fs.writeFileSync(out, png);
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
