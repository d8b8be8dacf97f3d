// Parsing with @lezer/python, which is error-tolerant: broken, half-typed code still gives a
// tree (with error nodes where it was repaired). A ParsedDocument keeps the tree of one document
// and re-parses a new version incrementally, reusing the unchanged fragments.
import { type ChangedRange, type Tree, TreeFragment } from '@lezer/common';
import { parser } from '@lezer/python';
import { hasTopLevelErrors, readBlocks } from './chunks';
import { readModule } from './read';
import type { Module } from './syntax';

/** Parses a document. Never throws: input too deep for the parser gives an empty tree, which makes
 *  `ParsedDocument.module` fall back to reading top-level blocks one by one. */
export function parsePython(text: string): Tree {
  try {
    return parser.parse(text);
  } catch {
    return parser.parse('\u0000');
  }
}

/** The single changed region between two texts (common prefix and suffix removed). */
export function changedRange(oldText: string, newText: string): ChangedRange | undefined {
  if (oldText === newText) return undefined;
  let start = 0;
  const minLen = Math.min(oldText.length, newText.length);
  while (start < minLen && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let endOld = oldText.length;
  let endNew = newText.length;
  while (endOld > start && endNew > start && oldText.charCodeAt(endOld - 1) === newText.charCodeAt(endNew - 1)) {
    endOld--;
    endNew--;
  }
  return { fromA: start, toA: endOld, fromB: start, toB: endNew };
}

export class ParsedDocument {
  private fragments: readonly TreeFragment[];
  private cachedModule?: Module;

  private constructor(readonly text: string, readonly tree: Tree) {
    this.fragments = TreeFragment.addTree(tree);
  }

  static parse(text: string): ParsedDocument {
    return new ParsedDocument(text, parsePython(text));
  }

  /** Parses a new version of the document, reusing what did not change. */
  update(newText: string): ParsedDocument {
    const change = changedRange(this.text, newText);
    if (!change) return this;
    if (this.tree.length !== this.text.length) return ParsedDocument.parse(newText);
    try {
      const fragments = TreeFragment.applyChanges(this.fragments, [change]);
      return new ParsedDocument(newText, parser.parse(newText, fragments));
    } catch {
      return ParsedDocument.parse(newText);
    }
  }

  /** The syntax model of this version (computed once). */
  get module(): Module {
    if (!this.cachedModule) {
      this.cachedModule = hasTopLevelErrors(this.tree)
        ? { body: readBlocks(this.text) }
        : readModule(this.tree, this.text);
    }
    return this.cachedModule;
  }
}
