import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DocumentAnalyzer, analyzeText } from '../../../src/analysis';
import { generateModelFile } from '../fuzz/tools';
import { HEADER, show } from './helpers';

const BLOCKS = `class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv = nn.Conv2d(c, c, 3, padding=1)

    def forward(self, x):
        return self.conv(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, WIDTH, 3)
        self.block = Block(WIDTH)

    def forward(self, x):  # x: [1, 3, 32, 32]
        return self.block(self.stem(x))


class Other(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 4)

    def forward(self, x):  # x: [2, 10]
        return self.fc(x)
`;

const V1 = `${HEADER}WIDTH = 8\n\n\n${BLOCKS}`;

/** Each version through one DocumentAnalyzer must give exactly the fresh Analysis. */
function assertSameAsFresh(versions: readonly string[]): DocumentAnalyzer {
  const doc = new DocumentAnalyzer();
  for (const [i, text] of versions.entries()) {
    assert.deepEqual(
      JSON.parse(JSON.stringify(doc.update(text))),
      JSON.parse(JSON.stringify(analyzeText(text))),
      `version ${i}`,
    );
  }
  return doc;
}

describe('analysis: incremental re-analysis', function () {
  this.timeout(20_000);
  it('reuses the runs of classes an edit did not touch (same objects) and re-runs the edited one', () => {
    const doc = new DocumentAnalyzer();
    doc.update(V1); // opened: nothing kept but the Analysis and the tree
    const v2 = V1 + '\n';
    const a1 = doc.update(v2); // edited: from here on the runs are kept
    const v3 = v2.replace('nn.Linear(10, 4)', 'nn.Linear(10, 5)');
    const a3 = doc.update(v3);
    const fc = a3.layers.find(l => l.name === 'fc')!;
    assert.equal(show(fc.output), '[2, 5]');
    const conv1 = a1.layers.find(l => l.name === 'block.conv')!;
    assert.equal(
      a3.layers.find(l => l.name === 'block.conv'),
      conv1,
      'Net was not run again: its layer objects are reused',
    );
    assert.deepEqual(JSON.parse(JSON.stringify(a3)), JSON.parse(JSON.stringify(analyzeText(v3))));
  });

  it('moves every offset of a reused run when text is inserted above it', () => {
    const v2 = V1.replace('WIDTH = 8\n', 'WIDTH = 8\n# a comment\n\n');
    const v3 = v2.replace('class Other', '# another\nclass Other');
    const doc = assertSameAsFresh([V1, v2, v3]);
    const a = doc.update(v3);
    const fc = a.layers.find(l => l.name === 'fc')!;
    assert.equal(v3.slice(fc.definition!.start, fc.definition!.end), 'nn.Linear(10, 4)');
  });

  it('re-runs a model when a module constant, a building block or a sample it depends on changes', () => {
    const sample = `${V1}\nmodel = Net()\nmodel(torch.randn(4, 3, 20, 20))\n`;
    const versions = [
      V1,
      V1.replace('WIDTH = 8', 'WIDTH = 16'),
      V1.replace('WIDTH = 8', 'WIDTH = 16').replace('nn.Conv2d(c, c, 3, padding=1)', 'nn.Conv2d(c, c, 3, padding=0)'),
      sample,
      sample.replace('randn(4, 3, 20, 20)', 'randn(4, 3, 24, 24)'),
    ];
    const doc = assertSameAsFresh(versions);
    assert.equal(show(doc.update(versions[2]).models.find(m => m.name === 'Net')!.output), '[1, 16, 28, 28]');
  });

  it('follows classes reached through module-level values and constructor arguments', () => {
    const text = `${HEADER}class A(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)

    def forward(self, x):
        return self.conv(x)


CHOICES = {'a': A}


class Net(nn.Module):
    def __init__(self, kind='a'):
        super().__init__()
        self.body = CHOICES[kind]()

    def forward(self, x):  # x: [1, 3, 16, 16]
        return self.body(x)


class Wrap(nn.Module):
    def __init__(self, inner):
        super().__init__()
        self.inner = inner()

    def forward(self, x):  # x: [1, 3, 10, 10]
        return self.inner(x)


w = Wrap(A)
`;
    assertSameAsFresh([
      text,
      text.replace('nn.Conv2d(3, 4, 3)', 'nn.Conv2d(3, 6, 5)'),
      text.replace('nn.Conv2d(3, 4, 3)', 'nn.Conv2d(3, 7, 1)'),
    ]);
    const doc = new DocumentAnalyzer();
    doc.update(text);
    const a = doc.update(text.replace('nn.Conv2d(3, 4, 3)', 'nn.Conv2d(3, 6, 5)'));
    assert.equal(show(a.models.find(m => m.name === 'Net')!.output), '[1, 6, 12, 12]');
    assert.equal(show(a.models.find(m => m.name === 'Wrap')!.output), '[1, 6, 6, 6]');
  });

  it('keeps runs that share mutable module-level state in step with a fresh analysis', () => {
    const text = `${HEADER}SHARED = nn.Linear(8, 8)
SEEN = []


class Reader(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, len(SEEN) + 1)

    def forward(self, x):  # x: [2, 8]
        return self.fc(x)


class Writer(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = SHARED
        SEEN.append(1)

    def forward(self, x):  # x: [2, 8]
        return self.fc(x)
`;
    const doc = assertSameAsFresh([
      text,
      text.replace('SEEN.append(1)', 'SEEN.append(1)\n        SEEN.append(2)'),
      text.replace('x: [2, 8]', 'x: [3, 8]'),
    ]);
    const reader = (t: string) => show(doc.update(t).models.find(m => m.name === 'Reader')!.output);
    assert.notEqual(
      reader(text),
      reader(text.replace('SEEN.append(1)', 'SEEN.append(1)\n        SEEN.append(2)')),
      'the Writer run changes what the Reader run sees',
    );
  });

  it('shares equal shapes between layers, hints and Analyses (one object each)', () => {
    const a = analyzeText(V1);
    const b = analyzeText(V1.replace('nn.Linear(10, 4)', 'nn.Linear(10, 6)'));
    const conv = (x: typeof a) => x.layers.find(l => l.name === 'block.conv')!;
    assert.equal(conv(a).output, conv(b).output, 'the same [1, 8, 30, 30] object');
    assert.equal(conv(a).inputs[0], conv(a).output, "a same-padding conv's input and output shape");
    assert.equal(show(conv(a).output), '[1, 8, 30, 30]');
  });

  it("after each edit, a hint with its layer's output dims holds that very shape (as when every hint is looked at)", () => {
    // Inputs of known batch size: every dim a number, so equal dims are the same values.
    const text = generateModelFile({ lines: 600, seed: 11 }).text.replace(/# x: \[N, /g, '# x: [2, ');
    const at = text.indexOf('p=0.5') + 4;
    const body = text.indexOf('\n', text.indexOf('\nclass ', text.length >> 1)) + 1;
    const versions = [
      text,
      text + '\n',
      text.slice(0, at) + '3' + text.slice(at + 1), // a run again
      '# moved\n' + text.slice(0, at) + '3' + text.slice(at + 1), // every run moved
      text.slice(0, body) + '        self.extra = nn.ReLU()\n' + text.slice(body), // a layer more: indices move
      text,
    ];
    const doc = new DocumentAnalyzer();
    for (const [v, version] of versions.entries()) {
      const a = doc.update(version);
      assert.deepEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(analyzeText(version))));
      for (const h of a.hints) {
        const output = h.layer === undefined ? undefined : a.layers[h.layer].output;
        const sameDims = !!output && output.length === h.shape.length && output.every((d, i) => d === h.shape[i]);
        assert.ok(!sameDims || h.shape === output, `version ${v}: the hint at ${h.offset} holds its own copy`);
      }
    }
  });

  it('gives the fresh Analysis through broken intermediate versions', () => {
    const broken = V1.replace('self.stem = nn.Conv2d(3, WIDTH, 3)', 'self.stem = nn.Conv2d(3, WIDTH, 3');
    const unindented = V1.replace('    def forward(self, x):  # x: [2, 10]', 'def forward(self, x):  # x: [2, 10]');
    assertSameAsFresh([V1, broken, V1, unindented, V1.replace('WIDTH = 8', 'WIDTH = 4'), broken]);
  });
  // Fuzz seeds 69000 and 76700 (generated 1,000-line files, mutated): lezer-python's incremental
  // parse nested the classes after a Residual block inside it (no error node); the document must
  // be parsed afresh instead.
  for (const seed of ['69000', '76700']) {
    it(`an incremental parse that misnests statements is not used (fuzz seed ${seed})`, () => {
      const dir = path.resolve(__dirname, '../../../../test/unit/analysis/incremental-cases');
      const before = fs.readFileSync(path.join(dir, `fuzz-${seed}-before.py`), 'utf8');
      const after = fs.readFileSync(path.join(dir, `fuzz-${seed}-after.py`), 'utf8');
      assertSameAsFresh([before, after]);
    });
  }
});
