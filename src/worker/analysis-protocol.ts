// The messages between the extension host and the analysis worker, and how an Analysis travels.
// No `vscode` and no analysis code here: both sides (and the unit tests) import this file.
//
// A 10,000-line document's Analysis is several megabytes of small objects. Received as one
// message, it would be deserialised in one go on the extension host's thread (~60–120 ms, over
// the 50 ms budget), and Node delivers every queued worker message in a single turn of the event
// loop, so splitting it into many messages would not help either; even megabytes of strings cost
// tens of milliseconds to receive. Instead the worker sends the Analysis as JSON pieces of bounded
// size, UTF-8 encoded in one transferred ArrayBuffer (moved, not copied), and the host parses them
// a few milliseconds at a time, yielding to its event loop in between.
import type { Analysis } from '../analysis/types';
import type { InternalError } from '../common/internal-errors';

/** What gets analysed: one file, or every code cell of a notebook in order. */
export interface AnalysisRequest {
  /** Identifies the document (or notebook) whose incremental analyzer the worker keeps. */
  readonly key: string;
  /** The file's text, or each code cell's text. */
  readonly texts: readonly string[];
  readonly notebook: boolean;
  /** A file of a workspace folder: its imports are followed (analysis/project.ts). */
  readonly project?: ProjectRequest;
}

/**
 * Following imports in the worker: it keeps the project files the host sent (and a cache of the
 * modules made from them) across requests; an analysis that asked for a file the worker does not
 * have answers with `needs`, the host reads those (vscode.workspace.fs, or an open document's
 * text) and asks again with them in `files`. A file the host saw change goes in `files` too.
 */
export interface ProjectRequest {
  /** The document's path and its project root (paths of the workspace's URIs). */
  readonly path: string;
  readonly root: string;
  /** File texts for the worker's cache (`null`: no such file, or not readable). */
  readonly files: Readonly<Record<string, string | null>>;
}

/** Bugs the analysis survived (common/internal-errors.ts): their count and the last few. */
export interface InternalErrorReport {
  readonly count: number;
  readonly recent: readonly InternalError[];
}

/** An Analysis and where each analysed text starts in it (the notebook's cells). */
export interface AnalysisOutcome {
  readonly analysis: Analysis;
  readonly bases: readonly number[];
  /** Time spent analysing, in the worker (or in-process). */
  readonly ms: number;
  /** Present when the analysis reported internal errors (the host logs them). */
  readonly internalErrors?: InternalErrorReport;
  /** Project files the analysis asked for that the worker does not have yet. */
  readonly needs?: readonly string[];
  /** Project files the analysis read or looked for (an edit of one re-analyses the document). */
  readonly reads?: readonly string[];
}

export type ToWorker =
  | ({ readonly type: 'analyse'; readonly id: number } & AnalysisRequest)
  | { readonly type: 'forget'; readonly key: string };

export type FromWorker =
  | {
      readonly type: 'result';
      readonly id: number;
      readonly ms: number;
      readonly bases: readonly number[];
      readonly pieces: PackedPieces;
      readonly internalErrors?: InternalErrorReport;
      readonly needs?: readonly string[];
      readonly reads?: readonly string[];
    }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };

/** A piece of JSON stays below this many characters (about 1 ms to parse). */
export const PIECE_CHARS = 32_000;

/** The Analysis fields that can be long, sent item by item; everything else goes in one piece. */
const LISTS = ['models', 'layers', 'hints', 'diagnostics'] as const;
type ListField = (typeof LISTS)[number];

/** JSON has no Infinity or NaN: such numbers (rare: `1e999` in user code) travel as this object. */
const NON_FINITE = '$nonFinite';

function hasNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(hasNonFinite);
  for (const k in value) if (hasNonFinite((value as Record<string, unknown>)[k])) return true;
  return false;
}

const keepNonFinite = (_key: string, v: unknown) =>
  typeof v === 'number' && !Number.isFinite(v) ? { [NON_FINITE]: String(v) } : v;
const restoreNonFinite = (_key: string, v: unknown) =>
  typeof v === 'object' && v !== null && NON_FINITE in v ? Number((v as Record<string, string>)[NON_FINITE]) : v;

/** JSON of one value, flagged `1` when it needs the reviver (a non-finite number inside). */
function flaggedJson(value: unknown): { special: boolean; json: string } {
  const special = hasNonFinite(value);
  return { special, json: special ? JSON.stringify(value, keepNonFinite) : JSON.stringify(value) };
}

/**
 * Splits an Analysis into JSON pieces of at most about `maxChars` characters (a single huge item
 * makes a piece of its own). Each piece is `0` or `1` (needs the reviver) followed by
 * `{"f":field,"i":[items]}`, or `{"f":"$rest","v":{…}}` for the short fields.
 */
export function encodeAnalysis(analysis: Analysis, maxChars = PIECE_CHARS): string[] {
  const pieces: string[] = [];
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(analysis)) if (!(LISTS as readonly string[]).includes(k)) rest[k] = v;
  const head = flaggedJson(rest);
  pieces.push(`${head.special ? 1 : 0}{"f":"$rest","v":${head.json}}`);
  for (const field of LISTS) {
    let items: string[] = [];
    let size = 0;
    let special = false;
    const flush = () => {
      if (items.length) pieces.push(`${special ? 1 : 0}{"f":"${field}","i":[${items.join(',')}]}`);
      items = [];
      size = 0;
      special = false;
    };
    for (const item of analysis[field] as readonly unknown[]) {
      const one = flaggedJson(item);
      if (size > 0 && size + one.json.length > maxChars) flush();
      items.push(one.json);
      size += one.json.length + 1;
      special ||= one.special;
    }
    flush();
  }
  return pieces;
}

/** JSON pieces as UTF-8 in one buffer (transferable): piece i is bytes [ends[i-1], ends[i]). */
export interface PackedPieces {
  readonly bytes: ArrayBuffer;
  readonly ends: readonly number[];
}

export function packPieces(pieces: readonly string[]): PackedPieces {
  const encoder = new TextEncoder();
  const encoded = pieces.map(p => encoder.encode(p));
  const bytes = new Uint8Array(encoded.reduce((n, e) => n + e.length, 0));
  const ends: number[] = [];
  let at = 0;
  for (const e of encoded) {
    bytes.set(e, at);
    at += e.length;
    ends.push(at);
  }
  return { bytes: bytes.buffer, ends };
}

/** The pieces one at a time, decoded only when asked for. */
export function* unpackPieces(packed: PackedPieces): Generator<string> {
  const decoder = new TextDecoder();
  let start = 0;
  for (const end of packed.ends) {
    yield decoder.decode(new Uint8Array(packed.bytes, start, end - start));
    start = end;
  }
}

/** Lets the host's other work run: `setImmediate` in Node, a timer in a browser worker. */
export function yieldToHost(): Promise<void> {
  return new Promise(resolve => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

const clock = () => globalThis.performance?.now() ?? Date.now();

/**
 * Rebuilds the Analysis from its pieces, parsing for at most `sliceMs` at a time before yielding
 * to the host's event loop. `stale()` is asked at each yield: a result nobody wants any more is
 * dropped (undefined) instead of finishing the work.
 */
export async function decodeAnalysis(
  pieces: Iterable<string>,
  options: { sliceMs?: number; stale?: () => boolean } = {},
): Promise<Analysis | undefined> {
  const sliceMs = options.sliceMs ?? 4;
  const lists: Record<ListField, unknown[]> = { models: [], layers: [], hints: [], diagnostics: [] };
  let rest: Record<string, unknown> = {};
  let sliceStart = clock();
  for (const piece of pieces) {
    if (clock() - sliceStart >= sliceMs) {
      await yieldToHost();
      if (options.stale?.()) return undefined;
      sliceStart = clock();
    }
    const body = piece.slice(1);
    const parsed = (piece[0] === '1' ? JSON.parse(body, restoreNonFinite) : JSON.parse(body)) as {
      f: string;
      i?: unknown[];
      v?: Record<string, unknown>;
    };
    if (parsed.f === '$rest') rest = parsed.v ?? {};
    else if (parsed.i) for (const item of parsed.i) lists[parsed.f as ListField].push(item);
  }
  return { ...rest, ...lists } as unknown as Analysis;
}
