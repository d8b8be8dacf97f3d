// A safety net for trees the parser could not recover well: lezer gives up on pathological input
// (thousands of nested brackets) and can lose the indentation context for the rest of the file.
// When the top level has error nodes, each top-level block is parsed on its own and its ranges are
// shifted back to document offsets, so one broken block cannot swallow the classes after it.
import type { Tree } from '@lezer/common';
import { topLevelBlockStarts } from './block-starts';
import { readSlice } from './read';
import type { Stmt } from './syntax';

export { topLevelBlockStarts };

/** True when the parser had to repair something directly at the top level. */
export function hasTopLevelErrors(tree: Tree): boolean {
  for (let c = tree.topNode.firstChild; c; c = c.nextSibling) if (c.type.isError) return true;
  return false;
}

/** Reads each top-level block on its own; ranges are offsets into the whole text. */
export function readBlocks(text: string): Stmt[] {
  const starts = topLevelBlockStarts(text);
  return starts.flatMap((from, i) => readSlice(text, from, starts[i + 1] ?? text.length));
}
