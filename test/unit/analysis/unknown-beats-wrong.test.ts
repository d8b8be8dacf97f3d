// Unknown beats wrong: loops of unknown count and branches of unknown condition leave what they
// may change unknown (names, lists, dicts, module containers, attributes), keep what they keep
// invariant; errors that hold in training mode only are warnings; Python's own errors are
// reported in its words when certain. Every program here was run in real PyTorch 1.13
// (Python 3.11) with concrete values for its unknowns; the messages are the ones it printed.
import { strict as assert } from 'assert';
import type { Analysis } from '../../../src/analysis';
import { dimJson } from '../../../src/engine';
import { analyze } from './helpers';

const alarms = (text: string, a: Analysis) =>
  a.diagnostics
    .filter(d => d.severity === 'error' || d.severity === 'warning')
    .map(d => `${d.severity} ${d.code} @ ${text.slice(d.range.start, d.range.end)}: ${d.message}`);
const output = (a: Analysis, name: string) => a.models.find(m => m.name === name)?.output?.map(dimJson);

describe('analysis: loops of unknown count are widened soundly', () => {
  it('nn.Sequential(*layers) built by a loop of unknown depth is not one layer', () => {
    const { text, a } = analyze(`
class Deep(nn.Module):
    def __init__(self, depth):
        super().__init__()
        layers = []
        ch = 16
        for i in range(depth):
            layers.append(nn.Conv2d(ch, ch * 2, 3, padding=1))
            ch = ch * 2
        self.body = nn.Sequential(*layers)
        self.head = nn.Conv2d(128, 10, 1)

    def forward(self, x):  # x: [2, 16, 8, 8]
        return self.head(self.body(x))
`);
    assert.deepEqual(alarms(text, a), []);
    assert.equal(a.models.find(m => m.name === 'Deep')?.params, undefined);
  });

  it('a ModuleList appended to in a loop of unknown count is iterated as unknown', () => {
    const { text, a } = analyze(`
class Stack(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.blocks = nn.ModuleList()
        for _ in range(n):
            self.blocks.append(nn.Conv2d(8, 8, 3, stride=2))
        self.fc = nn.Linear(8 * 3 * 3, 4)

    def forward(self, x):  # x: [1, 8, 32, 32]
        for b in self.blocks:
            x = b(x)
        return self.fc(x.flatten(1))
`);
    assert.deepEqual(alarms(text, a), []);
  });

  it('a block that keeps its input shape, repeated an unknown number of times, keeps it', () => {
    const { text, a } = analyze(`
class Repeat(nn.Module):
    def __init__(self, depth):
        super().__init__()
        self.depth = depth
        self.block = nn.Conv2d(64, 64, 3, padding=1)
        self.head = nn.Conv2d(64, 8, 1)

    def forward(self, x):  # x: [2, 64, 16, 16]
        for _ in range(self.depth):
            x = F.relu(self.block(x)) + x
        return self.head(x)
`);
    assert.deepEqual(alarms(text, a), []);
    assert.deepEqual(output(a, 'Repeat'), [2, 8, 16, 16]);
  });

  it('a while loop on an unknown size halves it an unknown number of times', () => {
    const { text, a } = analyze(`
class Pyramid(nn.Module):
    def __init__(self, size):
        super().__init__()
        layers = []
        ch = 8
        while size > 4:
            layers += [nn.Conv2d(ch, ch * 2, 4, stride=2, padding=1), nn.ReLU()]
            ch *= 2
            size //= 2
        self.features = nn.Sequential(*layers)
        self.out = nn.Conv2d(ch, 1, 4)

    def forward(self, x):  # x: [2, 8, 64, 64]
        return self.out(self.features(x))
`);
    assert.deepEqual(alarms(text, a), []);
  });

  it('an attribute set in a loop of unknown count is the join of before and after', () => {
    const { text, a } = analyze(`
class Attr(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.ch = 4
        for _ in range(n):
            self.ch = self.ch * 2
        self.conv = nn.Conv2d(3, self.ch, 1)
        self.fc = nn.Linear(64, 2)

    def forward(self, x):  # x: [2, 3, 4, 4]
        return self.fc(self.conv(x).flatten(1))
`);
    assert.deepEqual(alarms(text, a), []);
  });

  it('a dict filled in a loop of unknown count', () => {
    const { text, a } = analyze(`
class Dicts(nn.Module):
    def __init__(self, n):
        super().__init__()
        widths = {"a": 8}
        for i in range(n):
            widths["a"] = widths["a"] * 2
        self.conv = nn.Conv2d(3, widths["a"], 1)
        self.bn = nn.BatchNorm2d(32)

    def forward(self, x):  # x: [2, 3, 4, 4]
        return self.bn(self.conv(x))
`);
    assert.deepEqual(alarms(text, a), []);
  });

  it('a break on some paths: the iterations after it may not run', () => {
    const { text, a } = analyze(`
class Early(nn.Module):
    def __init__(self, limit):
        super().__init__()
        layers = []
        ch = 8
        for i in range(4):
            if ch >= limit:
                break
            layers.append(nn.Conv2d(ch, ch * 2, 3, padding=1))
            ch *= 2
        self.body = nn.Sequential(*layers)
        self.head = nn.Conv2d(32, 2, 1)

    def forward(self, x):  # x: [2, 8, 8, 8]
        return self.head(self.body(x))
`);
    assert.deepEqual(alarms(text, a), []);
  });

  it('a continue on some paths: the rest of that iteration may not run', () => {
    const { text, a } = analyze(`
class Skip(nn.Module):
    def __init__(self, skip):
        super().__init__()
        chs = []
        for c in [8, 16, 32]:
            if c == skip:
                continue
            chs.append(c)
        self.fc = nn.Linear(sum(chs), 2)

    def forward(self, x):  # x: [2, 40]
        return self.fc(x)
`);
    assert.deepEqual(alarms(text, a), []);
  });

  it('a while loop still running after the iteration budget is of unknown count, not stopped there', () => {
    const { text, a } = analyze(`
class Long(nn.Module):
    def __init__(self):
        super().__init__()
        n = 0
        while n < 1000:
            n += 1
        self.fc = nn.Linear(n, 2)

    def forward(self, x):  # x: [2, 1000]
        return self.fc(x)
`);
    assert.deepEqual(alarms(text, a), []);
  });

  it('a loop of known count still runs exactly', () => {
    const { text, a } = analyze(`
class Known(nn.Module):
    def __init__(self):
        super().__init__()
        layers = []
        ch = 8
        for i in range(3):
            layers.append(nn.Conv2d(ch, ch * 2, 3, padding=1))
            ch *= 2
        self.body = nn.Sequential(*layers)
        self.head = nn.Conv2d(32, 10, 1)

    def forward(self, x):  # x: [2, 8, 8, 8]
        return self.head(self.body(x))
`);
    assert.deepEqual(alarms(text, a), [
      'error channel-mismatch @ 32: Given groups=1, weight of size [10, 32, 1, 1], expected input[2, 64, 8, 8] to have 32 channels, but got 64 channels instead',
    ]);
  });
});

describe('analysis: branches of unknown condition join lists, containers and attributes', () => {
  it('a layer appended in an unknown branch', () => {
    const { text, a } = analyze(`
class Maybe(nn.Module):
    def __init__(self, extra):
        super().__init__()
        layers = [nn.Conv2d(3, 8, 3)]
        if extra:
            layers.append(nn.Conv2d(8, 16, 3))
        self.body = nn.Sequential(*layers)
        self.head = nn.Conv2d(16, 2, 1)

    def forward(self, x):  # x: [2, 3, 16, 16]
        return self.head(self.body(x))
`);
    assert.deepEqual(alarms(text, a), []);
  });

  it('an attribute replaced in an unknown branch is one of two modules: no alarm, parameters unknown', () => {
    const { text, a } = analyze(`
class Pick(nn.Module):
    def __init__(self, big):
        super().__init__()
        self.fc = nn.Linear(64, 10)
        if big:
            self.fc = nn.Linear(128, 10)

    def forward(self, x):  # x: [2, 64]
        return self.fc(x)
`);
    assert.deepEqual(alarms(text, a), []);
    assert.equal(a.models.find(m => m.name === 'Pick')?.params, undefined);
  });

  it('and/or whose known side decides: `unknown and False` is falsy, `unknown or True` truthy; the rest stays unknown', () => {
    // PyTorch 1.13: Gate()(torch.randn(2, 4)) is [2, 8] whatever x.is_cuda and self.training are.
    const { text, a } = analyze(`
class Gate(nn.Module):
    def __init__(self, ngpu=1):
        super().__init__()
        self.ngpu = ngpu
        self.fc = nn.Linear(4, 8)

    def forward(self, x):  # x: [2, 4]
        y = self.fc(x)
        if x.is_cuda and self.ngpu > 1:
            y = y[:1]
        keep = self.training or True
        if not keep:
            y = y.flatten()
        return y

class Open(nn.Module):
    def __init__(self, ngpu=2):
        super().__init__()
        self.ngpu = ngpu
        self.fc = nn.Linear(4, 8)

    def forward(self, x):  # x: [2, 4]
        y = self.fc(x)
        if x.is_cuda and self.ngpu > 1:
            y = y[:1]
        return y
`);
    assert.deepEqual(alarms(text, a), []);
    assert.deepEqual(output(a, 'Gate'), [2, 8]);
    // \`unknown and True\` is the unknown side: both branches, joined.
    assert.deepEqual(output(a, 'Open'), [null, 8]);
  });

  it('lists made inside branches', () => {
    const { text, a } = analyze(`
class Made(nn.Module):
    def __init__(self, flag):
        super().__init__()
        if flag:
            layers = []
            layers.append(nn.Conv2d(3, 8, 3, padding=1))
        else:
            layers = [nn.Conv2d(3, 8, 5, padding=2)]
        self.body = nn.Sequential(*layers)

    def forward(self, x):  # x: [2, 3, 16, 16]
        return self.body(x)
`);
    assert.deepEqual(alarms(text, a), []);
  });
});

describe('analysis: errors of one mode only', () => {
  it('BatchNorm on one value per channel is a warning that names training mode', () => {
    const { text, a } = analyze(`
class Pool(nn.Module):
    def __init__(self):
        super().__init__()
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.bn = nn.BatchNorm2d(8)

    def forward(self, x):  # x: [1, 8, 16, 16]
        return self.bn(self.pool(x))
`);
    assert.deepEqual(alarms(text, a), [
      'warning invalid-argument @ self.bn(self.pool(x)): Expected more than 1 value per channel when training, got input size torch.Size([1, 8, 1, 1]) (in training mode)',
    ]);
    assert.deepEqual(output(a, 'Pool'), [1, 8, 1, 1]);
  });

  it('without running statistics BatchNorm fails in eval mode too: an error', () => {
    const { text, a } = analyze(`
class NoStats(nn.Module):
    def __init__(self):
        super().__init__()
        self.bn = nn.BatchNorm2d(8, track_running_stats=False)

    def forward(self, x):  # x: [1, 8, 1, 1]
        return self.bn(x)
`);
    assert.deepEqual(
      alarms(text, a).map(l => l.split(' @')[0]),
      ['error invalid-argument'],
    );
  });
});

describe("analysis: Python's own errors, when certain", () => {
  const model = (forward: string, init = '') => `
class M(nn.Module):
    def __init__(self, window=0):
        super().__init__()
        self.window = window
        self.heads = nn.ModuleList([nn.Linear(8, 8), nn.Linear(8, 8)])
${init}
    def forward(self, x):  # x: [2, 8, 4, 4]
${forward}
`;
  const errors = (body: string) => {
    const { text, a } = analyze(body);
    return alarms(text, a);
  };

  it('unpacking torch.chunk into too many names', () => {
    assert.deepEqual(errors(model('        a, b, c = torch.chunk(x, 2, dim=1)\n        return a')), [
      'error unpack-mismatch @ a, b, c: not enough values to unpack (expected 3, got 2)',
    ]);
  });

  it('torch.chunk may return fewer chunks than asked (ceil division)', () => {
    assert.deepEqual(errors(model('        a, b, c = x.chunk(3, dim=2)\n        return a')), [
      'error unpack-mismatch @ a, b, c: not enough values to unpack (expected 3, got 2)',
    ]);
  });

  it('too many values to unpack from x.shape', () => {
    assert.deepEqual(errors(model('        b, c = x.shape\n        return x')), [
      'error unpack-mismatch @ b, c: too many values to unpack (expected 2)',
    ]);
  });

  it('a starred target needs at least the other names', () => {
    assert.deepEqual(errors(model('        a, b, *rest = torch.chunk(x, 1, dim=1)\n        return a')), [
      'error unpack-mismatch @ a, b, *rest: not enough values to unpack (expected at least 2, got 1)',
    ]);
  });

  it('integer division and modulo by a zero default', () => {
    assert.deepEqual(errors(model('        h = x.size(2) // self.window\n        return x')), [
      'error division-by-zero @ x.size(2) // self.window: integer division or modulo by zero',
    ]);
    assert.deepEqual(errors(model('        h = x.size(2) % self.window\n        return x')), [
      'error division-by-zero @ x.size(2) % self.window: integer modulo by zero',
    ]);
    assert.deepEqual(errors(model('        h = x.size(2) / self.window\n        return x')), [
      'error division-by-zero @ x.size(2) / self.window: division by zero',
    ]);
  });

  it('a tensor divided by zero is not an error', () => {
    assert.deepEqual(errors(model('        return x / self.window')), []);
  });

  it('indexing a ModuleList or a tuple past its end', () => {
    assert.deepEqual(errors(model('        return self.heads[2](x)')), [
      'error index-out-of-range @ self.heads[2]: index 2 is out of range',
    ]);
    assert.deepEqual(errors(model('        return torch.chunk(x, 2, dim=1)[2]')), [
      'error index-out-of-range @ torch.chunk(x, 2, dim=1)[2]: tuple index out of range',
    ]);
  });

  it('nothing when the length or the divisor is not certain', () => {
    const init = '        for _ in range(unknown_count()):\n            self.heads.append(nn.Linear(8, 8))\n';
    assert.deepEqual(errors(model('        return self.heads[2](x)', init)), []);
    assert.deepEqual(
      errors(model('        if x.sum() > 0:\n            a, b, c = torch.chunk(x, 2, dim=1)\n        return x')),
      [],
    );
    assert.deepEqual(
      errors(model('        xs = list(torch.chunk(x, 2, dim=1))\n        xs.extend(foo())\n        return xs[3]')),
      [],
    );
  });
});

describe('analysis: the guessed input', () => {
  it('no channel count is guessed from a size the framework would reject (fuzz seed 25580)', () => {
    const { a } = analyze(`
class Broken(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(10.5, 8, 3)

    def forward(self, x):
        return self.conv(x)
`);
    const m = a.models.find(x => x.name === 'Broken');
    assert.ok(m, 'Broken is a model');
    assert.deepEqual(m.inputs[0]?.map(dimJson), ['N', null, 'H', 'W']);
  });

  it('comes from the first layer the input reaches in forward, not the first declared', () => {
    const { text, a } = analyze(`
class HeadFirst(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(32, 10)
        self.conv = nn.Conv2d(3, 32, 3, padding=1)
        self.pool = nn.AdaptiveAvgPool2d(1)

    def forward(self, x):
        x = self.pool(F.relu(self.conv(x))).flatten(1)
        return self.fc(x)
`);
    assert.deepEqual(alarms(text, a), []);
    const m = a.models.find(x => x.name === 'HeadFirst')!;
    assert.deepEqual(m.inputs[0]?.map(dimJson), ['N', 3, 'H', 'W']);
  });

  it('no diagnostic rests on a guessed rank: Linear takes (*, in_features)', () => {
    const { text, a } = analyze(`
class Attn(nn.Module):
    def __init__(self):
        super().__init__()
        self.q = nn.Linear(16, 16)

    def forward(self, x):
        q = self.q(x)
        n = q.size(2)
        return q.view(q.size(0), q.size(1), 2, n // 2)
`);
    assert.deepEqual(alarms(text, a), []);
  });

  it('a diagnostic that holds for every rank the first layer takes is kept', () => {
    const { text, a } = analyze(`
class Bad(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3)
        self.conv2 = nn.Conv2d(8, 16, 3)

    def forward(self, x):
        return self.conv2(self.conv1(x))
`);
    assert.deepEqual(
      alarms(text, a).map(l => l.split(':')[0]),
      ['error channel-mismatch @ 8'],
    );
  });

  it('two models in one file each get their own guess', () => {
    const { text, a } = analyze(`
class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3, padding=1)

    def forward(self, x):
        return self.conv(x)


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(64, 10)

    def forward(self, z):
        return self.fc(z)
`);
    assert.deepEqual(alarms(text, a), []);
    // A Linear takes (*, in_features): its rank is open, so no input is guessed for it.
    const classifier = a.models.find(m => m.name === 'Classifier');
    assert.ok(classifier, 'Classifier is a model');
    assert.equal(classifier.inputs[0] ?? null, null);
    assert.deepEqual(a.models.find(m => m.name === 'Encoder')?.inputs[0]?.map(dimJson), ['N', 1, 'H', 'W']);
  });
});

describe('analysis: identity of values not understood decides nothing', () => {
  // `self.downsample` and the right side are both library results not understood: they may be the
  // same object or not, so both branches may run and the add fails on one path only. (PyTorch 1.13
  // runs it when the branch is taken with a projection as the downsample.)
  it('`a is not b` of two unknown values leaves the branch undecided', () => {
    const { text, a } = analyze(`
import json

class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(32, 64, 3, stride=2, padding=1)
        self.downsample = json.loads(spec)

    def forward(self, x):  # x: [2, 32, 32, 32]
        identity = x
        out = self.conv(x)
        if self.downsample is not json.loads(default):
            identity = self.downsample(x)
        return out + identity
`);
    assert.deepEqual(alarms(text, a), []);
  });
});

describe('analysis: a base method not followed', () => {
  // `super().some_helper(x)` on nn.Conv2d: PyTorch 1.13 raises AttributeError ('super' object has
  // no attribute 'some_helper'); a library base's real helper returns whatever it returns. Either
  // way, not None: the `is None` branch is not decided.
  it('super().method() of an nn base is unknown, not None', () => {
    const { a } = analyze(`
class Wrap(nn.Conv2d):
    def forward(self, x):
        y = super().some_helper(x)
        if y is None:
            return x
        return y


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.b = Wrap(3, 8, 3)

    def forward(self, img):  # img: [1, 3, 8, 8]
        return self.b(img)
`);
    assert.equal(output(a, 'Net'), undefined);
  });
});
