// An instance's own attributes written through `self.__dict__` or `vars(self)` (instance-dict.ts):
// a write under known keys sets them; any other write leaves every attribute unknown; a write on
// a path that may not run leaves what it changed unknown after it; a module's `__dict__` is not
// where it keeps its children. Expected shapes and counts are PyTorch 1.13's (each body run with
// it); an unknown one is where PyTorch's answer depends on what the analysis cannot know.
import { strict as assert } from 'assert';
import { analyze, diagLines, show } from './helpers';

/** Lines of a method's body, indented as one. */
const indented = (lines: string) =>
  lines
    .split('\n')
    .map(l => `        ${l}`)
    .join('\n');

const CONFIG = (init: string) => `import sys
import json

class Config:
    def __init__(self, **overrides):
        self.width = 16
${indented(init)}

class Net(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.fc = nn.Linear(config.width, 10)

    def forward(self, x):
        return self.fc(x)
`;

/** Net's output and parameter count, and every diagnostic of the file. */
function netOf(body: string): { net: string | undefined; diagnostics: string[] } {
  const { text, a } = analyze(body);
  const m = a.models.find(x => x.name === 'Net');
  return { net: m && `${show(m.output)} · ${m.params ?? '?'}`, diagnostics: diagLines(text, a) };
}

/** A module Net whose `__init__` runs `init` after nn.Module's, whose forward returns `result`. */
const MODULE = (init: string, result = 'self.fc(x)') => `import sys

class Net(nn.Module):
    def __init__(self):
        super().__init__()
${indented(init)}

    def forward(self, x):
        return ${result}

model = Net()
y = model(torch.randn(2, 16))
`;

const RUN_WIDE = `
model = Net(Config(width=32))
y = model(torch.randn(2, 32))
`;

describe('analysis: an instance’s own attributes written through its __dict__', () => {
  for (const [what, init] of [
    ['self.__dict__.update(mapping)', 'self.__dict__.update(overrides)'],
    ['vars(self).update(mapping)', 'vars(self).update(overrides)'],
    ['update(**mapping)', 'self.__dict__.update(**overrides)'],
    ['a view held in a name', 'own = self.__dict__\nown.update(overrides)'],
    ['an item set through the view', "self.__dict__['width'] = overrides['width']"],
    ['an item set through vars()', "vars(self)['width'] = overrides['width']"],
  ]) {
    it(`${what} sets the attributes it names`, () => {
      assert.deepEqual(netOf(CONFIG(init) + RUN_WIDE), { net: '[2, 10] · 330', diagnostics: [] });
    });
  }

  it('a key deleted through the view is no longer the instance’s own (the class’s is read)', () => {
    const body = `${CONFIG("self.__dict__.update(overrides)\ndel self.__dict__['width']")}
Config.width = 24
model = Net(Config(width=32))
y = model(torch.randn(2, 24))
`;
    assert.deepEqual(netOf(body), { net: '[2, 10] · 250', diagnostics: [] });
  });

  for (const [what, init] of [
    ['a mapping not known', 'self.__dict__.update(json.loads(sys.argv[1]))'],
    ['setdefault', "self.__dict__.setdefault('width', 32)"],
    ['pop', "self.__dict__.pop('width')\nself.__dict__.update(overrides)"],
    ['clear', 'self.__dict__.clear()\nself.width = 16'],
    ['a key not known', 'vars(self)[sys.argv[1]] = 32'],
    ['the whole dict replaced', 'self.__dict__ = dict(width=32)'],
  ]) {
    it(`a write through the view with ${what} leaves every attribute unknown, not the old value`, () => {
      const body = `${CONFIG(init)}
model = Net(Config())
y = model(torch.randn(2, 16))
`;
      assert.deepEqual(netOf(body), { net: '[2, 10] · ?', diagnostics: [] });
    });
  }

  for (const [what, write] of [
    ['setattr', "setattr(config, 'width', 32)"],
    ['__dict__.update', 'config.__dict__.update(width=32)'],
    ['an item set through vars()', "vars(config)['width'] = 32"],
  ]) {
    it(`${what} on a path that may not run leaves the attribute unknown after it`, () => {
      const body = `${CONFIG('pass')}
config = Config()
if len(sys.argv) > 5:
    ${write}
model = Net(config)
y = model(torch.randn(2, 16))
`;
      assert.deepEqual(netOf(body), { net: '[2, 10] · ?', diagnostics: [] });
    });
  }

  it('a child module set through self._modules on a path that may not run is not that module after it', () => {
    const body = MODULE(
      "self.fc = nn.Linear(16, 10)\nif len(sys.argv) > 5:\n    self._modules['fc'] = nn.Linear(16, 20)",
    );
    const { net, diagnostics } = netOf(body);
    assert.notEqual(net, '[2, 20] · 340');
    assert.deepEqual(diagnostics, []);
  });

  it('a module takes plain settings through its own dict', () => {
    const body = `class Net(nn.Module):
    def __init__(self, **settings):
        super().__init__()
        self.width = 16
        self.__dict__.update(settings)
        self.__dict__['classes'] = 4
        self.fc = nn.Linear(self.width, self.classes)

    def forward(self, x):
        return self.fc(x)

model = Net(width=32)
y = model(torch.randn(2, 32))
`;
    assert.deepEqual(netOf(body), { net: '[2, 4] · 132', diagnostics: [] });
  });

  // PyTorch registers none of these (with its only child written so, Net has 0 parameters).
  for (const [what, init] of [
    ['a module', 'self.fc = nn.Linear(16, 10)\nself.__dict__.update(head=nn.Linear(10, 3))'],
    ['a parameter', "self.fc = nn.Linear(16, 10)\nself.__dict__['scale'] = nn.Parameter(torch.ones(10))"],
    ['a setting over a registered child', 'self.fc = nn.Linear(16, 10)\nself.__dict__.update(fc=3)'],
    ['its only child', 'self.__dict__.update(fc=nn.Linear(16, 10))'],
  ]) {
    it(`a module’s own dict written with ${what}: the module is not known`, () => {
      const { net, diagnostics } = netOf(MODULE(init));
      assert.deepEqual(diagnostics, []);
      assert.ok(net !== undefined && net.endsWith('· ?'), net);
    });
  }

  it('a module’s child is not in its own dict (PyTorch: KeyError): read through it, unknown', () => {
    const { net } = netOf(MODULE('self.fc = nn.Linear(16, 10)', "self.__dict__['fc'](x)"));
    assert.ok(net?.startsWith('null'), net);
  });
});
