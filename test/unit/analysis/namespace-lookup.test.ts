// A module's or class's namespace read under a computed key (namespace-view.ts): a builder
// picked by name from `globals()`, `vars(Cls)` or `sys.modules[__name__].__dict__`. A key not
// known, a name the namespace does not hold, or a namespace written under a computed key is
// unknown. Expected shapes and counts are PyTorch 1.13's (each body run with it).
import { strict as assert } from 'assert';
import { analyze, show } from './helpers';

/** What `model` (a Small, however built) gives on the file's input. */
const smallOf = (body: string) => {
  const { a } = analyze(body);
  const m = a.models.find(m => m.name === 'Small');
  return m && `${show(m.output)} · ${m.params ?? '?'}`;
};

const SMALL = `import sys

class Small(nn.Module):
    def __init__(self, width=4):
        super().__init__()
        self.fc = nn.Linear(10, width)

    def forward(self, x):
        return self.fc(x)

def small_wide():
    return Small(6)
`;

describe('namespace lookups by a computed name', () => {
  it('globals()[name] and sys.modules[__name__].__dict__[name] are the function of the file', () => {
    const body = `${SMALL}
def build(name):
    return globals()['small_' + name]()

model = build('wide')
y = model(torch.randn(2, 10))
`;
    assert.deepEqual(smallOf(body), '[2, 6] · 66');
    const viaSys = body.replace('globals()', 'sys.modules[__name__].__dict__');
    assert.deepEqual(smallOf(viaSys), '[2, 6] · 66');
  });

  it('a key not known, or a name the module does not hold, is unknown', () => {
    const unknownKey = `${SMALL}
model = globals()[sys.argv[1]]()
y = model(torch.randn(2, 10))
`;
    assert.deepEqual(smallOf(unknownKey), 'null · ?');
    const missing = `${SMALL}
try:
    model = globals()['small_narrow']()
except KeyError:
    model = Small()
y = model(torch.randn(2, 10))
`;
    assert.deepEqual(smallOf(missing), 'null · ?');
  });

  it('after a store through globals() under any name, its items are unknown', () => {
    const body = `${SMALL}
def small_narrow():
    return Small(2)

globals()['small_wide'] = small_narrow
model = globals()['small_wide']()
y = model(torch.randn(2, 10))
`;
    assert.deepEqual(smallOf(body), 'null · ?');
  });

  it("vars(Cls)[name] is the class's own name; a base's is not in its namespace", () => {
    const own = `${SMALL}
class Factory:
    make = small_wide

class Child(Factory):
    pass

model = vars(Factory)['make']()
y = model(torch.randn(2, 10))
`;
    assert.deepEqual(smallOf(own), '[2, 6] · 66');
    const keyError = own.replace("vars(Factory)['make']()", "Child.__dict__['make']()");
    assert.deepEqual(smallOf(keyError), 'null · ?');
  });
});
