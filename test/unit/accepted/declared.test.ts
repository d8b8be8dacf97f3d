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
