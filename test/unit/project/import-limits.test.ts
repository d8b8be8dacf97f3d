// Following imports never hangs and never reads outside the project: cycles, missing files,
// chains over the budget and huge files end in unknown names; the model stays unknown, not wrong.
import { strict as assert } from 'assert';
import { ModuleCache } from '../../../src/analysis';
import { IMPORT_LIMITS } from '../../../src/analysis/project';
import { MemoryFiles, ROOT, analyzeIn, outputs } from './helpers';

const NET = (imports: string, init: string) => `${imports}
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = ${init}

    def forward(self, x):  # x: [1, 3, 8, 8]
        return self.body(x)
`;

describe('imports: cycles, missing files, budgets', () => {
  it('an import cycle ends: names defined before the cycle closed are known', () => {
    const files = new MemoryFiles({
      'p/a.py': 'from . import b\nWIDTH = 4\ndef make(c):\n    return b.conv(c, WIDTH)\n',
      'p/b.py': 'import torch.nn as nn\nfrom . import a\ndef conv(c, w):\n    return nn.Conv2d(c, w, 1)\n',
      'p/net.py': NET('from .a import make', 'make(3)'),
      'p/star.py': 'from .star import *\nfrom .star2 import *\n',
      'p/star2.py': 'from .star import *\n',
      'p/net2.py': NET('from .star import *', 'make(3)'),
    });
    assert.deepEqual(outputs(analyzeIn(files, 'p/net.py')), { Net: [1, 4, 8, 8] });
    assert.deepEqual(outputs(analyzeIn(files, 'p/net2.py')), { Net: null });
  });

  it('a missing module leaves its names unknown (no diagnostic)', () => {
    const files = new MemoryFiles({ 'p/net.py': NET('from .gone import Block', 'Block(3)') });
    const a = analyzeIn(files, 'p/net.py');
    assert.deepEqual(outputs(a), { Net: null });
    assert.deepEqual(a.diagnostics, []);
  });

  it('a name the module does not define is unknown', () => {
    const files = new MemoryFiles({
      'p/blocks.py': 'import torch.nn as nn\n',
      'p/net.py': NET('from .blocks import Block', 'Block(3)'),
    });
    assert.deepEqual(outputs(analyzeIn(files, 'p/net.py')), { Net: null });
  });

  it('never asks for a file outside the project root, nor for framework modules', () => {
    const files = new MemoryFiles({
      'p/net.py': NET('from ...outside import Block\nfrom .inside import Other\nimport torch', 'Block(3)'),
    });
    analyzeIn(files, 'p/net.py');
    assert.ok(files.asked.length > 0);
    for (const p of files.asked) assert.ok(p.startsWith(`${ROOT}/`), p);
    assert.ok(!files.asked.some(p => p.includes('torch')));
  });

  it('a chain of imports longer than the budget ends in unknown', () => {
    const n = IMPORT_LIMITS.maxChain + 3;
    const project: Record<string, string> = {};
    for (let i = 0; i < n; i++) project[`m${i}.py`] = `from m${i + 1} import W\n`;
    project[`m${n}.py`] = 'W = 5\n';
    project['net.py'] = NET('from m0 import W', 'nn.Conv2d(3, W, 1)');
    project['short.py'] = NET(`from m${n - 3} import W`, 'nn.Conv2d(3, W, 1)');
    const files = new MemoryFiles(project);
    assert.deepEqual(outputs(analyzeIn(files, 'net.py')), { Net: [1, null, 8, 8] });
    assert.deepEqual(outputs(analyzeIn(files, 'short.py')), { Net: [1, 5, 8, 8] });
  });

  it('a file over the size budget is not read', () => {
    const huge = `W = 5\n${'# padding\n'.repeat(IMPORT_LIMITS.maxFileChars / 10 + 1)}`;
    const files = new MemoryFiles({ 'big.py': huge, 'net.py': NET('from big import W', 'nn.Conv2d(3, W, 1)') });
    assert.deepEqual(outputs(analyzeIn(files, 'net.py')), { Net: [1, null, 8, 8] });
    files.set('big.py', 'W = 5\n');
    assert.deepEqual(outputs(analyzeIn(files, 'net.py')), { Net: [1, 5, 8, 8] });
  });

  it('a module cache shares a module between importers and drops it when its file changes', () => {
    const files = new MemoryFiles({
      'lib.py': 'W = 5\n',
      'a.py': NET('from lib import W', 'nn.Conv2d(3, W, 1)'),
      'b.py': NET('from lib import W', 'nn.Conv2d(3, W + 1, 1)'),
    });
    const cache = new ModuleCache();
    assert.deepEqual(outputs(analyzeIn(files, 'a.py', cache)), { Net: [1, 5, 8, 8] });
    const readsOfLib = () => files.asked.filter(p => p === `${ROOT}/lib.py`).length;
    const before = readsOfLib();
    assert.deepEqual(outputs(analyzeIn(files, 'b.py', cache)), { Net: [1, 6, 8, 8] });
    assert.equal(cache.size, 1);
    // b reused the module: lib.py was only compared, through one read, not run again.
    assert.equal(readsOfLib() - before, 2);
    files.set('lib.py', 'W = 9\n');
    assert.deepEqual(outputs(analyzeIn(files, 'b.py', cache)), { Net: [1, 10, 8, 8] });
  });
});
