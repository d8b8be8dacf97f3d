// The multi-file project fixture (test/fixtures/project: a package with __init__.py re-exports,
// relative, absolute and star imports, an import cycle) against real PyTorch: every module call
// tools/golden/project_golden.py recorded has the same output shape in the analysis, found by
// its named_modules() name.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../../src/analysis';
import { CliProject } from '../../../src/cli/project-files';

const PROJECT = path.resolve(__dirname, '../../../../test/fixtures/project');

interface GoldenCall {
  readonly name: string;
  readonly class: string;
  readonly output: number[] | null;
}

const goldens = fs.readdirSync(PROJECT).filter(f => f.endsWith('.torch.json'));

describe('multi-file project fixture against real PyTorch', () => {
  it('has goldens', () => assert.equal(goldens.length, 7));
  for (const golden of goldens) {
    it(golden.replace('.torch.json', '.py'), () => {
      const data = JSON.parse(fs.readFileSync(path.join(PROJECT, golden), 'utf8')) as {
        model: string;
        vars: string[];
        params: number;
        calls: GoldenCall[];
      };
      const file = path.join(PROJECT, golden.replace('.torch.json', '.py'));
      const project = new CliProject().optionsFor(file);
      const a = analyzeText(fs.readFileSync(file, 'utf8'), { project });
      // A model is named by its class, or by the variable holding one another file built.
      const model = a.models.find(m => m.name === data.model) ?? a.models.find(m => data.vars.includes(m.name));
      assert.ok(model, `model ${data.model}`);
      assert.equal(model.params, data.params);
      const layers = new Map(model.layers.map(i => [a.layers[i].name, a.layers[i]]));
      let compared = 0;
      for (const call of data.calls) {
        if (call.name === '') {
          assert.deepEqual(model.output, call.output);
          continue;
        }
        const layer = layers.get(call.name);
        if (!layer) continue; // a block (not a layer call of its own)
        assert.deepEqual(layer.output, call.output, call.name);
        compared++;
      }
      assert.equal(compared, data.calls.filter(c => !isBlock(c, data.calls)).length);
    });
  }
});

/** A module with children (a block or a container): the analysis lists its layers instead. */
const isBlock = (c: GoldenCall, calls: readonly GoldenCall[]) =>
  c.name === '' || calls.some(o => o.name.startsWith(`${c.name}.`));
