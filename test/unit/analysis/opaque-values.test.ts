// Violations of the metamorphic property (test/unit/fuzz/metamorphic.test.ts) found by replacing
// a value with a call of an undefined function, each reduced to its smallest form: the analysis
// must then know less, never something else. The known forms were run in PyTorch 1.13:
// Net([nn.Conv2d(3, 16, 3)]) on [1, 3, 8, 8] gives [1, 16, 6, 6]; Pool(nn.AdaptiveAvgPool2d(1))
// gives [1, 16, 1, 1] and Pool(nn.Identity()) [1, 16, 8, 8]; nn.Conv2d(3, 8, 5) on [1, 3, 4, 9]
// raises "Calculated padded input size per channel: (4 x 9). Kernel size: (5 x 5). ...".
import { strict as assert } from 'assert';
import { analyzeText, type Analysis } from '../../../src/analysis';
import { analyze, show } from './helpers';

const BLOCK_OF = (layers: string) => `
class Block(nn.Sequential):
    def __init__(self, layers):
        super().__init__(*layers)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.block = Block(${layers})
        self.bn = nn.BatchNorm2d(16)

    def forward(self, x):  # x: [1, 3, 8, 8]
        return self.bn(self.block(x))
`;

const POOL_OF = (pool: string) => `
class Pool(nn.Sequential):
    def __init__(self):
        super().__init__(${pool}, nn.Conv2d(3, 16, 1))

    def forward(self, x):  # x: [1, 3, 8, 8]
        for mod in self:
            x = mod(x)
        return x
`;

const output = (a: Analysis, name: string) => show(a.models.find(m => m.name === name)?.output);
const codes = (a: Analysis) => a.diagnostics.map(d => d.code);

describe('analysis: an opaque value makes what depends on it unknown', () => {
  it('an nn.Sequential subclass given *layers not understood is not an empty Sequential', () => {
    const known = analyze(BLOCK_OF('[nn.Conv2d(3, 16, 3)]')).a;
    assert.equal(output(known, 'Net'), '[1, 16, 6, 6]');
    const opaque = analyze(BLOCK_OF('__opaque_0()')).a;
    // Read as empty, the block passed [1, 3, 8, 8] on and BatchNorm2d(16) raised a false error.
    assert.deepEqual(codes(opaque), []);
    assert.equal(output(opaque, 'Net'), null);
  });

  it('nn.Sequential(*layers) with layers not understood is unknown, not empty', () => {
    const body = (layers: string) => BLOCK_OF('[]').replace('Block([])', `nn.Sequential(*${layers})`);
    assert.equal(output(analyze(body('[nn.Conv2d(3, 16, 3)]')).a, 'Net'), '[1, 16, 6, 6]');
    const opaque = analyze(body('__opaque_0()')).a;
    assert.deepEqual(codes(opaque), []);
    assert.equal(output(opaque, 'Net'), null);
    // Still a module, whose parameters are unknown: not left out of the count.
    assert.equal(opaque.models.find(m => m.name === 'Net')?.params, undefined);
    assert.equal(analyze(body('[nn.Conv2d(3, 16, 3)]')).a.models.find(m => m.name === 'Net')?.params, 448 + 32);
  });

  it('a child not understood is run, indexed and iterated as unknown, not skipped', () => {
    assert.equal(output(analyze(POOL_OF('nn.AdaptiveAvgPool2d(1)')).a, 'Pool'), '[1, 16, 1, 1]');
    assert.equal(output(analyze(POOL_OF('nn.Identity()')).a, 'Pool'), '[1, 16, 8, 8]');
    // Skipping the opaque pool gave a confident [1, 16, 8, 8].
    const opaque = analyze(POOL_OF('__opaque_0()')).a;
    assert.equal(output(opaque, 'Pool'), null);
    assert.deepEqual(codes(opaque), []);
  });

  it('sizes or arguments not understood leave the rank unknown, not 1 or 0', () => {
    const forward = (expr: string) =>
      output(
        analyze(`
class Net(nn.Module):
    def forward(self, x):  # x: [2, 3, 4]
        return ${expr}
`).a,
        'Net',
      );
    // The known forms, as PyTorch 1.13 gives them.
    assert.equal(forward('x.view(*(4, 6))'), '[4, 6]');
    assert.equal(forward('x.permute(*(2, 0, 1))'), '[4, 2, 3]');
    assert.equal(forward('torch.zeros((1, 3, 8, 8))'), '[1, 3, 8, 8]');
    assert.equal(forward('x.sum(*(1,))'), '[2, 4]');
    // One argument not understood may be a whole tuple; a starred one may be any number of them.
    for (const expr of [
      'x.view(__opaque_0())',
      'x.reshape(__opaque_0())',
      'torch.zeros(__opaque_0())',
      'x.view(*__opaque_0())',
      'x.permute(*__opaque_0())',
      'torch.zeros(*__opaque_0())',
      'x.sum(*__opaque_0())',
      'torch.flatten(x, *__opaque_0())',
    ]) {
      const { a } = analyze(`
class Net(nn.Module):
    def forward(self, x):  # x: [2, 3, 4]
        return ${expr}
`);
      assert.deepEqual([expr, codes(a), output(a, 'Net')], [expr, [], null]);
    }
  });

  it('a kernel-too-large message writes an unknown size as ?, not null', () => {
    const { a } = analyze(`
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 5)

    def forward(self, x):  # x: [1, 3, 4, W]
        return self.conv(x)
`);
    assert.deepEqual(
      a.diagnostics.filter(d => d.code !== 'input-size-rejected').map(d => d.message),
      [
        "Calculated padded input size per channel: (4 x W). Kernel size: (5 x 5). Kernel size can't be greater than actual input size",
      ],
    );
    const opaque = analyze(`
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 5)

    def forward(self, x):
        return self.conv(x)

Net()(torch.randn(1, 3, 4, __opaque_0()))
`).a;
    assert.deepEqual(
      opaque.diagnostics.filter(d => d.code !== 'input-size-rejected').map(d => d.message),
      [
        "Calculated padded input size per channel: (4 x ?). Kernel size: (5 x 5). Kernel size can't be greater than actual input size",
      ],
    );
  });

  it('Keras: a data format set to a value not understood is unknown, not channels_last', () => {
    const model = (format: string) => `import keras
from keras import layers

keras.backend.set_image_data_format(${format})

model = keras.Sequential([keras.Input(shape=(1, 28, 28)), layers.Conv2D(8, 3), layers.Flatten(), layers.Dense(10)])
`;
    const known = analyzeText(model('"channels_first"'));
    assert.deepEqual(codes(known), []);
    assert.deepEqual(known.models[0].output, [null, 10]);
    // Read as channels_last, a 28-channel image of height 1 raised a false kernel-too-large.
    const opaque = analyzeText(model('__opaque_0()'));
    assert.deepEqual(codes(opaque), []);
  });

  it('Keras: a functional model whose first output is unknown does not report its second as its output', () => {
    const model = (head: string) => `import keras
from keras import layers

inputs = keras.Input(shape=(12,))
hidden = layers.Dense(64)(inputs)
priority = ${head}(hidden)
department = layers.Dense(4)(hidden)
model = keras.Model(inputs=inputs, outputs=[priority, department])
`;
    assert.deepEqual(analyzeText(model('layers.Dense(1)')).models[0].output, [null, 1]);
    assert.equal(analyzeText(model('__opaque_0()')).models[0].output, null);
  });
});
