// Layers on a symbolic input carry a diagram drawn for a concrete size (`drawnFor`); layers on
// known sizes do not. The size is each layer's smallest that runs with a picture, until an
// implied input is supplied through `withRepresentativeDrawings`' hook.
import { strict as assert } from 'assert';
import { analyzeText } from '../../../src/analysis';
import { withRepresentativeDrawings } from '../../../src/analysis/representative';
import { applyLayer, substitute } from '../../../src/engine';

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
  it('each sliding window is drawn for the smallest H = W that shows its windows; a Linear is not drawn', () => {
    assert.deepEqual(summary(MNIST('')), [
      ['conv1', { H: 4, W: 4 }, 'smallest'],
      ['conv2', { H: 6, W: 6 }, 'smallest'], // its input is H−2
      ['F.max_pool2d', { H: 8, W: 8 }, 'smallest'], // its input is H−4: two 2×2 windows need 4
      ['fc1', null, null],
    ]);
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

  it('the hook for an implied input: its sizes are drawn when they run', () => {
    const layers = analyzeText(MNIST('')).layers;
    const drawn = withRepresentativeDrawings(layers, () => ({ H: 28, W: 28 }));
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
});
