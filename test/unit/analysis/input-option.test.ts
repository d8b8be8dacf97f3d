// `convshape check --input SHAPE` (options.inputs['*']) is for the file's models; a building block
// used inside another class is not made a model by it (run on the model's input it would show
// nonsense such as [2, ?, 32, 32]). A named `--input Block=SHAPE` still makes it one.
// The ResNet's output is real PyTorch's (torch 1.13, input [2, 3, 32, 32] → [2, 10]).
import { strict as assert } from 'assert';
import { dimJson } from '../../../src/engine';
import { analyze } from './helpers';

const BLOCK = `
class Block(nn.Module):
    def __init__(self, cin, cout, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.short = nn.Conv2d(cin, cout, 1, stride=stride, bias=False)

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return F.relu(y + self.short(x))
`;
const NET = `
class ResNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        self.layer1 = Block(16, 32, stride=2)
        self.layer2 = Block(32, 64, stride=2)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        x = self.layer2(self.layer1(self.stem(x)))
        return self.fc(x.mean((2, 3)))
`;

describe('analysis: --input for models only', () => {
  for (const [order, body] of [
    ['block defined first', BLOCK + NET],
    ['block defined after the model', NET + BLOCK],
  ]) {
    it(`* applies to the model, not to its building block (${order})`, () => {
      const { a } = analyze(body, { inputs: { '*': [2, 3, 32, 32] } });
      assert.deepEqual(
        a.models.map(m => m.name),
        ['ResNet'],
      );
      assert.deepEqual(a.models[0].output?.map(dimJson), [2, 10]);
      assert.deepEqual(
        a.diagnostics.filter(d => d.severity === 'error'),
        [],
      );
    });
  }

  it('a named --input still makes a building block a model', () => {
    const { a } = analyze(BLOCK + NET, { inputs: { '*': [2, 3, 32, 32], Block: [2, 16, 32, 32] } });
    assert.deepEqual(a.models.map(m => m.name).sort(), ['Block', 'ResNet']);
    assert.deepEqual(
      a.models.find(m => m.name === 'Block')?.inputs.map(s => s?.map(dimJson)),
      [[2, 16, 32, 32]],
    );
  });

  it('a building block with its own shape comment stays a model, on its own input', () => {
    const commented = BLOCK.replace('    def forward(self, x):', '    def forward(self, x):  # x: [1, 16, 8, 8]');
    const { a } = analyze(NET + commented, { inputs: { '*': [2, 3, 32, 32] } });
    assert.deepEqual(a.models.map(m => m.name).sort(), ['Block', 'ResNet']);
    assert.deepEqual(
      a.models.find(m => m.name === 'Block')?.inputs.map(s => s?.map(dimJson)),
      [[1, 16, 8, 8]],
    );
  });

  it('gives a top-level nn.Sequential subclass its input, and a never-called builder function', () => {
    // PyTorch 1.13: Conv2d(3, 8, 3, stride=2) on [1, 3, 17, 17] is [1, 8, 8, 8].
    const src = `
class Stack(nn.Sequential):
    def __init__(self):
        super().__init__(nn.Conv2d(3, 8, 3, stride=2), nn.ReLU())

def stack():
    return Stack()
`;
    const { a } = analyze(src, { inputs: { Stack: [1, 3, 17, 17], stack: [1, 3, 17, 17] } });
    const out = (name: string) => a.models.find(m => m.name === name)?.output?.map(dimJson);
    assert.deepEqual(out('Stack'), [1, 8, 8, 8]);
    assert.deepEqual(out('stack'), [1, 8, 8, 8]);
  });
});
