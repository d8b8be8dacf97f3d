// `--input` over a Keras model's declared input (docs/cli.md, "Inputs"): the caller's shape takes
// the place of `keras.Input(shape=...)`, `input_shape=` or `model.build(...)`, by position; a
// shape whose rank differs is refused, said in `replacedInputs`, and the declared input stays.
import { strict as assert } from 'assert';
import { analyzeKeras, calls, keras } from './keras-helpers';

const TWO_INPUTS = `import keras
from keras import layers

image = keras.Input(shape=(28, 28, 1), name="image")
meta = keras.Input(shape=(10,), name="meta")
x = layers.Conv2D(16, 3, activation="relu")(image)
x = layers.MaxPooling2D(2)(x)
x = layers.Flatten()(x)
m = layers.Dense(16)(meta)
out = layers.Dense(5)(layers.concatenate([x, m]))
model = keras.Model(inputs=[image, meta], outputs=out)
`;

const SEQUENTIAL = `import keras
from keras import layers

seq = keras.Sequential([layers.Dense(8, input_shape=(4,)), layers.Dense(2)])
built = keras.Sequential([layers.Dense(3)])
built.build((None, 7))
bare = keras.Sequential([layers.Dense(3)])
`;

const io = (a: ReturnType<typeof analyzeKeras>['a'], name: string) => {
  const m = a.models.find(x => x.name === name)!;
  return `${m.inputs.map(keras).join(', ')} → ${keras(m.output)}`;
};

describe('analysis: --input replaces a Keras model declared input', () => {
  it('replaces each keras.Input of a functional model by position, and says so', () => {
    const { a } = analyzeKeras(TWO_INPUTS, {
      inputs: {
        model: {
          positional: [
            [2, 32, 32, 1],
            [2, 10],
          ],
        },
      },
    });
    assert.equal(io(a, 'model'), '(2, 32, 32, 1), (2, 10) → (2, 5)');
    assert.ok(calls(a).includes('flatten Flatten (2, 3600)'), calls(a).join('\n'));
    assert.deepEqual(
      a.replacedInputs?.map(r => [r.model, keras(r.given), keras(r.declared), r.refused ?? null, r.byName]),
      [
        ['model', '(2, 32, 32, 1)', '(None, 28, 28, 1)', null, true],
        ['model', '(2, 10)', '(None, 10)', null, true],
      ],
    );
  });

  it('leaves the model as declared without --input, and says nothing', () => {
    const { a } = analyzeKeras(TWO_INPUTS);
    assert.equal(io(a, 'model'), '(None, 28, 28, 1), (None, 10) → (None, 5)');
    assert.equal(a.replacedInputs, undefined);
  });

  it('refuses a shape of another rank, and keeps the declared input', () => {
    const { a } = analyzeKeras(TWO_INPUTS, { inputs: { '*': [28, 28, 1] } });
    assert.equal(io(a, 'model'), '(None, 28, 28, 1), (None, 10) → (None, 5)');
    const [r] = a.replacedInputs ?? [];
    assert.equal(r.byName, false);
    assert.match(r.refused ?? '', /has rank 4 \(with the batch\), --input gives rank 3/);
  });

  it("replaces a Sequential's input_shape= and build(...), and builds a Sequential that declares none", () => {
    const { a } = analyzeKeras(SEQUENTIAL, { inputs: { seq: [3, 4], built: [5, 7], bare: [6, 2] } });
    assert.equal(io(a, 'seq'), '(3, 4) → (3, 2)');
    assert.equal(io(a, 'built'), '(5, 7) → (5, 3)');
    assert.equal(io(a, 'bare'), '(6, 2) → (6, 3)');
    assert.deepEqual(
      a.replacedInputs?.map(r => `${r.model} ${keras(r.declared)}`),
      ['seq (None, 4)', 'built (None, 7)'],
    );
  });
});
