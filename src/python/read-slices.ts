// Statements read from a slice of text parsed on its own (read.ts `readSlice`), kept by the
// slice's text. A document whose top level the parser had to repair is read block by block
// (chunks.ts) at every version, and most of its blocks are the text they were in the version
// before: parsing them again cost as much as parsing the document. Reading a slice is a pure
// function of its text and where it lies, so a slice read before is a copy of that reading with
// its ranges moved: each caller gets objects of its own, as a fresh reading gives. The kept
// statements are the first caller's, which, like every syntax model, are never changed (parse.ts
// shares a version's unchanged statements with the next). Bounded by the slices' total length;
// emptied when full.
import type { Stmt } from './syntax';

/** A slice's statements, as read where it started. */
export interface KeptSlice {
  readonly from: number;
  readonly body: readonly Stmt[];
}

const slices = new Map<string, KeptSlice>();
let sliceChars = 0;
/** About 7 MB of statements at most (some 35 bytes per character of text). */
const MAX_SLICE_CHARS = 200_000;

/**
 * Statements nested deeper than this are not copied (a fresh reading is made): the copy recurses
 * as deep as they are nested, and only a shallow copy is sure not to reach the stack's limit
 * where a fresh reading would not.
 */
const MAX_COPIED_DEPTH = 100;

/** This slice's statements as read before, if kept. */
export function keptSlice(slice: string): KeptSlice | undefined {
  return slices.get(slice);
}

/** Keeps a slice's statements (never changed after). */
export function keepSlice(slice: string, kept: KeptSlice): void {
  if (slice.length > MAX_SLICE_CHARS) return;
  if (sliceChars + slice.length > MAX_SLICE_CHARS) {
    slices.clear();
    sliceChars = 0;
  }
  if (!slices.has(slice)) sliceChars += slice.length;
  slices.set(slice, kept);
}

/** Forgets every kept slice (tests compare a fresh reading with a kept one). */
export function forgetSlices(): void {
  slices.clear();
  sliceChars = 0;
}

/** Nested deeper than MAX_COPIED_DEPTH: thrown by `copyAt`, caught by `copiedAt` only. */
class TooDeep {}

/**
 * A copy of statements with every range moved by `delta`, as read.ts `shiftRanges` moves a fresh
 * reading: each object is copied once (an object reached twice stays one object), and every object
 * with a numeric `start` and `end` is moved. Undefined when they are nested deeper than
 * MAX_COPIED_DEPTH.
 */
export function copiedAt(body: readonly Stmt[], delta: number): Stmt[] | undefined {
  try {
    return copyAt(body, delta, new Map(), 0) as Stmt[];
  } catch (e) {
    if (e instanceof TooDeep) return undefined;
    throw e;
  }
}

function copyAt(node: unknown, delta: number, copies: Map<object, unknown>, depth: number): unknown {
  if (typeof node !== 'object' || node === null) return node;
  const known = copies.get(node);
  if (known !== undefined) return known;
  if (depth > MAX_COPIED_DEPTH) throw new TooDeep();
  if (Array.isArray(node)) {
    const out: unknown[] = [];
    copies.set(node, out);
    for (const x of node) out.push(copyAt(x, delta, copies, depth + 1));
    return out;
  }
  const out: Record<string, unknown> = {};
  copies.set(node, out);
  for (const [k, v] of Object.entries(node)) out[k] = copyAt(v, delta, copies, depth + 1);
  if (typeof out.start === 'number' && typeof out.end === 'number') {
    out.start += delta;
    out.end += delta;
  }
  return out;
}
