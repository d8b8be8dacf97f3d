// `convshape check`: compiler-style text, the --json contract of docs/json-contract.md, --input, exit statuses.
// The expected shapes are PyTorch's (LeNet on 32×32; a 28×28 conv feeding Linear(9000) raises
// "mat1 and mat2 shapes cannot be multiplied (2x5408 and 9000x10)" in real PyTorch).
import { strict as assert } from 'assert';
import * as path from 'path';
import { runCli as run } from './run-cli';

const root = path.resolve(__dirname, '../../../..');
const ws = (name: string) => path.join(root, 'test/unit/cli/check-workspace', name);

interface CheckJson {
  files: {
    path: string;
    models: {
      name: string;
      line: number;
      framework: string;
      input: unknown;
      output: unknown;
      params: number;
      layers: { name: string; kind: string; line: number; input: unknown; output: unknown; params: number }[];
      validInputs?: {
        text: string;
        axes: { dim: number; sets: { min: number; max: number | null; step: number }[] }[];
        coupled: { relation: string; squares: unknown; pairs: [number, number][] } | null;
      } | null;
      impliedInput?: { shape: unknown; layer: string; line: number | null } | null;
    }[];
    diagnostics: {
      line: number;
      column: number;
      endLine: number;
      endColumn: number;
      severity: string;
      code: string;
      message: string;
      cell?: number;
    }[];
  }[];
}

describe('cli/check', () => {
  it('names the input of each axis and link in validInputs of a model with several inputs', async () => {
    const r = await run('check', '--json', path.join(root, 'test/golden/accepted-multi/residual_merge.py'));
    const [model] = (JSON.parse(r.out) as CheckJson).files[0].models;
    assert.deepEqual(model.input, [
      ['N', 16, 'H', 'W'],
      ['N', 16, 32, 32],
    ]);
    const valid = model.validInputs as unknown as { axes: unknown[]; coupled: unknown; links: unknown[] };
    assert.deepEqual(valid.axes, []);
    assert.equal(valid.coupled, null);
    assert.deepEqual(valid.links[0], {
      inputs: ['x', 'y'],
      dims: [2, 2],
      relation: 'H and H₂ broadcast',
      layer: 'broadcast',
      diagonal: [{ offset: 0, sets: [{ min: 2, max: null, step: 1 }] }],
      rows: [{ at: 1, sets: [{ min: 1, max: null, step: 1 }] }],
      columns: [{ at: 1, sets: [{ min: 1, max: null, step: 1 }] }],
    });
    assert.equal(valid.links.length, 2);
    const film = JSON.parse(
      (await run('check', '--json', path.join(root, 'test/golden/accepted-multi/film_block.py'))).out,
    ).files[0].models[0] as CheckJson['files'][number]['models'][number];
    assert.deepEqual(film.validInputs?.axes, [
      { input: 'x', dim: 2, sets: [{ min: 9, max: null, step: 1 }] },
      { input: 'x', dim: 3, sets: [{ min: 9, max: null, step: 1 }] },
    ]);
  });

  it('reports a correct model with its layer table and exits 0', async () => {
    const r = await run('check', ws('lenet.py'));
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /lenet\.py:6:7: model LeNet \(pytorch\) {2}\[N, 3, 32, 32\] → \[N, 10\]/);
    assert.match(r.out, /conv2 \(Conv2d\)\s+\[N, 16, 10, 10\]\s+2,416/);
    assert.doesNotMatch(r.out, /error:/);
  });

  it('follows the JSON contract: 1-based lines, shapes with names, layers in execution order', async () => {
    const r = await run('check', '--json', ws('lenet.py'));
    const json = JSON.parse(r.out) as CheckJson;
    assert.equal(json.files.length, 1);
    const [model] = json.files[0].models;
    assert.deepEqual(Object.keys(model).sort(), [
      'framework',
      'impliedInput',
      'input',
      'layers',
      'line',
      'name',
      'output',
      'params',
      'validInputs',
    ]);
    assert.equal(model.impliedInput, null, 'a declared input implies nothing');
    assert.deepEqual(Object.keys(model.validInputs ?? {}).sort(), ['axes', 'coupled', 'text'], 'one input: no links');
    assert.equal(model.validInputs?.coupled?.relation, '16·(⌊H/4⌋−3)·(⌊W/4⌋−3) = 400');
    assert.deepEqual(model.validInputs?.coupled?.squares, [{ min: 32, max: 35, step: 1 }]);
    assert.equal(model.name, 'LeNet');
    assert.equal(model.line, 6);
    assert.deepEqual(model.input, ['N', 3, 32, 32]);
    assert.deepEqual(model.output, ['N', 10]);
    assert.equal(model.params, 456 + 2416 + 4010);
    assert.deepEqual(
      model.layers.map(l => l.name),
      ['conv1', 'conv2', 'fc1'],
    );
    assert.deepEqual(
      model.layers.map(l => l.line),
      [9, 10, 11],
    );
    assert.deepEqual(model.layers[0], {
      name: 'conv1',
      kind: 'Conv2d',
      line: 9,
      input: ['N', 3, 32, 32],
      output: ['N', 6, 28, 28],
      params: 456,
    });
  });

  it("reports PyTorch's own error at the faulty argument and exits 1", async () => {
    const r = await run('check', '--json', ws('wrong_features.py'));
    assert.equal(r.code, 1);
    const diagnostics = (JSON.parse(r.out) as CheckJson).files[0].diagnostics;
    const d = diagnostics.find(x => x.code === 'features-mismatch')!;
    assert.equal(d.severity, 'error');
    assert.equal(d.message, 'mat1 and mat2 shapes cannot be multiplied (2x5408 and 9000x10)');
    assert.equal(d.line, 9);
    const text = await run('check', ws('wrong_features.py'));
    assert.match(
      text.out,
      /wrong_features\.py:9:\d+: error: mat1 and mat2 shapes cannot be multiplied \(2x5408 and 9000x10\) \[features-mismatch\]/,
    );
  });

  it('takes --input for every model or for one model by name', async () => {
    const all = JSON.parse((await run('check', '--json', '--input', '1,3,64,64', ws('lenet.py'))).out) as CheckJson;
    assert.deepEqual(all.files[0].models[0].layers[0].output, [1, 6, 60, 60]);
    const named = JSON.parse(
      (await run('check', '--json', '--input', 'Other=1,3,64,64', ws('lenet.py'))).out,
    ) as CheckJson;
    assert.deepEqual(named.files[0].models[0].layers[0].output, ['N', 6, 28, 28]);
  });

  it('checks notebooks cell by cell, with lines inside the cell', async () => {
    const r = await run('check', '--json', ws('notebook.ipynb'));
    const [d] = (JSON.parse(r.out) as CheckJson).files[0].diagnostics;
    assert.equal(d.code, 'channel-mismatch');
    assert.equal(d.cell, 3);
    // At the in_channels argument of `nn.Conv2d(4, 8, 3)`, line 4 of the third cell.
    assert.equal(d.line, 4);
    assert.match(
      (await run('check', ws('notebook.ipynb'))).out,
      /notebook\.ipynb:cell 3:4:\d+: error: Given groups=1, weight of size \[8, 4, 3, 3\], expected input\[1, 3, 8, 8\] to have 4 channels, but got 3 channels instead/,
    );
  });

  it('walks folders, skips what is not Python, and exits 1 when any file has an error', async () => {
    const r = await run('check', ws(''));
    assert.equal(r.code, 1);
    for (const f of ['lenet.py', 'wrong_features.py', 'notebook.ipynb']) assert.ok(r.out.includes(f), f);
    assert.ok(!r.out.includes('notes.txt'));
    const skipped = await run('check', ws('notes.txt'), ws('lenet.py'));
    assert.match(skipped.err, /notes\.txt: skipped: not a Python file or notebook/);
    assert.equal(skipped.code, 0);
  });

  it('exits 2 on usage errors', async () => {
    assert.equal((await run('check')).code, 2);
    assert.equal((await run('check', '--input', '[1,3', ws('lenet.py'))).code, 2);
    assert.equal((await run('check', ws('does-not-exist.py'))).code, 2);
  });
});
