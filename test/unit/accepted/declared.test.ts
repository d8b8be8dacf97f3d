// A declared input outside the accepted sizes: a note at the shape comment naming the nearest
// sizes that work, with a fix that rewrites the comment; applied, the model runs clean.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../../src/analysis';

const MNIST = fs.readFileSync(path.resolve(__dirname, '../../../../test/golden/accepted/mnist_net.py'), 'utf8');
const declared = (shape: string) => MNIST.replace('def forward(self, x):', `def forward(self, x):  # x: ${shape}`);

describe('accepted input sizes: a declared input', () => {
  it('outside the set: the nearest sizes that work, and a fix to the comment that cures the model', () => {
    const text = declared('[N, 1, 32, 32]');
    const a = analyzeText(text);
    const note = a.diagnostics.find(d => d.code === 'input-size-rejected');
    assert.ok(note, JSON.stringify(a.diagnostics));
    assert.equal(note.severity, 'information');
    assert.match(note.message, /^The model does not accept 32×32: it accepts .*; nearest: 29×29$/);
    assert.equal(text.slice(note.range.start, note.range.end), '[N, 1, 32, 32]');
    assert.ok(
      a.diagnostics.some(d => d.code === 'features-mismatch'),
      'the framework error stays',
    );
    const [edit] = note.fixes[0].edits;
    const fixed = text.slice(0, edit.range.start) + edit.newText + text.slice(edit.range.end);
    assert.equal(edit.newText, '[N, 1, 29, 29]');
    assert.deepEqual(analyzeText(fixed).diagnostics, []);
  });

  it('inside the set: nothing said, and the sizes are still known', () => {
    const a = analyzeText(declared('[N, 1, 28, 28]'));
    assert.deepEqual(a.diagnostics, []);
    assert.deepEqual(a.models[0].accepted?.coupled?.relation, '64·(⌊H/2⌋−2)·(⌊W/2⌋−2) = 9216');
    assert.equal(a.models[0].implied, undefined, 'a declared input is not implied');
  });
});

describe('accepted input sizes: the layer that implies the input', () => {
  // Real PyTorch 1.13: both models run on [1, 1, 28, 28] and on [1, 1, 29, 29], not on 27 or 30.
  const text = `import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(8 * 13 * 13, 10))

    def forward(self, x):
        return self.body(x)

seq = nn.Sequential(nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(8 * 13 * 13, 10))
`;
  it('inside nn.Sequential: named by its index and its kind, placed where it is built', () => {
    const a = analyzeText(text);
    const implied = ['Net', 'seq'].map(name => a.models.find(m => m.name === name)?.implied);
    assert.deepEqual(
      implied.map(i => i && [i.shape.slice(1), i.layer, i.range && text.slice(i.range.start, i.range.end)]),
      [
        [[1, 28, 28], 'body.4 (Linear)', 'nn.Linear(8 * 13 * 13, 10)'],
        [[1, 28, 28], '4 (Linear)', 'nn.Linear(8 * 13 * 13, 10)'],
      ],
    );
  });
});
