// A layer sized by a command-line option's default says so (docs/design.md, "Command-line
// options"): the hint's tooltip and the hover name the option, for the option read directly
// (`opt.nz`), inside an expression (`opt.ngf * 2`) or through a module-level name (`ngf * 8`),
// and never for a name the constructor binds itself. The shapes are real PyTorch's
// (test/fixtures/pytorch/argparse_options.py covers the values with a golden).
import { strict as assert } from 'assert';
import { analyzeText } from '../../../src/analysis';
import { shapeHints } from '../../../src/views/hints';
import { layerHover } from '../../../src/views/hover';
import { DEFAULT_SETTINGS } from '../../../src/views/settings';
import { wholeText } from '../../../src/views/slice';

const SOURCE = `import argparse
import torch
import torch.nn as nn

parser = argparse.ArgumentParser()
parser.add_argument("--ngf", type=int, default=64)
parser.add_argument("--nz", type=int, default="100")
parser.set_defaults(extra=3)
opt = parser.parse_args()
ngf = int(opt.ngf)


class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.up = nn.ConvTranspose2d(opt.nz, ngf * 8, 4, 1, 0, bias=False)
        self.fc = nn.Linear(ngf * 8 * 16, opt.ngf * 2)

    def forward(self, z):
        return self.fc(self.up(z).flatten(1))


class Local(nn.Module):
    def __init__(self, ngf=32):
        super().__init__()
        self.conv = nn.Conv2d(opt.extra, ngf, 3)

    def forward(self, x):
        return self.conv(x)


g = Generator()
g(torch.randn(2, 100, 1, 1))
Local()(torch.randn(1, 3, 8, 8))
`;

const lineOf = (offset: number) => SOURCE.slice(0, offset).split('\n').length - 1;

describe('views: a value that is a command-line default says so', () => {
  const analysis = analyzeText(SOURCE);
  const slice = wholeText(analysis, SOURCE.length);
  const layer = (name: string) => analysis.layers.find(l => l.name === name)!;

  it('records the option of each argument read from the command line', () => {
    assert.deepEqual(layer('up').origins, ['opt.nz = 100, the default of --nz', 'ngf = 64, the default of --ngf']);
    assert.deepEqual(layer('fc').origins, ['ngf = 64, the default of --ngf', 'opt.ngf = 64, the default of --ngf']);
    assert.deepEqual(layer('fc').output, [2, 128]);
  });

  it('says nothing of a parameter that shadows the name, nor of a default set in the code', () => {
    assert.equal(layer('conv').origins, undefined);
  });

  it("puts it in the definition hint's tooltip and in the hover", () => {
    const hints = shapeHints(slice, 0, SOURCE.length, lineOf, DEFAULT_SETTINGS);
    const upHint = hints.find(h => lineOf(h.offset) === 15);
    assert.equal(upHint?.label, '→ [2, 512, 4, 4]');
    assert.match(upHint?.tooltip ?? '', /ngf = 64, the default of --ngf/);
    assert.match(upHint?.tooltip ?? '', /opt\.nz = 100, the default of --nz/);
    const at = SOURCE.indexOf('nn.ConvTranspose2d') + 3;
    assert.match(layerHover(slice, at, { images: false })?.markdown ?? '', /- ngf = 64, the default of \\-\\-ngf/);
  });
});
