// The size a layer on a symbolic input is drawn for: the implied size when it runs, else the
// smallest H = W at which the layer's own rule runs with two input cells and two outputs per axis.
import { strict as assert } from 'assert';
import {
  type ArgValue,
  type Framework,
  type LayerSpec,
  type Shape,
  applyLayer,
  bindLayer,
  floorDiv,
  representativeDrawing,
  sub,
  substitute,
  sym,
} from '../../../src/engine';

const N = sym('N'),
  H = sym('H'),
  W = sym('W'),
  L = sym('L'),
  C = sym('C');

function spec(framework: Framework, kind: string, positional: ArgValue[], keywords: Record<string, ArgValue> = {}) {
  const bound = bindLayer(framework, kind, positional, keywords);
  assert.ok(bound?.ok, `${kind} binds`);
  return bound.spec;
}

/** The symbolic run's axes, as the analysis records them. */
function symbolicAxes(s: LayerSpec, input: Shape) {
  const inference = applyLayer(s, [input]);
  assert.ok(inference.ok && inference.axes, `${s.kind} runs on the symbolic input`);
  return inference.axes;
}

/** Whether the layer, run on the input with every symbol in `sizes` set to n, gives a picture. */
function drawable(s: LayerSpec, input: Shape, symbols: readonly string[], n: number): boolean {
  const env = Object.fromEntries(symbols.map(x => [x, n]));
  const inference = applyLayer(s, [input.map(d => substitute(d, env))]);
  return (
    inference.ok &&
    (inference.axes ?? []).every(
      a => typeof a.input === 'number' && typeof a.output === 'number' && a.input >= 2 && a.output >= 2,
    )
  );
}

const CASES: readonly { what: string; spec: LayerSpec; input: Shape; size: number; symbols: string[] }[] = [
  {
    what: 'Conv2d 3×3',
    spec: spec('pytorch', 'Conv2d', [16, 32, 3]),
    input: [N, 16, H, W],
    size: 4,
    symbols: ['H', 'W'],
  },
  {
    what: 'Conv2d 3×3 stride 2',
    spec: spec('pytorch', 'Conv2d', [16, 32, 3], { stride: 2 }),
    input: [N, 16, H, W],
    size: 5,
    symbols: ['H', 'W'],
  },
  {
    what: 'Conv2d 3×3 stride 2 padding 1',
    spec: spec('pytorch', 'Conv2d', [3, 16, 3], { stride: 2, padding: 1 }),
    input: [N, 3, H, W],
    size: 3,
    symbols: ['H', 'W'],
  },
  {
    what: 'Conv2d dilated (k̂ = 5)',
    spec: spec('pytorch', 'Conv2d', [8, 8, 3], { dilation: 2 }),
    input: [N, 8, H, W],
    size: 6,
    symbols: ['H', 'W'],
  },
  { what: 'MaxPool2d(2)', spec: spec('pytorch', 'MaxPool2d', [2]), input: [N, 8, H, W], size: 4, symbols: ['H', 'W'] },
  {
    what: 'MaxPool2d(2) after conv/pool stages (input ⌊H/2⌋−2)',
    spec: spec('pytorch', 'MaxPool2d', [2]),
    input: [N, 64, sub(floorDiv(H, 2), 2), sub(floorDiv(W, 2), 2)],
    size: 12,
    symbols: ['H', 'W'],
  },
  {
    what: 'ConvTranspose2d stride 2',
    spec: spec('pytorch', 'ConvTranspose2d', [8, 4, 4], { stride: 2, padding: 1 }),
    input: [N, 8, H, W],
    size: 2,
    symbols: ['H', 'W'],
  },
  {
    what: 'Conv1d on a sequence',
    spec: spec('pytorch', 'Conv1d', [4, 8, 5]),
    input: [N, 4, L],
    size: 6,
    symbols: ['L'],
  },
  {
    what: 'Conv2d with one symbolic axis',
    spec: spec('pytorch', 'Conv2d', [3, 8, 3]),
    input: [N, 3, H, 32],
    size: 4,
    symbols: ['H'],
  },
  {
    what: "Keras Conv2D 'valid'",
    spec: spec('keras', 'Conv2D', [8, 3]),
    input: [null, H, W, C],
    size: 4,
    symbols: ['H', 'W'],
  },
  {
    what: "Keras Conv2D 'same'",
    spec: spec('keras', 'Conv2D', [8, 3], { padding: 'same' }),
    input: [null, H, W, 3],
    size: 2,
    symbols: ['H', 'W'],
  },
  {
    what: 'Keras Conv2D stride 2',
    spec: spec('keras', 'Conv2D', [8, 3], { strides: 2 }),
    input: [null, H, W, 3],
    size: 5,
    symbols: ['H', 'W'],
  },
];

describe('engine: the representative size a symbolic layer is drawn for', () => {
  for (const c of CASES) {
    it(`${c.what}: the smallest size that runs with a picture, ${c.symbols.join(' = ')} = ${c.size}`, () => {
      const drawn = representativeDrawing(c.spec, c.input, symbolicAxes(c.spec, c.input));
      assert.ok(drawn);
      assert.equal(drawn.basis, 'smallest');
      assert.deepEqual(drawn.sizes, Object.fromEntries(c.symbols.map(s => [s, c.size])));
      // The drawn size runs, and the drawing is what the rule does there.
      const env = drawn.sizes;
      const run = applyLayer(c.spec, [c.input.map(d => substitute(d, env))]);
      assert.ok(run.ok);
      assert.deepEqual(drawn.axes, run.axes);
      assert.ok(drawable(c.spec, c.input, c.symbols, c.size));
      // Nothing smaller would do.
      for (let n = 1; n < c.size; n++) assert.ok(!drawable(c.spec, c.input, c.symbols, n), `n = ${n}`);
    });
  }

  it('nothing to add when the sizes are known numbers', () => {
    const s = spec('pytorch', 'Conv2d', [3, 8, 3]);
    assert.equal(representativeDrawing(s, [1, 3, 8, 8], symbolicAxes(s, [1, 3, 8, 8])), undefined);
  });

  it('the implied size is drawn when it runs (an MNIST net: H = W = 28 leaves 12×12 maps)', () => {
    const s = spec('pytorch', 'MaxPool2d', [2]);
    const input: Shape = [N, 64, sub(H, 4), sub(W, 4)];
    const drawn = representativeDrawing(s, input, symbolicAxes(s, input), { H: 28, W: 28, N: 1 });
    assert.ok(drawn);
    assert.equal(drawn.basis, 'implied');
    assert.deepEqual(drawn.sizes, { H: 28, W: 28 });
    assert.deepEqual(
      drawn.axes.map(a => [a.input, a.output]),
      [
        [24, 12],
        [24, 12],
      ],
    );
  });

  it('an implied size that does not run, or misses a symbol, gives way to the smallest', () => {
    const s = spec('pytorch', 'Conv2d', [8, 8, 5]);
    const input: Shape = [N, 8, H, W];
    const axes = symbolicAxes(s, input);
    assert.equal(representativeDrawing(s, input, axes, { H: 3, W: 3 })?.basis, 'smallest');
    const partial = representativeDrawing(s, input, axes, { H: 28 });
    assert.equal(partial?.basis, 'smallest');
    assert.deepEqual(partial?.sizes, { H: 6, W: 6 });
  });
});
