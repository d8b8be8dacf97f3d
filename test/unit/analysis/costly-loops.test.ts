// A loop or comprehension whose items are known but too many to follow one by one at the cost of
// its first (over half the step budget left) runs its rest as a loop of unknown count
// (unknown-loop.ts `tooCostly`): the model around it keeps what can be known, and nothing the
// rest changes is taken for its value after one item.
import { strict as assert } from 'assert';
import { analyze, show } from './helpers';

describe('analysis: loops too costly to follow item by item', () => {
  it("a sinusoid table built in __init__ leaves the model's other layers and count known", () => {
    // PyTorch 1.13: Net has 5,130 parameters (the table is a buffer) and returns [2, 10, 10].
    const { a } = analyze(`import numpy as np


class PositionalEncoding(nn.Module):
    def __init__(self, d_hid, n_position=200):
        super().__init__()
        self.register_buffer('pos_table', self._table(n_position, d_hid))

    def _table(self, n_position, d_hid):
        def angles(position):
            return [position / np.power(10000, 2 * (j // 2) / d_hid) for j in range(d_hid)]

        table = np.array([angles(i) for i in range(n_position)])
        return torch.FloatTensor(table).unsqueeze(0)

    def forward(self, x):
        return x + self.pos_table[:, :x.size(1)]


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.pe = PositionalEncoding(512)
        self.fc = nn.Linear(512, 10)

    def forward(self, x):  # x: [2, 10, 512]
        return self.fc(self.pe(x))
`);
    const net = a.models.find(m => m.name === 'Net');
    assert.ok(net, 'Net is a model');
    assert.equal(net.params, 5130);
    assert.deepEqual(
      net.layers.map(i => a.layers[i].name),
      ['pe', 'fc'],
    );
    assert.deepEqual(a.diagnostics, []);
  });

  it('what the rest of such a loop changes is not known after it', () => {
    const { a } = analyze(`
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        table = []
        for r in range(400):
            for c in range(500):
                table.append(r * c)
        self.fc = nn.Linear(16, 10)
        self.extra = nn.Linear(len(table) // 100000 + 1, 2)

    def forward(self, x):  # x: [2, 16]
        return self.fc(x)
`);
    const net = a.models.find(m => m.name === 'Net');
    assert.ok(net, 'Net is a model');
    // len(table) is 200,000 in Python: extra is Linear(3, 2); after one row it would say Linear(1, 2).
    assert.equal(net.params, undefined);
    assert.equal(show(net.output), '[2, 10]');
  });

  it('a loop the budget affords is still followed item by item', () => {
    const { a } = analyze(`
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.pool = nn.MaxPool2d(2)

    def forward(self, x):  # x: [1, 3, 64, 64]
        for _ in range(4):
            x = self.pool(x)
        return x
`);
    assert.equal(show(a.models[0].output), '[1, 3, 4, 4]');
  });
});
