// Geometry checked against the worked examples of Dumoulin & Visin's figures
// (docs/conv-arithmetic.md): cell counts, padding, inserted zeros, unused cells.
import { strict as assert } from 'assert';
import { axisArithmetic } from '../../../src/engine/window';
import { axisGeometry, unreadCells, windowTaps, type AxisGeometry } from '../../../src/engine/geometry';
import { sym } from '../../../src/engine/dim';

interface Ax {
  i: number;
  k: number;
  s?: number;
  p?: number;
  pR?: number;
  d?: number;
  o: number;
  transposed?: boolean;
  a?: number;
  pooling?: boolean;
  ceilMode?: boolean;
}
function geom(x: Ax): AxisGeometry {
  const g = axisGeometry(
    axisArithmetic({
      input: x.i,
      kernel: x.k,
      stride: x.s ?? 1,
      dilation: x.d ?? 1,
      padBefore: x.p ?? 0,
      padAfter: x.pR ?? x.p ?? 0,
      output: x.o,
      formula: '',
      transposed: x.transposed,
      outputPadding: x.a,
      pooling: x.pooling,
      ceilMode: x.ceilMode,
    }),
  );
  assert.ok(g, 'expected a geometry');
  return g;
}
const count = (g: AxisGeometry, kind: string) => g.cells.filter(c => c === kind).length;
/** Every window must lie inside the swept line: o windows of span k̂ with the geometry's stride. */
function windowsFit(g: AxisGeometry) {
  const last = windowTaps(g, g.outputs - 1);
  assert.equal(last[last.length - 1], (g.outputs - 1) * g.stride + g.span - 1);
  assert.ok(last[last.length - 1] < g.cells.length);
}

describe('engine/geometry', () => {
  it('relationship 1: i=4, k=3 → 2 windows over 4 cells, all read', () => {
    const g = geom({ i: 4, k: 3, o: 2 });
    assert.equal(g.cells.length, 4);
    assert.deepEqual(windowTaps(g, 1), [1, 2, 3]);
    assert.deepEqual(unreadCells(g), []);
  });

  it('relationship 2: i=5, k=4, p=2 → 9 cells, 2 padding each side, 6 windows', () => {
    const g = geom({ i: 5, k: 4, p: 2, o: 6 });
    assert.equal(g.cells.length, 9);
    assert.deepEqual(g.cells.slice(0, 3), ['padding', 'padding', 'input']);
    assert.equal(count(g, 'padding'), 4);
    windowsFit(g);
  });

  it('relationship 6, i=5, k=3, s=2, p=1: 7 padded cells, windows at 0, 2, 4, nothing unused', () => {
    const g = geom({ i: 5, k: 3, s: 2, p: 1, o: 3 });
    assert.equal(g.cells.length, 7);
    assert.deepEqual(
      [0, 1, 2].map(o => windowTaps(g, o)[0]),
      [0, 2, 4],
    );
    assert.deepEqual(unreadCells(g), []);
    assert.deepEqual(g.inputIndex, [null, 0, 1, 2, 3, 4, null]);
  });

  it('relationship 6, i=6, k=3, s=2, p=1: the last row/column of the padded input is never read', () => {
    const g = geom({ i: 6, k: 3, s: 2, p: 1, o: 3 });
    assert.equal(g.cells.length, 8);
    assert.deepEqual(unreadCells(g), [7]);
  });

  it('relationship 15: i=7, k=3, d=2 → span 5, taps with holes, 3 windows', () => {
    const g = geom({ i: 7, k: 3, d: 2, o: 3 });
    assert.equal(g.span, 5);
    assert.deepEqual(windowTaps(g, 0), [0, 2, 4]);
    assert.deepEqual(windowTaps(g, 2), [2, 4, 6]);
    assert.deepEqual(unreadCells(g), []);
  });

  it('dilation with stride can leave holes that no tap reads', () => {
    const g = geom({ i: 7, k: 3, d: 2, s: 2, o: 2 });
    assert.deepEqual(unreadCells(g), [1, 3, 5]);
  });

  it("relationship 8: i'=2, k=3 → p'=2 each side, 6 cells, 4 outputs", () => {
    const g = geom({ i: 2, k: 3, o: 4, transposed: true });
    assert.deepEqual(g.cells, ['padding', 'padding', 'input', 'input', 'padding', 'padding']);
    assert.equal(g.stride, 1);
    windowsFit(g);
  });

  it("relationship 12: i'=2, k=3, s=2 → stretched 3 (one zero), p'=2, 7 cells, 5 outputs", () => {
    const g = geom({ i: 2, k: 3, s: 2, o: 5, transposed: true });
    assert.deepEqual(g.cells, ['padding', 'padding', 'input', 'zero', 'input', 'padding', 'padding']);
    assert.equal(g.insertedZeros, 1);
    windowsFit(g);
  });

  it("relationship 13: i'=3, k=3, s=2, p=1 → stretched 5, p'=1, 7 cells, 5 outputs", () => {
    const g = geom({ i: 3, k: 3, s: 2, p: 1, o: 5, transposed: true });
    assert.equal(g.cells.length, 7);
    assert.equal(g.padBefore, 1);
    assert.equal(g.padAfter, 1);
    assert.equal(count(g, 'zero'), 2);
  });

  it("relationship 14: i'=3, k=3, s=2, p=1, a=1 → stretched 5, p'=1, one extra cell: 8 cells, 6 outputs", () => {
    const g = geom({ i: 3, k: 3, s: 2, p: 1, a: 1, o: 6, transposed: true });
    assert.deepEqual(g.cells, ['padding', 'input', 'zero', 'input', 'zero', 'input', 'padding', 'extra']);
    assert.equal(g.extra, 1);
    assert.deepEqual(g.inputIndex, [null, 0, null, 1, null, 2, null, null]);
    windowsFit(g);
    assert.deepEqual(unreadCells(g), []);
  });

  it("relationship 11: full padding p=k−1 → p'=0", () => {
    const g = geom({ i: 7, k: 3, p: 2, o: 5, transposed: true });
    assert.deepEqual(g.cells, Array(7).fill('input'));
  });

  it('a transposed padding larger than d(k−1) crops the stretched input', () => {
    // PyTorch: (4−1)·1 − 2·3 + 2 + 1 = 0 → too small; use i=6: 5 − 6 + 3 = 2
    const g = geom({ i: 6, k: 3, p: 3, o: 2, transposed: true });
    assert.equal(g.croppedBefore, 1);
    assert.equal(g.croppedAfter, 1);
    assert.deepEqual(g.inputIndex, [1, 2, 3, 4]);
  });

  it('relationship 7: 3×3 pooling on 5, s=1 → 3 windows', () => {
    const g = geom({ i: 5, k: 3, o: 3, pooling: true });
    assert.equal(g.outputs, 3);
    assert.equal(g.cells.length, 5);
  });

  it('ceil_mode: MaxPool(3, 2) on 8 gives 4 windows; the last hangs one cell past the input', () => {
    const g = geom({ i: 8, k: 3, s: 2, o: 4, pooling: true, ceilMode: true });
    assert.equal(g.cells.length, 9);
    assert.equal(g.cells[8], 'overhang');
    // and on 7 the windows fit exactly
    assert.equal(geom({ i: 7, k: 3, s: 2, o: 3, pooling: true, ceilMode: true }).cells.length, 7);
  });

  it('asymmetric padding (Keras same, even kernel) is kept per side', () => {
    const g = geom({ i: 5, k: 4, p: 1, pR: 2, o: 5 });
    assert.equal(g.cells.length, 8);
    assert.deepEqual([g.cells[0], g.cells[6], g.cells[7]], ['padding', 'padding', 'padding']);
  });

  it('cannot draw symbolic or empty axes', () => {
    const a = axisArithmetic({
      input: sym('H'),
      kernel: 3,
      stride: 1,
      dilation: 1,
      padBefore: 0,
      padAfter: 0,
      output: null,
      formula: '',
    });
    assert.equal(axisGeometry(a), undefined);
    const b = axisArithmetic({
      input: 2,
      kernel: 3,
      stride: 1,
      dilation: 1,
      padBefore: 0,
      padAfter: 0,
      output: 0,
      formula: '',
    });
    assert.equal(axisGeometry(b), undefined);
  });
});
