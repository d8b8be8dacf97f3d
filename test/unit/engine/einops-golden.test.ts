// Every case of test/golden/pytorch-einops.json (tools/golden/pytorch_einops.py: einops' operations
// done with real torch reshape/permute/expand/einsum/cat) must come out of the einops rules
// exactly: the same shape(s), or the same error text. rearrange/reduce/repeat cases also go
// through the einops.layers.torch modules, which must say the same.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import '../../../src/engine';
import { applyLayer, bindLayer } from '../../../src/engine/layer';
import { applyEinops } from '../../../src/engine/pytorch/einops/ops';
import { type OpArg, type OpResult, tensorArg } from '../../../src/engine/types';

interface Case {
  op: string;
  pattern: string;
  inputs: number[][];
  axes: Record<string, number>;
  reduction?: string;
  packed_shapes?: number[][];
  expect: { shape?: number[]; shapes?: number[][]; error?: string };
}

const file = path.join(__dirname, '..', '..', '..', '..', 'test', 'golden', 'pytorch-einops.json');
const golden = JSON.parse(fs.readFileSync(file, 'utf8')) as { torch: string; cases: Case[] };

function evaluate(c: Case): OpResult | undefined {
  const xs: OpArg[] = c.inputs.map(s => tensorArg(s));
  switch (c.op) {
    case 'rearrange':
    case 'repeat':
      return applyEinops(c.op, [xs[0], c.pattern], c.axes);
    case 'reduce':
      return applyEinops('reduce', [xs[0], c.pattern, c.reduction as string], c.axes);
    case 'einsum':
      return applyEinops('einsum', [...xs, c.pattern], {});
    case 'pack':
      return applyEinops('pack', [xs, c.pattern], {});
    default:
      return applyEinops('unpack', [xs[0], c.packed_shapes as number[][], c.pattern], {});
  }
}

function observed(r: OpResult | undefined): Case['expect'] | string {
  if (!r) return 'not an einops function';
  if (!r.ok) return { error: r.error.message };
  if (r.value.kind === 'tensor') return r.value.shape === null ? 'unknown' : { shape: r.value.shape as number[] };
  if (r.value.kind === 'tensors') return { shapes: r.value.items.map(t => t.shape as number[]) };
  return 'not a tensor';
}

/** The golden's expectation without pack's packed shapes (a Python list, not a tensor). */
function expected(c: Case): Case['expect'] {
  return c.expect.error !== undefined
    ? { error: c.expect.error }
    : c.expect.shapes
      ? { shapes: c.expect.shapes }
      : { shape: c.expect.shape };
}

/** The same case through einops.layers.torch.Rearrange / Reduce / Repeat. */
function throughLayer(c: Case): Case['expect'] | string {
  const kind = c.op === 'rearrange' ? 'Rearrange' : c.op === 'reduce' ? 'Reduce' : 'Repeat';
  const positional = c.op === 'reduce' ? [c.pattern, c.reduction as string] : [c.pattern];
  const bound = bindLayer('pytorch', kind, positional, c.axes);
  if (!bound?.ok) return 'does not bind';
  const r = applyLayer(bound.spec, [c.inputs[0]]);
  if (!r.ok) return { error: r.error.message };
  return r.output === null ? 'unknown' : { shape: r.output as number[] };
}

describe(`einops golden (torch ${golden.torch} reshape/permute/expand)`, () => {
  it('has at least 700 cases over six operations, errors among them', () => {
    assert.ok(golden.cases.length >= 700);
    assert.equal(new Set(golden.cases.map(c => c.op)).size, 6);
    assert.ok(golden.cases.filter(c => c.expect.error !== undefined).length >= 100);
  });

  for (const op of ['rearrange', 'reduce', 'repeat', 'einsum', 'pack', 'unpack']) {
    const cases = golden.cases.filter(c => c.op === op);
    it(`${op}: ${cases.length} cases agree`, () => {
      const failures: string[] = [];
      for (const c of cases) {
        const want = expected(c);
        const got = observed(evaluate(c));
        if (JSON.stringify(got) !== JSON.stringify(want))
          failures.push(
            `${op}(${JSON.stringify(c.inputs)}, "${c.pattern}", ${JSON.stringify(c.axes)})\n   expected ${JSON.stringify(want)}\n   got      ${JSON.stringify(got)}`,
          );
        if (['rearrange', 'reduce', 'repeat'].includes(op)) {
          const layer = throughLayer(c);
          if (JSON.stringify(layer) !== JSON.stringify(want))
            failures.push(`layer ${op} "${c.pattern}" ${JSON.stringify(c.inputs)}: ${JSON.stringify(layer)}`);
        }
      }
      assert.equal(failures.length, 0, `${failures.length} disagree:\n${failures.slice(0, 8).join('\n')}`);
    });
  }
});
