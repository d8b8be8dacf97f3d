// A layer's receptive field is relative to the model's input: grown by each sliding window, the
// largest of the operands' where paths meet position by position, and unknown after anything not
// followed, never a chain restarted there (receptive.ts). Each expected size is the guide's
// recurrence r ← r + (k − 1)·j worked by hand.
import { strict as assert } from 'assert';
import { analyze } from './helpers';
import { analyzeKeras } from './keras-helpers';
import type { Analysis } from '../../../src/analysis';

/** `name: size` of every sliding-window call (the first axis; the tests use square kernels). */
const fields = (a: Analysis) =>
  a.layers.filter(l => l.axes).map(l => `${l.name}: ${l.receptiveField ? l.receptiveField[0].size : '?'}`);

const net = (init: string, forward: string) => `
class Net(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.n = n
        self.a = nn.Conv2d(8, 8, 1)
        self.b = nn.Conv2d(8, 8, 5, padding=2)
        self.c = nn.Conv2d(8, 8, 3, padding=1)
        self.d = nn.Conv2d(16, 8, 3, padding=1)${init}

    def forward(self, x):  # x: [1, 8, 32, 32]
${forward}
`;

describe('analysis: receptive fields', () => {
  it('grow along a chain from the input, through activations and norms', () => {
    const { a } = analyze(
      net('\n        self.bn = nn.BatchNorm2d(8)', '        return self.c(self.bn(F.relu(self.b(x))))'),
    );
    assert.deepEqual(fields(a), ['b: 5', 'c: 7']);
  });

  it('after a concatenation, are the largest branch’s grown, not the next layer’s own', () => {
    const { a } = analyze(net('', '        return self.d(torch.cat([self.a(x), self.b(x)], 1))'));
    // max(1, 5) + (3 − 1) = 7; the chain used to restart at the concatenation (3).
    assert.deepEqual(fields(a), ['a: 1', 'b: 5', 'd: 7']);
  });

  it('after a residual sum, are the larger operand’s grown', () => {
    const { a } = analyze(net('', '        return self.c(self.b(x) + x)'));
    assert.deepEqual(fields(a), ['b: 5', 'c: 7']);
  });

  it('after adding a parameter or a buffer, are the tensor’s own', () => {
    const init = '\n        self.pos = nn.Parameter(torch.zeros(1, 8, 32, 32))';
    const { a } = analyze(net(init, '        return self.c(self.b(x) + self.pos)'));
    assert.deepEqual(fields(a), ['b: 5', 'c: 7']);
  });

  /** Each forward, written after `b` (5) and ending in `c` (3×3): `c`'s field. */
  const cases: [string, string, readonly string[]][] = [
    [
      'are unknown after an upsampling, a reshape or an operation not followed',
      'c: ?',
      [
        '        return self.c(F.interpolate(self.b(x), scale_factor=2))',
        '        return self.c(self.b(x).flatten(2).view(1, 8, 32, 32))',
        '        return self.c(torch.softmax(self.b(x), dim=-1))',
        '        return self.c(self.b(x)[:, :, ::2, ::2])',
        '        return self.c(self.b(x)[:, :, None, 0])',
        '        return self.c(self.b(x).transpose(2, 3))',
        '        return self.c(self.b(x).permute(0, 1, 3, 2))',
        // A global pool's jump (32) against the map's (1): the product has no one jump.
        '        y = self.b(x)\n        return self.c(y * F.avg_pool2d(y, 32))',
      ],
    ],
    [
      'are kept by channel slices, crops and a channel shuffle, which move no position',
      'c: 7',
      [
        '        return self.c(torch.cat([self.b(x)[:, :4], x[:, 4:]], 1))',
        '        return self.c(self.b(x)[..., 1:31, 1:31])',
        '        y = self.b(x)\n        return self.c(y.view(1, 2, 4, 32, 32).transpose(1, 2).reshape(1, 8, 32, 32))',
      ],
    ],
  ];
  for (const [what, expected, forwards] of cases) {
    it(what, () => {
      for (const forward of forwards) {
        const { a } = analyze(net('', forward));
        assert.deepEqual(
          fields(a).filter(f => !f.startsWith('F.')),
          ['b: 5', expected],
          forward,
        );
      }
    });
  }

  it('are unknown after a loop of unknown count or a branch on tensor values that changes them', () => {
    const loop = '        for _ in range(self.n):\n            x = self.c(x)\n        return self.b(x)';
    assert.deepEqual(fields(analyze(net('', loop)).a), ['c: 3', 'c: ?', 'b: ?']);
    const branch = '        if x.mean() > 0:\n            x = self.c(x)\n        return self.b(x)';
    assert.deepEqual(fields(analyze(net('', branch)).a), ['c: 3', 'b: ?']);
  });

  it('count every iteration of a loop of known count', () => {
    const loop = '        for _ in range(3):\n            x = self.c(x)\n        return x';
    assert.deepEqual(fields(analyze(net('', loop)).a), ['c: 3', 'c: 5', 'c: 7']);
  });

  it('start at a tensor a script makes', () => {
    const { a } = analyze(
      'conv5 = nn.Conv2d(3, 3, 5)\nconv3 = nn.Conv2d(3, 8, 3)\ny = conv3(conv5(torch.randn(1, 3, 32, 32)))\n',
    );
    assert.deepEqual(fields(a), ['Conv2d: 5', 'Conv2d: 7']);
  });

  it('Keras: a Concatenate keeps the largest branch’s, from the Input on', () => {
    const { a } = analyzeKeras(`import keras
from keras import layers

inputs = keras.Input(shape=(32, 32, 3))
a = layers.Conv2D(8, 1, name="a")(inputs)
b = layers.Conv2D(8, 5, padding="same", name="b")(inputs)
x = layers.Concatenate()([a, b])
x = layers.Activation("relu")(x)
out = layers.Conv2D(8, 3, padding="same", name="c")(x)
model = keras.Model(inputs, out)
`);
    assert.deepEqual(fields(a), ['a: 1', 'b: 5', 'c: 7']);
  });
});
