// A model class the top level may construct through a lookup it does not understand, and a model
// whose first output is not known: both stay unknown rather than show another, confident shape.
// The concrete shapes here are the ones real PyTorch 1.13 printed for these programs.
import { strict as assert } from 'assert';
import { DocumentAnalyzer, analyzeText } from '../../../src/analysis';
import { analyze, layerLines, show } from './helpers';

const NET = `
class Net(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.fc = nn.Linear(4, num_classes)

    def forward(self, x):  # x: [2, 4]
        return self.fc(x)

`;

describe('analysis: classes constructed through a lookup', () => {
  it('a lookup called with arguments the constructor takes leaves its parameters unknown', () => {
    for (const driver of [
      'model = MODELS[arch](num_classes=7)',
      'model = getattr(registry, arch)(7)',
      'kwargs = dict(num_classes=7)\nmodel = getattr(sys.modules[__name__], arch)(**kwargs)',
      'model = make()(*extra)',
    ]) {
      const { a } = analyze(`${NET}${driver}\n`);
      assert.deepEqual(layerLines(a, 'Net'), ['fc: [2, ?]'], driver);
      assert.equal(a.models[0].params, undefined, driver);
    }
  });

  it('keeps the defaults when the lookup passes nothing, or what the constructor cannot take', () => {
    for (const driver of ['model = MODELS[arch]()', 'loader = get_loader(arch)(batch_size=64)']) {
      const { a } = analyze(`${NET}${driver}\n`);
      assert.deepEqual(layerLines(a, 'Net'), ['fc: [2, 10]'], driver);
    }
  });

  it('a construction of its own written first is the one used', () => {
    const { a } = analyze(`${NET}model = Net(num_classes=5)\nother = MODELS[arch](num_classes=7)\n`);
    assert.deepEqual(layerLines(a, 'Net'), ['fc: [2, 5]']);
  });

  it('a lookup inside a function the top level calls counts as the top level', () => {
    const { a } = analyze(
      `${NET}def build(name, **kw):\n    return REGISTRY[name](**kw)\n\nmodel = build("Net", num_classes=7)\n`,
    );
    assert.deepEqual(layerLines(a, 'Net'), ['fc: [2, ?]']);
  });
});

describe('analysis: a model returning a tuple', () => {
  it('reports its first output, and unknown when that one is unknown — never the next tensor', () => {
    const body = (first: string) => `
class Two(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(4, 3)
        self.b = nn.Linear(4, 10)

    def forward(self, x):  # x: [2, 4]
        return ${first}, self.b(x)
`;
    assert.equal(show(analyze(body('self.a(x)')).a.models[0].output), '[2, 3]');
    assert.equal(analyze(body('mystery(x)')).a.models[0].output, null);
  });
});

describe('analysis: a model called through a value not understood', () => {
  const SEG = `
class Seg(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 3, 1)
        self.b = nn.Conv2d(3, 1, 1)

    def forward(self, x, multi=False):  # x: [2, 3, 8, 8]
        if multi:
            return self.a(x)
        return self.b(x)

net = REGISTRY["seg"]()
`;
  it('a forward parameter such a call may pass is unknown, not its default', () => {
    // Real PyTorch: multi=True gives [2, 3, 8, 8], the default [2, 1, 8, 8]; either may run.
    const { a } = analyze(`${SEG}out = net(torch.randn(2, 3, 8, 8), multi=True)\n`);
    assert.equal(show(a.models[0].output), '[2, ?, 8, 8]');
  });

  it('keeps the default when the call passes only the input, or nothing names the callee', () => {
    assert.equal(show(analyze(`${SEG}out = net(torch.randn(2, 3, 8, 8))\n`).a.models[0].output), '[2, 1, 8, 8]');
    // `helper` is bound by nothing (a star import not followed): not a lookup of a model.
    const unbound = analyze(`${SEG.replace('net = REGISTRY["seg"]()\n', '')}helper(1, multi=True)\n`).a;
    assert.equal(show(unbound.models[0].output), '[2, 1, 8, 8]');
  });
});

describe('analysis: a model class the file never constructs', () => {
  it('a layer subclass without an __init__ of its own: required layer arguments unknown, no error', () => {
    // nn.Linear needs in_features; nobody's code constructs ScaledLinear without it here.
    const { a } = analyze(`
class ScaledLinear(nn.Linear):
    def forward(self, x):
        return super().forward(x) / 2
`);
    assert.deepEqual(a.diagnostics, []);
    assert.deepEqual(
      a.models.map(m => [m.name, m.output]),
      [['ScaledLinear', null]],
    );
  });
});

describe('analysis: a call not understood, as the document is edited', () => {
  const SEG = `import torch
import torch.nn as nn

class Seg(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 3, 1)
        self.b = nn.Conv2d(3, 1, 1)

    def forward(self, x, multi=False):  # x: [2, 3, 8, 8]
        if multi:
            return self.a(x)
        return self.b(x)

net = REGISTRY["seg"]()
`;
  it('a call that may pass a parameter, typed in, re-runs the model; taken out, the default is back', () => {
    const doc = new DocumentAnalyzer();
    const versions = [SEG, `${SEG}\n`, `${SEG}\nout = net(torch.randn(2, 3, 8, 8), multi=True)\n`, `${SEG}\n\n`];
    const outputs = versions.map(v => show(doc.update(v).models[0].output));
    assert.deepEqual(outputs, ['[2, 1, 8, 8]', '[2, 1, 8, 8]', '[2, ?, 8, 8]', '[2, 1, 8, 8]']);
    for (const v of versions) assert.deepEqual(doc.update(v), analyzeText(v));
  });
});
