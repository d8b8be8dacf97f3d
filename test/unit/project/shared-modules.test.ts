// Imported modules kept across analyses (ModuleCache) are shared by their importers: a module-level
// list, dict or class one importer mutates must not leak into another analysis. Each analysis sees
// the module as its own code left it (here as Python would run b.py alone: Linear(4, 16 + 4)).
import { strict as assert } from 'assert';
import { ModuleCache } from '../../../src/analysis';
import { MemoryFiles, analyzeIn, outputs } from './helpers';

const CFG = `import torch.nn as nn

WIDTHS = [8, 16]
TABLE = {'a': 4}


class Head(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)

    def forward(self, x):
        return self.fc(x)
`;

const importer = (mutation: string) => `import torch
import torch.nn as nn
from cfg import WIDTHS, TABLE, Head
${mutation}


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.head = Head()
        self.fc = nn.Linear(4, WIDTHS[-1] + TABLE['a'])

    def forward(self, x):  # x: [2, 4]
        return self.fc(self.head(x))
`;

describe('imported modules shared across analyses', () => {
  const MUTATIONS = [
    "WIDTHS.append(32)\nTABLE['a'] = 100",
    "WIDTHS[-1] = 128\nTABLE.update({'a': 4})",
    "setattr(Head, 'forward', lambda self, x: x.sum(-1))",
  ];
  for (const mutation of MUTATIONS) {
    it(`an importer's ${mutation.split('\n')[0]} does not leak into the next analysis`, () => {
      const files = new MemoryFiles({ 'cfg.py': CFG, 'a.py': importer(mutation), 'b.py': importer('') });
      const cache = new ModuleCache();
      analyzeIn(files, 'a.py', cache);
      const fresh = outputs(analyzeIn(files, 'b.py'));
      assert.deepEqual(fresh, { Net: [2, 20] });
      assert.deepEqual(outputs(analyzeIn(files, 'b.py', cache)), fresh);
    });
  }

  it('an unchanged module is reused from the cache', () => {
    const files = new MemoryFiles({ 'cfg.py': CFG, 'a.py': importer(''), 'b.py': importer('') });
    const cache = new ModuleCache();
    analyzeIn(files, 'a.py', cache);
    const kept: string[] = [];
    const keep = cache.keep.bind(cache);
    cache.keep = m => (kept.push(m.name), keep(m));
    assert.deepEqual(outputs(analyzeIn(files, 'b.py', cache)), { Net: [2, 20] });
    assert.deepEqual(kept, [], 'loaded again');
  });
});
