// Where top-level blocks start, read from the text alone (for when the parser's tree cannot be
// trusted): lines in column 0 with code, outside triple-quoted strings, a decorated `def`/`class`
// starting at its first decorator.

/** Start offsets of top-level blocks in `text[from, to)`: lines starting in column 0 with code. */
export function topLevelBlockStarts(text: string, from = 0, to = text.length): number[] {
  const starts: number[] = [];
  let inString: string | undefined;
  let previousCode = '';
  let pos = from;
  while (pos <= to) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 || nl > to ? to : nl;
    const line = text.slice(pos, end);
    if (
      !inString &&
      /^[A-Za-z_@]/.test(line) &&
      !(previousCode.startsWith('@') && /^(async\s+)?(def|class)\b/.test(line))
    )
      starts.push(pos);
    for (const m of line.matchAll(/"""|'''/g)) {
      if (!inString) inString = m[0];
      else if (inString === m[0]) inString = undefined;
    }
    if (/\S/.test(line) && !/^\s*#/.test(line)) previousCode = line;
    if (end >= to) break;
    pos = end + 1;
  }
  if (starts[0] !== from) starts.unshift(from);
  return starts;
}

/** A column-0 line that can only begin a new top-level statement of a module being written. */
const NEW_BLOCK = /^(?:class\s|(?:async\s+)?def\s|@|import\s|from\s|if\s+__name__\b)/;
const NEW_BLOCK_ANYWHERE = /^(?:class\s|(?:async\s+)?def\s|@|import\s|from\s|if\s+__name__\b)/m;

/**
 * Lines strictly inside the statement `text[from, to)` that start a new top-level block (`class `,
 * `def `, `@`, `import `, `from `, `if __name__`): where a statement the parser could not close
 * (an unclosed bracket) swallowed the ones after it.
 */
export function swallowedBlockStarts(text: string, from: number, to: number): number[] {
  const firstNl = text.indexOf('\n', from);
  if (firstNl < 0 || firstNl + 1 >= to) return [];
  // Most statements have no column-0 line inside at all: decide that without splitting lines.
  if (!NEW_BLOCK_ANYWHERE.test(text.slice(firstNl + 1, to))) return [];
  return topLevelBlockStarts(text, from, to).filter(
    s => s > from && NEW_BLOCK.test(text.slice(s, Math.min(to, s + 16))),
  );
}
