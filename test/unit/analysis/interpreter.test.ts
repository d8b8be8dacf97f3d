// The abstract interpreter on small programs. Expected shapes are PyTorch's (checked with
// PyTorch 1.13 where concrete: Conv2d(3, 16, 3, stride=2, padding=1) on 32 → 16; a 5×5 conv on
// 32 → 28; Linear keeps leading axes).
import { strict as assert } from 'assert';
import { analyzeNotebook, analyzeText } from '../../../src/analysis';
import { HEADER, analyze, diagLines, hintLines, layerLines, show } from './helpers';

describe('analysis: input shapes', () => {
  const NET = `class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, stride=2, padding=1)

    def forward(self, x):
        return self.conv(x)
`;

  it('falls back to symbols: batch N, channels of the first layer, H and W', () => {
    const { a } = analyze(NET);
    assert.equal(show(a.models[0].inputs[0]), '[N, 3, H, W]');
    assert.equal(show(a.models[0].output), '[N, 16, ⌊(H−1)/2⌋+1, ⌊(W−1)/2⌋+1]');
  });

  it('uses L for 1-D and D, H, W for 3-D first layers', () => {
    const one = analyze(NET.replace('nn.Conv2d(3, 16, 3, stride=2, padding=1)', 'nn.Conv1d(4, 8, 3)')).a;
    assert.equal(show(one.models[0].inputs[0]), '[N, 4, L]');
    assert.equal(show(one.models[0].output), '[N, 8, L−2]');
    const three = analyze(NET.replace('nn.Conv2d(3, 16, 3, stride=2, padding=1)', 'nn.Conv3d(1, 2, 3, padding=1)')).a;
    assert.equal(show(three.models[0].output), '[N, 2, D, H, W]');
  });

  it('a shape comment on the def line or above it wins, names become shared symbols', () => {
    const a1 = analyze(NET.replace('def forward(self, x):', 'def forward(self, x):  # x: [B, 3, 32, 32]')).a;
    assert.equal(show(a1.models[0].output), '[B, 16, 16, 16]');
    const a2 = analyze(
      NET.replace('    def forward(self, x):', '    # x: B x 3 x ? x 64\n    def forward(self, x):'),
    ).a;
    assert.equal(show(a2.models[0].output), '[B, 16, ?, 32]');
  });

  it('reads a jaxtyping annotation', () => {
    const { a } = analyze(
      NET.replace('def forward(self, x):', 'def forward(self, x: Float[Tensor, "batch 3 64 64"]):'),
    );
    assert.equal(show(a.models[0].output), '[batch, 16, 32, 32]');
  });

  it('reads sample inputs written in the file', () => {
    const call = analyze(
      NET + '\nmodel = Net().eval()\nwith torch.no_grad():\n    y = model(torch.randn(8, 3, 28, 28))\n',
    ).a;
    assert.equal(show(call.models[0].inputs[0]), '[8, 3, 28, 28]');
    assert.equal(show(call.models[0].output), '[8, 16, 14, 14]');
    const info = analyze('from torchinfo import summary\n' + NET + '\nsummary(Net(), input_size=(1, 3, 64, 64))\n').a;
    assert.equal(show(info.models[0].output), '[1, 16, 32, 32]');
    const ts = analyze(
      'import torchsummary\n' + NET + '\nif __name__ == "__main__":\n    torchsummary.summary(Net(), (3, 32, 32))\n',
    ).a;
    assert.equal(show(ts.models[0].inputs[0]), '[N, 3, 32, 32]');
  });

  it('uses --input for a named model, and constructor arguments written in the file', () => {
    const src = NET.replace('def __init__(self):', 'def __init__(self, width=4):').replace(
      'nn.Conv2d(3, 16,',
      'nn.Conv2d(3, width,',
    );
    const { a } = analyze(src + '\nnet = Net(width=24)\n', { inputs: { Net: [2, 3, 10, 10] } });
    assert.equal(show(a.models[0].output), '[2, 24, 5, 5]');
  });
});

describe('analysis: the Python subset', () => {
  it('runs if/else on known conditions and joins both branches when unknown', () => {
    const { a } = analyze(`class Net(nn.Module):
    def __init__(self, pool=True):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.pool = nn.MaxPool2d(2) if pool else nn.Identity()

    def forward(self, x, flag):  # x: [1, 3, 16, 16]
        x = self.pool(self.conv(x))
        if flag:
            x = x[:, :, :4]
        return x
`);
    assert.deepEqual(layerLines(a), ['conv: [1, 8, 16, 16]', 'pool: [1, 8, 8, 8]']);
    assert.equal(show(a.models[0].output), '[1, 8, ?, 8]');
  });

  it('unrolls for loops over range, lists, zip and enumerate; comprehensions; *args and **kwargs', () => {
    const { a } = analyze(`def block(cin, cout, *extra, **kw):
    return nn.Sequential(nn.Conv2d(cin, cout, **kw), *extra)


class Net(nn.Module):
    def __init__(self, widths=[8, 16]):
        super().__init__()
        ins = [3] + widths[:-1]
        self.stages = nn.ModuleList([block(i, o, nn.ReLU(), kernel_size=3, stride=2) for i, o in zip(ins, widths)])
        self.names = {name: i for i, name in enumerate(['a', 'b'])}

    def forward(self, x):  # x: [1, 3, 33, 33]
        for stage in self.stages:
            x = stage(x)
        for _ in range(self.names['b']):
            x = x * 2
        return x
`);
    assert.deepEqual(layerLines(a), [
      'stages.0.0: [1, 8, 16, 16]',
      'stages.0.1: [1, 8, 16, 16]',
      'stages.1.0: [1, 16, 7, 7]',
      'stages.1.1: [1, 16, 7, 7]',
    ]);
  });

  it('uses x.size(0) and x.shape[1] as dims', () => {
    const { a } = analyze(`class Net(nn.Module):
    def forward(self, x):  # x: [B, 8, 4, 4]
        y = x.view(x.size(0), x.shape[1], -1)
        return y.permute(0, 2, 1)
`);
    assert.equal(show(a.models[0].output), '[B, 16, 8]');
  });

  it('a class that builds itself, or two classes that build each other, terminate quietly', () => {
    const start = Date.now();
    const { a } = analyze(`class A(nn.Module):
    def __init__(self):
        super().__init__()
        self.b = B()
        self.conv = nn.Conv2d(3, 3, 1)

    def forward(self, x):
        return self.b(self.conv(x))


class B(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = A()

    def forward(self, x):
        return self.a(x)


class Self(nn.Module):
    def __init__(self):
        super().__init__()
        self.me = Self()

    def forward(self, x):
        return self.forward(x)
`);
    assert.ok(Date.now() - start < 5000);
    assert.ok(a.models.length >= 1);
    assert.deepEqual(a.diagnostics, []);
  });

  it('an __init__ that builds its own class and initialises it again nests no deeper than one that builds it', () => {
    // How a half-typed `super(,Net self).__init__()` reads: `super(?), Net(?).__init__()`. Each
    // level ran __init__ twice, doubling until the step budget ended (0 layers, ~1 s); counted as
    // constructions, it stops nesting where `Net(...)` would, and the model's own layers remain.
    const body = `class Net(nn.Module):
    def __init__(self, classes=5):
        super(), Net(classes).__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(8, classes)

    def forward(self, x):  # x: [2, 3, 16, 16]
        return self.fc(self.pool(self.conv(x)).flatten(1))
`;
    const a = analyzeText(HEADER + body, { limits: { maxSteps: 20_000 } });
    const net = a.models.find(m => m.name === 'Net');
    assert.equal(show(net?.output), '[2, 5]');
    assert.deepEqual(
      net?.layers.map(i => a.layers[i].name),
      ['conv', 'pool', 'fc'],
    );
  });

  it('a block that builds several of itself at every level stops at a bounded number of them', () => {
    // Six levels of six are 46,656 instances; the step budget used to end first, leaving nothing.
    const body = `class Block(nn.Module):
    def __init__(self, level=0):
        super().__init__()
        self.conv = nn.Conv2d(3, 3, 1)
        self.branches = nn.ModuleList([Block(level + 1) for _ in range(6)])

    def forward(self, x):  # x: [1, 3, 8, 8]
        return self.conv(x)
`;
    const a = analyzeText(HEADER + body, { limits: { maxSteps: 60_000 } });
    const block = a.models.find(m => m.name === 'Block');
    assert.equal(show(block?.output), '[1, 3, 8, 8]');
    // Its branches are not all known: no parameter count, rather than one that leaves some out.
    assert.equal(block?.params, undefined);
  });

  it('a tree of blocks deeper than the analysis follows has no parameter count, not a partial one', () => {
    // PyTorch 1.13: Tree(3) has 180 parameters, Tree(8) 6,132 (511 blocks of 12); the analysis
    // follows six levels, so Tree(8)'s leaves are not known, and its count used to be 756.
    const tree = (level: number) => `class Tree(nn.Module):
    def __init__(self, level):
        super().__init__()
        self.conv = nn.Conv2d(3, 3, 1)
        self.kids = nn.ModuleList([Tree(level - 1) for _ in range(2)]) if level > 0 else nn.ModuleList()

    def forward(self, x):
        return self.conv(x)


model = Tree(${level})
y = model(torch.randn(1, 3, 8, 8))
`;
    const counted = (level: number) => {
      const { a } = analyze(tree(level));
      const m = a.models.find(x => x.name === 'Tree');
      return `${show(m?.output)} · ${m?.params ?? '?'}`;
    };
    assert.equal(counted(3), '[1, 3, 8, 8] · 180');
    assert.equal(counted(8), '[1, 3, 8, 8] · ?');
  });

  it('budgets bound infinite loops and runaway recursion', () => {
    const text = `import torch.nn as nn

def forever(n):
    return forever(n + 1)

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)
        n = 0
        while True:
            n = n + 1
        forever(0)

    def forward(self, x):  # x: [1, 4]
        for i in range(10 ** 9):
            x = x + 1
        return self.fc(x)
`;
    const start = Date.now();
    const a = analyzeText(text, { limits: { maxSteps: 20_000 } });
    assert.ok(Date.now() - start < 5000, `took ${Date.now() - start} ms`);
    assert.equal(a.models[0].name, 'Net');
    assert.deepEqual(a.diagnostics, []);
  });
});

describe('analysis: containers', () => {
  it('a subclass of nn.Sequential gets its children from super().__init__ and runs them in order', () => {
    const { a } = analyze(`class ConvBN(nn.Sequential):
    def __init__(self, cin, cout):
        super().__init__(nn.Conv2d(cin, cout, 3, bias=False), nn.BatchNorm2d(cout))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = ConvBN(3, 8)

    def forward(self, x):  # x: [1, 3, 10, 10]
        for m in self.a:
            pass
        return self.a(x)
`);
    assert.deepEqual(
      a.models.map(m => m.name),
      ['Net'],
    );
    assert.deepEqual(layerLines(a), ['a.0: [1, 8, 8, 8]', 'a.1: [1, 8, 8, 8]']);
    // PyTorch: 3*8*9 (no bias) + 2*8 (BatchNorm affine)
    assert.equal(a.models[0].params, 232);
  });

  it("super().forward(x) in a forward of an nn.Sequential subclass runs the children (DeepLab's ASPPPooling)", () => {
    const { a } = analyze(`class PooledBranch(nn.Sequential):
    def __init__(self, cin, cout):
        super(PooledBranch, self).__init__(nn.AdaptiveAvgPool2d(1), nn.Conv2d(cin, cout, 1), nn.ReLU())

    def forward(self, x):
        size = x.shape[-2:]
        x = super(PooledBranch, self).forward(x)
        return F.interpolate(x, size=size, mode='nearest')


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.pool = PooledBranch(4, 6)
        self.head = nn.Conv2d(6, 2, 1)

    def forward(self, x):  # x: [2, 4, 5, 7]
        return self.head(self.pool(x))
`);
    // PyTorch 1.13: the branch gives [2, 6, 5, 7]; the head [2, 2, 5, 7].
    assert.deepEqual(layerLines(a), [
      'pool.0: [2, 4, 1, 1]',
      'pool.1: [2, 6, 1, 1]',
      'pool.2: [2, 6, 1, 1]',
      'head: [2, 2, 5, 7]',
    ]);
    assert.equal(a.models[0].params, 4 * 6 + 6 + 6 * 2 + 2);
  });

  it("a script's top-level nn.Sequential is a model named by its variable, input from its call", () => {
    const { a } = analyze(`model = nn.Sequential(nn.Conv2d(1, 4, 3), nn.Flatten(), nn.Linear(4 * 26 * 26, 10))
logits = model(torch.randn(16, 1, 28, 28))
`);
    assert.deepEqual(
      a.models.map(m => m.name),
      ['model'],
    );
    assert.deepEqual(layerLines(a), ['0: [16, 4, 26, 26]', '1: [16, 2704]', '2: [16, 10]']);
  });
});

describe('analysis: half-typed code', () => {
  const BROKEN = `class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.conv2 = nn.Conv2d(7, 16, 5
        self.fc = nn.Linear(6 * 28 * 28, 10)

    def forward(self, x)  # x: [1, 3, 32, 32]
        x = self.conv1(x)
        s = "unclosed
        y = self.conv2(x)
        return self.fc(x.flatten(1))
`;

  it('still gives the shapes of the other layers', () => {
    const { a } = analyze(BROKEN);
    const lines = layerLines(a);
    assert.ok(lines.includes('conv1: [1, 6, 28, 28]'), lines.join('\n'));
    assert.ok(lines.includes('fc: [1, 10]'), lines.join('\n'));
  });

  it('a pathological block (10,000 nested brackets) does not swallow the classes after it', () => {
    const deep = `def f(x):\n    return ${'('.repeat(10_000)}x${')'.repeat(10_000)}\n\n\n`;
    const { a } = analyze(
      deep +
        `class Tail(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 2)

    def forward(self, x):  # x: [5, 3]
        return self.fc(x)
`,
    );
    assert.deepEqual(layerLines(a, 'Tail'), ['fc: [5, 2]']);
  }).timeout(20_000);

  it('never reports from a repaired statement (conv2 is unclosed and would mismatch)', () => {
    const { text, a } = analyze(BROKEN);
    assert.deepEqual(diagLines(text, a), []);
  });
});

describe('analysis: models, layers and hints', () => {
  const SRC = `class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv = nn.Conv2d(c, c, 3, padding=1)

    def forward(self, x):
        return F.relu(self.conv(x)) + x


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 5)
        self.block = Block(8)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(8, 10)

    def forward(self, x):  # x: [N, 3, 32, 32]
        x = self.block(self.stem(x))
        x = self.pool(x).flatten(1)
        return self.fc(x)
`;

  it('lists nn.Module classes that are not only building blocks as models, with params counted once', () => {
    const { a } = analyze(SRC);
    assert.deepEqual(
      a.models.map(m => m.name),
      ['Net'],
    );
    // PyTorch: 3*8*25+8 + 8*8*9+8 + 8*10+10 = 608 + 584 + 90
    assert.equal(a.models[0].params, 1282);
    assert.deepEqual(layerLines(a), [
      'stem: [N, 8, 28, 28]',
      'block.conv: [N, 8, 28, 28]',
      'pool: [N, 8, 1, 1]',
      'fc: [N, 10]',
    ]);
    const conv = a.layers[a.models[0].layers[1]];
    assert.ok(conv.axes && conv.axes.length === 2);
    assert.deepEqual(conv.receptiveField, [
      { size: 7, jump: 1 },
      { size: 7, jump: 1 },
    ]);
  });

  it('gives one hint per line: after layer definitions and forward statements, none where unknown', () => {
    const { text, a } = analyze(SRC);
    const lines = hintLines(text, a);
    const at = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
    assert.ok(lines.includes(`${at('self.conv = nn.Conv2d(c, c')}: [N, 8, 28, 28]`), lines.join('\n'));
    assert.ok(lines.includes(`${at('self.fc = nn.Linear')}: [N, 10]`));
    assert.ok(lines.includes(`${at('x = self.pool(x).flatten(1)')}: [N, 8]`));
    assert.ok(lines.includes(`${at('return F.relu')}: [N, 8, 28, 28]`));
    assert.equal(new Set(a.hints.map(h => h.offset)).size, a.hints.length);
    const hintOnDef = a.hints.find(h => h.site === 'definition' && h.layer !== undefined);
    assert.ok(hintOnDef && a.layers[hintOnDef.layer!]);
  });

  it("records F.max_pool2d as a layer call with its arithmetic, outside the model's named modules", () => {
    const { a } = analyze(`class Net(nn.Module):
    def forward(self, x):  # x: [1, 1, 5, 5]
        return F.max_pool2d(x, 2, 2, padding=1, ceil_mode=True)
`);
    const pool = a.layers.find(l => l.kind === 'F.max_pool2d');
    assert.equal(show(pool?.output), '[1, 1, 3, 3]');
    assert.deepEqual(a.models[0].layers, []);
  });

  it('analyses the cells of a notebook as one program', () => {
    const a = analyzeNotebook([
      'import torch.nn as nn',
      'class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n    def forward(self, x):  # x: [3, 4]\n        return self.fc(x)',
      '%time Net()',
    ]);
    assert.equal(a.cells?.length, 3);
    assert.equal(show(a.models[0].output), '[3, 2]');
  });
});
