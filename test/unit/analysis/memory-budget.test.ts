// Memory is bounded, not only time: each input runs in a child process with a 256 MB heap and a
// time limit, so an analysis that grows without bound fails this test instead of the editor's
// extension host. The first case is a fuzz crash (a mutated examples/unet_small.py whose mixed tabs
// and spaces nest the class UNetSmall inside DoubleConv.__init__, which UNetSmall instantiates).
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../../src/analysis';
import { MAX_ITEMS_PER_VALUE } from '../../../src/analysis/budget';
import { dimJson } from '../../../src/engine';
import { HEADER, analyze } from './helpers';

const analysisModule = path.resolve(__dirname, '../../../src/analysis/index.js');
const dataDir = path.resolve(__dirname, '../../../../test/unit/analysis/robustness');

interface ChildResult {
  readonly ok: boolean;
  readonly detail: string;
  readonly summary?: { models: string[]; layers: number; heapMB: number };
}

/** Analyses `text` in a child process with a 256 MB heap and a 30 s limit. */
function analyzeInChild(text: string): ChildResult {
  const script = `
    const { analyzeText } = require(${JSON.stringify(analysisModule)});
    const text = require('fs').readFileSync(0, 'utf8');
    const a = analyzeText(text);
    process.stdout.write(JSON.stringify({ models: a.models.map(m => m.name), layers: a.layers.length, heapMB: process.memoryUsage().heapUsed / 1e6 }));`;
  const r = spawnSync(process.execPath, ['--max-old-space-size=256', '-e', script], {
    input: text,
    encoding: 'utf8',
    timeout: 30_000,
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0)
    return {
      ok: false,
      detail: r.error
        ? String(r.error)
        : `exit ${r.status} ${r.signal ?? ''} ${/heap out of memory/.test(r.stderr) ? '(heap out of memory)' : r.stderr.slice(0, 300)}`,
    };
  return { ok: true, detail: '', summary: JSON.parse(r.stdout) };
}

describe('analysis: memory budgets', function () {
  this.timeout(120_000);

  it('fuzz crash 78246: a class nested in the __init__ it instantiates is run as a model once, in bounded memory', () => {
    const text = fs.readFileSync(path.join(dataDir, 'fuzz-crash-78246.py'), 'utf8');
    const r = analyzeInChild(text);
    assert.ok(r.ok, r.detail);
    assert.deepEqual(
      r.summary!.models.filter(m => m === 'UNetSmall'),
      ['UNetSmall'],
    );
  });

  it('a class statement executed many times is one class of the document', () => {
    const r = analyzeInChild(`${HEADER}
class Outer(nn.Module):
    def __init__(self):
        super().__init__()
        class Inner(nn.Module):
            def __init__(self):
                super().__init__()
                self.outer = Outer()
                self.fc = nn.Linear(4, 2)

            def forward(self, x):
                return self.fc(x)
        self.inner = Inner()
        self.conv = nn.Conv2d(3, 8, 3)

    def forward(self, x):  # x: [1, 3, 8, 8]
        return self.conv(x)
`);
    assert.ok(r.ok, r.detail);
    assert.deepEqual(r.summary!.models, ['Outer']);
  });

  const growing: Record<string, string> = {
    'list repetition of a repetition': 'xs = [0] * 10000\nys = xs * 10000\nzs = ys * 10000\n',
    'list repetition by 10**9': 'xs = [None] * 10**9\nn = len(xs)\n',
    'string repetition': "s = 'ab' * 10**9\n",
    'doubling by +': 'xs = [0]\nfor i in range(60):\n    xs = xs + xs\n',
    'doubling by +=': 'xs = [0]\nfor i in range(60):\n    xs += xs\n',
    'doubling by extend': 'xs = [0]\nfor i in range(60):\n    xs.extend(xs)\n',
    'doubling a string': "s = 'a' * 1000\nfor i in range(60):\n    s = s + s\n",
    'doubling by star-unpacking': 'xs = [0]\nfor i in range(60):\n    xs = [*xs, *xs]\n',
    'many large lists kept': 'xs = [0] * 5000 * 10\nout = []\nfor i in range(512):\n    out.append(xs + xs)\n',
    'range(10**12) loop': 'total = 0\nfor i in range(10**12):\n    total = total + i\n',
    'while True appending copies':
      'xs = [1] * 60000\nkeep = []\nwhile True:\n    keep.append(xs[:])\n    keep.append(list(xs))\n',
  };
  for (const [name, body] of Object.entries(growing)) {
    it(`${name}: bounded memory, and the model after it keeps its shapes`, () => {
      const tail = `
class After(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3)

    def forward(self, x):  # x: [1, 1, 28, 28]
        return self.conv(x)
`;
      const r = analyzeInChild(HEADER + body + tail);
      assert.ok(r.ok, r.detail);
      assert.ok(r.summary!.heapMB < 200, `heap ${r.summary!.heapMB} MB`);
      assert.ok(r.summary!.models.includes('After'), `models: ${r.summary!.models}`);
    });
  }

  it('a sequence over the per-value budget is unknown, never a wrong length', () => {
    const { a } = analyze(`
n = len([0] * ${MAX_ITEMS_PER_VALUE + 1})
m = len([0] * 1000)

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(8, m)

    def forward(self, x):  # x: [2, 8]
        return self.a(x)
`);
    const model = a.models.find(x => x.name === 'Net');
    assert.deepEqual(model?.output?.map(dimJson), [2, 1000]);
  });

  it('layer calls recorded per run are bounded; shapes still flow past the budget', () => {
    const text = `${HEADER}
class Deep(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)

    def forward(self, x):  # x: [2, 4]
        for i in range(500):
            for j in range(60):
                x = self.fc(x)
        return x
`;
    // A step budget that follows all 30,000 calls one by one (the default's half would not: the
    // loop's rest would run as a loop of unknown count, unknown-loop.ts).
    const a = analyzeText(text, { limits: { maxSteps: 2_000_000 } });
    const model = a.models.find(x => x.name === 'Deep');
    assert.ok(model);
    assert.ok(a.layers.length <= 20_000, `${a.layers.length} layer calls recorded`);
    assert.ok(a.layers.length >= 1000);
    assert.deepEqual(model.output?.map(dimJson), [2, 4]);
  });
});
