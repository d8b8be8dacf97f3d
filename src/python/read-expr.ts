// Expressions: lezer nodes → the syntax model (syntax.ts). Unfamiliar nodes become `unknown`.
import type { SyntaxNode } from '@lezer/common';
import type { Arg, CompClause, DictEntry, Expr, FStringPart, FunctionDef, Param, Range } from './syntax';

export function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.name !== 'Comment') out.push(c);
  return out;
}

export const rangeOf = (n: SyntaxNode): Range => ({ start: n.from, end: n.to });

/** Splits a node list at `,` tokens (empty trailing segments dropped). */
export function splitCommas(nodes: readonly SyntaxNode[]): SyntaxNode[][] {
  const out: SyntaxNode[][] = [[]];
  for (const n of nodes) {
    if (n.name === ',') out.push([]);
    else out[out.length - 1].push(n);
  }
  return out.filter(seg => seg.length > 0);
}

const PUNCT = new Set(['(', ')', '[', ']', '{', '}']);

/** The children but comments and brackets, in one pass. */
function inner(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.name !== 'Comment' && !PUNCT.has(c.name)) out.push(c);
  return out;
}

function parseNumber(text: string): { value: number; float: boolean } | undefined {
  const t = text.replace(/_/g, '');
  if (/[jJ]$/.test(t)) return undefined;
  if (/^0[xob]/i.test(t)) return { value: Number(t), float: false };
  const float = /[.eE]/.test(t);
  const value = Number(t);
  return Number.isFinite(value) ? { value, float } : undefined;
}

/**
 * `64.`, `1.e3`, `2.j`: @lezer/python reads a number literal whose dot has no digits after it
 * as a member access on an integer (`64` `.` and a missing or `e3` name), where Python's tokenizer
 * reads one number (`64 .real` is the member access). Such a literal, its value when it is a real
 * number (undefined: complex); undefined when the member access is a real one.
 */
function floatEndingInDot(
  obj: SyntaxNode,
  dot: SyntaxNode,
  prop: SyntaxNode | undefined,
  text: string,
): { value: ReturnType<typeof parseNumber> } | undefined {
  const literal = floatEndingInDotText(obj, dot, prop, text);
  return literal === undefined ? undefined : { value: parseNumber(literal) };
}

/** The text of such a literal (`64.`, `1.e3`), or undefined when the member access is a real one. */
function floatEndingInDotText(
  obj: SyntaxNode,
  dot: SyntaxNode,
  prop: SyntaxNode | undefined,
  text: string,
): string | undefined {
  if (obj.name !== 'Number' || dot.from !== obj.to || /[.eEjJxXoObB]/.test(text.slice(obj.from, obj.to)))
    return undefined;
  const missing = !prop || (prop.type.isError && prop.from === prop.to);
  const suffix = missing ? '' : text.slice(prop.from, prop.to);
  if (!missing && (prop.from !== dot.to || !/^([eE]\d[\d_]*|[jJ])$/.test(suffix))) return undefined;
  return text.slice(obj.from, dot.to) + suffix;
}

/** A MemberExpression that is a number literal ending in a dot (`64.`): its text; else undefined. */
export function floatLiteralText(node: SyntaxNode, text: string): string | undefined {
  if (node.name !== 'MemberExpression') return undefined;
  const [obj, dot, prop] = children(node);
  return obj && dot?.name === '.' ? floatEndingInDotText(obj, dot, prop, text) : undefined;
}

/** The value of a plain string literal (prefixes and quotes stripped, common escapes read). */
export function stringValue(text: string): string {
  const m = /^([a-zA-Z]*)('''|"""|'|")([\s\S]*?)(\2)?$/.exec(text);
  if (!m) return text;
  const raw = /r/i.test(m[1]);
  const body = m[3];
  return raw
    ? body
    : body.replace(
        /\\(.)/g,
        (_, c: string) =>
          (({ n: '\n', t: '\t', '\\': '\\', "'": "'", '"': '"' }) as Record<string, string>)[c] ?? '\\' + c,
      );
}

/** An f-string's pieces; a field this reader cannot take apart (nested specs, `{x=}`) makes it unknown. */
function readFormatString(node: SyntaxNode, text: string): Expr {
  const r = rangeOf(node);
  const m = /^([a-zA-Z]*)('''|"""|'|")/.exec(text.slice(node.from, node.to));
  if (!m) return { k: 'unknown', r };
  const raw = /r/i.test(m[1]);
  const literal = (from: number, to: number) => {
    const seg = text.slice(from, to);
    return (raw ? seg : stringValue(`'${seg}'`)).replace(/\{\{/g, '{').replace(/\}\}/g, '}');
  };
  const parts: FStringPart[] = [];
  let at = node.from + m[0].length;
  for (const field of children(node)) {
    // Escapes are read with the literal text around them.
    if (field.name === 'Escape') continue;
    if (field.name !== 'FormatReplacement') return { k: 'unknown', r };
    if (field.from > at) parts.push(literal(at, field.from));
    const kids = children(field).filter(c => c.name !== '{' && c.name !== '}');
    const conv = kids.find(c => c.name === 'FormatConversion');
    const spec = kids.find(c => c.name === 'FormatSpec');
    const exprs = kids.filter(c => c !== conv && c !== spec);
    if (exprs.length !== 1 || (spec && children(spec).some(c => c.name === 'FormatReplacement')))
      return { k: 'unknown', r };
    if (/=\s*$/.test(text.slice(exprs[0].to, (conv ?? spec ?? field.lastChild ?? field).from)))
      return { k: 'unknown', r };
    parts.push({
      value: readExpr(exprs[0], text),
      conversion: conv ? text.slice(conv.from + 1, conv.to) : undefined,
      spec: spec ? text.slice(spec.from + 1, spec.to) : '',
    });
    at = field.to;
  }
  const end = node.to - m[2].length;
  if (end > at) parts.push(literal(at, end));
  return { k: 'fstr', r, parts };
}

/** A decorator: its dotted name (`dataclasses.dataclass`), called when it has arguments. */
export function readDecorator(node: SyntaxNode, text: string): Expr {
  const parts = children(node).filter(c => c.name !== 'At');
  const names = parts.filter(c => c.name === 'VariableName');
  const argList = parts.find(c => c.name === 'ArgList');
  if (!names.length || parts.some(c => c !== argList && c.name !== 'VariableName' && c.name !== '.')) {
    return parts.length === 1 ? readExpr(parts[0], text) : { k: 'unknown', r: rangeOf(node) };
  }
  let fn: Expr = { k: 'name', r: rangeOf(names[0]), id: text.slice(names[0].from, names[0].to) };
  for (const n of names.slice(1))
    fn = { k: 'attr', r: { start: names[0].from, end: n.to }, obj: fn, name: text.slice(n.from, n.to) };
  return argList ? { k: 'call', r: { start: names[0].from, end: argList.to }, fn, args: readArgs(argList, text) } : fn;
}

/** Reads one item that may be starred (`*xs` inside a list, tuple or call). */
function item(seg: readonly SyntaxNode[], text: string): Expr {
  if (seg.length >= 2 && seg[0].name === '*')
    return { k: 'starred', r: { start: seg[0].from, end: seg[seg.length - 1].to }, value: readExpr(seg[1], text) };
  return readExpr(seg[0], text);
}

function readArgs(argList: SyntaxNode, text: string): Arg[] {
  const args: Arg[] = [];
  for (const seg of splitCommas(inner(argList))) {
    const r = { start: seg[0].from, end: seg[seg.length - 1].to };
    if (seg[0].name === '*' || seg[0].name === '**') {
      if (seg[1]) args.push({ r, star: seg[0].name, value: readExpr(seg[1], text) });
    } else if (seg.length >= 3 && seg[0].name === 'VariableName' && seg[1].name === 'AssignOp') {
      args.push({ r, name: text.slice(seg[0].from, seg[0].to), value: readExpr(seg[2], text) });
    } else if (seg.length >= 2 && seg[1].name === 'for') {
      args.push({ r, value: readComprehension('gen', seg, r, text) });
    } else {
      args.push({ r, value: readExpr(seg[0], text) });
    }
  }
  return args;
}

/** `elt for t in it if c for …` as a flat node list (brackets removed). */
function readComprehension(
  kind: 'list' | 'set' | 'gen' | 'dict',
  nodes: readonly SyntaxNode[],
  r: Range,
  text: string,
): Expr {
  let i = 0;
  let key: Expr | undefined;
  if (kind === 'dict') {
    key = readExpr(nodes[0], text);
    i = 2; // skip ':'
  }
  const elt = readExpr(nodes[i], text);
  const clauses: CompClause[] = [];
  i++;
  while (i < nodes.length) {
    const n = nodes[i];
    if (n.name === 'for') {
      const targets: SyntaxNode[] = [];
      i++;
      while (i < nodes.length && nodes[i].name !== 'in') targets.push(nodes[i++]);
      i++; // 'in'
      const iter = nodes[i] ? readExpr(nodes[i], text) : { k: 'unknown' as const, r };
      i++;
      const segs = splitCommas(targets);
      const target: Expr =
        segs.length === 1
          ? item(segs[0], text)
          : {
              k: 'tuple',
              r: { start: targets[0]?.from ?? r.start, end: targets[targets.length - 1]?.to ?? r.end },
              items: segs.map(s => item(s, text)),
            };
      clauses.push({ k: 'for', target, iter });
    } else if (n.name === 'if') {
      clauses.push({ k: 'if', test: nodes[i + 1] ? readExpr(nodes[i + 1], text) : { k: 'unknown', r } });
      i += 2;
    } else i++;
  }
  return { k: 'comp', r, kind, elt, key, clauses };
}

function readSubscript(nodes: readonly SyntaxNode[], r: Range, text: string): Expr {
  const segs = splitCommas(nodes);
  const one = (seg: readonly SyntaxNode[]): Expr => {
    if (!seg.some(n => n.name === ':')) return readExpr(seg[0], text);
    const parts: (Expr | undefined)[] = [undefined];
    for (const n of seg) {
      if (n.name === ':') parts.push(undefined);
      else parts[parts.length - 1] = readExpr(n, text);
    }
    return {
      k: 'slice',
      r: { start: seg[0].from, end: seg[seg.length - 1].to },
      lower: parts[0],
      upper: parts[1],
      step: parts[2],
    };
  };
  if (segs.length === 1 && !nodes.some(n => n.name === ',')) return one(segs[0]);
  return { k: 'tuple', r, items: segs.map(one) };
}

const opText = (nodes: readonly SyntaxNode[], text: string) => nodes.map(n => text.slice(n.from, n.to)).join(' ');

const BOOLEAN_OPS = new Set(['and', 'or']);

type BooleanPart = { readonly op: 'and' | 'or' | 'not'; readonly from: number } | { readonly atom: SyntaxNode };

/** The operands and `and`/`or`/`not` keywords of a boolean expression, in source order. */
function booleanParts(node: SyntaxNode, text: string, out: BooleanPart[]): void {
  const kids = children(node);
  const op = (n: SyntaxNode | undefined) => (n ? text.slice(n.from, n.to) : '');
  if (node.name === 'BinaryExpression' && kids.length === 3 && BOOLEAN_OPS.has(op(kids[1]))) {
    booleanParts(kids[0], text, out);
    out.push({ op: op(kids[1]) as 'and' | 'or', from: kids[1].from });
    booleanParts(kids[2], text, out);
  } else if (node.name === 'UnaryExpression' && kids.length === 2 && op(kids[0]) === 'not') {
    out.push({ op: 'not', from: kids[0].from });
    booleanParts(kids[1], text, out);
  } else out.push({ atom: node });
}

/**
 * `not a and not b`: @lezer/python reads `not` as binding looser than `and` and `or`
 * (`not (a and not b)`); Python's grammar has `or` < `and` < `not` < comparisons. The keywords and
 * operands are read in source order and grouped again as Python groups them.
 */
function readBoolean(node: SyntaxNode, text: string): Expr {
  const parts: BooleanPart[] = [];
  booleanParts(node, text, parts);
  let at = 0;
  const end = (e: Expr) => e.r.end;
  const notTest = (): Expr => {
    const part = parts[at++];
    if (!part) return { k: 'unknown', r: rangeOf(node) };
    if ('atom' in part) return readExpr(part.atom, text);
    if (part.op !== 'not') return { k: 'unknown', r: rangeOf(node) };
    const operand = notTest();
    return { k: 'unop', r: { start: part.from, end: end(operand) }, op: 'not', operand };
  };
  const chain = (op: 'and' | 'or', next: () => Expr) => (): Expr => {
    let left = next();
    while (at < parts.length) {
      const part = parts[at];
      if ('atom' in part || part.op !== op) break;
      at++;
      const right = next();
      left = { k: 'binop', r: { start: left.r.start, end: end(right) }, op, left, right };
    }
    return left;
  };
  const expr = chain('or', chain('and', notTest))();
  return at === parts.length ? expr : { k: 'unknown', r: rangeOf(node) };
}

export function readExpr(node: SyntaxNode, text: string): Expr {
  const r = rangeOf(node);
  switch (node.name) {
    case 'Number': {
      const n = parseNumber(text.slice(node.from, node.to));
      return n ? { k: 'num', r, ...n } : { k: 'unknown', r };
    }
    case 'String':
      return { k: 'str', r, value: stringValue(text.slice(node.from, node.to)) };
    case 'FormatString':
      return readFormatString(node, text);
    case 'ContinuedString': {
      if (children(node).every(c => c.name === 'String'))
        return {
          k: 'str',
          r,
          value: children(node)
            .map(c => stringValue(text.slice(c.from, c.to)))
            .join(''),
        };
      // `'a' f'{b}'`: one f-string of the pieces.
      const pieces = children(node).map(c => readExpr(c, text));
      if (pieces.some(p => p.k !== 'str' && p.k !== 'fstr')) return { k: 'unknown', r };
      return { k: 'fstr', r, parts: pieces.flatMap(p => (p.k === 'str' ? [p.value] : p.k === 'fstr' ? p.parts : [])) };
    }
    case 'Boolean':
      return { k: 'const', r, value: text.slice(node.from, node.to) === 'True' };
    case 'None':
      return { k: 'const', r, value: null };
    case 'VariableName':
      return { k: 'name', r, id: text.slice(node.from, node.to) };
    case 'Ellipsis':
      return { k: 'name', r, id: 'Ellipsis' };
    case 'ParenthesizedExpression': {
      const [e] = inner(node);
      return e ? readExpr(e, text) : { k: 'unknown', r };
    }
    case 'TupleExpression':
      return { k: 'tuple', r, items: splitCommas(inner(node)).map(s => item(s, text)) };
    case 'ArrayExpression':
      return { k: 'list', r, items: splitCommas(inner(node)).map(s => item(s, text)) };
    case 'SetExpression':
      return { k: 'set', r, items: splitCommas(inner(node)).map(s => item(s, text)) };
    case 'DictionaryExpression': {
      const entries: DictEntry[] = [];
      for (const seg of splitCommas(inner(node))) {
        if (seg[0].name === '**' && seg[1]) entries.push({ value: readExpr(seg[1], text) });
        else if (seg.length >= 3) entries.push({ key: readExpr(seg[0], text), value: readExpr(seg[2], text) });
      }
      return { k: 'dict', r, entries };
    }
    case 'ComprehensionExpression':
      return readComprehension('gen', inner(node), r, text);
    case 'ArrayComprehensionExpression':
      return readComprehension('list', inner(node), r, text);
    case 'SetComprehensionExpression':
      return readComprehension('set', inner(node), r, text);
    case 'DictionaryComprehensionExpression':
      return readComprehension('dict', inner(node), r, text);
    case 'CallExpression': {
      const [fn, argList] = children(node);
      if (!fn || !argList || argList.name !== 'ArgList') return { k: 'unknown', r };
      return { k: 'call', r, fn: readExpr(fn, text), args: readArgs(argList, text) };
    }
    case 'MemberExpression': {
      const [obj, ...rest] = children(node);
      if (!obj) return { k: 'unknown', r };
      if (rest[0]?.name === '.') {
        const prop = rest[1];
        const float = floatEndingInDot(obj, rest[0], prop, text);
        if (float) return float.value === undefined ? { k: 'unknown', r } : { k: 'num', r, ...float.value };
        return prop
          ? { k: 'attr', r, obj: readExpr(obj, text), name: text.slice(prop.from, prop.to) }
          : { k: 'unknown', r };
      }
      const idx = rest.filter(n => n.name !== '[' && n.name !== ']');
      if (idx.length === 0) return { k: 'unknown', r };
      return {
        k: 'subscript',
        r,
        obj: readExpr(obj, text),
        index: readSubscript(idx, { start: idx[0].from, end: idx[idx.length - 1].to }, text),
      };
    }
    case 'BinaryExpression': {
      const kids = children(node);
      if (kids.length < 3) return { k: 'unknown', r };
      if (kids.length === 3 && BOOLEAN_OPS.has(opText([kids[1]], text))) return readBoolean(node, text);
      const left = readExpr(kids[0], text);
      const right = readExpr(kids[kids.length - 1], text);
      return { k: 'binop', r, op: opText(kids.slice(1, -1), text), left, right };
    }
    case 'UnaryExpression': {
      const kids = children(node);
      if (kids.length < 2) return { k: 'unknown', r };
      if (opText([kids[0]], text) === 'not') return readBoolean(node, text);
      return { k: 'unop', r, op: opText([kids[0]], text), operand: readExpr(kids[1], text) };
    }
    case 'LambdaExpression': {
      // `lambda x: body`: a function whose body returns the expression (`self.mlpf = lambda x: ...`).
      const kids = children(node);
      const colon = kids.findIndex(k => k.name === ':');
      const bodyNode = colon >= 0 ? kids[colon + 1] : undefined;
      if (!bodyNode) return { k: 'unknown', r };
      const paramList = kids.find(k => k.name === 'ParamList');
      const def: FunctionDef = {
        name: '<lambda>',
        nameRange: r,
        params: paramList ? readParams(paramList, text) : [],
        body: [{ r: rangeOf(bodyNode), error: false, k: 'return', value: readExpr(bodyNode, text) }],
        decorators: [],
        header: r,
      };
      return { k: 'lambda', r, def };
    }
    case 'ConditionalExpression': {
      const kids = children(node);
      if (kids.length < 5) return { k: 'unknown', r };
      return {
        k: 'ifexp',
        r,
        body: readExpr(kids[0], text),
        test: readExpr(kids[2], text),
        orelse: readExpr(kids[4], text),
      };
    }
    default:
      return { k: 'unknown', r };
  }
}

export { readArgs };

/** A `def`'s or a `lambda`'s parameters. */
export function readParams(list: SyntaxNode, text: string): Param[] {
  const params: Param[] = [];
  for (const seg of splitCommas(children(list).filter(c => c.name !== '(' && c.name !== ')'))) {
    const r = { start: seg[0].from, end: seg[seg.length - 1].to };
    let kind: Param['kind'] = 'normal';
    let i = 0;
    if (seg[0].name === '*' || seg[0].name === '**') {
      kind = seg[0].name === '*' ? 'star' : 'dstar';
      i = 1;
    }
    const nameNode = seg[i];
    if (!nameNode || nameNode.name !== 'VariableName') continue;
    const typeDef = seg.find(n => n.name === 'TypeDef');
    const annNode = typeDef ? children(typeDef).find(n => n.name !== ':') : undefined;
    const eq = seg.findIndex(n => n.name === 'AssignOp');
    params.push({
      r,
      name: text.slice(nameNode.from, nameNode.to),
      kind,
      default: eq >= 0 && seg[eq + 1] ? readExpr(seg[eq + 1], text) : undefined,
      annotation: annNode ? readExpr(annNode, text) : undefined,
    });
  }
  return params;
}
