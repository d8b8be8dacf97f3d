// A safety net for trees the parser could not recover well: lezer gives up on pathological input
// (thousands of nested brackets) and can lose the indentation context for the rest of the file.
// When the top level has error nodes, each top-level block is parsed on its own and its ranges are
// shifted back to document offsets, so one broken block cannot swallow the classes after it.
import type { Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import { readModule } from './read';
import type { Stmt } from './syntax';

/** True when the parser had to repair something directly at the top level. */
export function hasTopLevelErrors(tree: Tree): boolean {
  for (let c = tree.topNode.firstChild; c; c = c.nextSibling) if (c.type.isError) return true;
  return false;
}

/** Start offsets of top-level blocks: lines starting in column 0 with code, outside long strings. */
export function topLevelBlockStarts(text: string): number[] {
  const starts: number[] = [];
  let inString: string | undefined;
  let previousCode = '';
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(pos, end);
    if (!inString && /^[A-Za-z_@]/.test(line) && !(previousCode.startsWith('@') && /^(async\s+)?(def|class)\b/.test(line))) starts.push(pos);
    for (const m of line.matchAll(/"""|'''/g)) {
      if (!inString) inString = m[0];
      else if (inString === m[0]) inString = undefined;
    }
    if (/\S/.test(line) && !/^\s*#/.test(line)) previousCode = line;
    if (nl < 0) break;
    pos = nl + 1;
  }
  if (starts[0] !== 0) starts.unshift(0);
  return starts;
}

/** Adds `delta` to every range ({start, end}) of a syntax model, each object once. */
function shiftRanges(node: unknown, delta: number, seen: Set<object>): void {
  if (typeof node !== 'object' || node === null || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) {
    for (const x of node) shiftRanges(x, delta, seen);
    return;
  }
  const o = node as Record<string, unknown>;
  if (typeof o.start === 'number' && typeof o.end === 'number') {
    o.start += delta;
    o.end += delta;
  }
  for (const v of Object.values(o)) shiftRanges(v, delta, seen);
}

/** Reads each top-level block on its own; ranges are offsets into the whole text. */
export function readBlocks(text: string): Stmt[] {
  const starts = topLevelBlockStarts(text);
  const seen = new Set<object>();
  return starts.flatMap((from, i) => {
    const slice = text.slice(from, starts[i + 1] ?? text.length);
    let body: readonly Stmt[];
    try {
      body = readModule(parser.parse(slice), slice).body;
    } catch {
      return [{ r: { start: from, end: from + slice.length }, error: true, k: 'other' as const }];
    }
    shiftRanges(body, from, seen);
    return body;
  });
}
