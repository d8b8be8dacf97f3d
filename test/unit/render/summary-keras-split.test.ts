// Keras' model.summary() prints Total / Trainable / Non-trainable params, and its Param # column
// counts BatchNormalization's moving statistics: the summary view says the same.
import { strict as assert } from 'assert';
import { analyzeText } from '../../../src/analysis';
import { summaryText } from '../../../src/render/summary';

const source = `import keras
from keras import layers

inputs = keras.Input(shape=(32, 32, 3))
x = layers.Conv2D(32, 3, padding="same")(inputs)
x = layers.BatchNormalization()(x)
base = keras.Model(inputs, x)
base.trainable = False
y = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(10)(y)
model = keras.Model(inputs, outputs)
`;

describe('render: Keras summary totals', () => {
  const analysis = analyzeText(source);
  const byName = (n: string) => analysis.models.find(m => m.name === n)!;

  it('counts BatchNormalization on 32 channels as 128 weights, 64 of them non-trainable', () => {
    const bn = analysis.layers.find(l => l.kind === 'BatchNormalization')!;
    assert.equal(bn.params, 128);
    assert.equal(bn.nonTrainableParams, 64);
  });

  it('splits a frozen base: every weight non-trainable', () => {
    const text = summaryText(analysis, byName('base'));
    // Conv2D 3·3·3·32 + 32 = 896, BatchNormalization 128.
    assert.match(text, /Total params: 1,024/);
    assert.match(text, /Trainable params: 0/);
    assert.match(text, /Non-trainable params: 1,024/);
  });

  it('a model sharing the frozen layers counts them frozen too, its own head trainable', () => {
    const text = summaryText(analysis, byName('model'));
    assert.match(text, /Total params: 1,354/);
    assert.match(text, /Trainable params: 330/);
    assert.match(text, /Non-trainable params: 1,024/);
  });
});
