// A class whose base is a library class the analysis does not read (issue 11, part 3): a module
// by its own code (it defines forward and its own __init__ assigns nn layers to self), and
// unknown wherever the base could decide (an inherited method or attribute, super() calls, the
// parameter total). The shapes the analysis gives are PyTorch 1.13's for the same classes with
// the base replaced by nn.Module (the fixture unfollowed_bases.py is checked that way against
// real PyTorch); the unknowns are what no run with a stand-in base could vouch for.
import { strict as assert } from 'assert';
import { analyze, layerLines, show } from './helpers';
import type { Analysis } from '../../../src/analysis/types';
import { shapeText } from '../../../src/engine';

const models = (a: Analysis) => a.models.map(m => `${m.name}: ${show(m.output)} · ${m.params ?? '?'}`);

/** The hint on the line that contains `marker`, or null when the line has none. */
function hintAt(text: string, a: Analysis, marker: string): string | null {
  const at = text.indexOf(marker);
  assert.ok(at >= 0, `marker ${marker} is in the text`);
  const line = text.slice(0, at).split('\n').length;
  const h = a.hints.find(x => text.slice(0, x.offset).split('\n').length === line);
  return h ? shapeText(h.shape) : null;
}

describe('analysis: classes whose base is a library class not read', () => {
  it('mmcv style: a block of an unfollowed BaseModule is a module; the total is unknown, its layers counted', () => {
    const { a } = analyze(`from mmcv.runner import BaseModule

class Head(BaseModule):
    def __init__(self, init_cfg=None):
        super().__init__(init_cfg)
        self.fc = nn.Linear(8, 2)

    def forward(self, x):
        return self.fc(x)

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.head = Head()

    def forward(self, x):  # x: [1, 8]
        return self.head(x)
`);
    assert.deepEqual(models(a), ['Net: [1, 2] · ?']);
    const net = a.models.find(m => m.name === 'Net')!;
    const fc = a.layers[net.layers[0]];
    assert.equal(fc.name, 'head.fc');
    assert.equal(fc.params, 18);
  });

  it('pl.LightningModule at the top: the model of the file, run on its declared input', () => {
    const { a } = analyze(`import pytorch_lightning as pl

class LitNet(pl.LightningModule):
    def __init__(self, lr=1e-3):
        super().__init__()
        self.save_hyperparameters()
        self.body = nn.Sequential(nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2))
        self.fc = nn.Linear(8 * 13 * 13, 10)

    def forward(self, x):  # x: [4, 1, 28, 28]
        return self.fc(self.body(x).flatten(1))

    def training_step(self, batch, batch_idx):
        x, y = batch
        return F.cross_entropy(self(x), y)
`);
    assert.deepEqual(models(a), ['LitNet: [4, 10] · ?']);
    assert.deepEqual(layerLines(a, 'LitNet'), [
      'body.0: [4, 8, 26, 26]',
      'body.1: [4, 8, 26, 26]',
      'body.2: [4, 8, 13, 13]',
      'fc: [4, 10]',
    ]);
  });

  it('unknown beats wrong: an inherited method, a base attribute, super().forward, self.training, getattr with a default', () => {
    const { text, a } = analyze(`import timm.layers

class Block(timm.layers.SomeBase):
    def __init__(self, dim):
        super().__init__(dim)
        self.proj = nn.Linear(dim, dim * 2)

    def forward(self, x):
        y = self.proj(x)  # own
        a = self.norm_fn(y)  # inherited
        b = y * self.scale  # base attribute
        c = super().forward(y)  # base forward
        d = y[:1] if self.training else y  # base state
        e = getattr(self, 'act', nn.Identity())(y)  # may be the base's
        f = y[:, :1] if self.use_half else y  # a flag the base may set
        return y + 0 * (a + b + c + d + e + f)

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.block = Block(6)

    def forward(self, x):  # x: [2, 6]
        return self.block(x)
`);
    assert.equal(hintAt(text, a, '# own'), '[2, 12]');
    for (const marker of ['# inherited', '# base attribute', '# base forward', '# may be the base'])
      assert.equal(hintAt(text, a, marker), null, marker);
    // Both branches, joined: never the one a default flag would pick.
    assert.equal(hintAt(text, a, '# base state'), '[?, 12]');
    assert.equal(hintAt(text, a, '# a flag'), '[2, ?]');
    assert.deepEqual(models(a), ['Net: null · ?']);
    assert.deepEqual(
      a.diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning'),
      [],
    );
  });

  it('attributes the base __init__ sets are unknown, the ones the class assigns after it are known', () => {
    const { text, a } = analyze(`from mmengine.model import BaseModule

class Head(BaseModule):
    def __init__(self, channels=8):
        super().__init__(init_cfg=dict(type='Normal'))
        self.channels = channels
        self.conv = nn.Conv2d(channels, self.channels * 2, 1)
        self.extra = nn.Conv2d(self.in_channels, 4, 1)  # from the base

    def forward(self, x):
        y = self.conv(x)  # conv
        return y

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.head = Head()

    def forward(self, x):  # x: [1, 8, 5, 5]
        return self.head(x)
`);
    assert.equal(hintAt(text, a, '# conv'), '[1, 16, 5, 5]');
    assert.deepEqual(models(a), ['Net: [1, 16, 5, 5] · ?']);
  });

  it('declined: a class that defines __call__ runs that; one whose own code builds no nn module is unknown', () => {
    const { a } = analyze(`from somelib import Base

class Caller(Base):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 3)

    def forward(self, x):
        return self.fc(x)

    def __call__(self, x):
        return self.fc(x)[:, :1]

class NoLayers(Base):
    def __init__(self):
        super().__init__()
        self.scale = 2

    def forward(self, x):
        return x

class Inherits(Base):
    def forward(self, x):
        return self.layer(x)

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.caller = Caller()
        self.plain = NoLayers()
        self.inh = Inherits(4, 3)

    def forward(self, x):  # x: [2, 4]
        return self.caller(x), self.plain(x), self.inh(x)
`);
    // Caller is no module here (PyTorch would not know it either): calling it runs its __call__.
    assert.deepEqual(
      a.models.map(m => m.name),
      ['Net'],
    );
    const net = a.models.find(m => m.name === 'Net')!;
    assert.equal(show(net.output), '[2, 1]');
    assert.equal(net.params, undefined);
  });

  it('a subclass of such a module that defines __call__ runs its __call__, as Python does', () => {
    const { a } = analyze(`from somelib import Base

class Block(Base):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 3)

    def forward(self, x):
        return self.fc(x)

class Sliced(Block):
    def __call__(self, x):
        return self.fc(x)[:, :1]

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.block = Sliced()

    def forward(self, x):  # x: [2, 4]
        return self.block(x)
`);
    assert.deepEqual(
      a.models.filter(m => m.name === 'Net').map(m => `${show(m.output)} · ${m.params ?? '?'}`),
      ['[2, 1] · ?'],
    );
  });

  it('a project class between the library base and the module, a registry decorator, a subclass of the module', () => {
    const { a } = analyze(`from mmcv.runner import BaseModule
from mmdet.registry import MODELS

class Base(BaseModule):
    def __init__(self, c):
        super().__init__()
        self.c = c

@MODELS.register_module()
class Head(Base):
    def __init__(self, c=4):
        super().__init__(c)
        self.fc = nn.Linear(c, 2 * c)

    def forward(self, x):
        return self.fc(x)

class Wider(Head):
    def __init__(self):
        super().__init__(6)
        self.out = nn.Linear(12, 3)

    def forward(self, x):  # x: [5, 6]
        return self.out(super().forward(x))
`);
    // Head runs on its own too, on a guessed input whose rank Linear leaves open.
    assert.deepEqual(models(a), ['Head: null · ?', 'Wider: [5, 3] · ?']);
    assert.deepEqual(layerLines(a, 'Wider'), ['fc: [5, 12]', 'out: [5, 3]']);
  });
});
