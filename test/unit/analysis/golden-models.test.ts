// Whole models against real PyTorch: per-layer qualified names and output shapes in execution
// order, the model's output and its parameter count. Expected values come from
// test/unit/analysis/models/golden.py (real PyTorch 1.13, forward hooks on leaf modules).
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../../src/analysis';
import { dimJson } from '../../../src/engine';

const dir = path.resolve(__dirname, '../../../../test/unit/analysis/models');

interface Golden {
  model: string;
  input: number[];
  output: number[];
  params: number;
  layers: { name: string; kind: string; output: number[] }[];
}

const expected: Record<string, Golden> = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'));

describe('analysis: whole models against real PyTorch', () => {
  it('has golden models', () => assert.ok(Object.keys(expected).length >= 5));

  for (const [file, g] of Object.entries(expected)) {
    describe(file, () => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const analysis = analyzeText(text, { inputs: { [g.model]: g.input } });
      const model = analysis.models.find(m => m.name === g.model);

      it('finds the model', () => assert.ok(model, `models: ${analysis.models.map(m => m.name)}`));
      it('gives every leaf layer call in execution order with named_modules() names', () => {
        const got = model!.layers
          .map(i => analysis.layers[i])
          .map(l => ({ name: l.name, kind: l.kind, output: l.output?.map(dimJson) ?? null }));
        assert.deepEqual(got, g.layers);
      });
      it('gives the output shape', () => assert.deepEqual(model!.output?.map(dimJson), g.output));
      it('counts parameters like model.parameters()', () => assert.equal(model!.params, g.params));
      it('raises no diagnostic on a correct model', () =>
        assert.deepEqual(
          analysis.diagnostics.filter(d => d.severity === 'error'),
          [],
        ));
    });
  }
});
