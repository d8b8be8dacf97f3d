// The worker's side of following imports: an analysis that looks for a project file the worker
// was not sent answers with `needs`; sent the files, it uses them and lists what it read; a file
// sent again with new text is used from then on.
import { strict as assert } from 'assert';
import { createAnalysisService } from '../../../src/worker/analysis-service';

const NET = `import torch.nn as nn
from .blocks import Block


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.block = Block(3)

    def forward(self, x):  # x: [1, 3, 8, 8]
        return self.block(x)
`;
const BLOCKS = (width: number) => `import torch.nn as nn


class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv = nn.Conv2d(c, ${width}, 1)

    def forward(self, x):
        return self.conv(x)
`;

describe('analysis worker: project files', () => {
  it('asks for the files it lacks, then uses what the host sent', () => {
    const service = createAnalysisService();
    const request = (files: Record<string, string | null>) => ({
      key: 'file:net',
      texts: [NET],
      notebook: false,
      project: { path: '/w/p/net.py', root: '/w', files },
    });
    const first = service.analyse(request({}));
    // Both places a module may be (a package first, as Python looks), then `blocks.Block` as a submodule.
    assert.deepEqual(first.needs, [
      '/w/p/blocks/__init__.py',
      '/w/p/blocks.py',
      '/w/p/blocks/Block/__init__.py',
      '/w/p/blocks/Block.py',
    ]);
    assert.equal(first.analysis.models[0].output, null);
    const second = service.analyse(
      request({
        '/w/p/blocks.py': BLOCKS(5),
        '/w/p/blocks/__init__.py': null,
        '/w/p/blocks/Block.py': null,
        '/w/p/blocks/Block/__init__.py': null,
      }),
    );
    assert.deepEqual(second.needs, []);
    assert.deepEqual(second.analysis.models[0].output, [1, 5, 8, 8]);
    assert.ok(second.reads?.includes('/w/p/blocks.py'));
    const third = service.analyse(request({ '/w/p/blocks.py': BLOCKS(7) }));
    assert.deepEqual(third.analysis.models[0].output, [1, 7, 8, 8]);
  });

  it('without a project, reads no files', () => {
    const service = createAnalysisService();
    const outcome = service.analyse({ key: 'untitled', texts: [NET], notebook: false });
    assert.equal(outcome.needs, undefined);
    assert.equal(outcome.analysis.models[0].output, null);
  });
});
