// ConvShape's accepted input sizes of Keras models against Keras' own shape code: every fixture
// of test/golden/keras-accepted was built with its first Input set to every square size 1–128
// and a set of rectangles (tools/golden/keras_accepted_inputs.py, on the port of Keras 3's shape
// code); the predicate validInputs states (dims as Keras has them: H at 1, W at 2) must agree on
// every one of them.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../../src/analysis';
import type { AcceptedInputs, ModelInfo } from '../../../src/analysis/types';

const DIR = path.resolve(__dirname, '../../../../test/golden/keras-accepted');

interface Golden {
  readonly rank: number;
  readonly squares: readonly number[];
  readonly rectangles: readonly (readonly [number, number, number])[];
}

/** Fixtures whose sizes are left unknown (unknown beats wrong), and why. */
const UNKNOWN: Record<string, string> = {
  transpose_decoder:
    'Add of the input and a map 4·⌈⌈H/2⌉/2⌉: at H = 1 it broadcasts to 4, so the output size itself varies by size',
};

const inSet = (s: { min: number; max: number | null; step: number }, v: number) =>
  v >= s.min && (s.max === null || v <= s.max) && (v - s.min) % s.step === 0;

function predicate(accepted: AcceptedInputs): (sizes: ReadonlyMap<number, number>) => boolean {
  return sizes => {
    for (const a of accepted.axes) if (!a.sets.some(s => inSet(s, sizes.get(a.dim)!))) return false;
    const c = accepted.coupled;
    if (!c) return true;
    return c.pairs.some(([x, y]) => x === sizes.get(c.dims[0]) && y === sizes.get(c.dims[1]));
  };
}

const modelOf = (name: string): ModelInfo | undefined =>
  analyzeText(fs.readFileSync(path.join(DIR, `${name}.py`), 'utf8')).models.find(m => m.name === 'model');

const golden = (name: string): Golden => JSON.parse(fs.readFileSync(path.join(DIR, `${name}.json`), 'utf8')) as Golden;

const fixtures = fs
  .readdirSync(DIR)
  .filter(f => f.endsWith('.json'))
  .map(f => f.slice(0, -5))
  .sort();

describe("accepted input sizes of Keras models vs. Keras' shape code (brute force)", function () {
  this.timeout(60_000);

  it('has at least 8 fixtures with validInputs, each with its golden', () => {
    assert.ok(fixtures.filter(f => !(f in UNKNOWN)).length >= 8, `${fixtures.length} fixtures`);
    for (const f of fixtures) assert.ok(fs.existsSync(path.join(DIR, `${f}.py`)), f);
  });

  for (const name of fixtures) {
    it(`${name}: validInputs agrees with Keras on every size tried`, () => {
      const g = golden(name);
      const model = modelOf(name);
      assert.ok(model, 'the model is found');
      if (!model.accepted) {
        assert.ok(name in UNKNOWN, 'no validInputs, and no reason given why');
        return;
      }
      assert.ok(!(name in UNKNOWN), `${name} is listed as unknown but has validInputs`);
      const accepts = predicate(model.accepted);
      const spatial = g.rank === 1 ? [1] : [1, 2];
      const wrong: string[] = [];
      for (let v = 1; v <= 128; v++) {
        const truth = g.squares.includes(v);
        if (accepts(new Map(spatial.map(d => [d, v]))) !== truth) wrong.push(`${v}: Keras ${truth}`);
      }
      for (const [h, w, ok] of g.rectangles) {
        const sizes = new Map([
          [1, h],
          [2, w],
        ]);
        if (accepts(sizes) !== (ok === 1)) wrong.push(`${h}×${w}: Keras ${ok === 1}`);
      }
      assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} sizes disagree`);
    });
  }

  it('a Reshape to a fixed size implies the input; its neighbours do not build', () => {
    const model = modelOf('reshape_pinned')!;
    assert.deepEqual(model.implied?.shape, [null, 28, 28, 1]);
    assert.equal(model.implied?.layer, 'reshape');
    const g = golden('reshape_pinned');
    assert.deepEqual(g.squares, [28, 29]);
  });

  it("the implied input's declaration rewrites the Input's shape; then nothing is implied", () => {
    const text = fs.readFileSync(path.join(DIR, 'reshape_pinned.py'), 'utf8');
    const declaration = modelOf('reshape_pinned')!.implied?.declaration;
    assert.ok(declaration, 'a declaration edit');
    assert.equal(text.slice(declaration.range.start, declaration.range.end), '(None, None, 1)');
    assert.equal(declaration.newText, '(28, 28, 1)');
    const fixed = text.slice(0, declaration.range.start) + declaration.newText + text.slice(declaration.range.end);
    const after = analyzeText(fixed);
    const model = after.models.find(m => m.name === 'model')!;
    assert.deepEqual(model.inputs, [[null, 28, 28, 1]]);
    assert.deepEqual(model.output, [null, 10]);
    assert.equal(model.implied, undefined);
    assert.deepEqual(after.diagnostics, []);
  });

  it('an Input no size satisfies is an error naming the layer', () => {
    const text = fs
      .readFileSync(path.join(DIR, 'reshape_pinned.py'), 'utf8')
      .replace('layers.Reshape((12 * 12 * 64,))', 'layers.Reshape((12 * 12 * 63,))');
    const [d] = analyzeText(text).diagnostics;
    assert.equal(d?.code, 'no-accepted-input');
    assert.match(d.message, /^No input size satisfies reshape \(/);
  });

  it('a Dense after Flatten pins nothing in Keras: no implied input, every size from 16 up', () => {
    const model = modelOf('lenet_sequential')!;
    assert.equal(model.implied, undefined);
    assert.equal(golden('lenet_sequential').squares[0], 16);
    assert.equal(golden('lenet_sequential').squares.length, 128 - 15);
  });
});
