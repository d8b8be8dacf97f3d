// `None` is an unknown dim in shape comments (Keras users write `# x: (None, 28, 28, 1)`): as an
// input declaration, in a claim that agrees, and in the rewrite of a stale claim, which keeps
// `None` (and says the shape in Keras' words for Keras tensors). Conv2d/Conv2D with kernel 3 and no
// padding turn 28 into 26 (PyTorch 1.13 and Keras 3's valid-padding rule agree).
import { strict as assert } from 'assert';
import { analyzeText } from '../../../src/analysis';
import { dimJson } from '../../../src/engine';

const KERAS = `import keras
from keras import layers


class Net(keras.Model):
    def __init__(self):
        super().__init__()
        self.conv = layers.Conv2D(32, 3)

    def call(self, x):  # x: (None, 28, 28, 1)
        x = self.conv(x)  # CLAIM
        return x
`;
const TORCH = `import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3)

    def forward(self, x):  # x: INPUT
        x = self.conv(x)  # CLAIM
        return x
`;

const stale = (text: string) => analyzeText(text).diagnostics.filter(d => d.code === 'stale-shape-comment');

describe('analysis: None in shape comments', () => {
  it('a Keras input declared (None, 28, 28, 1): the model runs on it', () => {
    const a = analyzeText(KERAS.replace('# CLAIM', ''));
    assert.deepEqual(
      a.models[0].inputs.map(s => s?.map(dimJson)),
      [[null, 28, 28, 1]],
    );
    assert.deepEqual(a.models[0].output?.map(dimJson), [null, 26, 26, 32]);
  });

  it('a Keras claim (None, 26, 26, 32) that agrees: no warning', () => {
    assert.deepEqual(stale(KERAS.replace('# CLAIM', '# (None, 26, 26, 32)')), []);
  });

  it('a stale Keras claim is rewritten with None, and the message says the shape in Keras notation', () => {
    const [d] = stale(KERAS.replace('# CLAIM', '# (None, 25, 25, 32)'));
    assert.equal(
      d.message,
      'Stale shape comment: this statement makes a tensor of shape (None, 26, 26, 32), not (None, 25, 25, 32)',
    );
    assert.deepEqual(
      d.fixes[0].edits.map(e => e.newText),
      ['(None, 26, 26, 32)'],
    );
  });

  it('a Keras functional statement with a None claim that agrees: no warning', () => {
    const text = `import keras
from keras import layers

inputs = keras.Input(shape=(28, 28, 1))
x = layers.Conv2D(32, 3)(inputs)  # (None, 26, 26, 32)
`;
    assert.deepEqual(stale(text), []);
  });

  for (const input of ['(None, 1, 28, 28)', '[None, 1, 28, 28]', 'None x 1 x 28 x 28']) {
    it(`a PyTorch input declared ${input}`, () => {
      const a = analyzeText(TORCH.replace('INPUT', input).replace('# CLAIM', ''));
      assert.deepEqual(a.models[0].output?.map(dimJson), [null, 4, 26, 26]);
      assert.deepEqual(a.diagnostics, []);
    });
  }

  it('a stale PyTorch claim written with None keeps None in its rewrite', () => {
    const [d] = stale(TORCH.replace('INPUT', '(None, 1, 28, 28)').replace('# CLAIM', '# (None, 4, 25, 25)'));
    assert.deepEqual(
      d.fixes[0].edits.map(e => e.newText),
      ['(None, 4, 26, 26)'],
    );
  });
});
