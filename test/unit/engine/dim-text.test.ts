import { strict as assert } from 'assert';
import { add, type Dim, dimText, floorDiv, mul, product, scale, sub, sym } from '../../../src/engine/dim';

describe('dim text', () => {
  const H = sym('H'),
    W = sym('W'),
    C = sym('C');
  const half = (d: Dim) => floorDiv(d, 2);

  it('writes the MNIST flatten as the layers made it: 64·(⌊H/2⌋−2)·(⌊W/2⌋−2)', () => {
    // conv 3×3, conv 3×3, max_pool 2, flatten: the canonical polynomial is expanded.
    const flat = product([64, half(sub(H, 4)), half(sub(W, 4))]);
    assert.equal(dimText(flat), '64·(⌊H/2⌋−2)·(⌊W/2⌋−2)');
  });

  it('writes floors in one form: whole multiples taken out, ⌊(H−4)/2⌋ as ⌊H/2⌋−2', () => {
    assert.equal(dimText(half(sub(H, 4))), '⌊H/2⌋−2');
    assert.equal(dimText(half(add(H, 1))), '⌊(H−1)/2⌋+1');
  });

  it('factors shared atoms, content and binomials, keeping x positive', () => {
    assert.equal(dimText(mul(C, mul(sub(H, 2), sub(W, 2)))), 'C·(H−2)·(W−2)');
    assert.equal(dimText(scale(mul(sub(H, 2), sub(W, 2)), -3)), '−3·(H−2)·(W−2)');
    assert.equal(dimText(mul(sub(2, H), sub(W, 3))), '−(H−2)·(W−3)');
  });

  it('splits repeated binomials and binomials with a leading coefficient', () => {
    assert.equal(dimText(product([3, sub(H, 2), sub(H, 2), add(W, 1)])), '3·(H−2)·(H−2)·(W+1)');
    assert.equal(dimText(mul(add(scale(H, 2), 1), sub(W, 3))), '(2·H+1)·(W−3)');
  });

  it('prefers the product at equal length: N·(H−3), as the layers made it', () => {
    assert.equal(dimText(mul(sym('N'), sub(H, 3))), 'N·(H−3)');
  });

  it('keeps the sum when the product would be longer', () => {
    assert.equal(dimText(add(mul(H, 2), 2)), '2·H+2');
    assert.equal(dimText(add(H, W)), 'H+W');
    assert.equal(dimText(add(mul(H, W), 1)), 'H·W+1');
    assert.equal(dimText(scale(H, -1)), '−H');
  });

  it('prints a constant after the terms, however the arithmetic stored it', () => {
    // mul() keeps the product of the constants as a term without atoms.
    assert.equal(dimText(add(mul(add(H, 1), add(H, 1)), 0)).endsWith('+1'), true);
  });
});
