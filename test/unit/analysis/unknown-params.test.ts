// A parameter count is a total: one module the analysis could not build (an unfollowed import, a
// recursion cut short) makes it unknown, never a smaller confident number.
import { strict as assert } from 'assert';
import { analyze } from './helpers';

describe('analysis: parameter totals with modules not understood', () => {
  it('a block from an unfollowed import leaves the total unknown', () => {
    const { a } = analyze(`
from somewhere_else import Bottleneck

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)
        self.block = Bottleneck(8, 8)

    def forward(self, x):  # x: [1, 3, 16, 16]
        return self.block(self.conv(x))
`);
    const net = a.models.find(m => m.name === 'Net');
    assert.ok(net, 'Net is a model');
    assert.equal(net.params, undefined);
  });

  it('the same model without the unknown block is counted', () => {
    const { a } = analyze(`
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)

    def forward(self, x):  # x: [1, 3, 16, 16]
        return self.conv(x)
`);
    assert.equal(a.models.find(m => m.name === 'Net')?.params, 3 * 8 * 9 + 8);
  });

  it('a class that builds itself without end is a model with no total', () => {
    const { a } = analyze(`
class Loop(nn.Module):
    def __init__(self, depth=0):
        super().__init__()
        self.conv = nn.Conv2d(3, 3, 1)
        self.inner = Loop(depth + 1)

    def forward(self, x):  # x: [1, 3, 8, 8]
        return self.conv(x)
`);
    const loop = a.models.find(m => m.name === 'Loop');
    assert.ok(loop, 'Loop is a model');
    assert.equal(loop.params, undefined);
    assert.deepEqual(
      a.diagnostics.filter(d => d.severity === 'error'),
      [],
    );
  });

  it('a model whose construction runs out of budget has no total, not zero', () => {
    // PyTorch 1.13 counts 5,130 (fc's) once grow(30) returns; its 2^30 calls end the step budget
    // inside __init__, before the instance exists, and the total used to say 0.
    const { a } = analyze(
      `
def grow(n):
    return 0 if n == 0 else grow(n - 1) + grow(n - 1)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.depth = grow(30)
        self.fc = nn.Linear(512, 10)

    def forward(self, x):  # x: [2, 512]
        return self.fc(x)
`,
      { limits: { maxSteps: 50_000 } },
    );
    const net = a.models.find(m => m.name === 'Net');
    assert.ok(net, 'Net is a model');
    assert.equal(net.params, undefined);
  });
});
