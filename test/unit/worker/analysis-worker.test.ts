// The analysis worker as the extension host uses it, in plain Node: the Analysis travels intact,
// a newer version supersedes an older request, a worker that cannot start or dies is restarted
// once and then replaced by in-process analysis, and the host's event loop keeps turning while a
// 10,000-line document is analysed and received.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DocumentAnalyzer } from '../../../src/analysis';
import type { Analysis } from '../../../src/analysis/types';
import { joinCells } from '../../../src/python/notebook';
import { AnalysisClient, type AnalysisHost, type WorkerChannel } from '../../../src/worker/analysis-client';
import { decodeAnalysis, encodeAnalysis, packPieces, unpackPieces } from '../../../src/worker/analysis-protocol';
import { createAnalysisService } from '../../../src/worker/analysis-service';
import { nodeAnalysisHost, NODE_WORKER_FILE } from '../../../src/worker/worker-node';

const root = path.resolve(__dirname, '../../../..');
const fixtureDirs = ['test/fixtures/pytorch', 'test/fixtures/keras'].map(d => path.join(root, d));
const fixtures = fixtureDirs.flatMap(d =>
  fs
    .readdirSync(d)
    .filter(f => f.endsWith('.py'))
    .map(f => path.join(d, f)),
);
const modelPy = fs.readFileSync(path.join(root, 'test/integration/workspace/model.py'), 'utf8');

/** model.py's class repeated under new names until the text has `lines` lines (as the integration test does). */
function longModelFile(lines: number): string {
  const model = modelPy.split('if __name__')[0];
  const body = model.slice(model.indexOf('class SmallConvNet'));
  const parts = [model];
  for (let i = 1; parts.join('').split('\n').length < lines; i++)
    parts.push(body.replace('SmallConvNet', `SmallConvNet${i}`));
  return `${parts.join('')}\nprint(SmallConvNet()(torch.randn(1, 3, 32, 32)).shape)\n`;
}

/** Only plain objects, arrays and primitives: what structured clone and JSON both carry intact. */
function nonPlain(value: unknown, at = 'analysis'): string[] {
  if (value === null || ['number', 'string', 'boolean', 'undefined'].includes(typeof value)) return [];
  if (typeof value !== 'object') return [`${at}: ${typeof value}`];
  const proto = Object.getPrototypeOf(value);
  if (Array.isArray(value))
    return proto === Array.prototype ? value.flatMap((v, i) => nonPlain(v, `${at}[${i}]`)) : [`${at}: array subclass`];
  if (proto !== Object.prototype && proto !== null) return [`${at}: ${proto?.constructor?.name ?? 'class instance'}`];
  return Object.entries(value).flatMap(([k, v]) => nonPlain(v, `${at}.${k}`));
}

/** The same value without properties whose value is undefined (JSON leaves them out; no reader can tell). */
function definedOnly<T>(value: T): T {
  if (Array.isArray(value)) return value.map(definedOnly) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, definedOnly(v)]),
  ) as T;
}

/** What the worker should answer for `text`: the in-process Analysis. */
const inProcess = (text: string, cells?: readonly number[]) =>
  definedOnly(new DocumentAnalyzer().update(text, cells ? { cells } : {}));

describe('analysis worker', function () {
  this.timeout(60000);

  describe('the Analysis travels intact', () => {
    it(`is plain data that structured clone copies exactly (${fixtures.length} fixture files)`, () => {
      assert.ok(fixtures.length > 20, `${fixtures.length} fixtures`);
      for (const file of fixtures) {
        const analysis = new DocumentAnalyzer().update(fs.readFileSync(file, 'utf8'));
        assert.deepEqual(nonPlain(analysis), [], path.basename(file));
        assert.deepStrictEqual(structuredClone(analysis), analysis, path.basename(file));
      }
    });

    it('survives JSON pieces packed into one buffer, every piece small', async () => {
      for (const file of fixtures) {
        const analysis = new DocumentAnalyzer().update(fs.readFileSync(file, 'utf8'));
        const pieces = encodeAnalysis(analysis, 2000);
        for (const p of pieces) {
          const items = (JSON.parse(p.slice(1)) as { i?: unknown[] }).i;
          assert.ok(
            p.length <= 2100 || items?.length === 1,
            `${path.basename(file)}: a piece of ${p.length} chars holds ${items?.length} items`,
          );
        }
        assert.deepStrictEqual(
          await decodeAnalysis(unpackPieces(packPieces(pieces))),
          definedOnly(analysis),
          path.basename(file),
        );
      }
    });

    it('keeps numbers JSON cannot write (Infinity, NaN) and non-ASCII text', async () => {
      const analysis: Analysis = {
        models: [],
        layers: [
          {
            name: 'act',
            kind: 'Hardtanh',
            framework: 'pytorch',
            inputs: [[1, 4]],
            output: [1, 4],
            spec: { framework: 'pytorch', kind: 'Hardtanh', args: { min_val: -Infinity, max_val: Infinity, x: NaN } },
          },
        ],
        hints: [],
        diagnostics: [
          {
            range: { start: 0, end: 1 },
            severity: 'error',
            code: 'channel-mismatch',
            message: 'größe ≠ 4 → ⌊H/2⌋',
            fixes: [],
          },
        ],
        cells: [0, 10],
      };
      assert.deepStrictEqual(await decodeAnalysis(unpackPieces(packPieces(encodeAnalysis(analysis)))), analysis);
    });

    it('drops a result that went stale while it was being rebuilt', async () => {
      const analysis = new DocumentAnalyzer().update(longModelFile(1500));
      const pieces = encodeAnalysis(analysis, 500);
      assert.ok(pieces.length > 20);
      let asked = 0;
      const decoded = await decodeAnalysis(pieces, { sliceMs: 0, stale: () => ++asked > 2 });
      assert.equal(decoded, undefined);
      assert.equal(asked, 3);
    });
  });

  describe('through a worker_threads worker', () => {
    let client: AnalysisClient;
    const log: string[] = [];
    beforeEach(() => {
      log.length = 0;
      client = new AnalysisClient(nodeAnalysisHost(), line => log.push(line));
    });
    afterEach(() => client.dispose());

    it('gives the same Analysis as analysing in-process, for a file and for a notebook', async () => {
      const result = await client.analyse({ key: 'file', texts: [modelPy], notebook: false });
      assert.ok(result);
      assert.equal(result.where, 'worker');
      assert.deepEqual(result.bases, [0]);
      assert.deepStrictEqual(result.analysis, inProcess(modelPy));
      assert.ok(result.analysis.hints.length > 5);

      const cells = [
        'import torch\nimport torch.nn as nn\n',
        '%matplotlib inline\nconv = nn.Conv2d(3, 8, 3)\n',
        'y = conv(torch.randn(1, 3, 32, 32))\n',
      ];
      const joined = joinCells(cells);
      const notebook = await client.analyse({ key: 'nb', texts: cells, notebook: true });
      assert.ok(notebook);
      assert.deepEqual(notebook.bases, joined.cells);
      assert.deepStrictEqual(notebook.analysis, inProcess(joined.text, joined.cells));
      assert.ok(
        notebook.analysis.layers.some(l => l.call && l.call.start > joined.cells[2] && l.output?.length === 4),
        'the conv is called in the last cell',
      );
      assert.deepEqual(log, ['analysis worker started (Node worker thread)']);
    });

    it("keeps one incremental analyzer per document: an edit gives the edited text's Analysis", async () => {
      await client.analyse({ key: 'a', texts: [modelPy], notebook: false });
      const edited = modelPy.replace('num_classes: int = 10', 'num_classes: int = 7');
      assert.notEqual(edited, modelPy);
      const result = await client.analyse({ key: 'a', texts: [edited], notebook: false });
      assert.deepStrictEqual(result?.analysis, inProcess(edited));
    });

    it('supersedes: of versions asked for while one runs, only the newest is analysed', async () => {
      const versions = [1, 2, 3, 4].map(n => modelPy.replace('num_classes: int = 10', `num_classes: int = ${n}`));
      const results = await Promise.all(
        versions.map(text => client.analyse({ key: 'doc', texts: [text], notebook: false })),
      );
      // The first was running already; the second and third were replaced before their turn; the
      // first's result is dropped unread because a newer version was waiting.
      assert.deepEqual(
        results.map(r => r === undefined),
        [true, true, true, false],
      );
      assert.deepStrictEqual(results[3]?.analysis, inProcess(versions[3]));
    });

    it("forget drops the document's waiting request", async () => {
      const running = client.analyse({ key: 'gone', texts: [modelPy], notebook: false });
      const waiting = client.analyse({ key: 'gone', texts: [modelPy + '\n'], notebook: false });
      client.forget('gone');
      assert.equal(await waiting, undefined);
      assert.equal(await running, undefined);
    });

    it('keeps the event loop turning while a 10,000-line document is analysed and received', async () => {
      // Counted, not timed (timings on a shared machine are for `npm run bench`): the host must get
      // many turns of its event loop while the worker analyses and while the result is rebuilt
      // slice by slice. A synchronous analysis or receive would give it none in between.
      const text = longModelFile(10000);
      let turns = 0;
      let last = performance.now();
      let longest = 0;
      const timer = setInterval(() => {
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
        turns++;
      }, 1);
      let receiveTurns = 0;
      try {
        const started = turns;
        const result = await client.analyse({ key: 'big', texts: [text], notebook: false });
        assert.ok(result && result.analysis.hints.length > 5000, 'the Analysis arrived');
        receiveTurns = turns - started;
        console.log(
          `      10,000 lines: analysed in ${result.ms.toFixed(0)} ms in the worker, received in ${result.receiveMs.toFixed(0)} ms; ${receiveTurns} event-loop turns, longest gap ${longest.toFixed(1)} ms`,
        );
      } finally {
        clearInterval(timer);
      }
      assert.ok(
        receiveTurns >= 10,
        `only ${receiveTurns} event-loop turns while 10,000 lines were analysed and received`,
      );
    });

    it('rebuilds a received Analysis in slices, giving the event loop a turn between them', async () => {
      const pieces = encodeAnalysis(new DocumentAnalyzer().update(longModelFile(3000)));
      assert.ok(pieces.length > 50, `${pieces.length} pieces`);
      // Each turn of the event loop runs one link of this chain.
      let turns = 0;
      let running = true;
      const tick = () => {
        if (running) {
          turns++;
          setImmediate(tick);
        }
      };
      setImmediate(tick);
      try {
        // A zero-length slice: the decoder must yield before every piece after the first.
        assert.ok(await decodeAnalysis(pieces, { sliceMs: 0 }));
      } finally {
        running = false;
      }
      assert.ok(turns >= pieces.length / 2, `${turns} event-loop turns for ${pieces.length} pieces`);
    });
  });

  describe('when the worker cannot run', () => {
    /** A host whose workers fail as `fail` says; counts the starts. */
    function failingHost(
      fail: (channel: { failed: (reason: string) => void }) => void,
    ): AnalysisHost & { starts: number } {
      const host = {
        kind: 'test worker',
        starts: 0,
        spawn(): WorkerChannel {
          host.starts++;
          let failed: (reason: string) => void = () => {};
          return {
            post: () => setTimeout(() => failed('crashed on its first message'), 1),
            listen: (_onMessage, onFailure) => {
              failed = onFailure;
              fail({ failed: onFailure });
            },
            terminate: () => {},
          };
        },
        inProcess: createAnalysisService,
      };
      return host;
    }

    it('restarts a crashed worker once, then analyses in-process, with the same results', async () => {
      const host = failingHost(() => {});
      const log: string[] = [];
      const client = new AnalysisClient(host, line => log.push(line));
      const result = await client.analyse({ key: 'k', texts: [modelPy], notebook: false });
      assert.equal(host.starts, 2);
      assert.equal(result?.where, 'in-process');
      assert.equal(client.mode, 'in-process');
      assert.deepStrictEqual(result?.analysis, new DocumentAnalyzer().update(modelPy));
      assert.equal(log.filter(l => l.startsWith('analysis worker failed')).length, 2);
      assert.match(log[log.length - 1], /analysing in the extension host from now on/);
      // Later requests go straight to the in-process analysis, without new workers.
      const again = await client.analyse({ key: 'k', texts: [modelPy + '\n'], notebook: false });
      assert.equal(again?.where, 'in-process');
      assert.equal(host.starts, 2);
      client.dispose();
    });

    it('falls back when the host cannot start a worker at all', async () => {
      const log: string[] = [];
      const host: AnalysisHost = {
        kind: 'none',
        spawn: () => {
          throw new Error('no Worker here');
        },
        inProcess: createAnalysisService,
      };
      const client = new AnalysisClient(host, line => log.push(line));
      const result = await client.analyse({ key: 'k', texts: [modelPy], notebook: false });
      assert.equal(result?.where, 'in-process');
      assert.deepStrictEqual(result?.analysis, new DocumentAnalyzer().update(modelPy));
      assert.equal(log.filter(l => /could not start .*no Worker here/.test(l)).length, 2);
      client.dispose();
    });

    it('a real worker script that dies is restarted once, then the analysis runs in-process', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convshape-worker-'));
      const script = path.join(dir, 'dies.js');
      fs.writeFileSync(script, 'process.exit(3);\n');
      const log: string[] = [];
      const client = new AnalysisClient(nodeAnalysisHost(script), line => log.push(line));
      try {
        const result = await client.analyse({ key: 'k', texts: [modelPy], notebook: false });
        assert.equal(result?.where, 'in-process');
        assert.deepStrictEqual(result?.analysis, new DocumentAnalyzer().update(modelPy));
        assert.equal(
          log.filter(l => /failed \(Node worker thread\): exited with code 3/.test(l)).length,
          2,
          log.join('\n'),
        );
      } finally {
        client.dispose();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('the Node worker file is the compiled worker entry beside worker-node', () => {
      assert.ok(fs.existsSync(NODE_WORKER_FILE), NODE_WORKER_FILE);
    });
  });
});
