// A seeded generator of PyTorch model files that look like real model code: many nn.Module
// classes with __init__ and forward, convolutions, batch norm, pooling, linears, nn.Sequential,
// residual adds, a flatten into a classifier head whose in_features is computed correctly, and a
// shape comment declaring each top-level model's input. Used by the benchmarks (tools/bench/run.js)
// and by tests that need large, realistic documents.
'use strict';
const { seededRandom } = require('./random');

const HEADER = [
  '"""Generated model zoo (ConvShape benchmark input)."""',
  'import torch',
  'import torch.nn as nn',
  'import torch.nn.functional as F',
  '',
  '',
];

/** A ResNet-like image classifier: conv block, residual blocks, strided stages, pooled head. */
function resnetFamily(r, id) {
  const c0 = r.pick([16, 32, 64]);
  const stages = r.int(2, 4);
  const size = r.pick([32, 64, 96, 128]);
  const classes = r.pick([10, 100, 1000]);
  const hidden = r.pick([128, 256, 512]);
  const L = [];
  L.push(`class ConvBNReLU${id}(nn.Module):`);
  L.push('    def __init__(self, in_channels, out_channels, stride=1):');
  L.push('        super().__init__()');
  L.push(
    '        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size=3, stride=stride, padding=1, bias=False)',
  );
  L.push('        self.bn = nn.BatchNorm2d(out_channels)');
  L.push('        self.act = nn.ReLU(inplace=True)');
  L.push('');
  L.push('    def forward(self, x):');
  L.push('        return self.act(self.bn(self.conv(x)))');
  L.push('', '');
  L.push(`class Residual${id}(nn.Module):`);
  L.push('    def __init__(self, channels):');
  L.push('        super().__init__()');
  L.push('        self.body = nn.Sequential(');
  L.push('            nn.Conv2d(channels, channels, 3, padding=1, bias=False),');
  L.push('            nn.BatchNorm2d(channels),');
  L.push('            nn.ReLU(inplace=True),');
  L.push('            nn.Conv2d(channels, channels, 3, padding=1, bias=False),');
  L.push('            nn.BatchNorm2d(channels),');
  L.push('        )');
  L.push('        self.act = nn.ReLU()');
  L.push('');
  L.push('    def forward(self, x):');
  L.push('        identity = x');
  L.push('        out = self.body(x)');
  L.push('        return self.act(out + identity)');
  L.push('', '');
  L.push(`class ResNet${id}(nn.Module):`);
  L.push(`    def __init__(self, num_classes=${classes}):`);
  L.push('        super().__init__()');
  L.push(`        self.stem = ConvBNReLU${id}(3, ${c0})`);
  let ch = c0;
  for (let s = 0; s < stages; s++) {
    const next = Math.min(ch * 2, 512);
    const blocks = r.int(1, 3);
    const body = [
      `ConvBNReLU${id}(${ch}, ${next}, stride=2)`,
      ...Array.from({ length: blocks }, () => `Residual${id}(${next})`),
    ];
    L.push(`        self.stage${s + 1} = nn.Sequential(`);
    for (const b of body) L.push(`            ${b},`);
    L.push('        )');
    ch = next;
  }
  L.push('        self.pool = nn.AdaptiveAvgPool2d((1, 1))');
  L.push(`        self.fc1 = nn.Linear(${ch}, ${hidden})`);
  L.push(`        self.dropout = nn.Dropout(p=0.5)`);
  L.push(`        self.fc2 = nn.Linear(${hidden}, num_classes)`);
  L.push('');
  L.push(`    def forward(self, x):  # x: [N, 3, ${size}, ${size}]`);
  L.push('        x = self.stem(x)');
  for (let s = 0; s < stages; s++) L.push(`        x = self.stage${s + 1}(x)`);
  L.push('        x = self.pool(x)');
  L.push('        x = torch.flatten(x, 1)');
  L.push('        x = F.relu(self.fc1(x))');
  L.push('        x = self.dropout(x)');
  L.push('        return self.fc2(x)');
  L.push('', '');
  return L;
}

/** A VGG-like network: nn.Sequential features, max pooling, flatten into exact in_features. */
function vggFamily(r, id) {
  const inputSize = r.pick([32, 48, 64]);
  let size = inputSize;
  const inCh = r.pick([1, 3]);
  const blocks = r.int(2, 4);
  const L = [];
  L.push(`class VGG${id}(nn.Module):`);
  L.push('    def __init__(self, num_classes=10):');
  L.push('        super().__init__()');
  L.push('        self.features = nn.Sequential(');
  let ch = inCh;
  for (let b = 0; b < blocks; b++) {
    const out = r.pick([32, 64, 128]);
    const k = r.pick([3, 5]);
    L.push(`            nn.Conv2d(${ch}, ${out}, kernel_size=${k}, padding=${(k - 1) / 2}),`);
    L.push(`            nn.BatchNorm2d(${out}),`);
    L.push('            nn.ReLU(inplace=True),');
    L.push('            nn.MaxPool2d(kernel_size=2, stride=2),');
    size = Math.floor(size / 2);
    ch = out;
  }
  L.push('        )');
  const hidden = r.pick([256, 512]);
  L.push('        self.classifier = nn.Sequential(');
  L.push(`            nn.Linear(${ch * size * size}, ${hidden}),`);
  L.push('            nn.ReLU(inplace=True),');
  L.push('            nn.Dropout(0.5),');
  L.push(`            nn.Linear(${hidden}, num_classes),`);
  L.push('        )');
  L.push('');
  L.push(`    def forward(self, x):  # x: [N, ${inCh}, ${inputSize}, ${inputSize}]`);
  L.push('        x = self.features(x)');
  L.push('        x = x.view(x.size(0), -1)');
  L.push('        return self.classifier(x)');
  L.push('', '');
  return L;
}

/** A 1-D convolutional network over audio frames, with an explicit forward. */
function audioFamily(r, id) {
  const length = r.pick([8000, 16000]);
  const c1 = r.pick([16, 32]);
  const c2 = c1 * 2;
  const L = [];
  L.push(`class AudioNet${id}(nn.Module):`);
  L.push('    def __init__(self, n_classes=35):');
  L.push('        super().__init__()');
  L.push(`        self.conv1 = nn.Conv1d(1, ${c1}, kernel_size=80, stride=16)`);
  L.push(`        self.bn1 = nn.BatchNorm1d(${c1})`);
  L.push('        self.pool1 = nn.MaxPool1d(4)');
  L.push(`        self.conv2 = nn.Conv1d(${c1}, ${c2}, kernel_size=3)`);
  L.push(`        self.bn2 = nn.BatchNorm1d(${c2})`);
  L.push('        self.pool2 = nn.MaxPool1d(4)');
  L.push(`        self.fc = nn.Linear(${c2}, n_classes)`);
  L.push('');
  L.push(`    def forward(self, x):  # x: [N, 1, ${length}]`);
  L.push('        x = self.pool1(F.relu(self.bn1(self.conv1(x))))');
  L.push('        x = self.pool2(F.relu(self.bn2(self.conv2(x))))');
  L.push('        x = F.avg_pool1d(x, x.shape[-1])');
  L.push('        x = x.permute(0, 2, 1)');
  L.push('        return F.log_softmax(self.fc(x), dim=2)');
  L.push('', '');
  return L;
}

const FAMILIES = [resnetFamily, resnetFamily, vggFamily, audioFamily];

/**
 * A model file of at least `lines` lines (families are whole, so slightly more), the same for the
 * same seed. Returns the text and each class's name and offset range.
 */
function generateModelFile({ lines, seed = 1 }) {
  const r = seededRandom(seed);
  const out = [...HEADER];
  let id = 0;
  while (out.length < lines) out.push(...r.pick(FAMILIES)(r, id++));
  const text = out.join('\n') + '\n';
  return { text, lines: out.length, classes: classRanges(text) };
}

/** Name and [start, end) offsets of every top-level class. */
function classRanges(text) {
  const starts = [...text.matchAll(/^class (\w+)/gm)].map(m => ({ name: m[1], start: m.index }));
  return starts.map((c, i) => ({ ...c, end: i + 1 < starts.length ? starts[i + 1].start : text.length }));
}

module.exports = { generateModelFile, classRanges };
