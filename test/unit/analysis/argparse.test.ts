// Command-line defaults (argparse): `opt.x` is the default a script run without options sees;
// a required or positional option, or an argument list given to parse_args, stays unknown. Each
// expected width is what `nn.Linear(16, <expr>)` gives under Python 3 with no command-line
// options (checked with /usr/bin/python3); unknown where Python would not know it either.
import { strict as assert } from 'assert';
import { analyze, diagLines, show } from './helpers';

function widthWith(options: string, expr: string): string | null {
  const { text, a } = analyze(`import argparse
parser = argparse.ArgumentParser()
${options}

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(16, ${expr})

    def forward(self, x):  # x: [2, 16]
        return self.fc(x)
`);
  assert.deepEqual(diagLines(text, a), []);
  return show(a.models[0]?.output);
}

describe('analysis: argparse defaults', () => {
  it('reads a typed default, a string default converted by its type, and a dest', () => {
    assert.equal(
      widthWith("parser.add_argument('--width', type=int, default=32)\nopt = parser.parse_args()", 'opt.width'),
      '[2, 32]',
    );
    assert.equal(
      widthWith("parser.add_argument('--width', type=int, default='12')\nopt = parser.parse_args()", 'opt.width'),
      '[2, 12]',
    );
    assert.equal(
      widthWith("parser.add_argument('-w', '--hidden-size', default=7)\nopt = parser.parse_args()", 'opt.hidden_size'),
      '[2, 7]',
    );
    assert.equal(
      widthWith(
        "parser.add_argument('--w', dest='width', default=9)\nargs, rest = parser.parse_known_args()",
        'args.width',
      ),
      '[2, 9]',
    );
  });

  it('makes a flag False and an option without default None', () => {
    assert.equal(
      widthWith(
        "parser.add_argument('--wide', action='store_true')\nopt = parser.parse_args()",
        '64 if opt.wide else 8',
      ),
      '[2, 8]',
    );
    assert.equal(
      widthWith(
        "parser.add_argument('--narrow', action='store_false')\nopt = parser.parse_args()",
        '64 if opt.narrow else 8',
      ),
      '[2, 64]',
    );
    assert.equal(
      widthWith("parser.add_argument('--width')\nopt = parser.parse_args()", '5 if opt.width is None else 6'),
      '[2, 5]',
    );
  });

  it('leaves required, positional and explicitly parsed options unknown', () => {
    assert.equal(
      widthWith(
        "parser.add_argument('--width', type=int, default=3, required=True)\nopt = parser.parse_args()",
        'opt.width',
      ),
      '[2, ?]',
    );
    assert.equal(
      widthWith("parser.add_argument('width', type=int, default=3)\nopt = parser.parse_args()", 'opt.width'),
      '[2, ?]',
    );
    assert.equal(
      widthWith(
        "parser.add_argument('--width', type=int, default=3)\nopt = parser.parse_args(['--width', '4'])",
        'opt.width',
      ),
      '[2, ?]',
    );
    assert.equal(
      widthWith(
        "parser.add_argument('--width', type=lambda s: int(s) * 2, default='3')\nopt = parser.parse_args()",
        'opt.width',
      ),
      '[2, ?]',
    );
  });

  it('knows nothing once an option is added in a way it does not follow', () => {
    const opts =
      "parser.add_argument('--width', type=int, default=3)\nparser.add_argument(*names)\nopt = parser.parse_args()";
    assert.equal(widthWith(opts, 'opt.depth'), '[2, ?]');
  });
});
