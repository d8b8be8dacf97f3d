// Layers on a symbolic input carry a diagram drawn for a concrete size (`drawnFor`); layers on
// known sizes do not. A model's layers share one size: the implied input, else the smallest size
// the model accepts that shows every layer; a layer in no model gets its own smallest.
import { strict as assert } from 'assert';
import { analyzeText } from '../../../src/analysis';
import { withRepresentativeDrawings } from '../../../src/analysis/representative';
import { applyLayer, substitute } from '../../../src/engine';
import type { AcceptedInputs, LayerCall } from '../../../src/analysis/types';

const MNIST = (comment: string) => `import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, 1)
        self.conv2 = nn.Conv2d(32, 64, 3, 1)
        self.fc1 = nn.Linear(9216, 128)

    def forward(self, x):${comment}
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2)
        x = torch.flatten(x, 1)
        return self.fc1(x)
`;

const summary = (text: string) =>
  analyzeText(text).layers.map(l => [l.name, l.drawnFor?.sizes ?? null, l.drawnFor?.basis ?? null]);

describe('analysis: diagrams of layers on a symbolic input', () => {
  it('a model whose layers imply its input is drawn for that input, every layer alike', () => {
    assert.deepEqual(summary(MNIST('')), [
      ['conv1', { H: 28, W: 28 }, 'implied'],
      ['conv2', { H: 28, W: 28 }, 'implied'],
      ['F.max_pool2d', { H: 28, W: 28 }, 'implied'],
      ['fc1', null, null],
    ]);
  });

  it('a model nothing pins shares one size: the smallest it accepts that shows every layer', () => {
    const net = MNIST('').replace('self.fc1 = nn.Linear(9216, 128)', 'self.fc1 = nn.LazyLinear(128)');
    // Each alone would be drawn for 4, 6 and 8; together they are drawn for the pool's 8.
    assert.deepEqual(summary(net), [
      ['conv1', { H: 8, W: 8 }, 'model'],
      ['conv2', { H: 8, W: 8 }, 'model'],
      ['F.max_pool2d', { H: 8, W: 8 }, 'model'],
      ['fc1', null, null],
    ]);
  });

  it('a layer outside any model is drawn for its own smallest size', () => {
    const text = 'import torch.nn as nn\nconv = nn.Conv2d(1, 8, 3)\n';
    const layers = analyzeText(text).layers;
    assert.deepEqual(withRepresentativeDrawings(layers, []), layers);
  });

  it('the drawn size runs every layer up to the drawn one', () => {
    const layers = analyzeText(MNIST('')).layers;
    for (const layer of layers.filter(l => l.drawnFor)) {
      const at = layers.slice(0, layers.indexOf(layer) + 1);
      for (const l of at) {
        const input = l.inputs[0]!.map(d => substitute(d, layer.drawnFor!.sizes));
        const run = applyLayer(l.spec!, [input]);
        assert.ok(run.ok, `${l.name} at ${JSON.stringify(layer.drawnFor!.sizes)}`);
      }
    }
  });

  it('a declared input leaves nothing to draw for another size', () => {
    assert.deepEqual(
      summary(MNIST('  # x: [1, 1, 28, 28]')).map(s => s[1]),
      [null, null, null, null],
    );
  });

  it('an implied input is drawn when it runs; the drawn arithmetic is the layer rule at that size', () => {
    const analysis = analyzeText(MNIST(''));
    const drawn = withRepresentativeDrawings(
      analysis.layers,
      analysis.models.map(model => ({ model, layers: analysis.layers.map((_, i) => i) })),
    );
    assert.deepEqual(
      drawn.map(l => [l.drawnFor?.basis ?? null, l.drawnFor?.axes.map(a => a.input) ?? null]),
      [
        ['implied', [28, 28]],
        ['implied', [26, 26]],
        ['implied', [24, 24]],
        [null, null],
      ],
    );
  });

  describe('the size searched for a model is remembered per run', () => {
    const lazy = MNIST('').replace('self.fc1 = nn.Linear(9216, 128)', 'self.fc1 = nn.LazyLinear(128)');
    const modelsOf = (analysis: ReturnType<typeof analyzeText>, accepted?: AcceptedInputs) =>
      analysis.models.map(model => ({
        model: accepted ? { ...model, accepted } : model,
        layers: analysis.layers.map((_, i) => i),
      }));
    /** The same layer calls as new objects: nothing remembered applies to them. */
    const fresh = (analysis: ReturnType<typeof analyzeText>) => ({
      ...analysis,
      layers: analysis.layers.map(l => JSON.parse(JSON.stringify(l)) as LayerCall),
    });
    const sizesOf = (layers: readonly LayerCall[]) => layers.map(l => l.drawnFor?.sizes ?? null);

    it('drawing the same run again gives what a fresh search gives', () => {
      const analysis = analyzeText(lazy);
      const first = withRepresentativeDrawings(analysis.layers, modelsOf(analysis));
      const again = withRepresentativeDrawings(analysis.layers, modelsOf(analysis));
      const copy = fresh(analysis);
      const searched = withRepresentativeDrawings(copy.layers, modelsOf(copy));
      assert.deepEqual(again, first);
      assert.deepEqual(JSON.parse(JSON.stringify(again)), JSON.parse(JSON.stringify(searched)));
      assert.deepEqual(sizesOf(again).slice(0, 3), [
        { H: 8, W: 8 },
        { H: 8, W: 8 },
        { H: 8, W: 8 },
      ]);
    });

    it('a call with nothing to draw is its own result, again and again', () => {
      const declared = analyzeText(MNIST('  # x: [1, 1, 28, 28]'));
      const lazyRun = analyzeText(lazy);
      for (const analysis of [declared, lazyRun]) {
        const first = withRepresentativeDrawings(analysis.layers, modelsOf(analysis));
        const again = withRepresentativeDrawings(analysis.layers, modelsOf(analysis));
        first.forEach((l, i) => assert.equal(again[i], l));
        first.forEach((l, i) => assert.equal(l === analysis.layers[i], l.drawnFor === undefined));
      }
    });

    it('other accepted sizes for the same layer calls are searched again', () => {
      const analysis = analyzeText(lazy);
      withRepresentativeDrawings(analysis.layers, modelsOf(analysis)); // remembers H = W = 8
      // Only sizes from 10 up, in steps of 2, are accepted now: the search must not answer 8.
      const from10: AcceptedInputs = {
        axes: [2, 3].map(dim => ({ dim, symbol: dim === 2 ? 'H' : 'W', sets: [{ min: 10, max: null, step: 2 }] })),
        coupled: null,
      };
      const redrawn = withRepresentativeDrawings(analysis.layers, modelsOf(analysis, from10));
      const copy = fresh(analysis);
      const searched = withRepresentativeDrawings(copy.layers, modelsOf(copy, from10));
      assert.deepEqual(sizesOf(redrawn).slice(0, 3), [
        { H: 10, W: 10 },
        { H: 10, W: 10 },
        { H: 10, W: 10 },
      ]);
      assert.deepEqual(sizesOf(redrawn), sizesOf(searched));
    });
  });
});
