// Receptive fields against real PyTorch: test/golden/receptive-fields.json holds, for each
// test/golden/receptive/*.py model, the rows and columns of the input that each convolution's and
// average pooling's centre output reads, from PyTorch's gradients (tools/golden/receptive_fields.py).
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../../src/analysis';

function root(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

const DIR = path.join(root(), 'test', 'golden', 'receptive');
const golden = (
  JSON.parse(fs.readFileSync(path.join(root(), 'test', 'golden', 'receptive-fields.json'), 'utf8')) as {
    files: Record<string, Record<string, [number, number] | null>>;
  }
).files;

describe('receptive fields vs. real PyTorch (gradients)', () => {
  it('has a golden for every model', () => {
    assert.deepEqual(
      Object.keys(golden).sort(),
      fs
        .readdirSync(DIR)
        .filter(f => f.endsWith('.py'))
        .sort(),
    );
  });

  for (const [file, byName] of Object.entries(golden)) {
    it(`${file}: every layer's field is PyTorch's`, () => {
      const a = analyzeText(fs.readFileSync(path.join(DIR, file), 'utf8'));
      const model = a.models[a.models.length - 1];
      const ours: Record<string, [number, number] | null> = {};
      for (const i of model.layers) {
        const l = a.layers[i];
        if (l.name in byName)
          ours[l.name] = l.receptiveField ? [l.receptiveField[0].size, l.receptiveField[1].size] : null;
      }
      assert.deepEqual(ours, byName);
    });
  }
});
