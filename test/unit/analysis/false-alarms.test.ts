// No false alarms: small correct models with unknown values in them raise no error and no warning.
// Each model was run in real PyTorch 1.13 with concrete values for its unknowns (width=24;
// cfg={"in": 16, "hidden": [32, 8], "out": 4}; train and eval mode; channels [8, 16, 32] and [];
// a stride-2 Conv2d(3, 512) backbone with scale 0.5; n = 2 and target = 4 for the loops) and gave the
// outputs asserted where the analysis can know them.
import { strict as assert } from 'assert';
import { analyzeText, type Analysis } from '../../../src/analysis';
import { dimJson } from '../../../src/engine';
import { HEADER } from './helpers';

function clean(body: string): Analysis {
  const text = HEADER + body;
  const a = analyzeText(text);
  const alarms = a.diagnostics
    .filter(d => d.severity === 'error' || d.severity === 'warning')
    .map(d => `${d.code} @ ${text.slice(d.range.start, d.range.end)}: ${d.message}`);
  assert.deepEqual(alarms, []);
  return a;
}

const output = (a: Analysis, name: string) => a.models.find(m => m.name === name)?.output?.map(dimJson);

describe('analysis: no false alarms with unknown values', () => {
  it('a width from a constructor parameter without default', () => {
    const a = clean(`
class WidthNet(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.conv = nn.Conv2d(3, width, 3, padding=1)
        self.bn = nn.BatchNorm2d(width)
        self.fc = nn.Linear(width, 10)

    def forward(self, x):  # x: [2, 3, 32, 32]
        x = F.relu(self.bn(self.conv(x)))
        x = F.adaptive_avg_pool2d(x, 1).flatten(1)
        return self.fc(x)
`);
    assert.deepEqual(output(a, 'WidthNet'), [2, 10]);
  });

  const MLP = `
class ConfigMLP(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        layers = []
        dims = [cfg["in"]] + list(cfg["hidden"])
        for a, b in zip(dims[:-1], dims[1:]):
            layers += [nn.Linear(a, b), nn.ReLU()]
        self.body = nn.Sequential(*layers)
        self.head = nn.Linear(dims[-1], cfg["out"])

    def forward(self, x):  # x: [4, 16]
        return self.head(self.body(x))
`;
  it('a layer list built from a config passed in', () => {
    clean(MLP);
  });

  it('the same layer list from a config given at module level', () => {
    const a = clean(`${MLP}\nmodel = ConfigMLP({"in": 16, "hidden": [32, 8], "out": 4})\n`);
    assert.deepEqual(output(a, 'ConfigMLP'), [4, 4]);
  });

  it('an if self.training: branch', () => {
    const a = clean(`
class TrainingNoise(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3)
        self.drop = nn.Dropout2d(0.1)
        self.fc = nn.Linear(8 * 26 * 26, 10)

    def forward(self, x):  # x: [2, 1, 28, 28]
        x = self.conv(x)
        if self.training:
            x = self.drop(x)
            x = x + 0.01 * torch.randn_like(x)
        return self.fc(x.flatten(1))
`);
    assert.deepEqual(output(a, 'TrainingNoise'), [2, 10]);
  });

  it('a loop over a list of unknown length', () => {
    clean(`
class ChannelList(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.blocks = nn.ModuleList()
        cin = 3
        for c in channels:
            self.blocks.append(nn.Conv2d(cin, c, 3, padding=1))
            cin = c
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(cin, 10)

    def forward(self, x):  # x: [2, 3, 32, 32]
        for block in self.blocks:
            x = F.relu(block(x))
        return self.fc(self.pool(x).flatten(1))
`);
  });

  it('x.view(x.size(0), -1) after an op of unknown shape', () => {
    const a = clean(`
class Head(nn.Module):
    def __init__(self, backbone, scale):
        super().__init__()
        self.backbone = backbone
        self.scale = scale
        self.fc = nn.Linear(512, 10)

    def forward(self, x):  # x: [2, 3, 64, 64]
        x = self.backbone(x)
        x = F.interpolate(x, scale_factor=self.scale)
        x = F.adaptive_max_pool2d(x, 1)
        x = x.view(x.size(0), -1)
        return self.fc(x)
`);
    assert.deepEqual(output(a, 'Head')?.[1], 10);
  });

  it('a layer applied an unknown number of times: not the shape of exactly one iteration', () => {
    // With n = 2 the real output is [2, 10]; after the loop the spatial sizes are unknown.
    clean(`
class Repeat(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.n = n
        self.down = nn.Conv2d(8, 8, 3, stride=2, padding=1)
        self.fc = nn.Linear(8 * 8 * 8, 10)

    def forward(self, x):  # x: [2, 8, 32, 32]
        for _ in range(self.n):
            x = self.down(x)
        return self.fc(x.flatten(1))
`);
  });

  it('a while loop whose condition is unknown', () => {
    clean(`
class Shrink(nn.Module):
    def __init__(self, target):
        super().__init__()
        self.target = target
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(8 * 4 * 4, 10)

    def forward(self, x):  # x: [2, 8, 32, 32]
        while x.size(-1) > self.target:
            x = self.pool(x)
        return self.fc(x.flatten(1))
`);
  });
});
