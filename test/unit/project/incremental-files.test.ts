// The incremental analysis' dependencies gain files: a model run that ran another file's code is
// reused while that file (and what it imports) reads the same, and runs again when it changes;
// the same text with a changed imported file is analysed again. Observed through runStats.
import { strict as assert } from 'assert';
import { DocumentAnalyzer } from '../../../src/analysis';
import { MemoryFiles, analyzerUpdate, outputs } from './helpers';

const BLOCKS = `import torch.nn as nn
from .consts import WIDTH


class Block(nn.Module):
    def __init__(self, c_in):
        super().__init__()
        self.conv = nn.Conv2d(c_in, WIDTH, 3, padding=1)

    def forward(self, x):
        return self.conv(x)
`;

const NET = `import torch.nn as nn
from .blocks import Block


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.block = Block(3)

    def forward(self, x):  # x: [1, 3, 8, 8]
        return self.block(x)


class Other(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)

    def forward(self, x):  # x: [5, 4]
        return self.fc(x)
`;

function project() {
  return new MemoryFiles({ 'p/consts.py': 'WIDTH = 6\n', 'p/blocks.py': BLOCKS, 'p/net.py': NET });
}

describe('incremental analysis across files', () => {
  it('reuses a run that ran imported code while the imported files are unchanged', () => {
    const files = project();
    const analyzer = new DocumentAnalyzer();
    analyzerUpdate(analyzer, files, 'p/net.py');
    // (Runs are kept from the first edit on: a document only opened keeps none.)
    analyzerUpdate(analyzer, files, 'p/net.py', NET.replace('nn.Linear(4, 2)', 'nn.Linear(4, 3)'));
    const a = analyzerUpdate(analyzer, files, 'p/net.py', NET.replace('nn.Linear(4, 2)', 'nn.Linear(4, 5)'));
    assert.deepEqual(outputs(a), { Net: [1, 6, 8, 8], Other: [5, 5] });
    assert.deepEqual(analyzer.runStats, { reused: 1, ran: 1 });
  });

  it('runs it again when the imported file — or a file it imports — changed', () => {
    const files = project();
    const analyzer = new DocumentAnalyzer();
    analyzerUpdate(analyzer, files, 'p/net.py');
    const edited = NET.replace('nn.Linear(4, 2)', 'nn.Linear(4, 3)');
    analyzerUpdate(analyzer, files, 'p/net.py', edited);
    files.set('p/consts.py', 'WIDTH = 10\n');
    // The same text: analysed again because a file it read changed.
    let a = analyzerUpdate(analyzer, files, 'p/net.py', edited);
    assert.deepEqual(outputs(a), { Net: [1, 10, 8, 8], Other: [5, 3] });
    assert.deepEqual(analyzer.runStats, { reused: 1, ran: 1 }, 'Other reused, Net run again');
    files.set('p/blocks.py', BLOCKS.replace('padding=1', 'padding=0'));
    a = analyzerUpdate(analyzer, files, 'p/net.py', edited.replace('nn.Linear(4, 3)', 'nn.Linear(4, 4)'));
    assert.deepEqual(outputs(a), { Net: [1, 10, 6, 6], Other: [5, 4] });
    assert.deepEqual(analyzer.runStats, { reused: 0, ran: 2 });
    a = analyzerUpdate(analyzer, files, 'p/net.py', edited.replace('nn.Linear(4, 3)', 'nn.Linear(4, 6)'));
    assert.deepEqual(outputs(a), { Net: [1, 10, 6, 6], Other: [5, 6] });
    assert.deepEqual(analyzer.runStats, { reused: 1, ran: 1 }, 'unchanged files again: Net reused');
  });

  it('lists the project files the analysis read or looked for', () => {
    const files = project();
    const analyzer = new DocumentAnalyzer();
    analyzerUpdate(analyzer, files, 'p/net.py');
    assert.ok(analyzer.filesRead.includes('/proj/p/blocks.py'));
    assert.ok(analyzer.filesRead.includes('/proj/p/consts.py'));
  });
});
