// A shape only ever holds dims (an int, a symbolic size, or null). Size arguments that are not
// sizes (a tensor given to torch.randn, found by fuzzing: seeds 47699 and 25897) make the result
// unknown; they must never leak into a hint's, a layer's or a model's shape.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText, type Analysis } from '../../../src/analysis';
import { isDim } from '../../../src/analysis/values';
import { analysisProblems } from '../fuzz/tools';
import { analyze, hintLines } from './helpers';

const dataDir = path.resolve(__dirname, '../../../../test/unit/analysis/robustness');

/** Every shape of the Analysis, with where it is. */
function allShapes(a: Analysis): [string, readonly unknown[]][] {
  const out: [string, readonly unknown[]][] = [];
  a.hints.forEach((h, i) => out.push([`hints[${i}]`, h.shape]));
  a.layers.forEach((l, i) => {
    l.inputs.forEach((s, j) => s && out.push([`layers[${i}].inputs[${j}]`, s]));
    if (l.output) out.push([`layers[${i}].output`, l.output]);
  });
  a.models.forEach((m, i) => {
    m.inputs.forEach((s, j) => s && out.push([`models[${i}].inputs[${j}]`, s]));
    if (m.output) out.push([`models[${i}].output`, m.output]);
  });
  return out;
}

function assertOnlyDims(a: Analysis): void {
  const bad = allShapes(a)
    .filter(([, s]) => !s.every(isDim))
    .map(([w, s]) => `${w}: ${JSON.stringify(s)}`);
  assert.deepEqual(bad, []);
}

describe('analysis: shapes hold only dims', () => {
  for (const [file, what] of [
    ['fuzz-malformed-47699.py', 'h = torch.randn(self.conv(h)) in a forward'],
    ['fuzz-malformed-25897.py', 'Net()(torch.randn(x, 1, 28, 28)) with x a tensor'],
  ]) {
    it(`fuzz input ${file} (${what}) gives a well-formed Analysis`, () => {
      const text = fs.readFileSync(path.join(dataDir, file), 'utf8');
      const a = analyzeText(text);
      assert.deepEqual(analysisProblems(a, text.length), []);
      assertOnlyDims(a);
    });
  }

  it('torch.randn(tensor) in a forward is an unknown tensor: no hint, later shapes unknown', () => {
    const { text, a } = analyze(`
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(8, 8, 3, padding=1)

    def forward(self, h):  # h: [2, 8, 16]
        h = torch.randn(self.conv(h))
        return h.transpose(1, 2)
`);
    assertOnlyDims(a);
    assert.deepEqual(
      hintLines(text, a).filter(l => /^1[12]:/.test(l)),
      [],
    );
    assert.equal(a.models[0].output, null);
  });

  it('a tensor as a sample input size: the model falls back to its symbolic input', () => {
    const { a } = analyze(`
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3)

    def forward(self, x):
        return self.conv(x)

x = torch.randn(2, 2)
Net()(torch.randn(x, 1, 28, 28))
`);
    assertOnlyDims(a);
    assert.deepEqual(
      a.models[0].inputs.map(s => s?.map(d => (typeof d === 'object' && d ? 'sym' : d))),
      [['sym', 1, 'sym', 'sym']],
    );
  });

  it('tensors, floats and strings given as sizes to factories, view, expand and new_zeros are unknown', () => {
    const { a } = analyze(`
t = torch.randn(2, 3)
a = torch.zeros(t, 3)
b = torch.ones((2, t))
c = torch.empty(size=(t,))
d = t.view(t, -1)
e = t.new_zeros(t)
f = t.expand(t, 3)
g = torch.full((t, 2), 0.0)
h = torch.randn(2.5, 3)
i = torch.rand('a', 3)

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 2)

    def forward(self, x):  # x: [4, 3]
        y = x.reshape(x, -1)
        z = torch.randint(0, 5, (x, 3))
        return self.fc(x)
`);
    assertOnlyDims(a);
    assert.deepEqual(analysisProblems(a, 10_000), []);
  });
});
