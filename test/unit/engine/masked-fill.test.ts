// masked_fill on a mask whose shape is not known: out of place the mask broadcasts with the tensor
// and may widen it, so the result is unknown; in place the tensor keeps its shape (or PyTorch raises).
import { strict as assert } from 'assert';
import { maskedFillMethod } from '../../../src/engine/pytorch/ops/gather';
import { type OpResult, tensorArg } from '../../../src/engine/types';

/** The tensor shape an op gave (null: unknown); fails on an error or a non-tensor. */
function shapeOfResult(r: OpResult): unknown {
  assert.ok(r.ok && r.value.kind === 'tensor', JSON.stringify(r));
  return r.value.shape;
}

describe('masked_fill with a mask not known', () => {
  const unknownMask = tensorArg(null);

  it('out of place: unknown, never the tensor’s own shape', () => {
    const r = maskedFillMethod([2, 3], [unknownMask, 0], {}, 'masked_fill');
    assert.equal(shapeOfResult(r), null);
  });

  it('in place: the tensor’s shape', () => {
    const r = maskedFillMethod([2, 3], [unknownMask, 0], {}, 'masked_fill_');
    assert.deepEqual(shapeOfResult(r), [2, 3]);
  });

  it('a known mask broadcasts with the tensor', () => {
    const r = maskedFillMethod([2, 3], [tensorArg([4, 1, 3]), 0], {}, 'masked_fill');
    assert.deepEqual(shapeOfResult(r), [4, 2, 3]);
  });
});
