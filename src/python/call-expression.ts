// Reads ONE Python call expression made only of literals, such as
// `nn.Conv2d(3, 16, 3, stride=2, padding=1)`, into its dotted callee name and literal arguments.
// Used by `convshape explain`. Knows nothing of layers or shapes; never throws.
import { parser } from '@lezer/python';
import { reportUnexpected } from '../common/internal-errors';
import { floatLiteralText } from './read-expr';
import type { SyntaxNode } from '@lezer/common';

/** A Python literal: numbers, strings, True/False, None (null), tuples and lists (arrays). */
export type PyLiteral = number | string | boolean | null | readonly PyLiteral[];

export interface CallExpression {
  /** The dotted callee, e.g. `torch.nn.Conv2d`. */
  readonly callee: string;
  readonly positional: readonly PyLiteral[];
  /** Keyword arguments in the order written. */
  readonly keywords: readonly { readonly name: string; readonly value: PyLiteral }[];
  /**
   * The arguments written as, or holding, a float (`64.0`, `128 / 2`, `(3, 3.0)`, `2.5`): a
   * PyLiteral number does not say whether Python made it a float.
   */
  readonly floats: { readonly positional: readonly number[]; readonly keywords: readonly string[] };
}

export type CallParseResult =
  | { readonly ok: true; readonly call: CallExpression }
  | { readonly ok: false; readonly problem: string; readonly offset: number };

class Problem {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

/** Parses `text` as a single call expression with literal arguments. */
export function parseCallExpression(text: string): CallParseResult {
  try {
    const tree = parser.parse(text);
    let error: SyntaxNode | undefined;
    tree.iterate({
      enter: n => {
        // `64.` is read as `64` `.` and a missing name: a number, not an error (read-expr.ts).
        const parent = n.node.parent;
        if (n.type.isError && !error && !(parent && floatLiteralText(parent, text) !== undefined)) error = n.node;
      },
    });
    if (error) return { ok: false, problem: `syntax error at column ${error.from + 1}`, offset: error.from };
    const statements = tree.topNode.getChildren('ExpressionStatement');
    const others = childNodes(tree.topNode).filter(n => n.name !== 'ExpressionStatement' && n.name !== 'Comment');
    if (statements.length !== 1 || others.length > 0)
      return { ok: false, problem: 'expected exactly one call expression', offset: 0 };
    const expr = statements[0].firstChild;
    if (!expr || expr.name !== 'CallExpression')
      return { ok: false, problem: 'expected a call such as nn.Conv2d(3, 16, 3)', offset: expr?.from ?? 0 };
    return { ok: true, call: readCall(expr, text) };
  } catch (e) {
    if (e instanceof Problem) return { ok: false, problem: e.message, offset: e.offset };
    reportUnexpected('python.readCallExpression', e);
    return { ok: false, problem: 'could not read the expression', offset: 0 };
  }
}

function childNodes(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

function readCall(call: SyntaxNode, text: string): CallExpression {
  const calleeNode = call.firstChild!;
  const callee = dottedName(calleeNode, text);
  const argList = call.getChild('ArgList');
  if (!argList) throw new Problem('expected an argument list', call.to);
  const positional: PyLiteral[] = [];
  const keywords: { name: string; value: PyLiteral }[] = [];
  const floats = { positional: [] as number[], keywords: [] as string[] };
  // ArgList children: `(`, then items separated by `,`; a keyword is VariableName AssignOp expr.
  const items = childNodes(argList).filter(n => !['(', ')', ','].includes(n.name));
  for (let i = 0; i < items.length; i++) {
    const n = items[i];
    if (n.name === '*' || n.name === '**') throw new Problem('*args and **kwargs are not supported', n.from);
    if (n.name === 'VariableName' && items[i + 1]?.name === 'AssignOp') {
      const name = text.slice(n.from, n.to);
      const valueNode = items[i + 2];
      if (!valueNode) throw new Problem(`missing value for ${name}=`, n.to);
      if (keywords.some(k => k.name === name)) throw new Problem(`keyword argument repeated: ${name}`, n.from);
      keywords.push({ name, value: literal(valueNode, text) });
      if (holdsFloat(valueNode, text)) floats.keywords.push(name);
      i += 2;
      continue;
    }
    if (keywords.length > 0) throw new Problem('positional argument follows keyword argument', n.from);
    if (holdsFloat(n, text)) floats.positional.push(positional.length);
    positional.push(literal(n, text));
  }
  return { callee, positional, keywords, floats };
}

const itemsOf = (node: SyntaxNode) => childNodes(node).filter(c => !['(', ')', '[', ']', ','].includes(c.name));

/** Whether the literal at `node` is, or holds, a float. */
function holdsFloat(node: SyntaxNode, text: string): boolean {
  if (node.name === 'TupleExpression' || node.name === 'ArrayExpression' || node.name === 'ParenthesizedExpression')
    return itemsOf(node).some(c => holdsFloat(c, text));
  return floatValued(node, text);
}

/** Whether Python's value of the literal at `node` is a float (`2.`, `1e3`, `128 / 2`, `2 * 1.5`). */
function floatValued(node: SyntaxNode, text: string): boolean {
  const src = text.slice(node.from, node.to);
  switch (node.name) {
    case 'Number':
      return /[.eE]/.test(src) && !/^0[xXoObB]/.test(src);
    case 'MemberExpression':
      return floatLiteralText(node, text) !== undefined;
    case 'ParenthesizedExpression':
      return itemsOf(node).some(c => floatValued(c, text));
    case 'UnaryExpression': {
      const [op, operand] = childNodes(node);
      return text.slice(op.from, op.to) !== 'not' && floatValued(operand, text);
    }
    case 'BinaryExpression': {
      const [left, op, right] = childNodes(node);
      return text.slice(op.from, op.to) === '/' || floatValued(left, text) || floatValued(right, text);
    }
    default:
      return false;
  }
}

function dottedName(node: SyntaxNode, text: string): string {
  if (node.name === 'VariableName') return text.slice(node.from, node.to);
  if (node.name === 'MemberExpression') {
    const object = node.firstChild!;
    const prop = node.getChild('PropertyName');
    if (!prop) throw new Problem('expected a dotted name before the arguments', node.from);
    return `${dottedName(object, text)}.${text.slice(prop.from, prop.to)}`;
  }
  throw new Problem('expected a dotted name such as nn.Conv2d before the arguments', node.from);
}

function literal(node: SyntaxNode, text: string): PyLiteral {
  const src = text.slice(node.from, node.to);
  switch (node.name) {
    case 'Number':
      return numberLiteral(src, node.from);
    case 'String':
      return stringLiteral(src, node.from);
    case 'ContinuedString':
      return node
        .getChildren('String')
        .map(s => stringLiteral(text.slice(s.from, s.to), s.from))
        .join('');
    case 'Boolean':
      return src === 'True';
    case 'None':
      return null;
    case 'TupleExpression':
    case 'ArrayExpression':
      return childNodes(node)
        .filter(c => !['(', ')', '[', ']', ','].includes(c.name))
        .map(c => literal(c, text));
    case 'ParenthesizedExpression': {
      const inner = childNodes(node).filter(c => c.name !== '(' && c.name !== ')');
      if (inner.length !== 1) throw new Problem('unexpected parentheses', node.from);
      return literal(inner[0], text);
    }
    case 'UnaryExpression': {
      const [op, operand] = childNodes(node);
      const v = literal(operand, text);
      const opText = text.slice(op.from, op.to);
      if (opText === 'not') return !truthy(v);
      if (typeof v !== 'number') throw new Problem(`cannot apply ${opText} to a non-number`, node.from);
      if (opText === '-') return -v;
      if (opText === '+') return v;
      throw new Problem(`unsupported operator ${opText}`, op.from);
    }
    case 'BinaryExpression':
      return arithmetic(node, text);
    case 'MemberExpression': {
      const float = floatLiteralText(node, text);
      if (float === undefined) throw new Problem(`not a literal: ${src}`, node.from);
      return numberLiteral(float, node.from);
    }
    default:
      throw new Problem(`not a literal: ${src}`, node.from);
  }
}

function truthy(v: PyLiteral): boolean {
  if (Array.isArray(v) || typeof v === 'string') return v.length > 0;
  return !!v;
}

function arithmetic(node: SyntaxNode, text: string): number {
  const [left, op, right] = childNodes(node);
  const a = literal(left, text);
  const b = literal(right, text);
  const opText = text.slice(op.from, op.to);
  if (typeof a !== 'number' || typeof b !== 'number')
    throw new Problem(`arithmetic on non-numbers: ${text.slice(node.from, node.to)}`, node.from);
  switch (opText) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '**':
      return a ** b;
    case '/':
      if (b === 0) throw new Problem('division by zero', op.from);
      return a / b;
    case '//':
      if (b === 0) throw new Problem('division by zero', op.from);
      return Math.floor(a / b);
    case '%':
      if (b === 0) throw new Problem('division by zero', op.from);
      return a - b * Math.floor(a / b); // Python's modulo takes the divisor's sign
    default:
      throw new Problem(`unsupported operator ${opText}`, op.from);
  }
}

function numberLiteral(src: string, offset: number): number {
  const s = src.replace(/_/g, '');
  if (/[jJ]$/.test(s)) throw new Problem(`complex numbers are not supported: ${src}`, offset);
  let v: number;
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) v = parseInt(s.slice(2), 16);
  else if (/^0[oO][0-7]+$/.test(s)) v = parseInt(s.slice(2), 8);
  else if (/^0[bB][01]+$/.test(s)) v = parseInt(s.slice(2), 2);
  else v = Number(s);
  if (!Number.isFinite(v)) throw new Problem(`not a number: ${src}`, offset);
  return v;
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '0': '\0',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
};

function stringLiteral(src: string, offset: number): string {
  const m = /^([rRbBuU]*)('''|"""|'|")([\s\S]*)\2$/.exec(src);
  if (!m) throw new Problem(`not a plain string literal: ${src}`, offset);
  const [, prefix, , body] = m;
  if (/[bB]/.test(prefix)) throw new Problem('bytes literals are not supported', offset);
  if (/[rR]/.test(prefix)) return body;
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|\n|.)/g, (whole, e: string) => {
    if (e === '\n') return '';
    if (e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ESCAPES[e] ?? whole;
  });
}
