// Arithmetic on Keras tensors is checked with Keras' own rule and words. KerasTensor.__add__ is
// ops.Add().symbolic_call, whose compute_output_spec is keras/src/ops/operation_utils.py
// broadcast_shapes (Keras 3; no Keras runs on these machines, so the expected texts are that
// function's f-string with these shapes): left-padded with 1s, compared left to right, None takes
// the other size, and the first differing axis raises. The Add *layer* keeps its own message.
import { strict as assert } from 'assert';
import { analyzeText } from '../../../src/analysis';
import { dimJson } from '../../../src/engine';

const HEAD = 'import keras\nfrom keras import layers\n\n';

function run(body: string) {
  const text = HEAD + body;
  const a = analyzeText(text);
  const diags = a.diagnostics.map(d => `${text.slice(d.range.start, d.range.end)}: ${d.message}`);
  const hintAt = (line: number) =>
    a.hints.find(h => text.slice(0, h.offset).split('\n').length === line)?.shape.map(dimJson);
  return { a, diags, hintAt };
}

describe("analysis: Keras tensor arithmetic in Keras' words", () => {
  it('a + b with (None, 4, 4, 64) and (None, 3, 3, 64)', () => {
    const { diags } = run('a = keras.Input(shape=(4, 4, 64))\nb = keras.Input(shape=(3, 3, 64))\nc = a + b\n');
    assert.deepEqual(diags, [
      'a + b: Cannot broadcast shape, the failure dim has value 4, which cannot be broadcasted to 3. Input shapes are: [None, 4, 4, 64] and [None, 3, 3, 64].',
    ]);
  });

  it('names the first (left-most) differing axis, where PyTorch names the right-most', () => {
    const { diags } = run('a = keras.Input(shape=(5, 3))\nb = keras.Input(shape=(4, 2))\nc = a * b\n');
    assert.deepEqual(diags, [
      'a * b: Cannot broadcast shape, the failure dim has value 5, which cannot be broadcasted to 4. Input shapes are: [None, 5, 3] and [None, 4, 2].',
    ]);
  });

  it("the Add layer keeps the merge layer's message", () => {
    const { diags } = run(
      'a = keras.Input(shape=(4, 4, 64))\nb = keras.Input(shape=(3, 3, 64))\nc = layers.add([a, b])\n',
    );
    assert.deepEqual(diags, [
      'layers.add([a, b]): Inputs have incompatible shapes. Received shapes (4, 4, 64) and (3, 3, 64)',
    ]);
  });

  it('broadcasts: 1 and None take the other size, a shorter shape is padded on the left', () => {
    const { diags, hintAt } = run(`a = keras.Input(shape=(None, 8))
b = keras.Input(shape=(5, 1))
c = a + b
d = keras.Input(shape=(4, 4, 64))
e = layers.Dense(64)(keras.Input(shape=(64,)))
f = d - e
`);
    assert.deepEqual(diags, []);
    assert.deepEqual(hintAt(6), [null, 5, 8]);
    assert.deepEqual(hintAt(9), [null, 4, 4, 64]);
  });

  it('inside a subclassed keras.Model call', () => {
    const { diags } = run(`class Residual(keras.Model):
    def __init__(self):
        super().__init__()
        self.conv = layers.Conv2D(64, 3)

    def call(self, x):  # x: (None, 6, 6, 64)
        return x + self.conv(x)
`);
    assert.deepEqual(diags, [
      'x + self.conv(x): Cannot broadcast shape, the failure dim has value 6, which cannot be broadcasted to 4. Input shapes are: [None, 6, 6, 64] and [None, 4, 4, 64].',
    ]);
  });

  it("PyTorch tensors keep PyTorch's message", () => {
    const text = 'import torch\na = torch.randn(2, 4, 4)\nb = torch.randn(2, 3, 3)\nc = a + b\n';
    const a = analyzeText(text);
    assert.deepEqual(
      a.diagnostics.map(d => d.message),
      ['The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 2'],
    );
  });
});
