// Keras diagnostics: a Dense on a rank-4 tensor is legal in Keras (it acts on the last axis) and
// gets an information-level hint whose fix inserts a Flatten where the Dense is used; applying
// the fix cures it. Keras' own errors keep Keras' words and land on the failing call.
import { strict as assert } from 'assert';
import { analyzeKeras, applyFix, calls, diags, keras } from './keras-helpers';

const HEAD = 'import keras\nfrom keras import layers\n';

/** Analyses, checks one information hint on the Dense, applies its fix, and re-analyses. */
function fixDense(text: string, denseText: string): { fixed: string; after: ReturnType<typeof analyzeKeras>['a'] } {
  const { a } = analyzeKeras(text);
  assert.deepEqual(diags(text, a), [`information dense-on-feature-map @ ${denseText}`]);
  const [d] = a.diagnostics;
  assert.equal(d.fixes.length, 1);
  const fixed = applyFix(text, d.fixes[0].edits);
  return { fixed, after: analyzeKeras(fixed).a };
}

describe('analysis: Keras Dense on a feature map', () => {
  it("functional form: an information hint with Keras' words; the fix wraps the input in Flatten", () => {
    const text = `${HEAD}inputs = keras.Input(shape=(8, 8, 1))
x = layers.Conv2D(4, 3)(inputs)
outputs = layers.Dense(10)(x)
`;
    const { a } = analyzeKeras(text);
    assert.equal(a.diagnostics[0].severity, 'information');
    assert.match(a.diagnostics[0].message, /Dense 'dense' is applied to a rank-4 tensor \(None, 6, 6, 4\)/);
    assert.match(a.diagnostics[0].message, /along the last axis of the inputs/);
    assert.match(a.diagnostics[0].message, /its output is \(None, 6, 6, 10\)/);
    const { fixed, after } = fixDense(text, 'layers.Dense(10)');
    assert.match(fixed, /outputs = layers\.Dense\(10\)\(layers\.Flatten\(\)\(x\)\)/);
    assert.deepEqual(after.diagnostics, []);
    assert.deepEqual(calls(after).slice(-2), ['flatten Flatten (None, 144)', 'dense Dense (None, 10)']);
  });

  it('Sequential list: the fix inserts layers.Flatten() before the Dense', () => {
    const text = `${HEAD}model = keras.Sequential([
    keras.Input(shape=(8, 8, 1)),
    layers.Conv2D(4, 3),
    layers.Dense(10),
])
`;
    const { fixed, after } = fixDense(text, 'layers.Dense(10)');
    assert.match(fixed, /layers\.Flatten\(\), layers\.Dense\(10\)/);
    assert.deepEqual(after.diagnostics, []);
    assert.equal(keras(after.models[0].output), '(None, 10)');
  });

  it('.add() chain: the fix inserts model.add(Flatten()) on the line before', () => {
    const text = `from keras.models import Sequential
from keras.layers import Conv2D, Dense, Flatten, Input
model = Sequential()
model.add(Input(shape=(8, 8, 1)))
model.add(Conv2D(4, 3))
model.add(Dense(10))
`;
    const { fixed, after } = fixDense(text, 'Dense(10)');
    assert.match(fixed, /model\.add\(Flatten\(\)\)\nmodel\.add\(Dense\(10\)\)/);
    assert.deepEqual(after.diagnostics, []);
    assert.deepEqual(calls(after).slice(-1), ['dense Dense (None, 10)']);
  });

  it('no hint for a Dense on rank 3 (per time step is what sequence models mean)', () => {
    const text = `${HEAD}x = layers.Dense(4)(keras.Input(shape=(20, 16)))\n`;
    const { a } = analyzeKeras(text);
    assert.deepEqual(calls(a), ['dense Dense (None, 20, 4)']);
    assert.deepEqual(a.diagnostics, []);
  });
});

describe('analysis: Keras errors', () => {
  it("a kernel larger than the feature map: Keras' message, on the kernel_size of the layer in the Sequential", () => {
    const text = `${HEAD}model = keras.Sequential([keras.Input(shape=(4, 4, 2)), layers.MaxPooling2D(2), layers.Conv2D(8, 3)])\n`;
    const { a } = analyzeKeras(text);
    assert.deepEqual(diags(text, a), ['error kernel-too-large @ 3']);
    assert.equal(text.slice(a.diagnostics[0].range.start - 17, a.diagnostics[0].range.end + 1), 'layers.Conv2D(8, 3)');
    assert.equal(
      a.diagnostics[0].message,
      'Computed output size would be zero or negative. Received `inputs shape=(None, 2, 2, 2)`, `kernel shape=(3, 3, 2, 8)`, `dilation_rate=[1 1]`, `strides=(1, 1)`, `padding=valid`.',
    );
  });

  it('construction errors (output_padding ≥ strides) on the argument; nothing cascades downstream', () => {
    const text = `${HEAD}x = keras.Input(shape=(7, 7, 4))
y = layers.Conv2DTranspose(4, 3, strides=2, output_padding=2)(x)
z = layers.Conv2D(8, 3)(y)
`;
    const { a } = analyzeKeras(text);
    assert.deepEqual(diags(text, a), ['error invalid-output-padding @ 2']);
    assert.deepEqual(calls(a), ['conv2d_transpose Conv2DTranspose ?', 'conv2d Conv2D ?']);
  });

  it('nothing is reported from a branch that may not run', () => {
    const text = `${HEAD}import random
x = keras.Input(shape=(8,))
if random.random() > 0.5:
    x = layers.add([x, keras.Input(shape=(3,))])
`;
    const { a } = analyzeKeras(text);
    assert.deepEqual(a.diagnostics, []);
  });
});
