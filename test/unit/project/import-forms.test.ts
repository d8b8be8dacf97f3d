// Each form of import across a project's files: the imported class, function, constant or
// module is the other file's own, so the importer's model is understood. Expected shapes follow
// PyTorch's rules for the layers involved (the same files run in real PyTorch in the golden test).
import { strict as assert } from 'assert';
import { importedMarkdown } from '../../../src/render/explain';
import { MemoryFiles, analyzeIn, hintsOn, outputs } from './helpers';

const PARTS = `import torch
import torch.nn as nn


class DoubleConv(nn.Module):
    def __init__(self, c_in, c_out):
        super().__init__()
        self.conv = nn.Conv2d(c_in, c_out, 3, padding=1)

    def forward(self, x):
        return self.conv(x)
`;

const BLOCKS = `import torch.nn as nn

WIDTH = 16


def conv1x1(c_in, c_out):
    return nn.Conv2d(c_in, c_out, 1)


class ConvBNReLU(nn.Module):
    def __init__(self, c_in, c_out, stride=1):
        super().__init__()
        self.conv = nn.Conv2d(c_in, c_out, 3, stride, 1)
        self.bn = nn.BatchNorm2d(c_out)

    def forward(self, x):
        return self.bn(self.conv(x))
`;

const model = (imports: string, init: string, forward = 'return self.body(x)') => `${imports}
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        ${init}

    def forward(self, x):  # x: [2, 3, 32, 32]
        ${forward}
`;

describe('imports across project files', () => {
  it('from .unet_parts import * brings the classes and the nn alias (class M(nn.Module) is a model)', () => {
    const files = new MemoryFiles({
      'unet/unet_parts.py': PARTS,
      'unet/unet_model.py': `from .unet_parts import *


class UNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.inc = DoubleConv(3, 8)

    def forward(self, x):  # x: [1, 3, 16, 16]
        return self.inc(x)
`,
    });
    assert.deepEqual(outputs(analyzeIn(files, 'unet/unet_model.py')), { UNet: [1, 8, 16, 16] });
  });

  it('from .blocks import ConvBNReLU (a relative import of a class)', () => {
    const files = new MemoryFiles({
      'pkg/blocks.py': BLOCKS,
      'pkg/net.py': model('from .blocks import ConvBNReLU', 'self.body = ConvBNReLU(3, 8, stride=2)'),
    });
    assert.deepEqual(outputs(analyzeIn(files, 'pkg/net.py')), { Net: [2, 8, 16, 16] });
  });

  it('from models.common import Bottleneck (absolute, from the project root)', () => {
    const files = new MemoryFiles({
      'models/__init__.py': '',
      'models/common.py': BLOCKS.replace('ConvBNReLU', 'Bottleneck'),
      'train/run.py': model('from models.common import Bottleneck', 'self.body = Bottleneck(3, 4)'),
    });
    assert.deepEqual(outputs(analyzeIn(files, 'train/run.py')), { Net: [2, 4, 32, 32] });
  });

  it('absolute imports also resolve from the importing file’s folder', () => {
    const files = new MemoryFiles({
      'scripts/helpers.py': BLOCKS,
      'scripts/run.py': model('from helpers import conv1x1', 'self.body = conv1x1(3, 5)'),
    });
    assert.deepEqual(outputs(analyzeIn(files, 'scripts/run.py')), { Net: [2, 5, 32, 32] });
  });

  it('from ..ops.misc import ConvNormActivation (two levels up), with a constant of its own module', () => {
    const files = new MemoryFiles({
      'vision/ops/misc.py': `import torch.nn as nn
from ..blocks import WIDTH


class ConvNormActivation(nn.Sequential):
    def __init__(self, c_in):
        super().__init__(nn.Conv2d(c_in, WIDTH, 3), nn.ReLU())
`,
      'vision/blocks.py': BLOCKS,
      'vision/models/net.py': model('from ..ops.misc import ConvNormActivation', 'self.body = ConvNormActivation(3)'),
    });
    assert.deepEqual(outputs(analyzeIn(files, 'vision/models/net.py')), { Net: [2, 16, 30, 30] });
  });

  it('from . import layers as L and import pkg.nets as nets bind modules', () => {
    const files = new MemoryFiles({
      'pkg/__init__.py': '',
      'pkg/layers.py': BLOCKS,
      'pkg/nets.py': BLOCKS.replace('WIDTH = 16', 'WIDTH = 7'),
      'pkg/a.py': model('from . import layers as L', 'self.body = L.conv1x1(3, L.WIDTH)'),
      'b.py': model('import pkg.nets as nets', 'self.body = nets.conv1x1(3, nets.WIDTH)'),
      'c.py': model('import pkg.nets', 'self.body = pkg.nets.conv1x1(3, pkg.nets.WIDTH)'),
    });
    assert.deepEqual(outputs(analyzeIn(files, 'pkg/a.py')), { Net: [2, 16, 32, 32] });
    assert.deepEqual(outputs(analyzeIn(files, 'b.py')), { Net: [2, 7, 32, 32] });
    assert.deepEqual(outputs(analyzeIn(files, 'c.py')), { Net: [2, 7, 32, 32] });
  });

  it('a package re-exports through __init__.py (and __all__ limits a star import)', () => {
    const files = new MemoryFiles({
      'pkg/__init__.py': 'from .blocks import ConvBNReLU\n__all__ = ["ConvBNReLU"]\n',
      'pkg/blocks.py': BLOCKS,
      'a.py': model('from pkg import ConvBNReLU', 'self.body = ConvBNReLU(3, 6)'),
      'b.py': model('from pkg import *', 'self.body = ConvBNReLU(3, 6)'),
      'c.py': model('from pkg import *', 'self.body = conv1x1(3, 6)'),
    });
    assert.deepEqual(outputs(analyzeIn(files, 'a.py')), { Net: [2, 6, 32, 32] });
    assert.deepEqual(outputs(analyzeIn(files, 'b.py')), { Net: [2, 6, 32, 32] });
    // conv1x1 is not in __all__: unknown, not guessed.
    assert.deepEqual(outputs(analyzeIn(files, 'c.py')), { Net: null });
  });

  it('hints stay in the importer: the imported file’s statements get none in it', () => {
    const importer = model(
      'from .blocks import ConvBNReLU',
      'self.body = ConvBNReLU(3, 8)',
      'y = self.body(x)\n        return y',
    );
    const files = new MemoryFiles({ 'pkg/blocks.py': BLOCKS, 'pkg/net.py': importer });
    const a = analyzeIn(files, 'pkg/net.py');
    assert.deepEqual(hintsOn(a, importer), [
      'self.body = ConvBNReLU(3, 8) → [2,8,32,32]',
      'y = self.body(x) → [2,8,32,32]',
      'return y → [2,8,32,32]',
    ]);
    // The imported block's own layers are the model's, without ranges in this file.
    const conv = a.layers.find(l => l.name === 'body.conv');
    assert.ok(conv && conv.definition === undefined && conv.call === undefined);
    assert.deepEqual(conv.output, [2, 8, 32, 32]);
  });

  it('a shape error inside the imported file is reported at the importer’s call, not at the other file’s offsets', () => {
    const files = new MemoryFiles({
      'pkg/blocks.py': BLOCKS.replace('nn.BatchNorm2d(c_out)', 'nn.BatchNorm2d(c_out + 1)'),
      'pkg/net.py': model('from .blocks import ConvBNReLU', 'self.body = ConvBNReLU(3, 8)'),
    });
    const a = analyzeIn(files, 'pkg/net.py');
    const text = files.files.get('/proj/pkg/net.py')!;
    assert.deepEqual(
      a.diagnostics.map(d => `${text.slice(d.range.start, d.range.end)}: ${d.message}`),
      ['self.body(x): in ConvBNReLU (pkg/blocks.py:17): running_mean should contain 8 elements not 9'],
    );
    assert.ok(a.layers.some(l => l.name === 'body.bn'));
  });

  it('says where each imported class, function and module came from (the hover’s text)', () => {
    const files = new MemoryFiles({
      'models/common.py': BLOCKS.replace('ConvBNReLU', 'Bottleneck'),
      'pkg/__init__.py': '',
      'pkg/nets.py': BLOCKS,
      'run.py': model(
        'from models.common import Bottleneck, conv1x1, WIDTH\nimport pkg.nets as nets',
        'self.body = Bottleneck(3, 4)',
      ),
    });
    const a = analyzeIn(files, 'run.py');
    assert.deepEqual(a.imported, [
      { name: 'Bottleneck', kind: 'class', from: 'models/common.py' },
      { name: 'conv1x1', kind: 'function', from: 'models/common.py' },
      { name: 'nets', kind: 'module', from: 'pkg/nets.py' },
    ]);
    assert.equal(importedMarkdown(a.imported![0]), '**Bottleneck** (class) from `models/common.py`');
  });

  it('a forward inherited from another file takes its input from that file’s shape comment', () => {
    const files = new MemoryFiles({
      'pkg/base.py': `import torch.nn as nn


class Base(nn.Module):
    def forward(self, x):  # x: [1, 3, 8, 8]
        return self.body(x)
`,
      'pkg/net.py': `import torch.nn as nn
from .base import Base

# padding so that the importer's own text at the base's offsets is no shape comment: [9, 9]


class Net(Base):
    def __init__(self):
        super().__init__()
        self.body = nn.Conv2d(3, 4, 3)
`,
    });
    const a = analyzeIn(files, 'pkg/net.py');
    assert.deepEqual(
      a.models.map(m => [m.name, m.inputs, m.output]),
      [['Net', [[1, 3, 8, 8]], [1, 4, 6, 6]]],
    );
  });
});
