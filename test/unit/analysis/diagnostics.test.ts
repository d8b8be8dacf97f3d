// Diagnostics and their quick fixes; messages are PyTorch's own (checked against PyTorch 1.13:
// nn.Linear(9000, 128) on a [1, 9216] input raises "mat1 and mat2 shapes cannot be multiplied
// (1x9216 and 9000x128)").
import { strict as assert } from 'assert';
import { analyze, diagLines } from './helpers';

const MNIST = `class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, 1)
        self.conv2 = nn.Conv2d(32, 64, 3, 1)
        self.fc1 = nn.Linear(9000, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):  # x: [1, 1, 28, 28]
        x = F.relu(self.conv1(x))
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        return self.fc2(x)
`;

describe('analysis: diagnostics', () => {
  it("features-mismatch underlines in_features with PyTorch's message and a preferred fix", () => {
    const { text, a } = analyze(MNIST);
    assert.deepEqual(diagLines(text, a), ['features-mismatch @ 9000']);
    const [d] = a.diagnostics;
    assert.equal(d.severity, 'error');
    assert.equal(d.message, 'mat1 and mat2 shapes cannot be multiplied (1x9216 and 9000x128)');
    assert.equal(d.fixes[0].preferred, true);
    assert.deepEqual(
      d.fixes[0].edits.map(e => [text.slice(e.range.start, e.range.end), e.newText]),
      [['9000', '9216']],
    );
  });

  it('after a mismatch its fix would cure, analysis goes on as if fixed: one error, no cascade', () => {
    const { a } = analyze(MNIST);
    const fc2 = a.layers.find(l => l.name === 'fc2');
    assert.ok(fc2);
    assert.deepEqual(fc2.output, [1, 10]);
    assert.equal(a.diagnostics.length, 1);
  });

  it('recovery finds the next bug in the same pass', () => {
    const { a } = analyze(MNIST.replace('nn.Linear(128, 10)', 'nn.Linear(64, 10)'));
    assert.deepEqual(
      a.diagnostics.map(d => d.message),
      [
        'mat1 and mat2 shapes cannot be multiplied (1x9216 and 9000x128)',
        'mat1 and mat2 shapes cannot be multiplied (1x128 and 64x10)',
      ],
    );
  });

  it('after an error no fix can cure, the tensor is unknown and nothing cascades', () => {
    const { a } = analyze(
      MNIST.replace('torch.flatten(x, 1)', 'x.view(-1, 1000)').replace('nn.Linear(9000, 128)', 'nn.Linear(9216, 128)'),
    );
    assert.deepEqual(
      a.diagnostics.map(d => d.code),
      ['reshape-mismatch'],
    );
    assert.equal(a.layers.find(l => l.name === 'fc2')?.output, null);
  });

  it('channel-mismatch on a conv inside nn.Sequential, fix sets in_channels', () => {
    const { text, a } = analyze(`class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 8, 3), nn.Conv2d(4, 8, 3))

    def forward(self, x):  # x: [2, 3, 16, 16]
        return self.body(x)
`);
    assert.deepEqual(diagLines(text, a), ['channel-mismatch @ 4']);
    assert.equal(
      a.diagnostics[0].message,
      'Given groups=1, weight of size [8, 4, 3, 3], expected input[2, 8, 14, 14] to have 4 channels, but got 8 channels instead',
    );
    assert.deepEqual(
      a.diagnostics[0].fixes[0].edits.map(e => e.newText),
      ['8'],
    );
  });

  it('offers nn.Flatten() where a Linear in a Sequential meets a rank-4 tensor', () => {
    const { text, a } = analyze(`class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 8, 3), nn.Linear(8 * 14 * 14, 10))

    def forward(self, x):  # x: [2, 3, 16, 16]
        return self.body(x)
`);
    const [d] = a.diagnostics;
    assert.equal(d.code, 'features-mismatch');
    const flatten = d.fixes.find(f => f.title.includes('Flatten'));
    assert.ok(flatten, JSON.stringify(d.fixes));
    const [edit] = flatten.edits;
    const fixed = text.slice(0, edit.range.start) + edit.newText + text.slice(edit.range.end);
    assert.ok(fixed.includes('nn.Sequential(nn.Conv2d(3, 8, 3), nn.Flatten(), nn.Linear(8 * 14 * 14, 10))'), fixed);
  });

  it('a construction error is reported at the argument at fault', () => {
    const { text, a } = analyze(`class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(6, 8, 3, groups=4)

    def forward(self, x):
        return self.conv(x)
`);
    assert.deepEqual(diagLines(text, a), ['invalid-groups @ 6']);
    assert.equal(a.diagnostics[0].message, 'in_channels must be divisible by groups');
  });

  it('broadcast-mismatch on a residual add, at the expression', () => {
    const { text, a } = analyze(`class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(16, 16, 3)

    def forward(self, x):  # x: [1, 16, 8, 8]
        return self.conv(x) + x
`);
    assert.deepEqual(
      diagLines(text, a).filter(l => !l.startsWith('input-size-rejected')),
      ['broadcast-mismatch @ self.conv(x) + x'],
    );
    assert.equal(
      a.diagnostics.find(d => d.code === 'broadcast-mismatch')?.message,
      'The size of tensor a (6) must match the size of tensor b (8) at non-singleton dimension 3',
    );
  });

  it('reshape and cat errors come from the tensor ops', () => {
    const { text, a } = analyze(`class Net(nn.Module):
    def forward(self, x, y):  # x: [1, 4, 5], y: [1, 3, 6]
        z = torch.cat([x, y], dim=1)
        return x.view(-1, 7)
`);
    assert.deepEqual(
      diagLines(text, a).map(l => l.split(' @ ')[0]),
      ['cat-mismatch', 'reshape-mismatch'],
    );
    assert.equal(a.diagnostics[1].message, "shape '[-1, 7]' is invalid for input of size 20");
  });

  it('a stale shape comment is a warning with a rewrite', () => {
    const { text, a } = analyze(`class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)

    def forward(self, x):  # x: [N, 3, 32, 32]
        x = self.conv1(x)  # [N, 6, 30, 30]
        y = self.conv1(x[:, :3])  # (N, 6, 24, 24)
        return x
`);
    assert.deepEqual(diagLines(text, a), ['stale-shape-comment @ [N, 6, 30, 30]']);
    assert.equal(a.diagnostics[0].severity, 'warning');
    assert.deepEqual(
      a.diagnostics[0].fixes[0].edits.map(e => e.newText),
      ['[N, 6, 28, 28]'],
    );
  });

  it('dropped-input is information when a stride skips real input rows', () => {
    // Conv2d(3, 8, 3, stride=2) on 32: 15 outputs cover 31 rows, the 32nd is never read.
    const { text, a } = analyze(`class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, stride=2)
        self.ok = nn.Conv2d(8, 8, 3, stride=2, padding=1)

    def forward(self, x):  # x: [1, 3, 32, 32]
        return self.ok(self.conv(x))
`);
    assert.deepEqual(diagLines(text, a), ['dropped-input @ nn.Conv2d(3, 8, 3, stride=2)']);
    assert.equal(a.diagnostics[0].severity, 'information');
  });

  it('says nothing when shapes are unknown or a branch may not run', () => {
    const { a } = analyze(`class Net(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.fc = nn.Linear(n, 10)
        self.other = nn.Linear(5, 10)

    def forward(self, x, flag):  # x: [1, 7]
        y = self.fc(x)
        if flag:
            y = self.other(x)
        return y
`);
    assert.deepEqual(a.diagnostics, []);
  });
});
