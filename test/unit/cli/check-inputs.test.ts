// `convshape check --input` for several arguments and over a Keras model's declared input: what
// the command prints and its exit status (docs/cli.md, "Inputs").
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from './run-cli';

const TORCH = `import torch
import torch.nn as nn

class TimeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, padding=1)
        self.time = nn.Linear(1, 16)

    def forward(self, x, t):
        return self.conv(x) + self.time(t)[:, :, None, None]
`;

const KERAS = `import keras
from keras import layers

inputs = keras.Input(shape=(28, 28, 1))
outputs = layers.Conv2D(4, 3)(inputs)
model = keras.Model(inputs, outputs)
`;

describe('cli: check --input for several inputs', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convshape-inputs-'));
    fs.writeFileSync(path.join(dir, 'timenet.py'), TORCH);
    fs.writeFileSync(path.join(dir, 'mnist.py'), KERAS);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives each forward argument its shape, by name or by position', async () => {
    const file = path.join(dir, 'timenet.py');
    for (const argv of [
      ['--input', 'x=2x3x8x8', '--input', 't=2x1'],
      ['--input', '[2,3,8,8], [2,1]'],
      ['--input', 'TimeNet=2x3x8x8', '--input', 'TimeNet.t=[2, 1]'],
    ]) {
      const r = await runCli('check', ...argv, file);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /model TimeNet \(pytorch\) {2}\[2, 3, 8, 8\], \[2, 1\] → \[2, 16, 8, 8\]/, argv.join(' '));
    }
  });

  it('refuses a constant with a usage error', async () => {
    const r = await runCli('check', '--input', 'flag=True', path.join(dir, 'timenet.py'));
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.match(r.err, /'True' is not a tensor shape/);
  });

  it("replaces a Keras Input by its name (`keras.Input(shape=..., name='image')`)", async () => {
    const file = path.join(dir, 'named.py');
    fs.writeFileSync(
      file,
      `import keras
from keras import layers

image = keras.Input(shape=(28, 28, 1), name="image")
x = layers.Conv2D(8, 3)(image)
model = keras.Model(image, x)
`,
    );
    const r = await runCli('check', '--input', 'image=1x32x32x1', file);
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.err,
      /named\.py:6:1: note: --input \(1, 32, 32, 1\) replaces the input model declares, \(None, 28, 28, 1\)/,
    );
    assert.match(r.out, /\[?1, 30, 30, 8/);
    const refused = await runCli('check', '--input', 'model.image=1x32x32', file);
    assert.equal(refused.code, 2, refused.err);
    assert.match(refused.err, /has rank 4 \(with the batch\), --input gives rank 3/);
  });

  it("replaces a Keras model's declared input with a note on stderr, and in JSON", async () => {
    const file = path.join(dir, 'mnist.py');
    const r = await runCli('check', '--input', 'model=1x32x32x1', file);
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.err,
      /mnist\.py:6:1: note: --input \(1, 32, 32, 1\) replaces the input model declares, \(None, 28, 28, 1\)/,
    );
    assert.match(r.out, /model model \(keras\) {2}\(1, 32, 32, 1\) → \(1, 30, 30, 4\)/);
    const json = await runCli('check', '--json', '--input', 'model=1x32x32x1', file);
    const m = JSON.parse(json.out).files[0].models[0];
    assert.deepEqual(
      [m.input, m.declaredInput, m.output],
      [
        [1, 32, 32, 1],
        [null, 28, 28, 1],
        [1, 30, 30, 4],
      ],
    );
  });

  it('refuses a shape of another rank: a usage error when the model is named, a note for every model', async () => {
    const file = path.join(dir, 'mnist.py');
    const named = await runCli('check', '--input', 'model=32x32x1', file);
    assert.equal(named.code, 2);
    assert.equal(named.out, '');
    assert.match(
      named.err,
      /--input \(32, 32, 1\) not applied to model .*has rank 4 \(with the batch\), --input gives rank 3/,
    );
    const every = await runCli('check', '--input', '32x32x1', file);
    assert.equal(every.code, 0);
    assert.match(every.err, /note: --input \(32, 32, 1\) not applied to model: /);
    assert.match(every.out, /\(None, 28, 28, 1\) → \(None, 26, 26, 4\)/);
  });
});
