// torch.nn modules given floats (test/golden/pytorch-float-sizes.json, from real PyTorch 1.13 by
// tools/golden/pytorch_float_sizes.py): where PyTorch raises (a float for an integer size,
// `nn.Linear(128 / 2, 10)`) the module's output is unknown and nothing is claimed; where it runs
// (`scale_factor=2.0`, `alpha=1.0`) the shape is PyTorch's.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../../src/analysis';
import type { Args } from '../../../src/analysis/context';
import { floatForInt, floatForIntParam } from '../../../src/analysis/pytorch/float-sizes';
import { dimJson, knownKinds } from '../../../src/engine';

interface FloatCase {
  expr: string;
  input: number[];
  output?: number[];
  error?: string;
}

const golden = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../../../test/golden/pytorch-float-sizes.json'), 'utf8'),
) as { cases: FloatCase[]; ops: FloatCase[] };

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

  describe('tensor ops', () => {
    const forward = (c: FloatCase) => `import torch
import torch.nn.functional as F
from torch import nn


class Net(nn.Module):
    def forward(self, x):  # x: [${c.input.join(', ')}]
        y = ${c.expr}
        return y
`;
    for (const c of golden.ops) {
      it(`${c.expr}: ${c.output ? `[${c.output.join(', ')}]` : 'PyTorch raises, so not known'}`, () => {
        const text = forward(c);
        const analysis = analyzeText(text);
        const hint = analysis.hints.find(h => text.slice(h.range.start, h.range.end).startsWith('y = '));
        assert.deepEqual(
          analysis.diagnostics.filter(d => d.severity === 'error').map(d => d.message),
          [],
        );
        const shape = hint?.shape?.map(dimJson) ?? null;
        // Where PyTorch raises, the shape is not known in full (what the call's ints say may stay).
        if (c.output) assert.deepEqual(shape, c.output);
        else assert.ok(shape === null || shape.some(d => d === null), `${c.expr} claims ${JSON.stringify(shape)}`);
      });
    }
  });
});

describe('float sizes: a call with no float', () => {
  // floatForInt answers undefined without looking the module up: what the lookup answers too.
  it('names no parameter, for every torch.nn module', () => {
    const kinds = knownKinds('pytorch');
    assert.ok(kinds.length > 100);
    for (const kind of kinds) {
      assert.equal(floatForIntParam(kind, { positional: [], keywords: [] }), undefined, kind);
      const ints: Args = {
        pos: [{ k: 'int', v: 3 }],
        kw: new Map([['stride', { k: 'int', v: 2 }]]),
        unknownRest: false,
      };
      assert.equal(floatForInt(kind, ints), undefined, kind);
    }
  });
});
