// workspaceMs / workspaceMB (issue 14): `convshape check DIR` as a whole process on a generated
// project of 500 files that import each other — packages with `__init__.py` re-exports, relative
// imports within a package, absolute imports of a shared package, star imports — wall-clock time
// and the process' peak resident memory (workspace-child.js, preloaded, reports it).
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ROOT } = require('./project');
const { summarize } = require('./stats');

const PACKAGES = 10;
const PER_PACKAGE = 49; // + one __init__.py each: 500 files

/** One module of the generated project: a block built from blocks of other files, and a model. */
function moduleText(p, i) {
  const lines = ['import torch', 'import torch.nn as nn', ''];
  const parent = i > 0 ? Math.floor((i - 1) / 2) : -1;
  if (parent >= 0) lines.push(`from .mod_${parent} import Block_${p}_${parent}`);
  if (p > 0) lines.push(`from common.mod_${i % PER_PACKAGE} import *`);
  if (p > 0 && i % 7 === 0) lines.push(`import common.mod_${(i + 1) % PER_PACKAGE} as shared`);
  lines.push('', '', `WIDTH_${p}_${i} = ${8 + (i % 4) * 8}`, '', '');
  lines.push(`class Block_${p}_${i}(nn.Module):`);
  lines.push('    def __init__(self, c_in, c_out):');
  lines.push('        super().__init__()');
  lines.push('        self.conv1 = nn.Conv2d(c_in, c_out, 3, padding=1)');
  lines.push('        self.bn1 = nn.BatchNorm2d(c_out)');
  lines.push('        self.conv2 = nn.Conv2d(c_out, c_out, 3, padding=1)');
  lines.push('        self.bn2 = nn.BatchNorm2d(c_out)');
  if (parent >= 0) lines.push(`        self.inner = Block_${p}_${parent}(c_out, c_out)`);
  lines.push('', '    def forward(self, x):');
  lines.push('        x = torch.relu(self.bn1(self.conv1(x)))');
  lines.push('        x = torch.relu(self.bn2(self.conv2(x)))');
  if (parent >= 0) lines.push('        x = self.inner(x)');
  lines.push('        return x', '', '');
  const shared = p > 0 ? `Block_0_${i % PER_PACKAGE}` : `Block_${p}_${i}`;
  lines.push(`class Model_${p}_${i}(nn.Module):`);
  lines.push('    def __init__(self, num_classes=10):');
  lines.push('        super().__init__()');
  lines.push(`        self.stem = ${shared}(3, WIDTH_${p}_${i})`);
  lines.push(`        self.body = Block_${p}_${i}(WIDTH_${p}_${i}, 32)`);
  lines.push('        self.pool = nn.AdaptiveAvgPool2d(1)');
  lines.push('        self.fc = nn.Linear(32, num_classes)');
  lines.push('', '    def forward(self, x):  # x: [N, 3, 64, 64]');
  lines.push('        x = self.stem(x)');
  lines.push('        x = nn.functional.max_pool2d(self.body(x), 2)');
  lines.push('        x = torch.flatten(self.pool(x), 1)');
  lines.push('        return self.fc(x)', '');
  return lines.join('\n');
}

/** Writes the project into a fresh temporary folder (a pyproject.toml marks its root). */
function generateWorkspace() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convshape-workspace-'));
  fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[project]\nname = "bench"\n');
  let files = 0;
  for (let p = 0; p < PACKAGES; p++) {
    const pkg = path.join(dir, p === 0 ? 'common' : `pkg${p}`);
    fs.mkdirSync(pkg);
    const exports = [];
    for (let i = 0; i < PER_PACKAGE; i++) {
      fs.writeFileSync(path.join(pkg, `mod_${i}.py`), moduleText(p, i));
      exports.push(`from .mod_${i} import Model_${p}_${i}`);
      files++;
    }
    fs.writeFileSync(path.join(pkg, '__init__.py'), exports.join('\n') + '\n');
    files++;
  }
  return { dir, files };
}

/** Median wall time and peak memory of `check` over the generated project. */
function workspaceCheck(reps = 3) {
  const { dir, files } = generateWorkspace();
  try {
    const ms = [];
    const mb = [];
    const cpu = [];
    let models = 0;
    let determined = 0;
    for (let k = 0; k < reps; k++) {
      const t0 = process.hrtime.bigint();
      const child = ['-r', path.join(__dirname, 'workspace-child.js'), 'bin/convshape.js', 'check', '--json', dir];
      const r = spawnSync(process.execPath, child, {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      });
      ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
      // `check` exits 1 when it found an error: a successful run for timing too.
      if (r.error || (r.status !== 0 && r.status !== 1))
        throw new Error(`check ${dir} failed: ${(r.stderr || String(r.error)).slice(0, 300)}`);
      mb.push(Number(/maxRssMB=([\d.]+)/.exec(r.stderr)[1]));
      cpu.push(Number(/cpuMs=([\d.]+)/.exec(r.stderr)[1]));
      const found = JSON.parse(r.stdout).files.flatMap(f => f.models);
      models = found.length;
      determined = found.filter(m => Array.isArray(m.output) && m.output.every(d => d !== null)).length;
    }
    return { ms: summarize(ms), mb: summarize(mb), cpuMs: summarize(cpu), files, models, determined };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { workspaceCheck, generateWorkspace, moduleText };
