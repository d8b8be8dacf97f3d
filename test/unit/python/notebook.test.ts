import { strict as assert } from 'assert';
import { cellOffset, joinCells } from '../../../src/python';

describe('python: notebooks', () => {
  it('joins code cells in order and records where each starts', () => {
    const { text, cells } = joinCells(['import torch', 'x = 1\n', '%matplotlib inline\ny = 2']);
    assert.equal(text, 'import torch\nx = 1\n#matplotlib inline\ny = 2');
    assert.deepEqual(cells, [0, 13, 19]);
    assert.deepEqual(cellOffset(cells, 20), { cell: 2, offset: 1 });
    assert.deepEqual(cellOffset(cells, 0), { cell: 0, offset: 0 });
  });
});
