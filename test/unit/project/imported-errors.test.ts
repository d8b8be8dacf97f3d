// A bug inside an imported block that the importing file's input triggers is reported at the
// importer's call, naming the block and where it lies; one that depends on something unknown is
// not reported. (PyTorch 1.13 raises "mat1 and mat2 shapes cannot be multiplied (1x256 and 64x10)"
// for this Linear on a [1, 256] input.)
import { strict as assert } from 'assert';
import { MemoryFiles, analyzeIn } from './helpers';

const COMMON = `import torch.nn as nn


class Bottleneck(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv = nn.Conv2d(c, c, 3, padding=1)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        return self.fc(self.conv(x).flatten(1))
`;

const top = (input: string) => `import torch
import torch.nn as nn
from models.common import Bottleneck


class Top(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 4, 1)
        self.block = Bottleneck(4)

    def forward(self, x):  # x: ${input}
        return self.block(self.stem(x))
`;

const located = (text: string, files: MemoryFiles) =>
  analyzeIn(files, 'top.py').diagnostics.map(
    d => `${d.code} @ ${text.slice(d.range.start, d.range.end)}: ${d.message}`,
  );

describe('errors inside imported blocks', () => {
  it('are reported at the call in the importing file, naming the block and its line', () => {
    const text = top('[1, 3, 8, 8]');
    const files = new MemoryFiles({ 'models/__init__.py': '', 'models/common.py': COMMON, 'top.py': text });
    assert.deepEqual(located(text, files), [
      'features-mismatch @ self.block(self.stem(x)): in Bottleneck (models/common.py:11): mat1 and mat2 shapes cannot be multiplied (1x256 and 64x10)',
    ]);
  });

  it('are not reported when the input that reaches them is fine, or not known', () => {
    for (const input of ['[1, 3, 4, 4]', '[N, 3, H, W]']) {
      const text = top(input);
      const files = new MemoryFiles({ 'models/__init__.py': '', 'models/common.py': COMMON, 'top.py': text });
      assert.deepEqual(located(text, files), [], input);
    }
  });

  it('a construction error of the block is reported at the importer’s constructor call', () => {
    // PyTorch: ValueError('in_channels must be divisible by groups') from Bottleneck(4).
    const text = top('[1, 3, 2, 2]');
    const common = COMMON.replace('padding=1)', 'padding=1, groups=3)');
    const files = new MemoryFiles({ 'models/__init__.py': '', 'models/common.py': common, 'top.py': text });
    const found = located(text, files);
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(
      found[0],
      /^[\w-]+ @ Bottleneck\(4\): in Bottleneck \(models\/common\.py:7\): in_channels must be divisible by groups/,
    );
  });
});
