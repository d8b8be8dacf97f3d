// A loop's `else:` after a loop of unknown count (interpreter.ts `loopElse`): Python runs it when
// the loop ends without `break`, so it runs on every path when the body cannot break, and on some
// paths otherwise. It used to be skipped, leaving the tensor as it was before it.
import { strict as assert } from 'assert';
import { analyze, show } from './helpers';

const net = (loop: string) => `
class Net(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.n = n
        self.conv = nn.Conv2d(3, 8, 3)

    def forward(self, x):  # x: [1, 3, 32, 32]
${loop}
        return x
`;

describe('analysis: else after a loop of unknown count', () => {
  for (const [what, loop] of [
    ['for', '        for _ in range(self.n):\n            pass\n        else:\n            x = self.conv(x)'],
    ['while', '        while x.sum() > self.n:\n            x = x * 0.5\n        else:\n            x = self.conv(x)'],
  ]) {
    it(`runs on every path when the ${what} body cannot break`, () => {
      // PyTorch 1.13, n = 2: [1, 8, 30, 30] (and for any n the loop ends normally).
      const { a } = analyze(net(loop));
      assert.equal(show(a.models[0].output), '[1, 8, 30, 30]');
      assert.deepEqual(
        a.models[0].layers.map(i => a.layers[i].name),
        ['conv'],
      );
    });
  }

  for (const [what, body] of [
    ['an if', '            if x.mean() > 0:\n                break'],
    [
      'a try’s except, which is not read',
      '            try:\n                x.item()\n            except RuntimeError:\n                break',
    ],
  ]) {
    it(`runs on some paths when ${what} may break: the shape after it is not known`, () => {
      const loop = `        for _ in range(self.n):\n${body}\n        else:\n            x = self.conv(x)`;
      const { a } = analyze(net(loop));
      // [1, 3, 32, 32] after a break, [1, 8, 30, 30] after the else: neither is the shape.
      assert.equal(show(a.models[0].output), '[1, ?, ?, ?]');
    });
  }
});
