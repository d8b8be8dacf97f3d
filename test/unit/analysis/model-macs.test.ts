// A model's Total MACs is the sum over the calls it makes: shown only when those calls are known,
// never a sum over the calls one path made (layers.ts `modelMacs`).
import { strict as assert } from 'assert';
import { analyze } from './helpers';
import type { Analysis } from '../../../src/analysis';

/** `n` unwritten: the file never gives it, and a loop over range(self.n) has an unknown count. */
const net = (forward: string, { init = '', n = '=3' } = {}) => `
class Net(nn.Module):
    def __init__(self, n${n}):
        super().__init__()
        self.n = n
        self.fc = nn.Linear(16, 16)
        self.head = nn.Linear(16, 4)${init}

    def forward(self, x):  # x: [2, 16]
${forward}
        return self.head(x)
`;

const model = (a: Analysis) => {
  const m = a.models.find(x => x.name === 'Net');
  assert.ok(m, 'Net is a model');
  return m;
};
/** The sum of the MACs of the model's layer rows. */
const rowsMacs = (a: Analysis) => model(a).layers.reduce((t, i) => t + (a.layers[i].macs ?? 0), 0);

describe('analysis: a model’s total MACs', () => {
  const loop = '        for _ in range(self.n):\n            x = self.fc(x)';

  it('is the sum of its calls when each runs once', () => {
    const { a } = analyze(net('        x = torch.relu(self.fc(x))'));
    assert.equal(model(a).macs, rowsMacs(a));
    assert.ok(model(a).macs! > 0);
  });

  it('counts every iteration of a loop of known count', () => {
    const { a } = analyze(net(loop));
    assert.equal(model(a).layers.length, 4);
    assert.equal(model(a).macs, rowsMacs(a));
  });

  for (const [what, text] of [
    ['a loop of unknown count', net(loop, { n: '' })],
    ['a branch on a tensor’s values', net('        if x.sum() > 0:\n            x = self.fc(x)')],
    ['a loop that may break early', net(`${loop}\n            if x.mean() > 0:\n                break`)],
    [
      'a call on an input of unknown size',
      net('        x = self.fc(x)\n        x = self.fc(self.other(x))', { init: '\n        self.other = Unknown()' }),
    ],
  ]) {
    it(`is unknown with ${what}`, () => {
      const { a } = analyze(text);
      assert.ok(model(a).layers.length > 0, 'some calls are recorded');
      assert.equal(model(a).macs, undefined);
    });
  }

  it('is unknown for a model that raises', () => {
    const { a } = analyze(net('        x = self.fc(x)', { init: '\n        self.fc = nn.Linear(8, 16)' }));
    assert.ok(a.diagnostics.some(d => d.severity === 'error'));
    assert.equal(model(a).macs, undefined);
  });

  it('is unknown for a run the step budget cut short', () => {
    // 2^30 calls of `grow`, none of them a loop: the step budget ends inside.
    const forward = '        x = self.fc(x)\n        grow(30)';
    const grow = 'def grow(n):\n    return 0 if n == 0 else grow(n - 1) + grow(n - 1)\n\n';
    const { a } = analyze(grow + net(forward), { limits: { maxSteps: 50_000 } });
    assert.ok(model(a).layers.length > 0, 'fc was recorded');
    assert.equal(model(a).macs, undefined);
  });
});
