// Strings built at run time (%, f-strings, str.format, str(), +, join) and modules added or read
// under computed names (add_module, register_module, setattr, getattr, _modules). Expected
// strings are Python 3's own (each checked with /usr/bin/python3); an unknown name never drops a
// module silently: what depends on it is unknown, with no diagnostic.
import { strict as assert } from 'assert';
import { analyze, diagLines, layerLines, show } from './helpers';

/** The output of a Linear whose width is 7 exactly when `expr == expected` is known to hold. */
function probe(expr: string, expected: string): string | null {
  const { a } = analyze(`class Net(nn.Module):
    def __init__(self, i=2, k=3, w=1.5, name='conv'):
        super().__init__()
        self.fc = nn.Linear(4, 7 if (${expr}) == ${JSON.stringify(expected)} else 1)

    def forward(self, x):  # x: [2, 4]
        return self.fc(x)
`);
  return show(a.models[0].output);
}

describe('analysis: strings built at run time', () => {
  const cases: [string, string][] = [
    ["'block%d' % (i + 1)", 'block3'],
    ["'b%02d_%s' % (i, name)", 'b02_conv'],
    ["'%5.2f|%-4d|%+d' % (w, i, i)", ' 1.50|2   |+2'],
    ["'%r' % name", "'conv'"],
    ["'%s' % (True,)", 'True'],
    ["'%d%%' % 50", '50%'],
    ["f'layer{i + 1}'", 'layer3'],
    ["f'{name!r}:{k:>3}:{w:.1f}:{{x}}'", "'conv':  3:1.5:{x}"],
    ["f'\\n{i}\\t'", '\n2\t'],
    ["'a' f'{i}' \"b\"", 'a2b'],
    ["'{}_{}'.format(name, i)", 'conv_2'],
    ["'{1}{0}{n}'.format('a', 'b', n=k)", 'ba3'],
    ["'{:03d}'.format(k)", '003'],
    ['str(i) + str(w) + str(None) + str(False)', '21.5NoneFalse'],
    ["'.'.join(['a', name, str(k)])", 'a.conv.3'],
    ['str((1, 2))', '(1, 2)'],
    ["'Conv'.lower() + 'x'.upper()", 'convX'],
  ];
  for (const [expr, expected] of cases) {
    it(`${expr} is ${JSON.stringify(expected)}`, () => assert.equal(probe(expr, expected), '[2, 7]'));
    it(`${expr} is not a different string`, () => assert.equal(probe(expr, expected + '!'), '[2, 1]'));
  }

  it('a string built from an unknown value is unknown, never a guess', () => {
    assert.equal(probe("'block%d' % unknown_fn()", 'block0'), '[2, ?]');
    assert.equal(probe("f'layer{unknown_fn()}'", 'layer'), '[2, ?]');
    assert.equal(probe("'{}'.format(*unknown_fn())", ''), '[2, ?]');
    // Python writes 1e-05 where JavaScript writes 0.00001.
    assert.equal(probe('str(0.00001)', '0.00001'), '[2, ?]');
    // Python zero-pads `%.3d` to 005: not read, so unknown.
    assert.equal(probe("'%.3d' % 5", '5'), '[2, ?]');
  });

  it('a format Python would reject is unknown', () => {
    assert.equal(probe("'%d %d' % (1,)", '1 '), '[2, ?]');
    assert.equal(probe("'{} {}'.format(1)", '1 '), '[2, ?]');
    assert.equal(probe("'{}{0}'.format(1)", '11'), '[2, ?]');
    assert.equal(probe("'%(a)s %d' % 5", '%(a)s 5'), '[2, ?]');
    assert.equal(probe("'{:=5}'.format('a')", 'a    '), '[2, ?]');
  });
});

describe('analysis: modules under computed names', () => {
  it('add_module with a %-formatted name names the module as named_modules() does', () => {
    const { a } = analyze(`class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential()
        for i in range(2):
            self.features.add_module('block%d' % (i + 1), nn.Conv2d(4, 4, 3, padding=1))
        self.features.add_module('norm', nn.BatchNorm2d(4))

    def forward(self, x):  # x: [1, 4, 8, 8]
        return self.features(x)
`);
    assert.deepEqual(layerLines(a), [
      'features.block1: [1, 4, 8, 8]',
      'features.block2: [1, 4, 8, 8]',
      'features.norm: [1, 4, 8, 8]',
    ]);
  });

  it('setattr and getattr with f-strings, getattr defaults, _modules', () => {
    const { text, a } = analyze(`class Net(nn.Module):
    def __init__(self):
        super().__init__()
        for i in range(2):
            setattr(self, f'layer{i}', nn.Linear(8, 8))
        self._modules['head'] = nn.Linear(8, 3)

    def forward(self, x):  # x: [2, 8]
        for i in range(2):
            x = getattr(self, f'layer{i}')(x)
        extra = getattr(self, 'extra', None)
        if extra is not None:
            x = extra(x)
        return self._modules['head'](x)
`);
    assert.deepEqual(layerLines(a), ['layer0: [2, 8]', 'layer1: [2, 8]', 'head: [2, 3]']);
    assert.deepEqual(diagLines(text, a), []);
  });

  it('a child replaced under the same name keeps its place', () => {
    const { a } = analyze(`class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential()
        self.body.add_module('a', nn.Linear(8, 4))
        self.body.add_module('b', nn.Linear(4, 2))
        self.body.add_module('a', nn.Linear(8, 4, bias=False))

    def forward(self, x):  # x: [2, 8]
        return self.body(x)
`);
    assert.deepEqual(layerLines(a), ['body.a: [2, 4]', 'body.b: [2, 2]']);
  });

  it('a module added under an unknown name makes the container unknown, with no false alarm', () => {
    const body = (name: string) => `class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential()
        self.body.add_module('conv0', nn.Conv2d(3, 8, 3, padding=1))
        self.body.add_module(${name}, nn.Conv2d(8, 16, 3, padding=1))
        self.head = nn.Linear(16, 4)

    def forward(self, x):  # x: [2, 3, 16, 16]
        x = self.body(x)
        return self.head(x.mean(dim=(2, 3)))
`;
    const known = analyze(body("'conv%d' % 1")).a;
    assert.equal(show(known.models[0].output), '[2, 4]');
    const { text, a } = analyze(body('unknown_fn()'));
    assert.deepEqual(diagLines(text, a), []);
    assert.equal(show(a.models[0].output), null);
    assert.equal(a.models[0].params, undefined);
  });

  it('a value not known to be a module, given to add_module, makes the container unknown', () => {
    const { text, a } = analyze(`class Body(nn.Sequential):
    def __init__(self):
        super().__init__()
        self.add_module('conv0', nn.Conv2d(3, 8, 3, padding=1))
        self.add_module('conv1', make_block(8, 16))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = Body()
        self.head = nn.Linear(8, 4)

    def forward(self, x):  # x: [2, 3, 16, 16]
        return self.head(self.body(x).mean(dim=(2, 3)))
`);
    assert.deepEqual(diagLines(text, a), []);
    assert.equal(show(a.models[0].output), null);
  });

  it('nn.Sequential(*layers) with layers not known runs no known chain', () => {
    const { text, a } = analyze(`class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), *make_layers())
        self.head = nn.Linear(8, 4)

    def forward(self, x):  # x: [2, 3, 16, 16]
        return self.head(self.body(x).mean(dim=(2, 3)))
`);
    assert.deepEqual(diagLines(text, a), []);
    assert.equal(show(a.models[0].output), null);
  });

  it('a member set under an unknown name makes later members unknown', () => {
    const { text, a } = analyze(`class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 4)
        setattr(self, unknown_fn(), nn.Linear(8, 6))
        self.head = nn.Linear(4, 2)

    def forward(self, x):  # x: [2, 8]
        return self.head(self.fc(x))
`);
    assert.deepEqual(diagLines(text, a), []);
    assert.equal(show(a.models[0].output), null);
  });

  it('self.__setattr__ and self.__getattr__ are setattr and getattr (deep layer aggregation style)', () => {
    // PyTorch 1.13: output [1, 4, 8, 8], 444 parameters.
    const { text, a } = analyze(`class Levels(nn.Module):
    def __init__(self, levels=3):
        super().__init__()
        self.levels = levels
        for i in range(1, levels + 1):
            self.__setattr__('level_%d' % i, nn.Conv2d(4, 4, 3, padding=1))

    def forward(self, x):  # x: [1, 4, 8, 8]
        for i in range(1, self.levels + 1):
            x = self.__getattr__('level_%d' % i)(x)
        return x
`);
    assert.deepEqual(diagLines(text, a), []);
    assert.equal(show(a.models[0].output), '[1, 4, 8, 8]');
    assert.equal(a.models[0].params, 444);
  });
});
