// The terminal version of the layer diagram (`convshape explain`): the same model as the SVG,
// one character per cell — the (padded, stretched) input on the left, the output on the right,
// the kernel's first position filled and its next position (one stride on) boxed.
import type { CellKind } from '../engine/geometry';
import {
  cellKind,
  cellRead,
  diagramModel,
  footprint,
  isGap,
  type DiagramModel,
  type DiagramSpec,
  type Slot,
} from './diagram-model';
import { inputCaption, outputCaption, transposedCaption } from './labels';

const CELL: Record<CellKind, string> = { input: '□', padding: '·', zero: '∘', extra: '+', overhang: '-' };
const FIRST = '■';
const SECOND = '▣';
const UNREAD = '×';

/** The diagram as lines of text, or undefined when its sizes are not all known. */
export function renderLayerAscii(spec: DiagramSpec): string[] | undefined {
  const m = diagramModel(spec);
  return m ? renderModel(m) : undefined;
}

function renderModel(m: DiagramModel): string[] {
  const first = new Set(footprint(m, 0, 0).map(({ row, col }) => `${row},${col}`));
  const second = new Set(
    m.second ? footprint(m, m.second.row, m.second.col).map(({ row, col }) => `${row},${col}`) : [],
  );
  const input = grid(m.rows.inputSlots, m.cols.inputSlots, (r, c) => {
    const key = `${r},${c}`;
    if (first.has(key)) return FIRST;
    if (second.has(key)) return SECOND;
    if (!cellRead(m, r, c)) return UNREAD;
    return CELL[cellKind(m, r, c)];
  });
  const output = grid(m.rows.outputSlots, m.cols.outputSlots, (r, c) =>
    r === 0 && c === 0 ? FIRST : m.second && r === m.second.row && c === m.second.col ? SECOND : CELL.input,
  );

  const axes = m.spec.axes ?? [];
  const inTitle = 'input',
    outTitle = outputCaption(axes);
  const width = Math.max(inTitle.length, ...input.map(l => [...l].length));
  const pad = (s: string) => s + ' '.repeat(Math.max(0, width - [...s].length));
  const lines = [`${pad(inTitle)}     ${outTitle}`];
  const height = Math.max(input.length, output.length);
  for (let r = 0; r < height; r++) {
    const left = pad(input[r] ?? '');
    const right = output[r] ?? '';
    lines.push(`${left}${r === 0 ? '  →  ' : '     '}${right}`.trimEnd());
  }
  lines.push(...[inputCaption(axes), transposedCaption(axes)].filter((c): c is string => !!c));
  lines.push(legend(m));
  return lines;
}

function grid(rows: readonly Slot[], cols: readonly Slot[], char: (row: number, col: number) => string): string[] {
  return rows.map(rs => {
    if (isGap(rs)) return cols.map(cs => (isGap(cs) ? '⋱' : '⋮')).join(' ');
    return cols.map(cs => (isGap(cs) ? '…' : char(rs.cell, cs.cell))).join(' ');
  });
}

function legend(m: DiagramModel): string {
  const kinds = new Set<CellKind>();
  let unread = false;
  for (const rs of m.rows.inputSlots)
    for (const cs of m.cols.inputSlots) {
      if (isGap(rs) || isGap(cs)) continue;
      kinds.add(cellKind(m, rs.cell, cs.cell));
      if (!cellRead(m, rs.cell, cs.cell)) unread = true;
    }
  const parts = [`${FIRST} kernel → first output`];
  if (m.second)
    parts.push(
      `${SECOND} next position (stride ${m.second.col === 1 ? m.cols.geometry.stride : m.rows.geometry.stride})`,
    );
  parts.push(`${CELL.input} input`);
  if (kinds.has('padding')) parts.push(`${CELL.padding} padding`);
  if (kinds.has('zero')) parts.push(`${CELL.zero} inserted zero`);
  if (kinds.has('extra')) parts.push(`${CELL.extra} output_padding`);
  if (kinds.has('overhang')) parts.push(`${CELL.overhang} past the input (ceil_mode)`);
  if (unread) parts.push(`${UNREAD} never read`);
  return parts.join('   ');
}
