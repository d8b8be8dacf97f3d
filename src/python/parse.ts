// Parsing with @lezer/python, which is error-tolerant: broken, half-typed code still gives a
// tree (with error nodes where it was repaired). A ParsedDocument keeps the tree of one document
// and re-parses a new version incrementally, reusing the unchanged fragments; its syntax model
// re-reads only the top-level statements an edit touched (the others are reused, shifted).
import { type ChangedRange, IterMode, Tree, TreeBuffer, type TreeCursor, TreeFragment } from '@lezer/common';
import { parser } from '@lezer/python';
import { reportUnexpected } from '../common/internal-errors';
import { hasTopLevelErrors, readBlocks } from './chunks';
import { readModule, readTopLevel } from './read';
import type { Module, Stmt } from './syntax';

/** Parses a document. Never throws: input too deep for the parser gives an empty tree, which makes
 *  `ParsedDocument.module` fall back to reading top-level blocks one by one. */
export function parsePython(text: string): Tree {
  try {
    return parser.parse(text);
  } catch (e) {
    reportUnexpected('python.parsePython', e);
    return parser.parse('\u0000');
  }
}

/** Subtrees and buffers found to hold no error node (trees are immutable, and an incremental
 *  parse reuses the previous tree's: only new ones are scanned). */
const cleanNodes = new WeakSet<Tree | TreeBuffer>();

/** True when the tree has a node the parser repaired, anywhere (a scan of its node buffers). */
export function hasErrorNodes(tree: Tree): boolean {
  if (cleanNodes.has(tree)) return false;
  if (tree.type.isError) return true;
  for (const child of tree.children) {
    if (cleanNodes.has(child)) continue;
    if (child instanceof TreeBuffer) {
      const { buffer, set } = child;
      for (let i = 0; i < buffer.length; i += 4) if (set.types[buffer[i]].isError) return true;
      cleanNodes.add(child);
    } else if (child instanceof Tree && hasErrorNodes(child)) return true;
  }
  cleanNodes.add(tree);
  return false;
}

/** Where a statement at `from` starts on its line: its column, and its indentation — the column
 *  when it is the first thing on the line, else -1 (after `;` or on its block's colon's line). */
function placeOf(text: string, from: number): { column: number; indent: number } {
  const lineStart = text.lastIndexOf('\n', from - 1) + 1;
  for (let i = lineStart; i < from; i++)
    if (text[i] !== ' ' && text[i] !== '\t') return { column: from - lineStart, indent: -1 };
  return { column: from - lineStart, indent: from - lineStart };
}

/** Node types by id: statements, and the blocks whose statements share one indentation. */
const STATEMENT = parser.nodeSet.types.map(t => t.is('Statement'));
const BLOCK = parser.nodeSet.types.map(t => t.name === 'Body' || t.name === 'MatchBody' || t.name === 'MatchClause');

/** True when the statements of `tree` break Python's indentation: a statement starting a line
 *  in a block at another indentation than the block's other line-starting statements, or not
 *  deeper than the statement that owns the block (-1 at the top level, where the indentation is
 *  0). A fresh parse of error-free text never does; an incremental parse can (lezer-python's
 *  indentation tracking does not always survive fragment reuse: a class then swallowed the
 *  classes after it). Only statements and their blocks are visited, with one cursor (it runs on
 *  every edit, over the whole tree); a subtree the previous version's check already passed, with
 *  the same text around it, is not visited again (`WellIndented`). The cursor includes anonymous
 *  nodes (lezer's groups of repeated statements, which an incremental parse reuses whole) and
 *  treats them as the default cursor does: their children are their parent's. */
export function misindented(tree: Tree, text: string, check: IndentCheck): boolean {
  return nodeMisindented(tree.cursor(IterMode.IncludeAnonymous), text, -1, true, check);
}

/**
 * A lezer subtree (a `Tree`: an incremental parse reuses the previous version's objects) whose
 * statements a check found well indented, and what that answer read: the subtree's own text,
 * which was at `from` in the text `version` checked, and the context it was checked in (the
 * owner's indentation, whether it is a block, the block's indentation so far, and its first line's
 * indentation and column, which the statements on that line read). The same subtree in a new
 * version, at the place the change moved it to, on text the change did not touch, and in the same
 * context, gets the same answer. `after`: the block's indentation after a group's statements.
 */
interface WellIndented {
  readonly version: object;
  readonly from: number;
  readonly owner: number;
  readonly inBlock: boolean;
  readonly blockIndent: number;
  readonly indent: number;
  readonly column: number;
  after: number;
}

/** Subtrees checked well indented (weak: a tree no version holds any more is forgotten). */
const wellIndented = new WeakMap<Tree, WellIndented>();

/** One check: the version it is for, and the previous checked version with the change since. */
export interface IndentCheck {
  readonly version: object;
  readonly previous?: { readonly version: object; readonly change: ChangedRange };
  /** Off: every subtree is visited (tests compare both ways). */
  readonly remember: boolean;
}

/** What the previous version's check found for `tree`, now in the context `now`, when it was in
 *  the same context, at the place the change moved it to, its text outside the change. */
function knownWellIndented(tree: Tree, check: IndentCheck, now: WellIndented): WellIndented | undefined {
  const known = wellIndented.get(tree);
  const previous = check.previous;
  if (!known || !previous || known.version !== previous.version) return undefined;
  if (known.owner !== now.owner || known.inBlock !== now.inBlock || known.blockIndent !== now.blockIndent)
    return undefined;
  if (known.indent !== now.indent || known.column !== now.column) return undefined;
  const { fromA, toA, fromB, toB } = previous.change;
  const moved =
    known.from + tree.length <= fromA // in the common prefix
      ? now.from === known.from
      : known.from >= toA && now.from === known.from + (toB - fromB) - (toA - fromA); // in the common suffix
  return moved ? known : undefined;
}

const MISINDENTED = -2;

/** The statements under the cursor's node; the cursor is back on that node when this returns false. */
function nodeMisindented(cursor: TreeCursor, text: string, owner: number, inBlock: boolean, check: IndentCheck) {
  if (!cursor.firstChild()) return false;
  if (siblingsMisindented(cursor, text, owner, inBlock, owner < 0 ? 0 : -1, check) === MISINDENTED) return true;
  cursor.parent();
  return false;
}

/** The cursor's node and the siblings after it, in a node owned at `owner` whose line-starting
 *  statements so far are at `blockIndent` (-1: none yet): MISINDENTED, or `blockIndent` after them
 *  (the cursor then on the last sibling). */
function siblingsMisindented(
  cursor: TreeCursor,
  text: string,
  owner: number,
  inBlock: boolean,
  blockIndent: number,
  check: IndentCheck,
): number {
  do {
    const type = cursor.type;
    if (STATEMENT[type.id]) {
      const from = cursor.from;
      const { column, indent } = placeOf(text, from);
      if (inBlock && indent >= 0) {
        if (indent <= owner) return MISINDENTED;
        if (blockIndent < 0) blockIndent = indent;
        else if (indent !== blockIndent) return MISINDENTED;
      }
      const own = indent >= 0 ? indent : column;
      if (subtreeMisindented(cursor, text, own, false, -1, check) === MISINDENTED) return MISINDENTED;
    } else if (BLOCK[type.id]) {
      if (subtreeMisindented(cursor, text, owner, true, -1, check) === MISINDENTED) return MISINDENTED;
    } else if (type.isAnonymous && cursor.tree) {
      // A group of statements (the default cursor enters it: its children are this node's).
      blockIndent = subtreeMisindented(cursor, text, owner, inBlock, blockIndent, check);
      if (blockIndent === MISINDENTED) return MISINDENTED;
    }
  } while (cursor.nextSibling());
  return blockIndent;
}

/** The statements under the cursor's node (a statement or a block: `blockIndent` -1; an anonymous
 *  group: the block's so far), answered from `wellIndented` when its tree was checked before
 *  (see `WellIndented`), and remembered there when it is checked now. MISINDENTED, or the
 *  block's indentation after a group (-1 otherwise); the cursor is back on the node. */
function subtreeMisindented(
  cursor: TreeCursor,
  text: string,
  owner: number,
  inBlock: boolean,
  blockIndent: number,
  check: IndentCheck,
): number {
  const group = cursor.type.isAnonymous;
  const tree = cursor.tree; // (null in a buffer, where no group is)
  if (!tree) return nodeMisindented(cursor, text, owner, inBlock, check) ? MISINDENTED : -1;
  const from = cursor.from;
  const { column, indent } = placeOf(text, from);
  const now: WellIndented = {
    version: check.version,
    from,
    owner,
    inBlock,
    blockIndent,
    indent,
    column,
    after: -1,
  };
  const known = check.remember ? knownWellIndented(tree, check, now) : undefined;
  if (known) now.after = known.after;
  else if (!group) {
    if (nodeMisindented(cursor, text, owner, inBlock, check)) return MISINDENTED;
  } else if (cursor.firstChild()) {
    now.after = siblingsMisindented(cursor, text, owner, inBlock, blockIndent, check);
    if (now.after === MISINDENTED) return MISINDENTED;
    cursor.parent();
  } else now.after = blockIndent;
  if (check.remember) wellIndented.set(tree, now);
  return now.after;
}

/** The single changed region between two texts (common prefix and suffix removed). The common
 *  prefix and suffix are found by bisection over native string comparisons of the still
 *  undecided segment (about n characters compared in all, a few dozen slices). */
export function changedRange(oldText: string, newText: string): ChangedRange | undefined {
  if (oldText === newText) return undefined;
  const minLen = Math.min(oldText.length, newText.length);
  // Longest common prefix: [0, lo) is known equal, nothing beyond hi is.
  let lo = 0;
  let hi = minLen;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (oldText.slice(lo, mid) === newText.slice(lo, mid)) lo = mid;
    else hi = mid - 1;
  }
  const start = lo;
  // Longest common suffix that does not reach into the prefix.
  const oldLen = oldText.length;
  const newLen = newText.length;
  lo = 0;
  hi = minLen - start;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (oldText.slice(oldLen - mid, oldLen - lo) === newText.slice(newLen - mid, newLen - lo)) lo = mid;
    else hi = mid - 1;
  }
  return { fromA: start, toA: oldLen - lo, fromB: start, toB: newLen - lo };
}

/** One top-level node of the tree and the statements read from it. */
interface TopLevelEntry {
  readonly from: number;
  readonly to: number;
  readonly stmts: readonly Stmt[];
}

/** A deep copy of a piece of the syntax model with every range ({start, end}) moved by `delta`. */
function shifted<T>(node: T, delta: number): T {
  if (typeof node !== 'object' || node === null) return node;
  if (Array.isArray(node)) return node.map(x => shifted(x, delta)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = shifted(v, delta);
  if (typeof out.start === 'number' && typeof out.end === 'number') {
    out.start += delta;
    out.end += delta;
  }
  return out as T;
}

export class ParsedDocument {
  private fragments: readonly TreeFragment[];
  private cachedModule?: Module;
  private entries?: readonly TopLevelEntry[];

  private constructor(
    readonly text: string,
    readonly tree: Tree,
    /** The previous version's top-level statements and the edit since, until this one is read. */
    private previous?: { readonly entries: readonly TopLevelEntry[]; readonly change: ChangedRange },
    /** Set when this version's tree passed the indentation check (`misindented`): its version there. */
    private readonly indentChecked?: object,
  ) {
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
      const tree = parser.parse(newText, fragments);
      // Where the parser had to repair the text, reusing fragments can give another tree than a
      // fresh parse would: the document's analysis must not depend on its editing history.
      if (hasErrorNodes(tree)) return ParsedDocument.parse(newText);
      // Nor where reusing fragments nested the statements otherwise than their indentation says.
      const previous = this.indentChecked && { version: this.indentChecked, change };
      const check: IndentCheck = { version: {}, previous, remember: true };
      if (misindented(tree, newText, check)) return ParsedDocument.parse(newText);
      return new ParsedDocument(newText, tree, this.entries && { entries: this.entries, change }, check.version);
    } catch (e) {
      reportUnexpected('python.ParsedDocument.update', e); // parse afresh instead
      return ParsedDocument.parse(newText);
    }
  }

  /** The syntax model of this version (computed once). */
  get module(): Module {
    if (!this.cachedModule) {
      // (A tree already found to hold no error node, as an edited version's is, has none at the top level.)
      if (!cleanNodes.has(this.tree) && hasTopLevelErrors(this.tree))
        this.cachedModule = { body: readBlocks(this.text) };
      else {
        const entries = this.readEntries();
        this.entries = entries;
        this.cachedModule = entries
          ? { body: entries.flatMap(e => e.stmts) }
          : readModule(this.tree, this.text, !hasErrorNodes(this.tree));
      }
      this.previous = undefined;
    }
    return this.cachedModule;
  }

  /** Forgets the syntax model (read again, in full, when next asked for): the memory of a
   *  document that is open but not being edited. */
  releaseModule(): void {
    this.cachedModule = undefined;
    this.entries = undefined;
    this.previous = undefined;
  }

  /** Reads each top-level node, reusing the previous version's statements for nodes the edit
   *  did not touch: whole lines before the change as they were, whole lines after it shifted. */
  private readEntries(): TopLevelEntry[] | undefined {
    try {
      const text = this.text;
      const clean = !hasErrorNodes(this.tree);
      const prev = this.previous;
      const old = prev && new Map(prev.entries.map(e => [e.from, e]));
      const change = prev?.change;
      const delta = change ? change.toB - change.fromB - (change.toA - change.fromA) : 0;
      const reused = (from: number, to: number): readonly Stmt[] | undefined => {
        if (!old || !change) return undefined;
        const nl = text.indexOf('\n', to);
        if (nl >= 0 && nl < change.fromB) {
          const e = old.get(from);
          return e && e.to === to ? e.stmts : undefined;
        }
        if (text.lastIndexOf('\n', from - 1) >= change.toB && from > change.toB) {
          const e = old.get(from - delta);
          return e && e.to === to - delta ? (delta === 0 ? e.stmts : shifted(e.stmts, delta)) : undefined;
        }
        return undefined;
      };
      // The top node's children (as `children` gives them) with one cursor: a node object is made
      // only for a statement read again.
      const entries: TopLevelEntry[] = [];
      const cursor = this.tree.cursor();
      if (cursor.firstChild()) {
        do {
          if (cursor.name === 'Comment') continue;
          const { from, to } = cursor;
          entries.push({ from, to, stmts: reused(from, to) ?? readTopLevel(cursor.node, text, clean) });
        } while (cursor.nextSibling());
      }
      return entries;
    } catch (e) {
      reportUnexpected('python.ParsedDocument entries', e); // read the whole document instead
      return undefined;
    }
  }
}
