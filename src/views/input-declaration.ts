// Writing a model's input shapes as the shape comment of its `def forward`/`def call`
// (docs/design.md, "Where input shapes come from"): `# x: [N, 3, 32, 32]`, and for several
// arguments `# x: [N, 3, 32, 32], t: [N]`. An existing input shape comment is rewritten in place,
// keeping the arguments it declares that the edit does not change; otherwise the comment goes at
// the end of the def line, or on the line above when the def line has a comment of its own.
// Shared by "Declare Input Shape…", its CodeLens and the explorer's "Apply to code" (no vscode,
// and none of the analysis: the extension host's bundle holds neither, so the bracketed forms it
// writes are read here; src/python/shape-comments.ts reads every form for the analysis).
import type { Framework, Shape } from '../engine';
import { formatShape } from '../render/shape-format';

/** Where a model's inputs are declared: its `def forward(self, x, t` line, and the arguments. */
export interface DeclarationSite {
  readonly lineStart: number;
  readonly lineEnd: number;
  readonly indent: string;
  /** The forward's arguments after `self` that take inputs (not `*args`, `**kwargs`). */
  readonly arguments: readonly string[];
  /** The first of them. */
  readonly argument: string;
  readonly hasComment: boolean;
}

/** The text between the `(` at `open` and its matching `)`. */
function parenthesised(text: string, open: number): string | undefined {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(' || text[i] === '[' || text[i] === '{') depth++;
    else if (text[i] === ')' || text[i] === ']' || text[i] === '}') {
      depth--;
      if (depth === 0) return text.slice(open + 1, i);
    }
  }
  return undefined;
}

/** Parameter names of a parameter list, after `self`; `*args`, `**kwargs` and a bare `*` left out. */
function parameterNames(list: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let start = 0;
  const take = (part: string) => {
    const m = /^\s*([A-Za-z_]\w*)/.exec(part);
    if (m && !/^\s*\*/.test(part)) names.push(m[1]);
  };
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      take(list.slice(start, i));
      start = i + 1;
    }
  }
  take(list.slice(start));
  return names.slice(1);
}

/** Where the model whose class starts at `classOffset` declares its inputs. */
export function inputDeclarationSite(text: string, classOffset: number): DeclarationSite | undefined {
  const re = /^([ \t]+)def (?:forward|call)\(\s*self\s*,\s*\*?([A-Za-z_]\w*)[^\n]*$/gm;
  re.lastIndex = classOffset;
  const m = re.exec(text);
  if (!m) return undefined;
  const list = parenthesised(text, m.index + m[0].indexOf('('));
  const args = list !== undefined ? parameterNames(list) : [];
  return {
    lineStart: m.index,
    lineEnd: m.index + m[0].length,
    indent: m[1],
    arguments: args.length ? args : [m[2]],
    argument: args[0] ?? m[2],
    hasComment: commentStart(m[0]) !== undefined,
  };
}

interface Entry {
  readonly name?: string;
  /** The shape as written (`[N, 3, 32, 32]`), and where it sits in the comment. */
  readonly shape: string;
  readonly start: number;
  readonly end: number;
}

const SHAPE = String.raw`(?:torch\.)?Size\(\s*\[[^\]]*\]\s*\)|\[[^\]]*\]|\([^)]*\)`;

/** The entries of a shape comment's body: `x: [..], t: (..)`, or one bare shape (`-> [..]`). */
function readEntries(body: string): Entry[] {
  const out: Entry[] = [];
  for (const m of body.matchAll(new RegExp(String.raw`([A-Za-z_]\w*)\s*:\s*(${SHAPE})`, 'g'))) {
    const start = (m.index ?? 0) + m[0].length - m[2].length;
    out.push({ name: m[1], shape: m[2], start, end: start + m[2].length });
  }
  if (out.length) return out;
  const bare = new RegExp(String.raw`^\s*(?:(?:->|→|=>)\s*)?(${SHAPE})\s*$`).exec(body);
  if (bare) out.push({ shape: bare[1], start: body.indexOf(bare[1]), end: body.indexOf(bare[1]) + bare[1].length });
  return out;
}

/** Accepts `1,3,32,32`, `[N, 3, 32, 32]`, `(None, 28, 28, 1)`, `1x3x32x32`; returns the canonical `[...]` text. */
export function normalizeShapeInput(text: string): string | undefined {
  const inner = text.trim().replace(/^[[(]|[\])]$/g, '');
  const dims = inner.split(/\s*[,x×]\s*|\s+/).filter(Boolean);
  if (dims.length === 0 || !dims.every(d => /^(\d+|[A-Za-z_]\w*|\?)$/.test(d))) return undefined;
  return `[${dims.join(', ')}]`;
}

/**
 * What to declare, from the input box: one shape (the first argument's) or `x: [..], t: [..]`
 * naming the site's arguments. Undefined when it is neither.
 */
export function parseDeclaration(text: string, site: DeclarationSite): Map<string, string> | undefined {
  const single = normalizeShapeInput(text);
  if (single && !/:/.test(text)) return new Map([[site.argument, single]]);
  const entries = readEntries(text).filter(e => e.name !== undefined);
  // Every `name:` written must be read (`t: [1.5]` is no shape), and name an argument.
  const written = text.match(/[A-Za-z_]\w*\s*:/g)?.length ?? 0;
  if (entries.length === 0 || entries.length !== written || entries.some(e => !site.arguments.includes(e.name!)))
    return undefined;
  const out = new Map<string, string>();
  for (const e of entries) {
    const shape = normalizeShapeInput(e.shape);
    if (!shape) return undefined;
    out.set(e.name!, shape);
  }
  return out;
}

/** The input box's starting text: the model's inputs as they are now, named when there are several. */
export function currentDeclaration(
  site: DeclarationSite,
  inputs: readonly (Shape | null)[],
  framework: Framework,
): string {
  const shapeText = (s: Shape) => formatShape(s, 'brackets', framework).replace(/None/g, '?');
  if (site.arguments.length < 2 || inputs.length < 2) return inputs[0] ? shapeText(inputs[0]) : '[N, 3, 32, 32]';
  // The arguments whose shape is known (an unknown one is left for the user to add).
  const known = site.arguments.slice(0, inputs.length).flatMap((a, i) => {
    const s = inputs[i];
    return s ? [`${a}: ${shapeText(s)}`] : [];
  });
  return known.length ? known.join(', ') : '[N, 3, 32, 32]';
}

/** The offset of a line's `#` comment (outside string literals). */
function commentStart(line: string): number | undefined {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return i;
  }
  return undefined;
}

/** Input shape entries of a comment (`x: [..], t: [..]`; a bare shape is the first argument's). */
function entriesOf(comment: string, site: DeclarationSite): Map<string, string> | undefined {
  const found = readEntries(comment);
  if (found.length === 0) return undefined;
  return new Map(found.map(e => [e.name ?? site.argument, e.shape]));
}

export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** The edit that declares `shapes` (argument → `[...]`), merged with what the comment declares already. */
export function declarationEdit(text: string, site: DeclarationSite, shapes: ReadonlyMap<string, string>): TextEdit {
  const line = text.slice(site.lineStart, site.lineEnd);
  const hash = commentStart(line);
  const onLine = hash !== undefined ? entriesOf(line.slice(hash + 1), site) : undefined;
  const aboveStart = site.lineStart > 0 ? text.lastIndexOf('\n', site.lineStart - 2) + 1 : -1;
  const above = aboveStart >= 0 ? text.slice(aboveStart, site.lineStart - 1) : '';
  const aboveComment = /^\s*#/.exec(above);
  const aboveEntries = aboveComment && !onLine ? entriesOf(above.slice(aboveComment[0].length), site) : undefined;
  const merged = new Map([...(onLine ?? aboveEntries ?? []), ...shapes]);
  const order = [...site.arguments, ...[...merged.keys()].filter(k => !site.arguments.includes(k))];
  const body = order
    .filter(a => merged.has(a))
    .map(a => `${a}: ${merged.get(a)}`)
    .join(', ');
  if (onLine && hash !== undefined) return { start: site.lineStart + hash, end: site.lineEnd, newText: `# ${body}` };
  if (aboveEntries && aboveComment)
    return { start: aboveStart + aboveComment[0].length - 1, end: site.lineStart - 1, newText: `# ${body}` };
  if (site.hasComment) return { start: site.lineStart, end: site.lineStart, newText: `${site.indent}# ${body}\n` };
  return { start: site.lineEnd, end: site.lineEnd, newText: `  # ${body}` };
}
