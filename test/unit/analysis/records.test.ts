// Config records: dataclasses, NamedTuple classes, collections.namedtuple and plain config
// classes, as arguments of a model. Each expected width is the one PyTorch 1.13 gives for
// `nn.Linear(16, cfg.hidden)` on a [2, 16] input under Python 3 (checked with /usr/bin/python3);
// where Python raises, or the analysis cannot follow the construction, the width is unknown.
import { strict as assert } from 'assert';
import { analyze, diagLines, show } from './helpers';

const PRELUDE = `import dataclasses
from dataclasses import dataclass, field, replace, InitVar
from typing import NamedTuple, List, ClassVar
from collections import namedtuple
`;

/** The model's output for `Net(<expr>)` with the config classes of `src`. */
function outputWith(src: string, expr: string): { output: string | null; diagnostics: string[] } {
  const { text, a } = analyze(`${PRELUDE}${src}

class Net(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc = nn.Linear(16, cfg.hidden)

    def forward(self, x):  # x: [2, 16]
        return self.fc(x)

model = Net(${expr})
`);
  return { output: show(a.models[0]?.output), diagnostics: diagLines(text, a) };
}

const CONFIG = `@dataclass
class Config:
    hidden: int = 256
    heads: int = -1
    dims: List[int] = field(default_factory=list)

    def __post_init__(self):
        if self.heads == -1:
            self.heads = self.hidden // 8
        self.head_dim = self.hidden // self.heads
`;

describe('analysis: config records', () => {
  const cases: [string, string, string, string | null][] = [
    ['keyword argument, not the default', CONFIG, 'Config(hidden=32)', '[2, 32]'],
    ['positional argument', CONFIG, 'Config(48)', '[2, 48]'],
    ['defaults', CONFIG, 'Config()', '[2, 256]'],
    ['replace runs __init__ and __post_init__ again', CONFIG, 'replace(Config(), hidden=64)', '[2, 64]'],
    ['an unknown argument is unknown, not the default', CONFIG, 'Config(hidden=unknown_fn())', '[2, ?]'],
    ['an unknown **kwargs is unknown', CONFIG, 'Config(**unknown_fn())', '[2, ?]'],
    ['a missing or extra argument is a TypeError: unknown', CONFIG, 'Config(1, -1, [], 4)', '[2, ?]'],
    ['an unexpected keyword is a TypeError: unknown', CONFIG, 'Config(width=3)', '[2, ?]'],
    [
      '@dataclasses.dataclass(frozen=True) with object.__setattr__ in __post_init__',
      `@dataclasses.dataclass(frozen=True)
class Config:
    base: int = 8
    hidden: int = -1

    def __post_init__(self):
        if self.hidden < 0:
            object.__setattr__(self, 'hidden', 4 * self.base)
`,
      'Config(base=5)',
      '[2, 20]',
    ],
    [
      'default_factory with a nested config',
      `@dataclass
class Inner:
    hidden: int = 12

@dataclass
class Outer:
    inner: Inner = field(default_factory=Inner)
    scale: int = 2

    @property
    def hidden(self):
        return self.inner.hidden * self.scale
`,
      'Outer(scale=3).inner',
      '[2, 12]',
    ],
    [
      'inherited fields, overridden default',
      `@dataclass
class Base:
    hidden: int = 10
    depth: int = 2

@dataclass
class Child(Base):
    hidden: int = 20
    extra: int = 1
`,
      'Child(7, 3, 4)',
      '[2, 7]',
    ],
    [
      'InitVar goes to __post_init__, ClassVar is no field',
      `@dataclass
class Config:
    scale: InitVar[int] = 2
    base: ClassVar[int] = 9
    hidden: int = field(init=False)

    def __post_init__(self, scale):
        self.hidden = self.base * scale
`,
      'Config(3)',
      '[2, 27]',
    ],
    [
      'an option the analysis does not follow (init=False): unknown',
      `@dataclass(init=False)
class Config:
    hidden: int = 24
`,
      'Config()',
      '[2, ?]',
    ],
    [
      'field(kw_only=True) is not followed: unknown',
      `@dataclass
class Config:
    width: int = field(default=4, kw_only=True)
    hidden: int = 8
`,
      'Config(5)',
      '[2, ?]',
    ],
    [
      'typing.NamedTuple, positional and keyword',
      `class Config(NamedTuple):
    width: int
    hidden: int = 40
`,
      'Config(3, hidden=6)',
      '[2, 6]',
    ],
    [
      'typing.NamedTuple defaults',
      `class Config(NamedTuple):
    width: int
    hidden: int = 40
`,
      'Config(3)',
      '[2, 40]',
    ],
    [
      'collections.namedtuple with defaults',
      "Config = namedtuple('Config', ['width', 'hidden'], defaults=[18])",
      'Config(1)',
      '[2, 18]',
    ],
    [
      'collections.namedtuple from a string',
      "Config = namedtuple('Config', 'width, hidden')",
      'Config(1, hidden=9)',
      '[2, 9]',
    ],
    [
      "a namedtuple's _replace",
      "Config = namedtuple('Config', 'width hidden')",
      'Config(5, 6)._replace(hidden=13)',
      '[2, 13]',
    ],
    [
      "a NamedTuple's _replace keeps the other fields",
      `class Config(NamedTuple):
    width: int
    hidden: int = 40
`,
      'Config(3)._replace(width=1)',
      '[2, 40]',
    ],
    [
      'dataclasses.asdict recurses into nested dataclasses',
      `@dataclass
class Inner:
    hidden: int = 12

@dataclass
class Outer:
    inner: Inner = field(default_factory=Inner)
    scale: int = 2

def make(inner, scale):
    return Inner(hidden=inner['hidden'] * scale)
`,
      'make(**dataclasses.asdict(Outer(scale=3)))',
      '[2, 36]',
    ],
    [
      "a namedtuple's _asdict",
      `Config = namedtuple('Config', 'width hidden')

def make(width, hidden):
    return Config(hidden, width)
`,
      'make(**Config(8, 9)._asdict())',
      '[2, 8]',
    ],
    [
      'getattr with a default on a config of this file',
      `@dataclass
class Config:
    width: int = 4

@dataclass
class Head:
    hidden: int = 1

def widen(cfg):
    return Head(hidden=getattr(cfg, 'hidden', 21))
`,
      'widen(Config())',
      '[2, 21]',
    ],
    [
      'hasattr on a config of this file',
      `@dataclass
class Config:
    width: int = 4
    hidden: int = 0

    def __post_init__(self):
        self.hidden = 30 if hasattr(self, 'heads') else 17
`,
      'Config()',
      '[2, 17]',
    ],
    [
      'a missing attribute of a library class may exist: getattr default is not taken',
      `from transformers import PretrainedConfig

class Config(PretrainedConfig):
    def __init__(self):
        self.width = 4

class Wrap:
    def __init__(self, cfg):
        self.hidden = getattr(cfg, 'hidden_size', 64)
`,
      'Wrap(Config())',
      '[2, ?]',
    ],
    [
      'a plain config class',
      `class Config:
    def __init__(self, hidden=100, **kwargs):
        self.hidden = hidden
`,
      'Config(hidden=11)',
      '[2, 11]',
    ],
    [
      'a plain class without __init__ given arguments is a TypeError: unknown, not its class attribute',
      `class Config:
    hidden = 100
`,
      'Config(hidden=11)',
      '[2, ?]',
    ],
  ];
  for (const [title, src, expr, expected] of cases) {
    it(title, () => {
      const { output, diagnostics } = outputWith(src, expr);
      assert.equal(output, expected);
      assert.deepEqual(diagnostics, []);
    });
  }

  it('a namedtuple instance is a tuple: indexing, unpacking, len, slices', () => {
    const { text, a } = analyze(`${PRELUDE}
C = namedtuple('C', 'a b c')

class Net(nn.Module):
    def __init__(self, c=C(2, 3, 4)):
        super().__init__()
        x, y, z = c
        self.fc = nn.Linear(c[1] * c[-1] * len(c), x + y * z)
        self.fc2 = nn.Linear(x + y * z, sum(list(c[0:2])))

    def forward(self, x):  # x: [2, 36]
        return self.fc2(self.fc(x))
`);
    assert.deepEqual(diagLines(text, a), []);
    assert.equal(show(a.models[0].output), '[2, 5]');
  });

  for (const decorator of ['@dataclass', '@unknown_fn()']) {
    it(`a -1 sentinel replaced in __post_init__ is never read as a size (${decorator})`, () => {
      const { text, a } = analyze(`${PRELUDE}
${decorator}
class Args:
    dim: int = 64
    n_heads: int = 4
    n_kv_heads: int = -1

    def __post_init__(self):
        if self.n_kv_heads == -1:
            self.n_kv_heads = self.n_heads

class Attn(nn.Module):
    def __init__(self, args: Args):
        super().__init__()
        self.wk = nn.Linear(args.dim, args.n_kv_heads * (args.dim // args.n_heads))

    def forward(self, x):  # x: [2, 5, 64]
        return self.wk(x)

model = Attn(Args())
`);
      assert.deepEqual(diagLines(text, a), []);
      // A class under a decorator the analysis does not follow may be anything.
      assert.equal(show(a.models[0].output), decorator === '@dataclass' ? '[2, 5, 64]' : '[2, 5, ?]');
    });
  }
});
