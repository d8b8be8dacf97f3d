// Pathological inputs are handled within budget, and the rest of the file keeps its shapes: each
// input is sandwiched between two small, normal models whose layer shapes must still be in the
// Analysis. The expected shapes are real PyTorch's (torch 1.13 forward hooks on SMALL_HEAD and
// SMALL_TAIL printed exactly these), not the analysis' own output.
import { strict as assert } from 'assert';
import type { Analysis, LayerCall } from '../../../src/analysis/types';
import { dimJson } from '../../../src/engine/dim';
import { analysisApi, analysisProblems, escaped, generateModelFile } from './tools';

const IMPORTS = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n';
const SMALL_HEAD = `${IMPORTS}
class SmallHead(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.fc = nn.Linear(6 * 14 * 14, 10)

    def forward(self, x):  # x: [1, 3, 32, 32]
        x = self.pool(F.relu(self.conv1(x)))
        x = torch.flatten(x, 1)
        return self.fc(x)

`;
const SMALL_TAIL = `

class SmallTail(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(4 * 13 * 13, 7)

    def forward(self, x):  # x: [1, 1, 28, 28]
        x = self.pool(F.relu(self.conv(x)))
        return self.fc(x.flatten(1))
`;
const TORCH_SHAPES: Record<string, Record<string, number[]>> = {
  SmallHead: { conv1: [1, 6, 28, 28], pool: [1, 6, 14, 14], fc: [1, 10] },
  SmallTail: { conv: [1, 4, 26, 26], pool: [1, 4, 13, 13], fc: [1, 7] },
};

/** Wall-clock budget for one pathological document (the shared CI machine is slow). */
const BUDGET_MS = 20_000;

function assertNormalModelsIntact(analysis: Analysis): void {
  for (const [model, layers] of Object.entries(TORCH_SHAPES)) {
    const info = analysis.models.find(m => m.name === model);
    assert.ok(
      info,
      `model ${model} missing; models: ${analysis.models
        .map(m => m.name)
        .slice(0, 10)
        .join(', ')}`,
    );
    for (const [name, shape] of Object.entries(layers)) {
      const layer: LayerCall | undefined = info.layers.map(i => analysis.layers[i]).find(l => l.name === name);
      assert.ok(layer, `${model}.${name} missing`);
      assert.deepEqual(layer.output?.map(dimJson), shape, `${model}.${name}`);
    }
  }
}

/** Analyses head + body + tail within budget, with no exception, and checks the result. */
function sandwich(body: string): { analysis: Analysis; ms: number } {
  const text = SMALL_HEAD + body + SMALL_TAIL;
  let analysis: Analysis | undefined;
  const t0 = Date.now();
  const error = escaped(() => (analysis = analysisApi().analyzeText(text)));
  const ms = Date.now() - t0;
  assert.equal(error, undefined);
  assert.ok(ms < BUDGET_MS, `took ${ms} ms`);
  assert.deepEqual(analysisProblems(analysis, text.length).slice(0, 5), []);
  assertNormalModelsIntact(analysis!);
  return { analysis: analysis!, ms };
}

const model = (name: string, init: string, forward: string, input = '[1, 3, 32, 32]') => `
class ${name}(nn.Module):
    def __init__(self):
        super().__init__()
${init
  .split('\n')
  .map(l => `        ${l}`)
  .join('\n')}

    def forward(self, x):  # x: ${input}
${forward
  .split('\n')
  .map(l => `        ${l}`)
  .join('\n')}
`;

describe('pathological inputs', function () {
  this.timeout(120_000);
  const timings: string[] = [];
  after(() => console.log(`      pathological timings: ${timings.join(', ')}`));

  it("the normal models alone have PyTorch's shapes (the baseline every case below keeps)", () => {
    sandwich('');
  });

  it('10,000 nested parentheses (balanced)', () => {
    timings.push(`parens ${sandwich(`y = ${'('.repeat(10_000)}1${')'.repeat(10_000)}\n`).ms} ms`);
  });

  it('10,000 nested parentheses inside a forward', () => {
    sandwich(
      model(
        'Deep',
        'self.fc = nn.Linear(4, 4)',
        `x = ${'('.repeat(10_000)}self.fc(x)${')'.repeat(10_000)}\nreturn x`,
        '[2, 4]',
      ),
    );
  });

  const terms = Math.ceil(2 ** 20 / 4);
  it('a single 1 MB line: a long sum', () => {
    timings.push(`1 MB sum ${sandwich(`total = ${Array(terms).fill('1').join(' + ')}\n`).ms} ms`);
  });

  it('a single 1 MB line: a long list', () => {
    timings.push(`1 MB list ${sandwich(`data = [${Array(terms).fill('0').join(', ')}]\n`).ms} ms`);
  });

  it('a single 1 MB line: a long string', () => {
    timings.push(`1 MB string ${sandwich(`s = "${'a'.repeat(2 ** 20)}"\n`).ms} ms`);
  });

  it('100,000 layers in one nn.Sequential (one per line)', () => {
    const layers = Array(100_000).fill('nn.ReLU(),').join('\n    ');
    const body = `\nclass Huge(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.body = nn.Sequential(\n    ${layers}\n        )\n\n    def forward(self, x):  # x: [1, 8]\n        return self.body(x)\n`;
    timings.push(`100k Sequential ${sandwich(body).ms} ms`);
  });

  it('100,000 layers in one nn.Sequential (one line, at module level)', () => {
    const inline = `\nbig = nn.Sequential(${Array(100_000).fill('nn.Linear(8, 8)').join(', ')})\ny = big(torch.randn(1, 8))\n`;
    timings.push(`100k inline ${sandwich(inline).ms} ms`);
  });

  it('kernel_size=10**100 and other huge numbers', () => {
    sandwich(
      model(
        'HugeKernel',
        'self.conv = nn.Conv2d(3, 8, kernel_size=10**100)\nself.pool = nn.MaxPool2d(10**400)',
        'x = self.conv(x)\nreturn self.pool(x)',
      ),
    );
    sandwich(
      model(
        'HugeChannels',
        'self.conv = nn.Conv2d(3, 10**100, 3)\nself.fc = nn.Linear(10**30, 2**64)',
        'x = self.conv(x)\nreturn self.fc(x.flatten(1))',
      ),
    );
    sandwich(`x = torch.randn(10**100, 3, 2**1000, 4)\ny = x.view(-1, 10**100)\nz = nn.Conv2d(3, 4, 3)(x)\n`);
  });

  it('negative and float sizes', () => {
    sandwich(
      model(
        'Negative',
        'self.conv = nn.Conv2d(3, -8, -3, stride=-1, padding=-2)\nself.pool = nn.MaxPool2d(-2)\nself.fc = nn.Linear(-5, 0)',
        'x = self.pool(self.conv(x))\nreturn self.fc(x.view(-3, -1))',
      ),
    );
    sandwich(
      model(
        'Floats',
        'self.conv = nn.Conv2d(3.5, 8.0, 2.5, stride=0.5)\nself.fc = nn.Linear(1e3, float("inf"))\nself.drop = nn.Dropout(float("nan"))',
        'x = self.conv(x)\nx = x.view(x.size(0) / 2, 1.5)\nreturn self.fc(self.drop(x))',
      ),
    );
    sandwich(`x = torch.randn(-1, 3, 0, 2.5)\ny = torch.zeros(1.5, 2)\nz = x.reshape(0, -1)\n`);
  });

  it('classes that instantiate each other recursively', () => {
    sandwich(`
class PingNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.other = PongNet()
        self.fc = nn.Linear(4, 4)

    def forward(self, x):  # x: [1, 4]
        return self.other(self.fc(x))


class PongNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.other = PingNet()

    def forward(self, x):
        return self.other(x)


class SelfMade(nn.Module):
    def __init__(self, depth=0):
        super().__init__()
        self.child = SelfMade(depth + 1)

    def forward(self, x):  # x: [1, 4]
        return self.child(x)


def build(n):
    return build(n + 1)

net = build(0)
`);
  });

  it('a module whose attribute refers to itself', () => {
    sandwich(`
class Ouroboros(nn.Module):
    def __init__(self):
        super().__init__()
        self.me = self
        self.seq = nn.Sequential(self, nn.ReLU())
        self.items = nn.ModuleList([self, self])
        self.fc = nn.Linear(4, 4)

    def forward(self, x):  # x: [1, 4]
        x = self.fc(x)
        x = self.me(x)
        for m in self.items:
            x = m(x)
        return self.seq(x)
`);
  });

  it("a 5 MB notebook (model code and data cells) keeps the first and last cells' shapes", () => {
    const cells = [SMALL_HEAD];
    let size = SMALL_HEAD.length;
    for (let k = 0; size < 5 * 2 ** 20; k++) {
      const cell =
        k % 5 === 0
          ? generateModelFile({ lines: 200, seed: 300 + k }).text
          : `data_${k} = [${Array(25_000).fill('0.5').join(', ')}]\nprint(len(data_${k}))\n`;
      cells.push(cell);
      size += cell.length;
    }
    cells.push(IMPORTS + SMALL_TAIL);
    let analysis: Analysis | undefined;
    const t0 = Date.now();
    assert.equal(
      escaped(() => (analysis = analysisApi().analyzeNotebook(cells))),
      undefined,
    );
    const ms = Date.now() - t0;
    timings.push(`5 MB notebook (${cells.length} cells) ${ms} ms`);
    assert.ok(ms < BUDGET_MS, `took ${ms} ms`);
    assert.deepEqual(analysisProblems(analysis, cells.join('\n').length).slice(0, 5), []);
    assert.equal(analysis!.cells?.length, cells.length);
    assertNormalModelsIntact(analysis!);
  });
});
