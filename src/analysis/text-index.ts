// Offsets (UTF-16 code units, as the Analysis uses) ↔ line/column, for the CLI and the editor.
// `line`/`column` here are 0-based; use `oneBased` for compiler-style output.

export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

/** Start offsets of every line of a text (a `\r\n` counts as one line break). */
export class TextIndex {
  readonly lineStarts: readonly number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
    this.lineStarts = starts;
  }

  /** 0-based line and column of an offset (clamped to the text). */
  position(offset: number): LineColumn {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: o - this.lineStarts[lo] };
  }

  /** Offset of a 0-based line and column (clamped to the line). */
  offset(pos: LineColumn): number {
    const line = Math.max(0, Math.min(pos.line, this.lineStarts.length - 1));
    const start = this.lineStarts[line];
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    let end = next;
    while (end > start && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) end--;
    return start + Math.max(0, Math.min(pos.column, end - start));
  }
}

/** 0-based line/column of an offset. */
export function lineColumn(text: string, offset: number): LineColumn {
  return new TextIndex(text).position(offset);
}

/** Offset of a 0-based line/column. */
export function offsetAt(text: string, pos: LineColumn): number {
  return new TextIndex(text).offset(pos);
}

/** 0-based → 1-based (compiler-style `file:line:col`). */
export function oneBased(pos: LineColumn): LineColumn {
  return { line: pos.line + 1, column: pos.column + 1 };
}

/** 1-based → 0-based. */
export function zeroBased(pos: LineColumn): LineColumn {
  return { line: pos.line - 1, column: pos.column - 1 };
}
