// The explorer's animation against the engine's arithmetic: for each of the guide's fifteen
// relationships (the figures' examples, docs/conv-arithmetic.md), every frame's output cell must
// read exactly the input units the operation itself reads. Those are computed here from the
// definitions, not from the geometry: a direct convolution's output y reads units y·s − p + j·d;
// a transposed one's output y gets unit u through tap j when y = u·s − p + j·d.
import { strict as assert } from 'assert';
import '../../../src/engine/pytorch';
import '../../../src/engine/keras';
import { type ArgValue, type AxisArithmetic, type Framework, applyLayer, bindLayer } from '../../../src/engine';
import { EXPLORER_LIMITS, diagramModel, type DiagramModel } from '../../../src/render/diagram-model';
import { drawnFrames, frameAt, frameCaption, frameCount } from '../../../src/render/frames';
import { renderLayerSvg } from '../../../src/render/svg';

function layer(
  framework: Framework,
  kind: string,
  positional: ArgValue[],
  keywords: Record<string, ArgValue>,
  input: number[],
) {
  const bound = bindLayer(framework, kind, positional, keywords);
  assert.ok(bound?.ok, `${kind} constructs`);
  const result = applyLayer(bound.spec, [input]);
  assert.ok(result.ok && result.axes && result.output, `${kind} applies`);
  return { axes: result.axes, output: result.output };
}

/** The input units one output position reads along one axis, from the operation's definition. */
function unitsRead(a: AxisArithmetic, y: number): number[] {
  const i = a.input as number;
  const units = new Set<number>();
  for (let j = 0; j < a.kernel; j++) {
    if (a.transposed) {
      const at = y + a.padBefore - j * a.dilation; // = u·s
      if (at % a.stride === 0 && at / a.stride >= 0 && at / a.stride < i) units.add(at / a.stride);
    } else {
      const u = y * a.stride - a.padBefore + j * a.dilation;
      if (u >= 0 && u < i) units.add(u);
    }
  }
  return [...units].sort((x, z) => x - z);
}

const sorted = (xs: Iterable<number>) => [...new Set(xs)].sort((x, z) => x - z);

/** Checks every frame of a square 2-D layer against `unitsRead`; returns the model. */
function checkFrames(axes: readonly AxisArithmetic[]): DiagramModel {
  const m = diagramModel({ kind: 'layer', axes }, EXPLORER_LIMITS);
  assert.ok(m, 'the layer can be drawn');
  const [rowsAxis, colsAxis] = axes.length === 2 ? axes : [undefined, axes[axes.length - 1]];
  const oRows = rowsAxis ? (rowsAxis.output as number) : 1,
    oCols = colsAxis!.output as number;
  assert.equal(frameCount(m), oRows * oCols, 'one frame per output cell');
  assert.deepEqual(drawnFrames(m).length, frameCount(m), 'a small layer is drawn whole: every frame plays');
  for (let f = 0; f < frameCount(m); f++) {
    const frame = frameAt(m, f);
    assert.equal(frame.outRow * oCols + frame.outCol, f, 'frames go row by row');
    assert.equal(frame.reads.length, (rowsAxis?.kernel ?? 1) * colsAxis!.kernel, 'one read per kernel tap');
    const real = frame.reads.filter(c => c.kind === 'input');
    // Along each axis, the units read are those the operation reads...
    assert.deepEqual(sorted(real.map(c => c.inputCol!)), unitsRead(colsAxis!, frame.outCol), `frame ${f}: columns`);
    if (rowsAxis)
      assert.deepEqual(sorted(real.map(c => c.inputRow!)), unitsRead(rowsAxis, frame.outRow), `frame ${f}: rows`);
    // ...every pair of them (axes never interact), and every other tap lands on padding or a zero.
    const expectedPairs =
      (rowsAxis ? unitsRead(rowsAxis, frame.outRow) : [0]).length * unitsRead(colsAxis!, frame.outCol).length;
    assert.equal(real.length, expectedPairs, `frame ${f}: input taps`);
    for (const c of frame.reads.filter(r => r.kind !== 'input')) assert.ok(c.inputRow === null || c.inputCol === null);
  }
  return m;
}

function conv(i: number, k: number, o: { s?: number; p?: number; d?: number } = {}) {
  return layer('pytorch', 'Conv2d', [1, 1, k], { stride: o.s ?? 1, padding: o.p ?? 0, dilation: o.d ?? 1 }, [
    1,
    1,
    i,
    i,
  ]);
}

function convT(i: number, k: number, s: number, p: number, a = 0) {
  return layer('pytorch', 'ConvTranspose2d', [1, 1, k], { stride: s, padding: p, output_padding: a }, [1, 1, i, i]);
}

const RELATIONSHIPS: [number, string, () => ReturnType<typeof conv>, number][] = [
  [1, 'i=4, k=3', () => conv(4, 3), 2],
  [2, 'i=5, k=4, p=2', () => conv(5, 4, { p: 2 }), 6],
  [3, 'i=5, k=3, p=1', () => conv(5, 3, { p: 1 }), 5],
  [4, 'i=5, k=3, p=2', () => conv(5, 3, { p: 2 }), 7],
  [5, 'i=5, k=3, s=2', () => conv(5, 3, { s: 2 }), 2],
  [6, 'i=5, k=3, s=2, p=1', () => conv(5, 3, { s: 2, p: 1 }), 3],
  [6, 'i=6, k=3, s=2, p=1', () => conv(6, 3, { s: 2, p: 1 }), 3],
  [7, '3×3 pooling of 5×5, s=1', () => layer('pytorch', 'MaxPool2d', [3], { stride: 1 }, [1, 1, 5, 5]), 3],
  [8, 'i′=2, k=3', () => convT(2, 3, 1, 0), 4],
  [9, 'i′=6, k=4, p=2', () => convT(6, 4, 1, 2), 5],
  [10, 'i′=5, k=3, p=1', () => convT(5, 3, 1, 1), 5],
  [11, 'i′=7, k=3, p=2', () => convT(7, 3, 1, 2), 5],
  [12, 'i′=2, k=3, s=2', () => convT(2, 3, 2, 0), 5],
  [13, 'i′=3, k=3, s=2, p=1', () => convT(3, 3, 2, 1), 5],
  [14, 'i′=3, k=3, s=2, p=1, a=1', () => convT(3, 3, 2, 1, 1), 6],
  [15, 'i=7, k=3, d=2', () => conv(7, 3, { d: 2 }), 3],
];

describe("the explorer's frames read what the engine's arithmetic reads", () => {
  for (const [n, example, make, o] of RELATIONSHIPS) {
    it(`relationship ${n}: ${example} → o = ${o}, every frame's reads`, () => {
      const { axes, output } = make();
      assert.equal(axes[0].relationship, n);
      assert.equal(output[2], o);
      checkFrames(axes);
    });
  }

  it('relationship 6, i = 6: no frame reads the last row or column', () => {
    const m = checkFrames(conv(6, 3, { s: 2, p: 1 }).axes);
    const lastPadded = m.cols.geometry.cells.length - 1;
    for (let f = 0; f < frameCount(m); f++)
      assert.ok(frameAt(m, f).reads.every(c => c.col !== lastPadded && c.row !== lastPadded));
  });

  it('relationship 14: the output_padding cell (drawn last, after p′) is read by the last column of frames only', () => {
    const m = checkFrames(convT(3, 3, 2, 1, 1).axes);
    const extraReaders = new Set<number>();
    for (let f = 0; f < frameCount(m); f++)
      if (frameAt(m, f).reads.some(c => m.cols.geometry.cells[c.col] === 'extra'))
        extraReaders.add(frameAt(m, f).outCol);
    assert.deepEqual([...extraReaders], [5]);
  });

  it('a 1-D layer (Conv1d, stride 2, dilation 2) is one row of frames', () => {
    const { axes } = layer('pytorch', 'Conv1d', [1, 1, 3], { stride: 2, dilation: 2, padding: 1 }, [1, 1, 11]);
    checkFrames(axes);
  });

  it("Keras 'causal' and 'same' (asymmetric padding) read what the padding says", () => {
    const causal = layer('keras', 'Conv1D', [1, 3], { padding: 'causal', dilation_rate: 2 }, [1, 8, 1]);
    assert.equal(causal.axes[0].padBefore, 4);
    assert.equal(causal.axes[0].padAfter, 0);
    checkFrames(causal.axes);
    const same = layer('keras', 'Conv2D', [1, 4], { padding: 'same', strides: 2 }, [1, 7, 7, 1]);
    checkFrames(same.axes);
  });

  it('a 3-D layer plays slice by slice; each frame names the input slices it reads', () => {
    const { axes } = layer('pytorch', 'Conv3d', [1, 1, 3], { stride: 2, padding: 1 }, [1, 1, 5, 4, 4]);
    const m = diagramModel({ kind: 'Conv3d', axes }, EXPLORER_LIMITS)!;
    assert.equal(frameCount(m), 3 * 2 * 2);
    const frame = frameAt(m, 4); // slice 1, row 0, column 0
    assert.equal(frame.outSlice, 1);
    assert.deepEqual(
      frame.depthTaps?.map(t => t.input),
      unitsRead(axes[0], 1),
    );
    assert.match(frameCaption(m, frame), /^output \(1, 0, 0\) reads input slices 1–3 × rows? .* × columns? /);
  });

  it("ceil_mode's extra window reads cells past the input, captioned as such", () => {
    const { axes } = layer('pytorch', 'MaxPool2d', [2], { stride: 2, ceil_mode: true }, [1, 1, 5, 5]);
    const m = diagramModel({ kind: 'MaxPool2d', axes }, EXPLORER_LIMITS)!;
    const last = frameAt(m, frameCount(m) - 1);
    assert.ok(last.reads.some(c => c.kind === 'overhang'));
    assert.match(
      frameCaption(m, last),
      /output \(2, 2\) reads input row 4 × column 4 \(3 of 4 taps on cells past the input\)/,
    );
  });

  it('a large input is abbreviated and only the drawn frames play', () => {
    const { axes } = conv(224, 3, { s: 2, p: 1 });
    const m = diagramModel({ kind: 'Conv2d', axes }, EXPLORER_LIMITS)!;
    const played = drawnFrames(m);
    assert.ok(played.length > 0 && played.length < frameCount(m));
    assert.ok(played.every(f => frameAt(m, f).drawn));
  });

  it('the SVG of a frame darkens its output cell and leaves later ones empty', () => {
    const { axes } = conv(5, 3, { s: 2, p: 1 });
    const svg = renderLayerSvg({ kind: 'Conv2d', axes }, 'css', { frame: 4, limits: EXPLORER_LIMITS })!;
    const classes = [...svg.matchAll(/<use href="#c" class="([a-z])"/g)].map(x => x[1]);
    // 9 output cells first (row by row): 4 done, the 5th current, 4 to come.
    assert.deepEqual(classes.slice(0, 9).join(''), 'ooooqnnnn');
    assert.ok(!svg.includes('<style>'), 'css theme: no inline style');
    assert.match(svg, /class="k"/);
  });
});
