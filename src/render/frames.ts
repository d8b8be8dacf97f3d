// The explorer's animation, as data: one frame per kernel position (output cell), in the order
// the guide's figures play them (row by row; for a 3-D layer, slice by slice). Each frame names
// the output cell it computes and the cells of the swept input it reads, with what each of those
// cells is (an input unit, padding, an inserted zero, output_padding's extra cell). The SVG
// renderer draws a frame from this (svg.ts, `frame`), and the tests check it against the engine.
import { axisGeometry, windowTaps, type AxisGeometry, type CellKind } from '../engine/geometry';
import type { AxisArithmetic } from '../engine/types';
import { isGap, type DiagramModel, type Slot } from './diagram-model';

/** One swept cell a frame reads: its position on each drawn axis and what it is. */
export interface FrameCell {
  /** Index into the swept line of the rows axis (0 for a 1-D layer) and of the columns axis. */
  readonly row: number;
  readonly col: number;
  readonly kind: CellKind;
  /** The input unit it shows on each drawn axis (null for padding and zeros). */
  readonly inputRow: number | null;
  readonly inputCol: number | null;
}

export interface Frame {
  readonly index: number;
  /** The output cell being computed: its slice (3-D), row and column. */
  readonly outSlice: number;
  readonly outRow: number;
  readonly outCol: number;
  /** The swept cells of the drawn (last two) axes under the kernel's taps, row by row. */
  readonly reads: readonly FrameCell[];
  /** For a 3-D layer, the taps along the depth axis: swept cell indices and the input slices they show. */
  readonly depthTaps?: readonly { readonly cell: number; readonly input: number | null }[];
  /** Whether the output cell and every read cell are drawn (not inside an abbreviation's ellipsis). */
  readonly drawn: boolean;
}

/** The depth axis of a 3-D layer (the first of three spatial axes), drawn as slices. */
export function depthGeometry(axes: readonly AxisArithmetic[]): AxisGeometry | undefined {
  return axes.length === 3 ? axisGeometry(axes[0]) : undefined;
}

/** How many kernel positions the animation has: every output cell of every axis. */
export function frameCount(m: DiagramModel): number {
  const depth = depthGeometry(m.spec.axes ?? [])?.outputs ?? 1;
  return depth * m.rows.geometry.outputs * m.cols.geometry.outputs;
}

function slotSet(slots: readonly Slot[]): Set<number> {
  return new Set(slots.flatMap(s => (isGap(s) ? [] : [s.cell])));
}

/** Frame `index` (row-major over the output: slice, row, column), clamped into range. */
export function frameAt(m: DiagramModel, index: number): Frame {
  const count = frameCount(m);
  const f = Math.min(Math.max(0, Math.floor(index)), count - 1);
  const rowsOut = m.rows.geometry.outputs,
    colsOut = m.cols.geometry.outputs;
  const outSlice = Math.floor(f / (rowsOut * colsOut));
  const outRow = Math.floor(f / colsOut) % rowsOut;
  const outCol = f % colsOut;
  const rg = m.rows.geometry,
    cg = m.cols.geometry;
  const reads: FrameCell[] = [];
  for (const row of windowTaps(rg, outRow))
    for (const col of windowTaps(cg, outCol))
      reads.push({
        row,
        col,
        kind: combinedKind(rg.cells[row], cg.cells[col]),
        inputRow: rg.inputIndex[row] ?? null,
        inputCol: cg.inputIndex[col] ?? null,
      });
  const depth = depthGeometry(m.spec.axes ?? []);
  const depthTaps = depth
    ? windowTaps(depth, outSlice).map(cell => ({ cell, input: depth.inputIndex[cell] ?? null }))
    : undefined;
  const inRows = slotSet(m.rows.inputSlots),
    inCols = slotSet(m.cols.inputSlots);
  const drawn =
    slotSet(m.rows.outputSlots).has(outRow) &&
    slotSet(m.cols.outputSlots).has(outCol) &&
    reads.every(c => inRows.has(c.row) && inCols.has(c.col));
  return { index: f, outSlice, outRow, outCol, reads, ...(depthTaps ? { depthTaps } : {}), drawn };
}

/** The frames the animation plays: those whose cells are all drawn (all of them unless abbreviated). */
export function drawnFrames(m: DiagramModel): number[] {
  const out: number[] = [];
  const count = frameCount(m);
  for (let f = 0; f < count && out.length < 4096; f++) if (frameAt(m, f).drawn) out.push(f);
  return out;
}

/** Padding, zeros and overhang win over input, as in `cellKind` of the diagram model. */
function combinedKind(a: CellKind | undefined, b: CellKind | undefined): CellKind {
  for (const kind of ['overhang', 'padding', 'extra', 'zero'] as const) if (a === kind || b === kind) return kind;
  return 'input';
}

/** `rows 1–3` / `row 2` / `rows 0, 2, 4` (dilation): the input units a window reads along one axis. */
function unitsText(noun: string, units: readonly (number | null)[]): string {
  const real = [...new Set(units.filter((u): u is number => u !== null))];
  if (real.length === 0) return `no ${noun}s (only padding/zeros)`;
  const contiguous = real.every((u, j) => j === 0 || u === real[j - 1] + 1);
  const list = contiguous && real.length > 2 ? `${real[0]}–${real[real.length - 1]}` : real.join(', ');
  return `${noun}${real.length > 1 ? 's' : ''} ${list}`;
}

/**
 * One line that says what the frame computes, in the guide's terms: `output (1, 2) reads input
 * rows 1–3 × columns 3–5 (2 padding cells)`. Positions are 0-based like the frameworks' indices.
 */
export function frameCaption(m: DiagramModel, frame: Frame): string {
  const where =
    m.drawnAxes === 2
      ? `(${frame.depthTaps ? `${frame.outSlice}, ` : ''}${frame.outRow}, ${frame.outCol})`
      : `${frame.outCol}`;
  const rowsText = unitsText('row', [...new Set(frame.reads.map(c => c.inputRow))]);
  const colsText = unitsText(m.drawnAxes === 2 ? 'column' : 'cell', [...new Set(frame.reads.map(c => c.inputCol))]);
  const slices = frame.depthTaps
    ? `${unitsText(
        'slice',
        frame.depthTaps.map(t => t.input),
      )} × `
    : '';
  const blank = frame.reads.filter(c => c.kind !== 'input').length;
  const kinds = [...new Set(frame.reads.filter(c => c.kind !== 'input').map(c => KIND_WORD[c.kind]))];
  const extra = blank ? ` (${blank} of ${frame.reads.length} taps on ${kinds.join('/')})` : '';
  const read = m.drawnAxes === 2 ? `${slices}${rowsText} × ${colsText}` : `${slices}${colsText}`;
  return `output ${where} reads input ${read}${extra}`;
}

const KIND_WORD: Record<CellKind, string> = {
  input: 'input',
  padding: 'padding',
  zero: 'inserted zeros',
  extra: 'output_padding',
  overhang: 'cells past the input',
};

/**
 * Where the frame's window sits on each drawn axis, with the numbers: `row 1: taps 2, 3, 4 =
 * 1·s + j·d (s = 2, d = 1)`. Positions are in the swept (padded, stretched) input, as drawn.
 */
export function frameArithmetic(m: DiagramModel, frame: Frame): string[] {
  const line = (noun: string, g: AxisGeometry, o: number) => {
    const taps = windowTaps(g, o);
    const how = g.transposed
      ? `${o} + j (s′ = 1${g.dilation > 1 ? `, d = ${g.dilation}` : ''})`
      : `${o}·${g.stride} + j·${g.dilation}`;
    return `${noun} ${o}: cells ${taps.join(', ')} of the ${g.transposed ? 'stretched, ' : ''}padded input = ${how}`;
  };
  const out: string[] = [];
  const depth = depthGeometry(m.spec.axes ?? []);
  if (depth) out.push(line('slice', depth, frame.outSlice));
  if (m.drawnAxes === 2) out.push(line('row', m.rows.geometry, frame.outRow));
  out.push(line(m.drawnAxes === 2 ? 'column' : 'cell', m.cols.geometry, frame.outCol));
  return out;
}
