// The models of each Keras fixture (test/fixtures/keras/) against its golden (derived from the
// Keras 3 rules by tools/golden/keras_models.py): every model Keras built is found in
// Analysis.models (by the variable it is bound to, or its class for a subclassed model), with
// framework 'keras', Keras' input and output shapes, and Keras' parameter count (fixtures where
// Keras raises are left to the fixture test).
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../../src/analysis';
import { keras } from './keras-helpers';

interface GoldenModel {
  readonly name: string;
  readonly class: string;
  readonly vars: readonly string[];
  readonly inputs: readonly (readonly (number | null)[])[];
  readonly outputs: readonly (readonly (number | null)[])[];
  /** Trainable weights; the non-trainable ones apart (Keras' Total params is their sum). */
  readonly params: number;
  readonly non_trainable_params: number;
}

const dir = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'keras');
const pyShape = (s: readonly (number | null)[]) =>
  `(${s.map(d => (d === null ? 'None' : String(d))).join(', ')}${s.length === 1 ? ',' : ''})`;

describe('analysis: Keras fixture models vs. the Keras 3 rules', () => {
  const fixtures = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter(f => f.endsWith('.keras.json'))
        .sort()
    : [];

  it('finds the fixtures', () => assert.ok(fixtures.length >= 20, `${fixtures.length} fixtures in ${dir}`));

  for (const file of fixtures) {
    const golden = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as {
      fixture: string;
      models: GoldenModel[];
      error: unknown;
    };
    // Where Keras raised, its models are partial (a Sequential stops before the failing layer).
    if (golden.models.length === 0 || golden.error) continue;
    const name = file.replace('.keras.json', '');
    it(`${name}: ${golden.models.map(m => m.vars[0] ?? m.class).join(', ')}`, () => {
      const a = analyzeText(fs.readFileSync(path.join(dir, `${name}.py`), 'utf8'));
      for (const g of golden.models) {
        const m = a.models.find(x => g.vars.includes(x.name) || x.name === g.class);
        assert.ok(m, `no model for ${g.name} (${g.vars.join(', ')}); models: ${a.models.map(x => x.name).join(', ')}`);
        assert.equal(m.framework, 'keras');
        assert.deepEqual(m.inputs.map(keras), g.inputs.map(pyShape), `${m.name} inputs`);
        assert.equal(keras(m.output), pyShape(g.outputs[0]), `${m.name} output`);
        assert.equal(m.params, g.params + g.non_trainable_params, `${m.name} total params`);
        assert.equal(m.trainableParams, g.params, `${m.name} trainable params`);
        assert.equal(m.nonTrainableParams, g.non_trainable_params, `${m.name} non-trainable params`);
      }
    });
  }
});
