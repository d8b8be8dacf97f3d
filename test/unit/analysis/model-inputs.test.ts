// A model's forward with several arguments (docs/design.md, "Where input shapes come from"): each
// argument bound to its input — the caller's (by position or name), a shape comment naming it, a
// sample call's argument (positional or keyword, a tensor, a constant, a tuple of tensors) — and
// Python's default otherwise. Shapes checked against real PyTorch 1.13 (the fixtures
// test/fixtures/pytorch/two_input_*.py hold the same models with goldens).
import { strict as assert } from 'assert';
import { analyze, layerLines, show } from './helpers';

const UNET = `
class TimeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, padding=1)
        self.time = nn.Linear(1, 16)

    def forward(self, x, t, mask=None):
        h = self.conv(x)
        if mask is not None:
            h = h * mask
        return h + self.time(t)[:, :, None, None]
`;

const model = (a: ReturnType<typeof analyze>['a'], name: string) => {
  const m = a.models.find(x => x.name === name);
  assert.ok(m, `no model ${name}`);
  return { inputs: m.inputs.map(show), output: show(m.output) };
};

describe('analysis: a forward with several arguments', () => {
  it('binds a sample call by position', () => {
    const { a } = analyze(UNET + 'net = TimeNet()\nnet(torch.randn(2, 3, 8, 8), torch.randn(2, 1))\n');
    assert.deepEqual(model(a, 'TimeNet'), { inputs: ['[2, 3, 8, 8]', '[2, 1]'], output: '[2, 16, 8, 8]' });
  });

  it('binds a keyword argument of a sample call to its parameter', () => {
    const { a } = analyze(UNET + 'net = TimeNet()\nnet(torch.randn(2, 3, 8, 8), t=torch.randn(2, 1))\n');
    assert.deepEqual(model(a, 'TimeNet'), { inputs: ['[2, 3, 8, 8]', '[2, 1]'], output: '[2, 16, 8, 8]' });
    assert.deepEqual(layerLines(a, 'TimeNet'), ['conv: [2, 16, 8, 8]', 'time: [2, 16]']);
  });

  it('passes a keyword past a parameter left to its default by keyword', () => {
    const src = `
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 6)
        self.g = nn.Linear(3, 6)

    def forward(self, x, mask=None, cond=None):
        y = self.fc(x)
        if cond is not None:
            y = y + self.g(cond)
        return y

net = Net()
net(torch.randn(5, 4), cond=torch.randn(5, 3))
`;
    const { a } = analyze(src);
    assert.deepEqual(model(a, 'Net'), { inputs: ['[5, 4]', '[5, 3]'], output: '[5, 6]' });
    assert.deepEqual(layerLines(a, 'Net'), ['fc: [5, 6]', 'g: [5, 6]']);
  });

  it('passes a constant argument as it is: `model(x, True)` takes the True branch only', () => {
    const src = `
class Flat(nn.Module):
    def __init__(self):
        super().__init__()
        self.c = nn.Conv2d(3, 8, 3)

    def forward(self, x, flat):
        h = self.c(x)
        if flat:
            h = h.flatten(1)
        return h

f = Flat()
f(torch.randn(2, 3, 10, 10), True)
`;
    const { a } = analyze(src);
    assert.deepEqual(model(a, 'Flat'), { inputs: ['[2, 3, 10, 10]'], output: '[2, 512]' });
    const { a: b } = analyze(src.replace('True)', 'False)'));
    assert.deepEqual(model(b, 'Flat').output, '[2, 8, 8, 8]');
  });

  it('passes a tuple of tensors given by keyword, unpacked in forward', () => {
    const src = `
class Prompted(nn.Module):
    def __init__(self):
        super().__init__()
        self.img = nn.Conv2d(3, 8, 3)
        self.pt = nn.Linear(2, 8)

    def forward(self, img, points=None):
        h = self.img(img)
        coords, labels = points
        return h, self.pt(coords) * labels[..., None]

m = Prompted()
m(torch.randn(1, 3, 16, 16), points=(torch.randn(1, 5, 2), torch.ones(1, 5)))
`;
    const { a } = analyze(src);
    assert.deepEqual(model(a, 'Prompted').inputs, ['[1, 3, 16, 16]', '[1, 5, 2]', '[1, 5]']);
    assert.deepEqual(layerLines(a, 'Prompted'), ['img: [1, 8, 14, 14]', 'pt: [1, 5, 8]']);
  });

  it('keeps a default (mask=None) when nothing is given, and an unknown tensor for a required argument', () => {
    const { a } = analyze(UNET.replace('self.time(t)[:, :, None, None]', 'self.time(t).view(-1, 16, 1, 1)'));
    const m = model(a, 'TimeNet');
    assert.deepEqual(m.inputs, ['[N, 3, H, W]', null]);
  });

  it('reads a shape comment naming several arguments, on the def line or above it', () => {
    for (const at of ['def', 'above']) {
      const comment = '# x: [2, 3, 8, 8], t: [2, 1]';
      const src =
        at === 'def'
          ? UNET.replace('def forward(self, x, t, mask=None):', `def forward(self, x, t, mask=None):  ${comment}`)
          : UNET.replace('    def forward', `    ${comment}\n    def forward`);
      const { a } = analyze(src);
      assert.deepEqual(model(a, 'TimeNet'), { inputs: ['[2, 3, 8, 8]', '[2, 1]'], output: '[2, 16, 8, 8]' }, at);
    }
  });

  it('binds a keyword-only argument after a bare * by keyword', () => {
    const src = `
class K(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 6)
        self.g = nn.Linear(3, 6)

    def forward(self, x, *, cond):
        return self.fc(x) + self.g(cond)

k = K()
k(torch.randn(5, 4), cond=torch.randn(5, 3))
`;
    const { a } = analyze(src);
    assert.deepEqual(model(a, 'K'), { inputs: ['[5, 4]', '[5, 3]'], output: '[5, 6]' });
  });

  it("reads a builder function's comment naming several arguments, and --input over it", () => {
    const src = UNET + '\n\ndef make_net():  # x: [2, 3, 8, 8], t: [2, 1]\n    return TimeNet()\n';
    const { a } = analyze(src);
    assert.deepEqual(model(a, 'make_net'), { inputs: ['[2, 3, 8, 8]', '[2, 1]'], output: '[2, 16, 8, 8]' });
    const { a: b } = analyze(src, { inputs: { make_net: { positional: [[5, 3, 4, 4]], named: { t: [5, 1] } } } });
    assert.deepEqual(model(b, 'make_net'), { inputs: ['[5, 3, 4, 4]', '[5, 1]'], output: '[5, 16, 4, 4]' });
  });

  describe('--input for several arguments', () => {
    it('gives the inputs by position', () => {
      const { a } = analyze(UNET, {
        inputs: {
          '*': {
            positional: [
              [4, 3, 6, 6],
              [4, 1],
            ],
          },
        },
      });
      assert.deepEqual(model(a, 'TimeNet'), { inputs: ['[4, 3, 6, 6]', '[4, 1]'], output: '[4, 16, 6, 6]' });
    });

    it('gives an argument by its name (a key that is no model name), to every model that has it', () => {
      const { a } = analyze(UNET, { inputs: { x: [4, 3, 6, 6], t: [4, 1] } });
      assert.deepEqual(model(a, 'TimeNet'), { inputs: ['[4, 3, 6, 6]', '[4, 1]'], output: '[4, 16, 6, 6]' });
    });

    it('gives one model argument by MODEL.ARG, over a comment and a sample call', () => {
      const src =
        UNET.replace('mask=None):', 'mask=None):  # t: [9, 1]') +
        'n = TimeNet()\nn(torch.randn(2, 3, 8, 8), torch.randn(2, 1))\n';
      const { a } = analyze(src, { inputs: { TimeNet: { positional: [], named: { t: [2, 1] } } } });
      assert.deepEqual(model(a, 'TimeNet'), { inputs: ['[2, 3, 8, 8]', '[2, 1]'], output: '[2, 16, 8, 8]' });
      const { a: b } = analyze(src);
      assert.deepEqual(model(b, 'TimeNet').inputs, ['[2, 3, 8, 8]', '[9, 1]']);
    });
  });
});
