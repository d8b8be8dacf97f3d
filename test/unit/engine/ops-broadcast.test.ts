// broadcastShapes: PyTorch's right-aligned broadcasting, decided only when certain.
import { strict as assert } from 'assert';
import { broadcastShapes } from '../../../src/engine/broadcast';
import { type Shape, add, shapeText, sym } from '../../../src/engine/dim';

const N = sym('N'),
  H = sym('H'),
  W = sym('W');

function ok(a: Shape, b: Shape): string {
  const r = broadcastShapes(a, b);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return shapeText(r.shape);
}
function err(a: Shape, b: Shape): string {
  const r = broadcastShapes(a, b);
  assert.ok(!r.ok, 'expected an error');
  assert.equal(r.error.code, 'broadcast-mismatch');
  return r.error.message;
}

describe('broadcastShapes', () => {
  it('right-aligns and stretches 1s', () => {
    assert.equal(ok([4, 1, 5], [3, 1]), '[4, 3, 5]');
    assert.equal(ok([], [2, 3]), '[2, 3]');
    assert.equal(ok([2, 3], []), '[2, 3]');
  });
  it('names a right-most pair that may fail before a certain mismatch to its left', () => {
    // [N, 64, 16, W] + [N, 64, 32, 2·W]: dimension 2 certainly fails; dimension 3 fails too for
    // every W but 0, and PyTorch names the right-most failing one.
    const twoW = add(W, W);
    assert.equal(
      err([N, 64, 16, W], [N, 64, 32, twoW]),
      'The size of tensor a (W) must match the size of tensor b (2·W) at non-singleton dimension 3',
    );
    // Nothing undecided to its right: the certain pair.
    assert.equal(
      err([N, 64, 16, 8], [N, 64, 32, 8]),
      'The size of tensor a (16) must match the size of tensor b (32) at non-singleton dimension 2',
    );
  });
  it('reports the right-most mismatch, numbered in the output shape', () => {
    assert.equal(
      err([2, 16], [2, 3]),
      'The size of tensor a (16) must match the size of tensor b (3) at non-singleton dimension 1',
    );
    assert.equal(
      err([4, 16], [3, 5]),
      'The size of tensor a (16) must match the size of tensor b (5) at non-singleton dimension 1',
    );
    assert.equal(
      err([4, 16, 5], [3, 1, 5]),
      'The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 0',
    );
    assert.equal(
      err([7, 2, 3], [4, 3]),
      'The size of tensor a (2) must match the size of tensor b (4) at non-singleton dimension 1',
    );
  });
  it('a symbol against 1 is the symbol; equal symbols stay', () => {
    assert.equal(ok([N, 1, H], [1, 3, H]), '[N, 3, H]');
  });
  it('different symbols are unknown, never an error', () => {
    assert.equal(ok([H], [W]), '[?]');
    // H and H+1 differ, but H = 0 with H+1 = 1 broadcasts: not certain either.
    assert.equal(ok([H], [add(H, 1)]), '[?]');
  });
  it('symbolic sizes that differ by a constant stay quiet (either might be 1)', () => {
    assert.equal(ok([add(H, 2)], [add(H, 5)]), '[?]');
    assert.equal(ok([add(H, 2), 4], [add(H, 5), 4]), '[?, 4]');
  });
  it('a concrete mismatch is found behind symbolic axes', () => {
    assert.equal(
      err([N, H, 16], [N, H, 3]),
      'The size of tensor a (16) must match the size of tensor b (3) at non-singleton dimension 2',
    );
  });
  it('unknown against concrete gives the concrete size (or the framework fails)', () => {
    assert.equal(ok([null, 3], [5, 1]), '[5, 3]');
    assert.equal(ok([null], [null]), '[?]');
  });
});
