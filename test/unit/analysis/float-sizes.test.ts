// torch.nn modules given floats (test/golden/pytorch-float-sizes.json, from real PyTorch 1.13 by
// tools/golden/pytorch_float_sizes.py): where PyTorch raises (a float for an integer size,
// `nn.Linear(128 / 2, 10)`) the module's output is unknown and nothing is claimed; where it runs
// (`scale_factor=2.0`, `alpha=1.0`) the shape is PyTorch's.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../../src/analysis';
import { dimJson } from '../../../src/engine';

interface FloatCase {
  expr: string;
  input: number[];
  output?: number[];
  error?: string;
}

const golden = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../../../test/golden/pytorch-float-sizes.json'), 'utf8'),
) as { cases: FloatCase[] };

const model = (c: FloatCase) => `import torch
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.layer = ${c.expr}

    def forward(self, x):  # x: [${c.input.join(', ')}]
        return self.layer(x)
`;

describe('analysis: torch.nn modules given floats', () => {
  it('has cases PyTorch runs and cases it rejects', () => {
    assert.ok(golden.cases.filter(c => c.error).length >= 10);
    assert.ok(golden.cases.filter(c => c.output).length >= 10);
  });

  for (const c of golden.cases) {
    it(`${c.expr}: ${c.output ? `[${c.output.join(', ')}]` : 'PyTorch raises, so unknown'}`, () => {
      const analysis = analyzeText(model(c));
      const net = analysis.models.find(m => m.name === 'Net');
      assert.ok(net, 'the model is found');
      const errors = analysis.diagnostics.filter(d => d.severity === 'error');
      assert.deepEqual(
        errors.map(d => d.message),
        [],
      );
      assert.deepEqual(net.output?.map(dimJson) ?? null, c.output ?? null);
    });
  }
});
