// GLU has one rule: nn.GLU and F.glu give the same shapes and PyTorch 1.13's errors.
import { strict as assert } from 'assert';
import '../../../src/engine';
import { type Shape, shapeText, sym } from '../../../src/engine/dim';
import { applyLayer, bindLayer } from '../../../src/engine/layer';
import { applyFunctional } from '../../../src/engine/pytorch/functional';
import { type ArgValue, tensorArg } from '../../../src/engine/types';

type Outcome = string; // the output shape, or "error: message"

function viaModule(input: Shape, positional: ArgValue[]): Outcome {
  const bound = bindLayer('pytorch', 'GLU', positional, {});
  assert.ok(bound?.ok);
  const r = applyLayer(bound.spec, [input]);
  if (!r.ok) return `error: ${r.error.message}`;
  return r.output ? shapeText(r.output) : 'unknown';
}

function viaFunctional(input: Shape, positional: ArgValue[]): Outcome {
  const r = applyFunctional('glu', [tensorArg(input), ...positional], {});
  assert.ok(r);
  if (!r.ok) return `error: ${r.error.message}`;
  assert.equal(r.value.kind, 'tensor');
  const shape = (r.value as { shape: Shape | null }).shape;
  return shape ? shapeText(shape) : 'unknown';
}

// Expected texts are PyTorch 1.13's (nn.GLU(...)(torch.zeros(...)) under /usr/bin/python3).
const CASES: { input: Shape; args: ArgValue[]; expected: Outcome }[] = [
  { input: [2, 8], args: [], expected: '[2, 4]' },
  { input: [2, 6, 5], args: [1], expected: '[2, 3, 5]' },
  { input: [2, 5], args: [1], expected: 'error: Halving dimension must be even, but dimension 1 is size 5' },
  {
    input: [2, 4],
    args: [3],
    expected: 'error: Dimension out of range (expected to be in range of [-2, 1], but got 3)',
  },
  { input: [], args: [], expected: 'error: glu does not support scalars because halving size must be even' },
  { input: [sym('N'), 10], args: [], expected: '[N, 5]' },
];

describe('GLU: one rule for the module and the functional form', () => {
  for (const c of CASES) {
    it(`GLU(${c.args.join(', ')}) on ${shapeText(c.input)} → ${c.expected}`, () => {
      assert.equal(viaModule(c.input, c.args), c.expected);
      assert.equal(viaFunctional(c.input, c.args), c.expected);
    });
  }
});
