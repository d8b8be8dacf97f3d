// Every case of test/golden/pytorch-ops.json (made by tools/golden/pytorch_ops.py in real
// PyTorch 1.13) must come out of the engine exactly: the same shape(s), or the same error text.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import '../../../src/engine';
import { applyFunctional } from '../../../src/engine/pytorch/functional';
import { applyTensorMethod, applyTorchFunction } from '../../../src/engine/pytorch/tensor-ops';
import { type OpArg, type OpResult, tensorArg } from '../../../src/engine/types';
import type { Shape } from '../../../src/engine/dim';

type Encoded = number | string | boolean | null | Encoded[] | { tensor: number[]; high?: number };
interface Case {
  kind: 'method' | 'attr' | 'torch' | 'F';
  name: string;
  self?: number[];
  args: Encoded[];
  kwargs: Record<string, Encoded>;
  expect: { shape?: number[]; shapes?: number[][]; dims?: number[]; dim?: number; error?: string };
}

const goldenOf = (file: string) =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', 'test', 'golden', file), 'utf8')) as {
    torch: string;
    cases: Case[];
  };
const golden = goldenOf('pytorch-ops.json');
// The operations of today's building blocks (tools/golden/pytorch_ops_blocks.py), in the same format.
const blocks = goldenOf('pytorch-ops-blocks.json');

function decode(v: Encoded): OpArg {
  if (Array.isArray(v)) return v.map(decode);
  if (v !== null && typeof v === 'object') return tensorArg(v.tensor);
  return v;
}

function evaluate(c: Case): OpResult | undefined {
  const args = c.args.map(decode);
  const kwargs = Object.fromEntries(Object.entries(c.kwargs).map(([k, v]) => [k, decode(v)]));
  switch (c.kind) {
    case 'method':
    case 'attr':
      return applyTensorMethod(c.name, c.self as Shape, args, kwargs);
    case 'torch':
      return applyTorchFunction(c.name, args, kwargs);
    case 'F':
      return applyFunctional(c.name, args, kwargs);
  }
}

/** What the engine said, in the golden file's vocabulary (for comparison and failure reports). */
function observed(r: OpResult | undefined): Case['expect'] | string {
  if (!r) return 'not a known op';
  if (!r.ok) return { error: r.error.message };
  const v = r.value;
  if (v.kind === 'tensor') return v.shape === null ? 'unknown' : { shape: v.shape as number[] };
  if (v.kind === 'tensors') return { shapes: v.items.map(t => t.shape as number[]) };
  if (v.kind === 'dims') return { dims: v.dims as number[] };
  return { dim: v.dim as number };
}

function describe_(c: Case): string {
  const self = c.self ? `[${c.self.join(', ')}].` : '';
  return `${c.kind} ${self}${c.name}(${JSON.stringify(c.args)}${Object.keys(c.kwargs).length ? ', ' + JSON.stringify(c.kwargs) : ''})`;
}

describe('PyTorch ops golden (real PyTorch ' + golden.torch + ')', () => {
  it('has at least 1,000 cases, errors among them', () => {
    assert.ok(golden.cases.length >= 1000, `${golden.cases.length} cases`);
    assert.ok(golden.cases.filter(c => c.expect.error !== undefined).length >= 100);
    assert.ok(golden.cases.filter(c => c.kind === 'F').length >= 300);
  });

  it('has at least 700 building-block cases, errors among them', () => {
    assert.ok(blocks.cases.length >= 700, `${blocks.cases.length} cases`);
    assert.ok(blocks.cases.filter(c => c.expect.error !== undefined).length >= 80);
  });

  const groups = new Map<string, Case[]>();
  for (const c of [...golden.cases, ...blocks.cases]) {
    const key = `${c.kind === 'attr' ? 'method' : c.kind} ${c.name}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  for (const [key, cases] of groups) {
    it(`${key}: ${cases.length} cases agree`, () => {
      const failures: string[] = [];
      for (const c of cases) {
        const got = observed(evaluate(c));
        let agrees = true;
        try {
          assert.deepEqual(got, c.expect);
        } catch {
          agrees = false;
        }
        if (!agrees)
          failures.push(
            `${describe_(c)}\n      expected ${JSON.stringify(c.expect)}\n      got      ${JSON.stringify(got)}`,
          );
      }
      assert.equal(
        failures.length,
        0,
        `${failures.length}/${cases.length} disagree:\n    ${failures.slice(0, 8).join('\n    ')}`,
      );
    });
  }
});
