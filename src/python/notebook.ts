// Notebooks: the code cells of a Jupyter notebook are analysed in order as one program. The cells
// are joined with newlines; `cells` gives each cell's start offset in the joined text so that
// ranges can be mapped back to (cell, offset).

export interface JoinedCells {
  readonly text: string;
  /** Start offset of each cell in `text`, in order. */
  readonly cells: readonly number[];
}

/** Joins code cells (in order). IPython magics and shell escapes become blank-equivalent comments. */
export function joinCells(cellTexts: readonly string[]): JoinedCells {
  const cells: number[] = [];
  let text = '';
  for (const cell of cellTexts) {
    if (text.length > 0 && !text.endsWith('\n')) text += '\n';
    cells.push(text.length);
    // `%matplotlib inline` / `!pip install x` are not Python: keep offsets, neutralise the line.
    text += cell.replace(/^([ \t]*)([%!])/gm, (_, ws: string) => `${ws}#`);
  }
  return { text, cells };
}

/** The cell index and the offset within it for an offset of the joined text. */
export function cellOffset(cells: readonly number[], offset: number): { cell: number; offset: number } {
  let i = 0;
  while (i + 1 < cells.length && cells[i + 1] <= offset) i++;
  return { cell: i, offset: offset - (cells[i] ?? 0) };
}
