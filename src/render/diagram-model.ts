// What a layer diagram shows, before any drawing: the last two spatial axes (or one) as a grid
// of cells, the cells that are kept when a large input is abbreviated (the first windows, an
// ellipsis, the last window), the first kernel position and a second one that shows the stride.
// The SVG and the ASCII renderers draw this same model.
import { axisGeometry, windowTaps, type AxisGeometry, type CellKind } from '../engine/geometry';
import type { AxisArithmetic } from '../engine/types';

/** What a diagram is drawn from: a layer kind (and name) and its per-axis arithmetic. */
export interface DiagramSpec {
  readonly kind: string;
  readonly name?: string;
  readonly axes?: readonly AxisArithmetic[];
}

/** One position along a drawn axis: a cell (by index) or the ellipsis of an abbreviation. */
export type Slot = { readonly cell: number } | { readonly gap: true };

export interface AxisView {
  readonly arithmetic?: AxisArithmetic;
  readonly geometry: AxisGeometry;
  readonly inputSlots: readonly Slot[];
  readonly outputSlots: readonly Slot[];
}

export interface DiagramModel {
  readonly spec: DiagramSpec;
  readonly rows: AxisView;
  readonly cols: AxisView;
  /** 1 or 2 drawn spatial axes (a 1-D layer is one row). */
  readonly drawnAxes: 1 | 2;
  /** The second kernel position, one stride along the columns (or rows when there is one column). */
  readonly second?: { readonly row: number; readonly col: number };
}

/** A single-cell axis, so a 1-D layer is drawn as one row of the same grid. */
const UNIT_AXIS: AxisGeometry = {
  cells: ['input'],
  inputIndex: [0],
  kernel: 1,
  dilation: 1,
  stride: 1,
  span: 1,
  outputs: 1,
  read: [true],
  transposed: false,
  insertedZeros: 0,
  padBefore: 0,
  padAfter: 0,
  extra: 0,
  croppedBefore: 0,
  croppedAfter: 0,
};

/** Inputs longer than this many cells per axis are abbreviated. */
export const MAX_INPUT_CELLS = 12;
export const MAX_OUTPUT_CELLS = 8;

/** How many cells per axis are drawn before an input or output is abbreviated. */
export interface DiagramLimits {
  readonly input: number;
  readonly output: number;
}

/** The hover's limits; the explorer panel passes larger ones (`EXPLORER_LIMITS`). */
export const HOVER_LIMITS: DiagramLimits = { input: MAX_INPUT_CELLS, output: MAX_OUTPUT_CELLS };
/** The explorer panel is large: a 32-cell input is drawn whole, so every kernel position shows. */
export const EXPLORER_LIMITS: DiagramLimits = { input: 40, output: 34 };

/** The model of a layer's diagram, or undefined when its axes are not all known sizes. */
export function diagramModel(spec: DiagramSpec, limits: DiagramLimits = HOVER_LIMITS): DiagramModel | undefined {
  const axes = spec.axes ?? [];
  if (axes.length === 0) return undefined;
  const drawn = axes.slice(-2);
  const geometries = drawn.map(axisGeometry);
  if (geometries.some(g => g === undefined)) return undefined;
  const view = (g: AxisGeometry, a?: AxisArithmetic): AxisView => ({
    arithmetic: a,
    geometry: g,
    inputSlots: inputSlots(g, limits.input),
    outputSlots: outputSlots(g.outputs, limits.output),
  });
  const cols = view(geometries[geometries.length - 1]!, drawn[drawn.length - 1]);
  const rows = geometries.length === 2 ? view(geometries[0]!, drawn[0]) : view(UNIT_AXIS);
  const second =
    cols.geometry.outputs > 1 ? { row: 0, col: 1 } : rows.geometry.outputs > 1 ? { row: 1, col: 0 } : undefined;
  return { spec, rows, cols, drawnAxes: geometries.length === 2 ? 2 : 1, ...(second ? { second } : {}) };
}

function range(from: number, to: number): Slot[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, k) => ({ cell: from + k }));
}

/**
 * The input cells to draw: all of them when few; otherwise the cells up to the end of the second
 * window (so both drawn kernel positions are whole), an ellipsis, and the last few cells (so
 * padding, output_padding and unused cells at the far edge stay visible).
 */
export function inputSlots(g: AxisGeometry, max = MAX_INPUT_CELLS): Slot[] {
  const n = g.cells.length;
  if (n <= max) return range(0, n);
  const shown = Math.min(g.outputs, 2);
  const headEnd = Math.max(...windowTaps(g, shown - 1), g.padBefore) + 1;
  // The tail: the far edge's padding, output_padding and unread cells, plus two input cells.
  let special = 0;
  while (special < n && (g.cells[n - 1 - special] !== 'input' || !g.read[n - 1 - special])) special++;
  const tailStart = Math.max(headEnd + 1, n - special - 2);
  if (tailStart - headEnd <= 1) return range(0, n);
  return [...range(0, headEnd), { gap: true }, ...range(tailStart, n)];
}

/** The output cells to draw: all when few, else the first two, an ellipsis and the last two. */
export function outputSlots(o: number, max = MAX_OUTPUT_CELLS): Slot[] {
  if (o <= max) return range(0, o);
  return [...range(0, 2), { gap: true }, ...range(o - 2, o)];
}

export function isGap(s: Slot): s is Extract<Slot, { readonly gap: true }> {
  return 'gap' in s;
}

/** The kind of the grid cell at (row, col): zeros and padding win over input. */
export function cellKind(m: DiagramModel, row: number, col: number): CellKind {
  const a = m.rows.geometry.cells[row],
    b = m.cols.geometry.cells[col];
  for (const kind of ['overhang', 'padding', 'extra', 'zero'] as const) if (a === kind || b === kind) return kind;
  return 'input';
}

/** Whether any kernel position reads (row, col). */
export function cellRead(m: DiagramModel, row: number, col: number): boolean {
  return m.rows.geometry.read[row] && m.cols.geometry.read[col];
}

/** The cells (row, col) the kernel at output position (outRow, outCol) reads. */
export function footprint(m: DiagramModel, outRow: number, outCol: number): { row: number; col: number }[] {
  const rows = windowTaps(m.rows.geometry, outRow),
    cols = windowTaps(m.cols.geometry, outCol);
  return rows.flatMap(row => cols.map(col => ({ row, col })));
}
