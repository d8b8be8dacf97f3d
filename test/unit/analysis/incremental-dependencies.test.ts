// The incremental cache's dependencies: an edit to anything a model run read (a helper function,
// a constant, a class attribute, a base class, a name that shadows a builtin) runs it again; an
// edit to anything else reuses it. Reuse is observed through DocumentAnalyzer.runStats.
import { strict as assert } from 'assert';
import { DocumentAnalyzer, analyzeText } from '../../../src/analysis';
import { HEADER, hintLines } from './helpers';

const SOURCE = `${HEADER}WIDTH = 8
OTHER = 1
KERNEL = (3, 3)


def make_conv(c_in, c_out, k=KERNEL):
    return nn.Conv2d(c_in, c_out, k)


class Base:
    SCALE = 2

    def head(self, c):
        return nn.Conv2d(c, c * self.SCALE, 1)


class Net(Base, nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = make_conv(3, WIDTH)
        self.out = self.head(WIDTH)

    def forward(self, x):  # x: [1, 3, 32, 32]
        x = self.stem(x)
        return self.out(x)


class Other(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 4 + OTHER)

    def forward(self, x):  # x: [2, 10]
        return self.fc(x)


def unused(x):
    return x
`;

/** The text of `source` edited by `edit`, through an analyzer that has seen `source` (edited once). */
function afterEdit(edit: (s: string) => string, source = SOURCE): { doc: DocumentAnalyzer; text: string } {
  const doc = new DocumentAnalyzer();
  doc.update(source);
  doc.update(source + '\n'); // from the first edit on, the runs are kept
  doc.update(source);
  const text = edit(source);
  const a = doc.update(text);
  assert.deepEqual(
    JSON.parse(JSON.stringify(a)),
    JSON.parse(JSON.stringify(analyzeText(text))),
    'incremental equals fresh',
  );
  return { doc, text };
}

const netHints = (text: string) => {
  const a = analyzeText(text);
  const net = a.models.find(m => m.name === 'Net')!;
  return JSON.stringify([
    net.output,
    hintLines(text, a).filter(l => Number(l.split(':')[0]) < text.split('\n').indexOf('class Other(nn.Module):')),
  ]);
};

describe('analysis: incremental dependencies', function () {
  this.timeout(20_000);

  it('reuses both runs when nothing changed but whitespace at the end', () => {
    const { doc } = afterEdit(s => s + '\n\n');
    assert.deepEqual(doc.runStats, { reused: 2, ran: 0 });
  });

  for (const [what, edit] of [
    [
      'a helper function its __init__ calls',
      (s: string) => s.replace('return nn.Conv2d(c_in, c_out, k)', 'return nn.Conv2d(c_in, c_out, k, padding=1)'),
    ],
    ['a module constant it reads', (s: string) => s.replace('WIDTH = 8', 'WIDTH = 6')],
    ["a constant a helper's default argument reads", (s: string) => s.replace('KERNEL = (3, 3)', 'KERNEL = (5, 5)')],
    ['a class attribute of its base class', (s: string) => s.replace('SCALE = 2', 'SCALE = 3')],
    [
      'a method of its base class',
      (s: string) => s.replace('nn.Conv2d(c, c * self.SCALE, 1)', 'nn.Conv2d(c, c * self.SCALE, 3)'),
    ],
  ] as const) {
    it(`runs a model again when ${what} changes (and only that model)`, () => {
      const { doc, text } = afterEdit(edit);
      assert.notEqual(netHints(text), netHints(SOURCE), 'the edit changes what Net shows');
      assert.deepEqual(doc.runStats, { reused: 1, ran: 1 }, 'Other is reused, Net runs again');
    });
  }

  for (const [what, edit] of [
    ['a constant it does not read', (s: string) => s.replace('OTHER = 1', 'OTHER = 2')],
    ['a function it does not call', (s: string) => s.replace('return x\n', 'return x + 1\n')],
    ['a comment line above it', (s: string) => s.replace('WIDTH = 8\n', 'WIDTH = 8\n# widths\n')],
  ] as const) {
    it(`reuses a model's run when ${what} changes`, () => {
      const { doc } = afterEdit(edit);
      assert.equal(doc.runStats.reused >= 1, true, `Net is reused (${JSON.stringify(doc.runStats)})`);
    });
  }

  it('runs a model again when a module-level name shadows a builtin it calls', () => {
    const source = SOURCE.replace('self.out = self.head(WIDTH)', 'self.out = self.head(max(WIDTH, 4))');
    const { doc, text } = afterEdit(s => s.replace('OTHER = 1\n', 'OTHER = 1\nmax = min\n'), source);
    assert.notEqual(netHints(text), netHints(source));
    assert.equal(doc.runStats.ran >= 1, true);
  });

  it('runs a model again when a constructor argument given at module level changes', () => {
    const source =
      SOURCE.replace(
        '    def __init__(self):\n        super().__init__()\n        self.stem',
        '    def __init__(self, width=WIDTH):\n        super().__init__()\n        self.stem',
      ).replace('make_conv(3, WIDTH)', 'make_conv(3, width)') + '\nnet = Net(4)\n';
    const { doc, text } = afterEdit(s => s.replace('Net(4)', 'Net(5)'), source);
    assert.notEqual(netHints(text), netHints(source));
    assert.deepEqual(doc.runStats, { reused: 1, ran: 1 });
  });

  it('runs a model again when a config dict it reads changes (mutable values are never cached)', () => {
    const source = SOURCE.replace('OTHER = 1\n', "OTHER = 1\nCFG = {'w': 8}\n").replace(
      'make_conv(3, WIDTH)',
      "make_conv(3, CFG['w'])",
    );
    const { doc, text } = afterEdit(s => s.replace("CFG = {'w': 8}", "CFG = {'w': 12}"), source);
    assert.notEqual(netHints(text), netHints(source));
    assert.deepEqual(doc.runStats, { reused: 1, ran: 1 });
  });

  it('keeps a run that reads a class attribute another run sets in step with a fresh analysis', () => {
    const source = `${HEADER}class Config:
    depth = 2


class Reader(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, Config.depth)

    def forward(self, x):  # x: [2, 8]
        return self.fc(x)


class Writer(nn.Module):
    def __init__(self):
        super().__init__()
        Config.depth = 3
        self.fc = nn.Linear(8, 8)

    def forward(self, x):  # x: [2, 8]
        return self.fc(x)
`;
    const { text } = afterEdit(s => s.replace('Config.depth = 3', 'Config.depth = 5'), source);
    assert.match(JSON.stringify(analyzeText(text).models.find(m => m.name === 'Reader')!.output), /5/);
  });
});
