// `--input` for several arguments (docs/cli.md, "Inputs"): by position, by argument name, by model.
import { strict as assert } from 'assert';
import type { InputOption } from '../../../src/analysis';
import { parseInputArgs } from '../../../src/cli/input-arg';
import { UsageError } from '../../../src/cli/io';
import { parseShapeArg } from '../../../src/cli/shape-arg';
import { type Shape, dimJson } from '../../../src/engine';

const json = (s: Shape) => s.map(dimJson);
function plain(o: InputOption): unknown {
  if (Array.isArray(o)) return json(o as Shape);
  const g = o as { positional?: Shape[]; named?: Record<string, Shape> };
  return {
    positional: (g.positional ?? []).map(json),
    named: Object.fromEntries(Object.entries(g.named ?? {}).map(([k, v]) => [k, json(v)])),
  };
}
const parsed = (...values: string[]) =>
  Object.fromEntries(Object.entries(parseInputArgs(values)).map(([k, v]) => [k, plain(v)]));

describe('cli/input-arg', () => {
  it('keeps the one-shape forms: every model, or one model by name', () => {
    assert.deepEqual(parsed('1,3,32,32', 'Net=[N,3,8,8]'), { '*': [1, 3, 32, 32], Net: ['N', 3, 8, 8] });
  });

  it('reads 1x3x32x32, integers and ? joined by x', () => {
    assert.deepEqual(parsed('1x3x32x32'), { '*': [1, 3, 32, 32] });
    assert.deepEqual(parsed('? x 10'), { '*': [null, 10] });
    const named = parseShapeArg('Nx3'); // a name, not N x 3
    assert.ok(named.ok && named.shape.length === 1);
  });

  it('reads several shapes by position when each is bracketed or written with x', () => {
    assert.deepEqual(parsed('[1,3,32,32], [1,10]'), {
      '*': {
        positional: [
          [1, 3, 32, 32],
          [1, 10],
        ],
        named: {},
      },
    });
    assert.deepEqual(parsed('1x3x32x32, 1x10'), {
      '*': {
        positional: [
          [1, 3, 32, 32],
          [1, 10],
        ],
        named: {},
      },
    });
    // Unbracketed numbers are one shape.
    assert.deepEqual(parsed('1, 10'), { '*': [1, 10] });
    assert.deepEqual(parsed('Gen=(2,100),(2,)'), { Gen: { positional: [[2, 100], [2]], named: {} } });
  });

  it('names an argument of one model with MODEL.ARG, merged with the model first input', () => {
    assert.deepEqual(parsed('Unet=1x3x32x32', 'Unet.t=[1]'), {
      Unet: { positional: [[1, 3, 32, 32]], named: { t: [1] } },
    });
  });

  it('keeps NAME=SHAPE as one shape: the model NAME or the argument NAME (the analysis decides)', () => {
    assert.deepEqual(parsed('x=1x3x32x32', 't=1x10'), { x: [1, 3, 32, 32], t: [1, 10] });
  });

  it('refuses constants, malformed shapes and the same target twice', () => {
    const refused = (values: string[], message: RegExp) =>
      assert.throws(
        () => parseInputArgs(values),
        (e: unknown) => e instanceof UsageError && message.test(e.message),
      );
    refused(['flag=True'], /'True' is not a tensor shape/);
    refused(['scale=0.5'], /'0.5' is not a tensor shape/);
    refused(['[1,2], [1,2'], /unbalanced|not a size/);
    refused(['t=1', 't=2'], /t given twice/);
    refused(['Net.t=1', 'Net.t=2'], /Net\.t given twice/);
    refused(['1,2', '3'], /every model given twice/);
    refused(['Net.t=[1],[2]'], /an argument takes one shape/);
  });
});
