// Keras analysis: import forms, Sequential (list, .add, input_shape, InputLayer, build), the
// functional API with shared layers and models applied as layers, subclassed models, the
// image data format, Keras' automatic layer names. Expected shapes are Keras 3's formulas worked
// by hand (valid conv: ⌊(i − k)/s⌋ + 1; Dense: last axis; parameters k·k·c_in·c_out + c_out).
import { strict as assert } from 'assert';
import { analyzeNotebook } from '../../../src/analysis';
import { analyzeKeras, calls, diags, keras } from './keras-helpers';

const CONV_ON_32 = (pre: string, conv: string, input = 'keras.Input') => `${pre}
inputs = ${input}(shape=(32, 32, 3))
x = ${conv}(8, 3)(inputs)
`;

describe('analysis: Keras imports and aliases', () => {
  const forms: [string, string, string?][] = [
    ['import keras', 'keras.layers.Conv2D'],
    ['from keras import layers\nimport keras', 'layers.Conv2D'],
    ['from tensorflow import keras', 'keras.layers.Conv2D'],
    ['from tensorflow.keras import layers\nfrom tensorflow import keras', 'layers.Conv2D'],
    ['import tensorflow as tf', 'tf.keras.layers.Conv2D', 'tf.keras.Input'],
    ['from keras.layers import Conv2D\nfrom keras import Input', 'Conv2D', 'Input'],
    ['from tensorflow.keras.layers import Conv2D as C, Input', 'C', 'Input'],
    ['import tensorflow.keras as K', 'K.layers.Conv2D', 'K.Input'],
  ];
  for (const [pre, conv, input] of forms) {
    it(`${pre.replace(/\n/g, '; ')}: ${conv} is keras.layers.Conv2D`, () => {
      const { a } = analyzeKeras(CONV_ON_32(pre, conv, input));
      assert.deepEqual(calls(a), ['conv2d Conv2D (None, 30, 30, 8)']);
      assert.equal(a.layers[0].framework, 'keras');
    });
  }

  it('an unrelated module with a Conv2D is not Keras', () => {
    const { a } = analyzeKeras(
      CONV_ON_32('import mylib as keras', 'keras.layers.Conv2D').replace(
        'import mylib as keras',
        'import mylib\nkeras = mylib',
      ),
    );
    assert.deepEqual(calls(a), []);
  });
});

describe('analysis: Keras Sequential', () => {
  it('.add() with input_shape on the first layer builds it; parameters are counted per layer', () => {
    const { a } = analyzeKeras(`from tensorflow import keras
from tensorflow.keras import layers
model = keras.Sequential()
model.add(layers.Dense(32, activation="relu", input_shape=(16,)))
model.add(layers.Dense(4))
`);
    assert.deepEqual(calls(a), ['dense Dense (None, 32)', 'dense_1 Dense (None, 4)']);
    const [m] = a.models;
    assert.equal(m.name, 'model');
    assert.equal(m.framework, 'keras');
    assert.deepEqual(m.inputs.map(keras), ['(None, 16)']);
    assert.equal(keras(m.output), '(None, 4)');
    assert.equal(m.params, 16 * 32 + 32 + 32 * 4 + 4);
    assert.equal(m.layers.length, 2);
  });

  it('Keras 2 input_dim, an InputLayer, and keras.Input given to .add()', () => {
    const { a } = analyzeKeras(`import keras
from keras import layers
a = keras.Sequential([layers.Dense(8, input_dim=20), layers.Dense(2)])
b = keras.Sequential([layers.InputLayer(shape=(5,)), layers.Dense(3)])
c = keras.Sequential()
c.add(keras.Input(shape=(10,)))
c.add(layers.Dense(6))
`);
    assert.deepEqual(
      a.models.map(m => `${m.name} ${m.inputs.map(keras).join()} → ${keras(m.output)}`),
      ['a (None, 20) → (None, 2)', 'b (None, 5) → (None, 3)', 'c (None, 10) → (None, 6)'],
    );
  });

  it('without an input shape nothing is applied until model.build((None, ...))', () => {
    const unbuilt = `import keras
from keras import layers
model = keras.Sequential([layers.Conv2D(4, 3, strides=2), layers.Flatten(), layers.Dense(3)])
`;
    const before = analyzeKeras(unbuilt).a;
    assert.deepEqual(calls(before), []);
    assert.deepEqual(before.diagnostics, []);
    assert.equal(before.models[0].output, null);
    const { a } = analyzeKeras(unbuilt + 'model.build((None, 11, 11, 2))\n');
    // ⌊(11 − 3)/2⌋ + 1 = 5; 5·5·4 = 100 features
    assert.deepEqual(calls(a), [
      'conv2d Conv2D (None, 5, 5, 4)',
      'flatten Flatten (None, 100)',
      'dense Dense (None, 3)',
    ]);
    assert.equal(a.models[0].params, 3 * 3 * 2 * 4 + 4 + 100 * 3 + 3);
  });

  it('a Sequential applied to a tensor runs its layers there (a second call of each)', () => {
    const { a } = analyzeKeras(`import keras
from keras import layers
block = keras.Sequential([keras.Input(shape=(6,)), layers.Dense(4)])
x = keras.Input(shape=(6,))
y = block(x)
z = layers.Dense(1)(y)
`);
    assert.deepEqual(calls(a), ['dense Dense (None, 4)', 'dense Dense (None, 4)', 'dense_1 Dense (None, 1)']);
  });
});

describe('analysis: Keras functional API', () => {
  it('a layer bound to a name and reused: one layer, two calls, parameters counted once', () => {
    const { a } = analyzeKeras(`import keras
from keras import layers
left = keras.Input(shape=(8,))
right = keras.Input(shape=(8,))
shared = layers.Dense(4)
x = layers.concatenate([shared(left), shared(right)])
out = layers.Dense(1)(x)
model = keras.Model(inputs=[left, right], outputs=out)
`);
    assert.deepEqual(calls(a), [
      'dense Dense (None, 4)',
      'dense Dense (None, 4)',
      'concatenate Concatenate (None, 8)',
      'dense_1 Dense (None, 1)',
    ]);
    const [m] = a.models;
    assert.deepEqual(m.inputs.map(keras), ['(None, 8)', '(None, 8)']);
    assert.equal(m.params, 8 * 4 + 4 + 8 * 1 + 1);
    assert.equal(m.layers.length, 4);
  });

  it("a reused layer meeting another width raises Keras' input-spec error at the second call", () => {
    const text = `import keras
from keras import layers
a = keras.Input(shape=(8,))
b = keras.Input(shape=(6,))
shared = layers.Dense(4)
x = shared(a)
y = shared(b)
`;
    const { a } = analyzeKeras(text);
    assert.deepEqual(diags(text, a), ['error features-mismatch @ shared(b)']);
    assert.equal(
      a.diagnostics[0].message,
      'Input 0 of layer "dense" is incompatible with the layer: expected axis -1 of input shape to have value 8, but received input with shape (None, 6)',
    );
  });

  it("layers.add and layers.Add()([...]) are the same rule; a mismatch is Keras' error on the call", () => {
    const text = `import keras
from keras import layers
a = keras.Input(shape=(4, 4, 8))
b = keras.Input(shape=(2, 2, 8))
ok = layers.Add()([a, a])
bad = layers.add([a, b])
`;
    const { a } = analyzeKeras(text);
    assert.deepEqual(calls(a), ['add Add (None, 4, 4, 8)', 'add_1 Add ?']);
    assert.deepEqual(diags(text, a), ['error broadcast-mismatch @ layers.add([a, b])']);
    assert.equal(a.diagnostics[0].message, 'Inputs have incompatible shapes. Received shapes (4, 4, 8) and (2, 2, 8)');
  });

  it('Concatenate(axis=...) concatenates that axis', () => {
    const { a } = analyzeKeras(`import keras
from keras import layers
a = keras.Input(shape=(3, 5))
b = keras.Input(shape=(4, 5))
c = layers.Concatenate(axis=1)([a, b])
`);
    assert.deepEqual(calls(a), ['concatenate Concatenate (None, 7, 5)']);
  });

  it('a Functional model applied as a layer runs its graph again on the new inputs', () => {
    const { a } = analyzeKeras(`import keras
from keras import layers
i = keras.Input(shape=(5,))
inner = keras.Model(i, layers.Dense(3)(i))
j = keras.Input(shape=(5,))
y = layers.Dense(2)(inner(j))
outer = keras.Model(j, y)
`);
    assert.deepEqual(calls(a), ['dense Dense (None, 3)', 'dense Dense (None, 3)', 'dense_1 Dense (None, 2)']);
    const outer = a.models.find(m => m.name === 'outer');
    assert.ok(outer);
    assert.equal(outer.layers.length, 2);
    assert.equal(outer.params, 5 * 3 + 3 + 3 * 2 + 2);
    assert.equal(keras(outer.output), '(None, 2)');
  });

  it('tensor arithmetic inside a Functional model is redone when the model is applied to other shapes', () => {
    const { a } = analyzeKeras(`import keras
from keras import layers
i = keras.Input(shape=(None, None, 3))
h = layers.Conv2D(3, 3, padding="same")(i)
block = keras.Model(i, h + i)
out = block(keras.Input(shape=(8, 8, 3)))
z = layers.Conv2D(1, 8)(out)
`);
    assert.deepEqual(calls(a), [
      'conv2d Conv2D (None, None, None, 3)',
      'conv2d Conv2D (None, 8, 8, 3)',
      'conv2d_1 Conv2D (None, 1, 1, 1)',
    ]);
  });

  it('statements of the functional API get inline hints, marked as Keras shapes', () => {
    const text = `import keras
from keras import layers
inputs = keras.Input(shape=(28, 28, 1))
x = layers.Conv2D(16, 3, strides=2)(inputs)
`;
    const { a } = analyzeKeras(text);
    const hint = a.hints.find(h => text.slice(0, h.offset).split('\n').length === 4);
    assert.ok(hint);
    assert.equal(keras(hint.shape), '(None, 13, 13, 16)');
    assert.equal(hint.framework, 'keras');
  });
});

const TINY = `import keras
from keras import layers


class Tiny(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.conv = layers.Conv2D(4, 3, strides=2)
        self.flat = layers.Flatten()
        self.head = layers.Dense(2)

    def call(self, x):
        x = self.conv(x)
        x = self.flat(x)
        return self.head(x)
`;

describe('analysis: subclassed Keras models', () => {
  // conv: ⌊(9 − 3)/2⌋ + 1 = 4 → 4·4·4 = 64 features; params 3·3·1·4 + 4 and 64·2 + 2
  const expected = ['conv2d Conv2D (None, 4, 4, 4)', 'flatten Flatten (None, 64)', 'dense Dense (None, 2)'];

  it('applied to keras.Input at module level: a model named by its class, run through call()', () => {
    const { a } = analyzeKeras(TINY + 'model = Tiny()\noutputs = model(keras.Input(shape=(9, 9, 1)))\n');
    assert.deepEqual(calls(a), expected);
    const [m] = a.models;
    assert.equal(m.name, 'Tiny');
    assert.equal(m.framework, 'keras');
    assert.equal(keras(m.output), '(None, 2)');
    assert.equal(m.params, 40 + 130);
  });

  it('model.build((None, ...)) runs call() on that shape', () => {
    const { a } = analyzeKeras(TINY + 'model = Tiny()\nmodel.build((None, 9, 9, 1))\n');
    assert.deepEqual(calls(a), expected);
  });

  it('never applied: runs on its own with the input its call() declares', () => {
    const { a } = analyzeKeras(TINY.replace('def call(self, x):', 'def call(self, x):  # x: [?, 9, 9, 1]'));
    assert.deepEqual(calls(a), expected);
    assert.equal(a.models[0].name, 'Tiny');
  });

  it('a subclassed Layer is named by its class (snake_case) before its own layers', () => {
    const { a } = analyzeKeras(`import keras
from keras import layers


class Block(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.conv = layers.Conv2D(4, 1)

    def call(self, x):
        return self.conv(x)


inputs = keras.Input(shape=(5, 5, 2))
x = Block()(inputs)
x = Block(name="second")(x)
model = keras.Model(inputs, x)
`);
    assert.deepEqual(calls(a), ['conv2d Conv2D (None, 5, 5, 4)', 'conv2d_1 Conv2D (None, 5, 5, 4)']);
    assert.equal(a.models[0].params, 2 * 4 + 4 + 4 * 4 + 4);
  });
});

describe('analysis: Keras image data format', () => {
  it('set_image_data_format applies to the layers constructed after it, unless data_format is given', () => {
    const { a } = analyzeKeras(`import keras
from keras import layers
early = layers.Conv2D(8, 3)
keras.backend.set_image_data_format("channels_first")
inputs = keras.Input(shape=(3, 32, 32))
x = layers.Conv2D(8, 3)(inputs)
x = layers.MaxPooling2D(2)(x)
y = early(x)
z = layers.Conv2D(2, 1, data_format="channels_last")(x)
`);
    // channels_first: (None, 8, 30, 30) → pool (None, 8, 15, 15); channels_last layers see
    // spatial 8×15 and 15 channels.
    assert.deepEqual(calls(a), [
      'conv2d_1 Conv2D (None, 8, 30, 30)',
      'max_pooling2d MaxPooling2D (None, 8, 15, 15)',
      'conv2d Conv2D (None, 6, 13, 8)',
      'conv2d_2 Conv2D (None, 8, 15, 2)',
    ]);
  });

  it('keras.config.set_image_data_format (Keras 3 spelling) too', () => {
    const { a } = analyzeKeras(`import keras
from keras import layers
keras.config.set_image_data_format("channels_first")
x = layers.GlobalAveragePooling2D()(keras.Input(shape=(7, 4, 4)))
`);
    assert.deepEqual(calls(a), ['global_average_pooling2d GlobalAveragePooling2D (None, 7)']);
  });
});

describe('analysis: Keras layer names', () => {
  it('snake_case class name, then _1, _2 per class in construction order; name= takes no number', () => {
    const { a } = analyzeKeras(`import keras
from keras import layers
inputs = keras.Input(shape=(32, 32, 3))
x = layers.Conv2D(4, 3)(inputs)
x = layers.Conv2D(4, 3, name="stem")(x)
x = layers.MaxPool2D()(x)
x = layers.Conv2D(4, 3)(x)
x = layers.LeakyReLU()(x)
x = layers.add([x, x])
x = layers.Add()([x, x])
x = layers.Conv2DTranspose(4, 3)(x)
`);
    assert.deepEqual(
      a.layers.map(l => l.name),
      ['conv2d', 'stem', 'max_pooling2d', 'conv2d_1', 'leaky_re_lu', 'add', 'add_1', 'conv2d_transpose'],
    );
  });

  it("models not bound to a variable carry Keras' own names", () => {
    const { a } = analyzeKeras(`import keras
from keras import layers
keras.Sequential([keras.Input(shape=(4,)), layers.Dense(2)])
keras.Sequential([keras.Input(shape=(4,)), layers.Dense(2)], name="head")
keras.Sequential([keras.Input(shape=(4,)), layers.Dense(2)])
`);
    assert.deepEqual(
      a.models.map(m => m.name),
      ['sequential', 'head', 'sequential_1'],
    );
    assert.deepEqual(
      a.layers.map(l => l.name),
      ['dense', 'dense_1', 'dense_2'],
    );
  });
});

describe('analysis: Keras in notebooks', () => {
  it('cells form one program: the model, its layers and hints', () => {
    const nb = analyzeNotebook([
      'import keras\nfrom keras import layers',
      'inputs = keras.Input(shape=(28, 28, 1))\nx = layers.Conv2D(8, 3)(inputs)',
      'model = keras.Model(inputs, x)',
    ]);
    assert.equal(nb.models.length, 1);
    assert.equal(nb.models[0].framework, 'keras');
    assert.equal(keras(nb.models[0].output), '(None, 26, 26, 8)');
    assert.ok(
      nb.hints.some(h => keras(h.shape) === '(None, 26, 26, 8)' && h.offset > nb.cells![1] && h.offset < nb.cells![2]),
    );
  });
});
