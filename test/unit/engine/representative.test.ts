// The size a layer on a symbolic input is drawn for: the implied size when it runs, else the
// smallest H = W at which the layer's own rule runs with two input cells and two outputs per axis.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../../src/analysis';
import {
  type ArgValue,
  type DrawableLayer,
  LARGEST_REPRESENTATIVE,
  type Framework,
  type LayerSpec,
  type Shape,
  applyLayer,
  bindLayer,
  floorDiv,
  modelRepresentative,
  representativeDrawing,
  sub,
  substitute,
  sym,
  symbolsOf,
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

describe('engine: the size a whole model is drawn for', function () {
  this.timeout(120_000); // the reference search below is the slow one
  /** The search as specified: the smallest accepted n at which every layer draws (non-degenerate first). */
  function naiveRepresentative(layers: readonly DrawableLayer[], accepts: (n: number) => boolean) {
    const drawable = layers.filter(l => l.spec && l.inputs[0] && l.axes?.length);
    const symbols = [...new Set(drawable.flatMap(l => l.axes!.flatMap(a => [...symbolsOf(a.input)])))];
    if (!symbols.length) return undefined;
    for (const nonDegenerate of [true, false])
      for (let n = 1; n <= LARGEST_REPRESENTATIVE; n++) {
        if (!accepts(n)) continue;
        const sizes = Object.fromEntries(symbols.map(s => [s, n]));
        const drawsAt = (l: DrawableLayer) => {
          const pictured = representativeDrawing(l.spec, l.inputs[0], l.axes, sizes, 'model');
          if (!pictured || pictured.basis !== 'model') return !l.axes!.some(a => symbolsOf(a.input).size);
          return !nonDegenerate || pictured.axes.every(a => (a.input as number) >= 2 && (a.output as number) >= 2);
        };
        if (drawable.every(drawsAt)) return sizes;
      }
    return undefined;
  }

  it('is the smallest size every layer draws at, whichever layer fails first (every fixture model)', () => {
    const dirs = ['pytorch', 'keras'].map(d => path.resolve(__dirname, '../../../../test/fixtures', d));
    const files = dirs.flatMap(d => fs.readdirSync(d).flatMap(f => (f.endsWith('.py') ? [path.join(d, f)] : [])));
    // Backbones built and never called: drawn on a symbolic input, deep enough that most sizes fail.
    const backbones = [
      'inception_v3(weights=None, init_weights=False)',
      'googlenet(aux_logits=False, init_weights=False)',
      'resnet18()',
      'vgg11()',
      'densenet121()',
      'squeezenet1_0()',
      'mobilenet_v3_small()',
      'efficientnet_b0()',
    ].map(call => ({ name: call, text: `from torchvision import models\nmodel = models.${call}\n` }));
    const sources = [...files.map(f => ({ name: path.basename(f), text: fs.readFileSync(f, 'utf8') })), ...backbones];
    let compared = 0;
    for (const { name: file, text } of sources) {
      const analysis = analyzeText(text);
      for (const model of analysis.models) {
        const layers = model.layers.map(i => analysis.layers[i]).filter(l => l !== undefined);
        const found = modelRepresentative(layers);
        assert.deepEqual(
          found,
          naiveRepresentative(layers, () => true),
          `${file}: ${model.name}`,
        );
        // Deep layers first, as a model's last layers fail the small sizes: the same size.
        assert.deepEqual(modelRepresentative([...layers].reverse()), found, `${file}: ${model.name} reversed`);
        if (found) compared++;
      }
    }
    assert.ok(compared >= 12, `only ${compared} models drawn on a symbolic input`);
  });
});
