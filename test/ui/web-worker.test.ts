// The web extension host's analysis: the shipped dist/analysis-worker.js (the same file the Node
// host runs as a worker thread) started in Chromium with `new Worker(url)` as a classic script,
// as VS Code's web extension host starts it. Its answer must be the in-process Analysis.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { DocumentAnalyzer } from '../../src/analysis';
import { decodeAnalysis } from '../../src/worker/analysis-protocol';
import { FIXTURE_WORKSPACE, REPO_ROOT } from './workbench';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { launchBrowser } = require(path.join(REPO_ROOT, 'tools', 'vscode', 'browser.js')) as {
  launchBrowser(): Promise<{ page: Page; close(): Promise<void> }>;
};

const WORKER_FILE = path.join(REPO_ROOT, 'dist', 'analysis-worker.js');

/** Serves the worker bundle and an empty page, nothing else. */
function serveWorker(): Promise<{ origin: string; close(): void }> {
  const server = http.createServer((req, res) => {
    if (req.url === '/analysis-worker.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(fs.readFileSync(WORKER_FILE));
    } else {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>worker</title>');
    }
  });
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() }),
    ),
  );
}

/** The part of the DOM's Worker used in the page (tsconfig has no DOM library). */
interface PageWorker {
  onerror: ((event: { message: string }) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  postMessage(message: unknown): void;
  terminate(): void;
}
type PageWorkerConstructor = new (url: string, options: { name: string }) => PageWorker;

interface WorkerReply {
  type: string;
  message?: string;
  pieces?: string[];
}

/** Asks a fresh Web Worker in the page to analyse `text`; the reply's pieces come back decoded. */
function analyseInBrowser(page: Page, text: string): Promise<WorkerReply> {
  return page.evaluate(
    source =>
      new Promise<WorkerReply>((resolve, reject) => {
        const WorkerInPage = (globalThis as unknown as { Worker: PageWorkerConstructor }).Worker;
        const worker = new WorkerInPage('/analysis-worker.js', { name: 'convshape-analysis' });
        worker.onerror = event => reject(new Error(`worker error: ${event.message}`));
        worker.onmessage = event => {
          const reply = event.data as {
            type: string;
            message?: string;
            pieces?: { bytes: ArrayBuffer; ends: number[] };
          };
          const decoder = new TextDecoder();
          const pieces: string[] = [];
          let start = 0;
          for (const end of reply.pieces?.ends ?? []) {
            pieces.push(decoder.decode(new Uint8Array(reply.pieces!.bytes, start, end - start)));
            start = end;
          }
          worker.terminate();
          resolve({ type: reply.type, message: reply.message, pieces });
        };
        worker.postMessage({ type: 'analyse', id: 1, key: 'model.py', texts: [source], notebook: false });
      }),
    text,
  );
}

describe('the analysis worker in a browser (Chromium Web Worker)', function () {
  this.timeout(120000);
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let server: Awaited<ReturnType<typeof serveWorker>>;

  before(async () => {
    server = await serveWorker();
    browser = await launchBrowser();
    await browser.page.goto(server.origin);
  });

  after(async () => {
    await browser?.close();
    server?.close();
  });

  for (const file of ['model.py', 'buggy_model.py']) {
    it(`answers ${file} with the in-process Analysis`, async () => {
      const text = fs.readFileSync(path.join(FIXTURE_WORKSPACE, file), 'utf8');
      const reply = await analyseInBrowser(browser.page, text);
      assert.equal(reply.type, 'result', reply.message);
      const analysis = await decodeAnalysis(reply.pieces ?? []);
      const expected = JSON.parse(JSON.stringify(new DocumentAnalyzer().update(text))) as unknown;
      assert.ok(analysis && analysis.hints.length > 0, 'the worker found shapes');
      assert.deepStrictEqual(analysis, expected);
    });
  }
});
