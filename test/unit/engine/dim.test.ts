import { strict as assert } from 'assert';
import {
  add,
  ceilDiv,
  differsFromInt,
  dimDiffers,
  dimEquals,
  dimText,
  divExact,
  floorDiv,
  mul,
  product,
  sub,
  substitute,
  sym,
} from '../../../src/engine/dim';

describe('dim', () => {
  const H = sym('H'),
    W = sym('W'),
    N = sym('N');

  it("simplifies the guide's same-padding formula to the input size", () => {
    // ⌊(H + 2·1 − 3)/1⌋ + 1 = H
    assert.equal(dimText(add(floorDiv(sub(add(H, 2), 3), 1), 1)), 'H');
  });

  it('keeps floor divisions that do not divide and prints them readably', () => {
    const o = add(floorDiv(sub(add(H, 2), 3), 2), 1);
    assert.equal(dimText(o), '⌊(H−1)/2⌋+1');
    assert.equal(substitute(o, { H: 32 }), 16);
  });

  it('takes exact multiples out of a floor', () => {
    assert.equal(dimText(floorDiv(add(mul(H, 2), 1), 2)), 'H');
    assert.equal(dimText(floorDiv(add(H, 5), 2)), '⌊(H−1)/2⌋+3');
    assert.equal(dimText(ceilDiv(H, 2)), '⌈H/2⌉');
  });

  it('folds nested divisions of the same kind, and agrees with integer arithmetic', () => {
    const twice = add(floorDiv(floorDiv(sub(H, 1), 2), 2), 1);
    assert.equal(dimText(twice), '⌊(H−1)/4⌋+1');
    const nested = ceilDiv(add(ceilDiv(add(H, 1), 3), 2), 2);
    for (let h = 0; h < 40; h++) {
      assert.equal(substitute(twice, { H: h }), Math.floor(Math.floor((h - 1) / 2) / 2) + 1);
      assert.equal(substitute(nested, { H: h }), Math.ceil((Math.ceil((h + 1) / 3) + 2) / 2));
    }
  });

  it('multiplies and divides monomials exactly', () => {
    const flat = product([16, H, W]);
    assert.equal(dimText(flat), '16·H·W');
    assert.equal(dimText(divExact(mul(N, flat), flat) as never), 'N');
    assert.equal(divExact(100, 784), false);
    assert.equal(divExact(add(H, 1), 2), undefined);
  });

  it('decides equality and difference only when certain', () => {
    assert.ok(dimEquals(add(H, 0), H));
    assert.ok(dimDiffers(add(H, 1), H));
    assert.ok(!dimDiffers(H, W));
    assert.ok(!dimEquals(H, W));
    assert.ok(!dimEquals(null, null));
    assert.ok(dimDiffers(16, 32));
  });

  it('claims a size differs from an integer argument only when the size is a different integer', () => {
    assert.ok(differsFromInt(12, 10));
    assert.ok(!differsFromInt(10, 10));
    assert.ok(!differsFromInt(null, 10));
    // A symbolic size may be any integer: never certainly different from one, however it is built.
    for (const d of [H, add(H, 3), mul(H, 2), floorDiv(sub(H, 1), 2), mul(H, W)])
      assert.ok(!differsFromInt(d, 10), dimText(d));
    // …while canonical forms that are constants are numbers again, and do compare.
    assert.ok(differsFromInt(sub(add(H, 12), H), 10));
  });

  it('treats unknown as absorbing', () => {
    assert.equal(add(null, 1), null);
    assert.equal(mul(H, null), null);
    assert.equal(dimText(null), '?');
  });
});
