// `convshape explain` of torch.nn modules given floats (test/golden/pytorch-float-sizes.json, from
// real PyTorch 1.13 by tools/golden/pytorch_float_sizes.py): where PyTorch raises a TypeError (a
// float for an integer, `nn.Linear(64.0, 10)`, `nn.AvgPool2d(2.)`) explain says so and exits 1;
// where PyTorch runs (`scale_factor=2.0`) it gives PyTorch's shape.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot, runCli } from './run-cli';

interface FloatCase {
  expr: string;
  input: number[];
  output?: number[];
  error?: string;
}

const golden = JSON.parse(fs.readFileSync(path.join(repoRoot, 'test/golden/pytorch-float-sizes.json'), 'utf8')) as {
  cases: FloatCase[];
};

describe('cli/explain: modules given floats', () => {
  for (const c of golden.cases) {
    it(`${c.expr}: ${c.output ? `[${c.output.join(', ')}]` : 'a TypeError in PyTorch'}`, async () => {
      const r = await runCli('explain', '--json', '--input', c.input.join(','), c.expr);
      const json = JSON.parse(r.out) as { output?: number[]; error?: { code: string; message: string } };
      if (c.error) {
        assert.ok(c.error.startsWith('TypeError'), c.error);
        assert.equal(r.code, 1);
        assert.equal(json.error?.code, 'invalid-argument');
        assert.match(json.error?.message ?? '', /is given a float; PyTorch wants an int there and raises a TypeError/);
      } else {
        assert.equal(r.code, 0, r.out);
        assert.deepEqual(json.output, c.output);
      }
    });
  }

  it('reads a float written with a trailing dot (`2.`, `1.e3`) as Python does', async () => {
    const r = await runCli('explain', '--json', '--input', '1,3,8,8', 'nn.Upsample(scale_factor=2.)');
    assert.equal(r.code, 0, r.err);
    assert.deepEqual((JSON.parse(r.out) as { output: number[] }).output, [1, 3, 16, 16]);
  });
});
