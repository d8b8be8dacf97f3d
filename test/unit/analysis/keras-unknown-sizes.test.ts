// Keras sizes the analysis does not know are not None: an Input whose shape holds a value not
// understood, and a Sequential whose first item is not understood. Keras' own ConvLSTM rule raises
// for a None spatial size (port of keras/src/layers/rnn/conv_lstm.py), never for a number.
import { strict as assert } from 'assert';
import { analyzeKeras, calls, diags, keras } from './keras-helpers';

const HEADER = 'import keras\nfrom keras import layers\n\n';

describe('analysis: Keras sizes not known are not None', () => {
  it('a shape value not understood is a symbol named as written; None stays None', () => {
    const { text, a } = analyzeKeras(`${HEADER}IMG = config.image_size
inp = keras.Input(shape=(None, IMG, IMG, 1))
x = layers.ConvLSTM2D(filters=8, kernel_size=3, padding="same", return_sequences=True)(inp)
model = keras.Model(inp, x)
`);
    assert.deepEqual(diags(text, a), []);
    assert.equal(keras(a.models[0].inputs[0]), '(None, None, IMG, IMG, 1)');
    assert.deepEqual(calls(a), ['conv_lstm2d ConvLSTM2D (None, None, IMG, IMG, 8)']);
  });

  it('a written None is still rejected in Keras words', () => {
    const { a } = analyzeKeras(`${HEADER}inp = keras.Input(shape=(None, 64, None, 1))
x = layers.ConvLSTM2D(filters=8, kernel_size=3, padding="same")(inp)
model = keras.Model(inp, x)
`);
    assert.deepEqual(
      a.diagnostics.map(d => d.message),
      [
        'ConvLSTM layers only support static input shapes for the spatial dimension. Received invalid input shape: input_shape=(None, 64, None, 1)',
      ],
    );
  });

  it('input_shape= on a first layer: a value not understood is a symbol too', () => {
    const { a } = analyzeKeras(`${HEADER}model = keras.Sequential([layers.Dense(4, input_shape=(cfg.width,))])\n`);
    assert.equal(keras(a.models[0].inputs[0]), '(None, width)');
  });

  it("input_dim= or input_shape= not understood declares an input all the same, never the first call's", () => {
    const called = (declaration: string) =>
      analyzeKeras(`${HEADER}scorer = keras.Sequential([layers.Dense(32, ${declaration}), layers.Dense(1)])
features = keras.Input(shape=(24,))
model = keras.Model(features, scorer(features))
`).a.models.find(m => m.name === 'scorer')?.inputs[0];
    assert.equal(keras(called('input_dim=cfg.width')), '(None, width)');
    assert.equal(keras(called('input_dim=widths[0]')), '(None, D₁)');
    assert.equal(called('input_shape=shape_of(cfg)'), null);
    assert.equal(keras(called('input_dim=20')), '(None, 20)');
  });

  it('a Sequential whose first item is not understood has no known input, whatever it is called on', () => {
    const { a } = analyzeKeras(`${HEADER}head = keras.Sequential([make_input(), layers.Dense(5)])
inputs = keras.Input(shape=(2048,))
outputs = head(inputs)
model = keras.Model(inputs, outputs)
`);
    const head = a.models.find(m => m.name === 'head' || m.name.startsWith('sequential'));
    assert.ok(head, a.models.map(m => m.name).join());
    assert.deepEqual(head.inputs, [null]);
    assert.equal(head.output, null);
  });
});
