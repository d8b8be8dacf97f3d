// Focused tests of the Keras rules: the MNIST convnet chain (values from the Keras example's
// model.summary()), the per-axis arithmetic shown in hovers, symbolic sizes, names in messages.
import { strict as assert } from 'assert';
import '../../../src/engine';
import { type Shape, dimJson, dimText, sym } from '../../../src/engine/dim';
import { applyLayer, bindLayer, layerParams } from '../../../src/engine/layer';
import type { ArgValue, Inference, LayerSpec } from '../../../src/engine/types';
import { snakeCase } from '../../../src/engine/keras/common';

function layer(
  kind: string,
  positional: ArgValue[] = [],
  keywords: Record<string, ArgValue> = {},
  layerName?: string,
): LayerSpec {
  const bound = bindLayer('keras', kind, positional, keywords, layerName ? { layerName } : {});
  assert.ok(bound && bound.ok, `${kind} binds`);
  return bound.spec;
}

function ok(r: Inference): Extract<Inference, { ok: true }> {
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r;
}

describe('keras rules', () => {
  it('MNIST convnet chain: shapes and parameters as in model.summary()', () => {
    const chain: [LayerSpec, Shape, number][] = [
      [layer('Conv2D', [32, [3, 3]], { activation: 'relu' }), [null, 26, 26, 32], 320],
      [layer('MaxPooling2D', [[2, 2]]), [null, 13, 13, 32], 0],
      [layer('Conv2D', [64, [3, 3]], { activation: 'relu' }), [null, 11, 11, 64], 18496],
      [layer('MaxPooling2D', [[2, 2]]), [null, 5, 5, 64], 0],
      [layer('Flatten'), [null, 1600], 0],
      [layer('Dropout', [0.5]), [null, 1600], 0],
      [layer('Dense', [10], { activation: 'softmax' }), [null, 10], 16010],
    ];
    let x: Shape = [null, 28, 28, 1];
    for (const [spec, expected, params] of chain) {
      const out = ok(applyLayer(spec, [x])).output as Shape;
      assert.deepEqual(out.map(dimJson), expected, spec.kind);
      assert.equal(layerParams(spec, x), params, `${spec.kind} params`);
      x = out;
    }
  });

  it('same padding with stride 2 and an even kernel pads asymmetrically, TensorFlow-style', () => {
    const r = ok(applyLayer(layer('Conv2D', [8, 4], { strides: 2, padding: 'same' }), [[null, 7, 7, 3]]));
    assert.deepEqual(r.output, [null, 4, 4, 8]);
    const [h] = r.axes ?? [];
    assert.equal(h.formula, '⌈7 / 2⌉ = 4');
    // total = (4 − 1)·2 + 4 − 7 = 3: one zero before, two after
    assert.deepEqual([h.padBefore, h.padAfter], [1, 2]);
    assert.ok(r.notes?.some(n => n.includes('pads 1 before, 2 after')));
  });

  it('valid padding reports input rows a stride leaves unused', () => {
    const r = ok(applyLayer(layer('Conv2D', [8, 3], { strides: 2 }), [[null, 6, 6, 3]]));
    assert.deepEqual(r.output, [null, 2, 2, 8]);
    assert.equal(r.axes?.[0].unusedInput, 1);
    assert.equal(r.axes?.[0].formula, '⌊(6 − 3)/2⌋ + 1 = 2');
  });

  it('causal Conv1D pads k̂ − 1 before only', () => {
    const r = ok(applyLayer(layer('Conv1D', [4, 3], { padding: 'causal', dilation_rate: 2 }), [[null, 10, 2]]));
    assert.deepEqual(r.output, [null, 10, 4]);
    assert.deepEqual([r.axes?.[0].padBefore, r.axes?.[0].padAfter], [4, 0]);
    assert.equal(r.axes?.[0].relationship, 15);
  });

  it('transposed convolution: output_padding None and given', () => {
    const none = ok(applyLayer(layer('Conv2DTranspose', [8, 3], { strides: 2 }), [[null, 7, 7, 3]]));
    assert.deepEqual(none.output, [null, 15, 15, 8]); // (7 − 1)·2 + max(3, 2)
    const same = ok(applyLayer(layer('Conv2DTranspose', [8, 3], { strides: 2, padding: 'same' }), [[null, 7, 7, 3]]));
    assert.deepEqual(same.output, [null, 14, 14, 8]);
    const given = ok(
      applyLayer(layer('Conv2DTranspose', [8, 3], { strides: 2, padding: 'same', output_padding: 0 }), [
        [null, 7, 7, 3],
      ]),
    );
    assert.deepEqual(given.output, [null, 13, 13, 8]); // (7 − 1)·2 + 3 % 2 + 0
    assert.ok(given.axes?.[0].transposed);
    const bad = bindLayer('keras', 'Conv2DTranspose', [8, 3], { output_padding: 1 });
    assert.ok(bad && !bad.ok && bad.error.code === 'invalid-output-padding');
  });

  it('symbolic sizes flow through; errors only when certain', () => {
    const H = sym('H');
    const r = ok(applyLayer(layer('Conv2D', [16, 3], { strides: 2 }), [[null, H, 32, 3]]));
    assert.equal(dimText((r.output as Shape)[1]), '⌊(H−1)/2⌋');
    assert.equal((r.output as Shape)[2], 15);
    const flat = ok(applyLayer(layer('Reshape', [[-1]]), [[null, H, 4, 8]]));
    assert.equal(dimText((flat.output as Shape)[1]), '32·H');
    const unknown = ok(applyLayer(layer('MaxPooling2D', [2]), [[null, null, 2, 3]]));
    assert.deepEqual(unknown.output, [null, null, 1, 3]);
    assert.equal(unknown.axes?.[0].output, null); // the unknown axis stays unknown, the known one is computed
    assert.equal(unknown.axes?.[1].output, 1);
  });

  it('a Dense layer called again on a different width raises the input_spec error with its name', () => {
    const r = applyLayer(layer('Dense', [10], {}, 'dense'), [[null, 800]], { built_input_shape: [null, 400] });
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'features-mismatch');
    assert.equal(
      r.error.message,
      'Input 0 of layer "dense" is incompatible with the layer: expected axis -1 of input shape to have value 400, but received input with shape (None, 800)',
    );
  });

  it('names layers like Keras when no name is given', () => {
    assert.equal(snakeCase('Conv2D'), 'conv2d');
    assert.equal(snakeCase('MaxPooling2D'), 'max_pooling2d');
    assert.equal(snakeCase('LeakyReLU'), 'leaky_re_lu');
    assert.equal(snakeCase('GlobalAveragePooling2D'), 'global_average_pooling2d');
    const r = applyLayer(layer('MaxPool2D'), [[null, 28, 28]]);
    assert.ok(
      !r.ok &&
        r.error.message.startsWith(
          'Input 0 of layer "max_pooling2d" is incompatible with the layer: expected ndim=4, found ndim=3.',
        ),
    );
  });

  it('a layer given where a size belongs stays unknown, with no internal error', () => {
    // `Conv2D(8, layers.Dense(3))`: Keras fails in Python's own words (not iterable); we say nothing.
    const dense: ArgValue = { kind: 'layer', spec: layer('Dense', [3]) };
    const bound = bindLayer('keras', 'Conv2D', [8, dense], {});
    assert.ok(bound && bound.ok);
    const r = applyLayer(bound.spec, [[null, 8, 8, 3]]);
    assert.ok(r.ok && r.output === null, JSON.stringify(r));
    assert.equal(layerParams(bound.spec, [null, 8, 8, 3]), undefined);
  });

  it('aliases bind to the canonical layer', () => {
    assert.equal(layer('Convolution2D', [8, 3]).kind, 'Conv2D');
    assert.equal(layer('GlobalAvgPool2D').kind, 'GlobalAveragePooling2D');
    assert.equal(layer('AvgPool1D').kind, 'AveragePooling1D');
  });
});
