// Shape comments and jaxtyping annotations: how a user writes down a tensor's shape.
//   # x: [N, 3, 32, 32]      # x: (B, 3, ?, ?)      # x: B x 3 x 32 x 32
//   # x: torch.Size([1, 3, 32, 32])                   x: Float[Tensor, "batch 3 32 32"]
// A dim is an integer, a name (a symbol shared within the model) or `?` (unknown). Only the
// syntax lives here; the analysis turns names into symbolic dims. The regular expressions write
// × as \u00d7 and → as \u2192: the CLI bundle stays ASCII (tools/build.mjs).
import type { Expr, FunctionDef, Range } from './syntax';

/** One written-down dim: an integer, a symbol name, or null for `?`. */
export type DeclaredDim = number | string | null;
export type DeclaredShape = readonly DeclaredDim[];

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function parseDim(token: string): DeclaredDim | undefined {
  const t = token.trim();
  if (/^\d+$/.test(t)) return Number(t);
  if (t === '?' || t === '_' || t === 'None') return null;
  if (NAME.test(t)) return t;
  return undefined;
}

/** Reads a shape written as `[…]`, `(…)`, `torch.Size([…])` or `A x B x C`. Undefined if it is not one. */
export function parseShapeText(text: string): DeclaredShape | undefined {
  let t = text.trim();
  const size = /^(?:torch\.)?Size\(\s*([[(][^\])]*[\])])\s*\)$/.exec(t);
  if (size) t = size[1];
  let parts: string[];
  if (/^\[.*\]$/.test(t) || /^\(.*\)$/.test(t)) {
    const body = t.slice(1, -1).trim();
    if (body === '') return [];
    parts = body.split(',');
    if (parts.length > 1 && parts[parts.length - 1].trim() === '') parts.pop(); // `(3,)`
  } else if (/\s[x\u00d7]\s/.test(t)) {
    parts = t.split(/\s+[x\u00d7]\s+/);
  } else return undefined;
  const dims = parts.map(parseDim);
  return dims.every((d): d is DeclaredDim => d !== undefined) ? dims : undefined;
}

/** Where the shape sits in the text, for rewriting it. */
export interface ShapeComment {
  readonly shape: DeclaredShape;
  /** The shape text itself (`[N, 6, 28, 28]`), not the whole comment. */
  readonly range: Range;
  /** The argument the comment names (`x` in `# x: [...]`), if any. */
  readonly name?: string;
}

/** The `#` comment of a line (outside string literals), with its start offset. */
function commentOf(line: string): { text: string; at: number } | undefined {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return { text: line.slice(i + 1), at: i + 1 };
  }
  return undefined;
}

/**
 * Reads shape entries from one comment body: `x: [..], y: [..]`, `-> [..]`, or a bare shape.
 * `base` is the comment body's offset in the document.
 */
export function readShapeComment(body: string, base: number): ShapeComment[] {
  const out: ShapeComment[] = [];
  // Named entries: name ':' shape, where a shape runs to the matching bracket or to the end.
  const named =
    /([A-Za-z_][A-Za-z0-9_]*)\s*:\s*((?:torch\.)?Size\(\s*[[(][^\])]*[\])]\s*\)|\[[^\]]*\]|\([^)]*\)|[^,;]+?(?:\s+[x\u00d7]\s+[^,;\s]+)+)/g;
  for (const m of body.matchAll(named)) {
    const shape = parseShapeText(m[2]);
    if (!shape) continue;
    const at = (m.index ?? 0) + m[0].length - m[2].length;
    out.push({ shape, name: m[1], range: { start: base + at, end: base + at + m[2].length } });
  }
  if (out.length > 0) return out;
  const bare = /^\s*(?:(?:->|\u2192|=>|shape:?)\s*)?(.*?)\s*$/.exec(body);
  if (bare && bare[1]) {
    const shape = parseShapeText(bare[1]);
    if (shape) {
      const at = body.indexOf(bare[1]);
      out.push({ shape, range: { start: base + at, end: base + at + bare[1].length } });
    }
  }
  return out;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * Input shape comments of a `def forward(...)`/`def call(...)`: on the header line(s) or on the
 * comment-only line just above the `def` (or above its decorators).
 */
export function inputShapeComments(text: string, def: FunctionDef): ShapeComment[] {
  const out: ShapeComment[] = [];
  const headerStart = lineStartOf(text, def.header.start);
  // Lines of the header.
  let pos = headerStart;
  while (pos <= def.header.end) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 || nl > def.header.end ? def.header.end : nl;
    const c = commentOf(text.slice(pos, end));
    if (c) out.push(...readShapeComment(c.text, pos + c.at));
    if (nl < 0 || nl >= def.header.end) break;
    pos = nl + 1;
  }
  // The line above, when it is only a comment.
  if (headerStart > 0) {
    const prevStart = lineStartOf(text, headerStart - 1);
    const prev = text.slice(prevStart, headerStart - 1);
    const m = /^\s*#/.exec(prev);
    if (m) out.push(...readShapeComment(prev.slice(m[0].length), prevStart + m[0].length));
  }
  return out;
}

/** A shape comment at the end of a statement's last line (`x = self.conv1(x)  # [N, 6, 28, 28]`). */
export function trailingShapeComment(text: string, statementEnd: number): ShapeComment | undefined {
  const nl = text.indexOf('\n', statementEnd);
  const rest = text.slice(statementEnd, nl < 0 ? text.length : nl);
  const m = /^\s*#/.exec(rest);
  if (!m) return undefined;
  const found = readShapeComment(rest.slice(m[0].length), statementEnd + m[0].length);
  return found.length === 1 ? found[0] : undefined;
}

/** jaxtyping: `Float[Tensor, "batch 3 32 32"]` (any dtype wrapper). Variadic dims are not read. */
export function jaxtypingShape(annotation: Expr | undefined): DeclaredShape | undefined {
  if (!annotation || annotation.k !== 'subscript' || annotation.index.k !== 'tuple') return undefined;
  const [, dimsExpr] = annotation.index.items;
  if (!dimsExpr || dimsExpr.k !== 'str') return undefined;
  const tokens = dimsExpr.value.trim().split(/\s+/).filter(Boolean);
  const dims: DeclaredDim[] = [];
  for (const tok of tokens) {
    if (tok.startsWith('*') || tok === '...' || tok.startsWith('#')) return undefined;
    const eq = /^[A-Za-z_][A-Za-z0-9_]*=(\d+)$/.exec(tok); // `channels=3`
    const d = eq ? Number(eq[1]) : parseDim(tok);
    if (d === undefined) return undefined;
    dims.push(d);
  }
  return dims;
}
