// ConvShape's accepted input sizes against real PyTorch: every fixture of test/golden/accepted was
// run on every square size 1–128 and a set of rectangles (tools/golden/accepted_inputs.py); the
// predicate written by validInputs (its sets and pairs, read here as the JSON contract says) must
// agree on every one of them. A model without validInputs must be one this file names, with why.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../../src/analysis';
import type { AcceptedInputs, ModelInfo } from '../../../src/analysis/types';

const DIR = path.resolve(__dirname, '../../../../test/golden/accepted');

interface Golden {
  readonly rank: number;
  readonly squares: readonly number[];
  readonly rectangles: readonly (readonly [number, number, number])[];
}

/** Fixtures whose sizes the solver leaves unknown (unknown beats wrong), and why. */
const UNKNOWN: Record<string, string> = {
  // The accepted set depends on the batch: PyTorch 1.13 runs it at N = 1 for H = W = 32–35, 52–55,
  // …, at N = 25 for every H = W ≥ 16. No set of input sizes alone is right.
  lenet_view: 'view(-1, 400) folds any multiple of 400 features into the batch: N·16·H′·W′ divisible by 400',
  ceil_pool_padded: 'a padded ceil_mode pool drops its last window for some sizes only',
  impossible_head: 'no size works: reported as no-accepted-input instead',
};

/** v ∈ {min + k·step, v ≤ max}, as docs/json-contract.md defines a set. */
const inSet = (s: { min: number; max: number | null; step: number }, v: number) =>
  v >= s.min && (s.max === null || v <= s.max) && (v - s.min) % s.step === 0;

/** The predicate validInputs states, over the input's axes (by dim). */
function predicate(accepted: AcceptedInputs): (sizes: ReadonlyMap<number, number>) => boolean {
  return sizes => {
    for (const a of accepted.axes) if (!a.sets.some(s => inSet(s, sizes.get(a.dim)!))) return false;
    const c = accepted.coupled;
    if (!c) return true;
    return c.pairs.some(([x, y]) => x === sizes.get(c.dims[0]) && y === sizes.get(c.dims[1]));
  };
}

function modelOf(text: string): ModelInfo | undefined {
  const names = [...text.matchAll(/^class (\w+)\(/gm)].map(m => m[1]);
  // No class: a script's module-level `model = nn.Sequential(...)`.
  return analyzeText(text).models.find(m => m.name === (names[names.length - 1] ?? 'model'));
}

const fixtures = fs
  .readdirSync(DIR)
  .filter(f => f.endsWith('.json'))
  .map(f => f.slice(0, -5))
  .sort();

describe('accepted input sizes vs. real PyTorch (brute force)', function () {
  this.timeout(60_000);

  it('has at least 20 fixtures, each with its golden', () => {
    assert.ok(fixtures.length >= 20, `${fixtures.length} fixtures`);
    for (const f of fixtures) assert.ok(fs.existsSync(path.join(DIR, `${f}.py`)), f);
  });

  for (const name of fixtures) {
    it(`${name}: validInputs agrees with PyTorch on every size tried`, () => {
      const golden = JSON.parse(fs.readFileSync(path.join(DIR, `${name}.json`), 'utf8')) as Golden;
      const model = modelOf(fs.readFileSync(path.join(DIR, `${name}.py`), 'utf8'));
      assert.ok(model, 'the model is found');
      if (!model.accepted) {
        assert.ok(name in UNKNOWN, 'no validInputs, and no reason given why');
        return;
      }
      assert.ok(!(name in UNKNOWN), `${name} is listed as unknown but has validInputs`);
      const accepts = predicate(model.accepted);
      const spatial = golden.rank === 1 ? [2] : [2, 3];
      const wrong: string[] = [];
      for (let v = 1; v <= 128; v++) {
        const truth = golden.squares.includes(v);
        if (accepts(new Map(spatial.map(d => [d, v]))) !== truth) wrong.push(`${v}×${v}: PyTorch ${truth}`);
      }
      for (const [h, w, ok] of golden.rectangles) {
        if (
          accepts(
            new Map([
              [2, h],
              [3, w],
            ]),
          ) !==
          (ok === 1)
        )
          wrong.push(`${h}×${w}: PyTorch ${ok === 1}`);
      }
      assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} sizes disagree`);
    });
  }

  it('a contradiction for every size is an error naming the layer', () => {
    const text = fs.readFileSync(path.join(DIR, 'impossible_head.py'), 'utf8');
    const golden = JSON.parse(fs.readFileSync(path.join(DIR, 'impossible_head.json'), 'utf8')) as Golden;
    assert.deepEqual(golden.squares, []);
    assert.ok(golden.rectangles.every(r => r[2] === 0));
    const [d] = analyzeText(text).diagnostics;
    assert.equal(d?.code, 'no-accepted-input');
    assert.equal(d.message, 'No input size satisfies fc (4·⌊H/2⌋·⌊W/2⌋ = 50)');
  });

  const IMPLIED: Record<string, [number, string]> = {
    mnist_net: [28, 'fc1'],
    lenet_flatten: [32, 'fc1'],
    classifier16: [70, 'fc'],
    vgg_small: [32, 'classifier'],
    view_batch: [28, 'fc'],
  };
  for (const [name, [size, layer]] of Object.entries(IMPLIED)) {
    it(`${name}: the implied input ${size}×${size} runs in PyTorch, its pinned neighbourhood as PyTorch says`, () => {
      const golden = JSON.parse(fs.readFileSync(path.join(DIR, `${name}.json`), 'utf8')) as Golden;
      const model = modelOf(fs.readFileSync(path.join(DIR, `${name}.py`), 'utf8'))!;
      assert.ok(model.implied, 'an implied input');
      assert.deepEqual(model.implied.shape.slice(2), [size, size]);
      assert.equal(model.implied.layer, layer);
      assert.ok(golden.squares.includes(size), 'the implied size runs');
      assert.ok(!golden.squares.includes(size - 1), 'the size below it does not: it is the smallest');
      assert.ok(
        golden.squares.every(v => v < 128),
        'PyTorch accepts finitely many sizes: the input is pinned',
      );
    });
  }

  it('no implied input where nothing pins the size', () => {
    for (const name of ['unet3', 'unet_free_cat', 'resnet_adaptive', 'pyramid_cat']) {
      const model = modelOf(fs.readFileSync(path.join(DIR, `${name}.py`), 'utf8'))!;
      assert.equal(model.implied, undefined, name);
      assert.ok(model.accepted, name);
    }
  });
});
