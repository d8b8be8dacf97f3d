// Python that model code uses around its classes (issue 11, part 3): methods added after the class
// statement, the module found by name, generic aliases, a layer's parameters as tensors, buffers,
// parameter containers, and the wrappers that give a module back. Expected shapes and counts
// follow PyTorch (checked with PyTorch 1.13; nn.Buffer and ModuleList[...] are PyTorch 2.x).
import { strict as assert } from 'assert';
import { analyze, layerLines, show } from './helpers';

const outputOf = (body: string) => {
  const { a } = analyze(body);
  return a.models.map(m => `${m.name}: ${show(m.output)} · ${m.params ?? '?'}`);
};

describe('model code: Python around the classes', () => {
  it("d2l's @d2l.add_to_class(Cls) adds forward to the class", () => {
    const body = `from d2l import torch as d2l

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 3)

@d2l.add_to_class(Net)
def forward(self, x):  # x: [2, 4]
    return self.fc(x)
`;
    assert.deepEqual(outputOf(body), ['Net: [2, 3] · 15']);
  });

  it('a decorator of the file that setattr()s the function onto the class; setattr(Cls, name, fn)', () => {
    const body = `def add_to_class(Class):
    def wrapper(obj):
        setattr(Class, obj.__name__, obj)
    return wrapper

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 3)

@add_to_class(Net)
def forward(self, x):  # x: [2, 4]
    return self.head(self.fc(x))

def head(self, x):
    return x.unsqueeze(1)

setattr(Net, 'head', head)
`;
    assert.deepEqual(outputOf(body), ['Net: [2, 1, 3] · 15']);
  });

  it('a decorator whose result is not understood leaves the function as written', () => {
    const body = `import functools

def traced(fn):
    return functools.wraps(fn)(unknown_wrapper(fn))

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 3)

    @traced
    def forward(self, x):  # x: [2, 4]
        return self.fc(x)
`;
    assert.deepEqual(outputOf(body), ['Net: [2, 3] · 15']);
  });

  it('getattr(sys.modules[__name__], name)() builds a class of the file by its name; another module is unknown', () => {
    const body = `import sys

class Small(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 4)

    def forward(self, x):
        return self.fc(x)

def build(name):
    return getattr(sys.modules[__name__], name)()

model = build('Small')
y = model(torch.randn(2, 10))
`;
    assert.deepEqual(outputOf(body), ['Small: [2, 4] · 44']);
    // Another module's name: nothing of this file.
    assert.deepEqual(outputOf(body.replace('sys.modules[__name__]', "sys.modules['os']")), ['Small: null · 44']);
  });

  it('nn.ModuleList[nn.Module]() and typing.cast(T, v) are the plain class and value', () => {
    const body = `import typing
from typing import cast

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.ModuleList[nn.Module]()
        self.blocks.append(nn.Conv2d(3, 4, 1))
        self.head = typing.cast(nn.Module, nn.Flatten())

    def forward(self, x):  # x: [2, 3, 8, 8]
        for b in self.blocks:
            x = b(x)
        return self.head(cast(torch.Tensor, x))
`;
    assert.deepEqual(outputOf(body), ['Net: [2, 256] · 16']);
  });

  it("a layer's weight and bias are tensors of PyTorch's shapes", () => {
    const body = `class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 8, (3, 5), groups=2)
        self.up = nn.ConvTranspose2d(8, 6, 2, groups=2, bias=False)
        self.fc = nn.Linear(20, 6)
        self.emb = nn.Embedding(11, 7)

    def forward(self, x):  # x: [2, 20]
        a = x @ self.fc.weight.T + self.fc.bias
        b = self.conv.weight.flatten(1) @ torch.ones(30, 2)
        c = self.up.weight.shape
        d = self.emb.weight.size(0)
        e = torch.zeros(d, self.conv.bias.shape[0])
        f = torch.zeros(c)
        return a, b, f, e
`;
    const { a } = analyze(body);
    const hints = a.hints.map(h => show(h.shape));
    assert.ok(hints.includes('[2, 6]'), hints.join(' '));
    assert.ok(hints.includes('[8, 2]'), hints.join(' '));
    assert.ok(hints.includes('[11, 8]'), hints.join(' '));
    assert.ok(hints.includes('[8, 3, 2, 2]'), hints.join(' '));
  });

  it('weight_norm adds its magnitude to the parameters; spectral_norm and parametrizations keep them', () => {
    // PyTorch 1.13: sum(p.numel() for p in M().parameters()) == 285.
    const body = `from torch.nn.utils import weight_norm, spectral_norm
from torch.nn.utils.parametrizations import spectral_norm as psn

class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = weight_norm(nn.Conv2d(3, 8, 3))
        self.b = spectral_norm(nn.Linear(8, 4))
        self.c = weight_norm(nn.Linear(4, 2), dim=None)
        self.d = psn(nn.Linear(2, 2))

    def forward(self, x):  # x: [1, 3, 5, 5]
        return self.d(self.c(self.b(self.a(x).mean((2, 3)))))
`;
    assert.deepEqual(outputOf(body), ['M: [1, 2] · 285']);
  });

  it('nn.DataParallel(model) is the model; nn.parallel.data_parallel(m, x, ids) calls m on x', () => {
    // PyTorch 1.13: DataParallel(P())(randn(2, 3, 10, 10)) is [2, 4, 8, 8], 112 parameters.
    const body = `class P(nn.Module):
    def __init__(self, ngpu=2):
        super().__init__()
        self.ngpu = ngpu
        self.main = nn.Sequential(nn.Conv2d(3, 4, 3))
        self.register_buffer('m', torch.ones(4))

    def forward(self, x):
        return nn.parallel.data_parallel(self.main, x, range(self.ngpu)) * self.m.view(1, 4, 1, 1)

model = nn.DataParallel(P())
y = model(torch.randn(2, 3, 10, 10))
`;
    assert.deepEqual(outputOf(body), ['P: [2, 4, 8, 8] · 112']);
  });

  it('nn.Buffer and register_buffer are tensors, not parameters; ParameterList/Dict index to their tensors', () => {
    const body = `class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(6, 6)
        self.table = nn.Buffer(torch.zeros(6, 3))
        self.register_buffer('mask', torch.ones(6, 6), persistent=False)

    def forward(self, x):  # x: [2, 6]
        return (self.fc(x) @ self.mask) @ self.table

class Heads(nn.Module):
    def __init__(self):
        super().__init__()
        self.ws = nn.ParameterList([nn.Parameter(torch.randn(4, 6)) for _ in range(2)])
        self.bs = nn.ParameterDict({'b': nn.Parameter(torch.zeros(4))})

    def forward(self, x):  # x: [2, 6]
        return x @ self.ws[1].T + self.bs['b']
`;
    const { a } = analyze(body);
    assert.deepEqual(
      a.models.map(m => `${m.name}: ${show(m.output)} · ${m.params ?? '?'}`),
      ['Net: [2, 3] · 42', 'Heads: [2, 4] · ?'],
    );
    assert.deepEqual(layerLines(a, 'Net'), ['fc: [2, 6]']);
  });

  it('subclasses of library blocks: nn.Transformer, nn.TransformerEncoderLayer', () => {
    // PyTorch 1.13: Model()(torch.randn(2, 5, 32)) is [2, 5, 32].
    const body = `class MyTransformer(nn.Transformer):
    def __init__(self, d=32):
        super().__init__(d_model=d, nhead=4, num_encoder_layers=1, num_decoder_layers=1,
                         dim_feedforward=64, batch_first=True)

class MyEnc(nn.TransformerEncoderLayer):
    pass

class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.t = MyTransformer()
        self.e = MyEnc(32, 4, 64, batch_first=True)

    def forward(self, src):  # src: [2, 5, 32]
        return self.e(self.t(src, src))
`;
    const { a } = analyze(body);
    assert.deepEqual(layerLines(a, 'Model'), ['t: [2, 5, 32]', 'e: [2, 5, 32]']);
  });

  it('config dicts indexed by constructor arguments: {...}[name], self.cfg[depth]', () => {
    // PyTorch 1.13: VGG()(torch.randn(1, 3, 32, 32)) is [1, 10], 4626 parameters.
    const body = `class VGG(nn.Module):
    cfg = {11: [1, 1], 13: [2, 2]}

    def __init__(self, name='B', depth=13):
        super().__init__()
        cfg = {'A': [8, 'M', 16, 'M'], 'B': [8, 8, 'M', 16, 16, 'M']}[name]
        layers, c = [], 3
        for v in cfg:
            if v == 'M':
                layers.append(nn.MaxPool2d(2))
            else:
                layers.append(nn.Conv2d(c, v, 3, padding=1))
                c = v
        self.features = nn.Sequential(*layers)
        self.n = self.cfg[depth]
        self.fc = nn.Linear(16 * self.n[0], 10)

    def forward(self, x):  # x: [1, 3, 32, 32]
        x = self.features(x).mean((2, 3))
        return self.fc(torch.cat([x] * self.n[0], 1))
`;
    assert.deepEqual(outputOf(body), ['VGG: [1, 10] · 4626']);
  });
});

describe('analysis: isinstance of a tensor', () => {
  // Real PyTorch 1.13: a tensor is no tuple, list or int (a PackedSequence, a namedtuple, is left undecided).
  const body = (check: string) => `
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(4, 3)

    def forward(self, x):
        out = self.a(x) if ${check} else self.a(x)[:, :1]
        return out

model = Net()
model(torch.randn(2, 4))
`;
  it('is False for the builtin types, so the branch is decided', () => {
    assert.equal(show(analyze(body('not isinstance(x, (tuple, list))')).a.models[0].output), '[2, 3]');
    assert.equal(show(analyze(body('isinstance(x, int)')).a.models[0].output), '[2, 1]');
  });

  it("stays undecided for a type it does not decide (an array may be NumPy's)", () => {
    assert.equal(show(analyze(body('isinstance(x, torch.Tensor)')).a.models[0].output), '[2, ?]');
  });
});
