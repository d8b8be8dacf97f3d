// Statements: a lezer tree → the syntax model (syntax.ts). Statements the parser had to repair
// are marked `error` so that the analysis never reports a diagnostic from them.
import type { SyntaxNode, Tree } from '@lezer/common';
import { reportUnexpected } from '../common/internal-errors';
import { parser } from '@lezer/python';
import { swallowedBlockStarts } from './block-starts';
import { copiedAt, keepSlice, keptSlice } from './read-slices';
import { children, rangeOf, readArgs, readDecorator, readExpr, readParams, splitCommas } from './read-expr';
import type { Expr, FunctionDef, ImportedName, Module, Range, Stmt } from './syntax';

/**
 * True while reading a tree that holds no error node at all (parse.ts's `hasErrorNodes`, a scan of
 * its buffers): no statement of it can contain one, so none is walked to find out.
 */
let errorFree = false;

/** How many times a guard of the reader caught an error (read-slices.ts keeps no reading that did). */
let guardsCaught = 0;

/** True when the node (outside nested bodies) contains an error node. */
function containsError(node: SyntaxNode): boolean {
  if (errorFree) return false;
  const cursor = node.cursor();
  let found = false;
  const walk = (): void => {
    do {
      if (found) return;
      if (cursor.type.isError) {
        found = true;
        return;
      }
      if (cursor.name === 'Body') continue;
      if (cursor.firstChild()) {
        walk();
        cursor.parent();
      }
    } while (cursor.nextSibling());
  };
  if (node.type.isError) return true;
  if (cursor.firstChild()) walk();
  return found;
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  const end = nl < 0 ? text.length : nl;
  return end > 0 && text[end - 1] === '\r' ? end - 1 : end;
}

/** Comma-separated expressions as one expression (a tuple when there is a comma). */
function readExprList(nodes: readonly SyntaxNode[], text: string): Expr | undefined {
  if (nodes.length === 0) return undefined;
  const segs = splitCommas(nodes);
  const r = { start: nodes[0].from, end: nodes[nodes.length - 1].to };
  const one = (seg: SyntaxNode[]): Expr =>
    seg[0].name === '*' && seg[1]
      ? { k: 'starred', r: { start: seg[0].from, end: seg[1].to }, value: readExpr(seg[1], text) }
      : readExpr(seg[0], text);
  if (segs.length === 1 && !nodes.some(n => n.name === ',')) return one(segs[0]);
  return { k: 'tuple', r, items: segs.map(one) };
}

function readBody(node: SyntaxNode | undefined, text: string): Stmt[] {
  if (!node) return [];
  return children(node).flatMap(c => readGuarded(c, text));
}

/** One statement; a pathological one (nesting deeper than the stack) becomes `other`. */
function readGuarded(node: SyntaxNode, text: string): Stmt[] {
  try {
    return readStatement(node, text);
  } catch (e) {
    guardsCaught++;
    reportUnexpected('python.readStatement', e); // the stack limit is expected here
    return [{ r: rangeOf(node), error: true, k: 'other' }];
  }
}

function readFunction(node: SyntaxNode, decorators: Expr[], start: number, text: string): FunctionDef | undefined {
  const kids = children(node);
  const nameNode = kids.find(k => k.name === 'VariableName');
  const paramList = kids.find(k => k.name === 'ParamList');
  if (!nameNode) return undefined;
  return {
    name: text.slice(nameNode.from, nameNode.to),
    nameRange: rangeOf(nameNode),
    params: paramList ? readParams(paramList, text) : [],
    body: readBody(
      kids.find(k => k.name === 'Body'),
      text,
    ),
    decorators,
    header: { start, end: lineEnd(text, (paramList ?? nameNode).to) },
  };
}

function readImport(node: SyntaxNode, text: string): ImportedName[] {
  const kids = children(node);
  const src = (n: SyntaxNode) => text.slice(n.from, n.to);
  const names: ImportedName[] = [];
  // Groups `a.b.c [as d]` separated by commas.
  const readDotted = (nodes: SyntaxNode[]): { path: string; alias?: string }[] =>
    splitCommas(nodes.filter(n => n.name !== '(' && n.name !== ')')).map(seg => {
      const asAt = seg.findIndex(n => n.name === 'as');
      const pathNodes = asAt >= 0 ? seg.slice(0, asAt) : seg;
      return { path: pathNodes.map(src).join(''), alias: asAt >= 0 && seg[asAt + 1] ? src(seg[asAt + 1]) : undefined };
    });
  const flat = kids.flatMap(k => (k.name === 'importList' ? children(k) : [k]));
  if (flat[0]?.name === 'import') {
    for (const d of readDotted(flat.slice(1))) names.push({ module: d.path, alias: d.alias });
  } else if (flat[0]?.name === 'from') {
    const importAt = flat.findIndex(n => n.name === 'import');
    if (importAt < 0) return names;
    const module = flat.slice(1, importAt).map(src).join('');
    for (const d of readDotted(flat.slice(importAt + 1))) names.push({ module, name: d.path, alias: d.alias });
  }
  return names;
}

/** Splits an AssignStatement's children at `=`; the last group is the value. */
function readAssign(kids: readonly SyntaxNode[], base: StmtBase, text: string): Stmt {
  const groups: SyntaxNode[][] = [[]];
  let annotation: Expr | undefined;
  for (const c of kids) {
    if (c.name === 'AssignOp') groups.push([]);
    else if (c.name === 'TypeDef') {
      const ann = children(c).find(n => n.name !== ':');
      if (ann) annotation = readExpr(ann, text);
    } else groups[groups.length - 1].push(c);
  }
  const exprs = groups.map(g => readExprList(g, text));
  if (groups.length === 1) return { ...base, k: 'assign', targets: exprs[0] ? [exprs[0]] : [], annotation };
  const value = exprs[exprs.length - 1];
  return { ...base, k: 'assign', targets: exprs.slice(0, -1).filter((e): e is Expr => !!e), value, annotation };
}

/** What every statement carries: its range, and whether the parser repaired it. */
type StmtBase = { r: Range; error: boolean };

/** Reads one kind of statement from its node and children. */
type StatementReader = (node: SyntaxNode, kids: SyntaxNode[], base: StmtBase, text: string) => Stmt[];

function readStatement(node: SyntaxNode, text: string): Stmt[] {
  if (node.type.isError || node.name === 'Comment' || node.name === ':') return [];
  const base = { r: rangeOf(node), error: containsError(node) };
  const reader = STATEMENT_READERS.get(node.name) ?? readOther;
  return reader(node, children(node), base, text);
}

const readOther: StatementReader = (_node, _kids, base) => [{ ...base, k: 'other' }];

const readGroup: StatementReader = (_node, kids, _base, text) => kids.flatMap(k => readStatement(k, text));

const readExpression: StatementReader = (_node, kids, base, text) => {
  const value = readExprList(kids, text);
  return value ? [{ ...base, k: 'expr', value }] : [];
};

const readUpdate: StatementReader = (_node, kids, base, text) => {
  const opAt = kids.findIndex(k => k.name === 'UpdateOp');
  const target = readExprList(kids.slice(0, opAt), text);
  const value = readExprList(kids.slice(opAt + 1), text);
  if (opAt < 0 || !target || !value) return [{ ...base, k: 'other' }];
  return [{ ...base, k: 'aug', target, op: text.slice(kids[opAt].from, kids[opAt].to - 1), value }];
};

const readReturn: StatementReader = (_node, kids, base, text) => [
  { ...base, k: 'return', value: readExprList(kids.slice(1), text) },
];

/** `if`/`elif`/`else`: one branch per body, each with its test (none for `else`). */
const readIf: StatementReader = (_node, kids, base, text) => {
  const branches: { test?: Expr; body: Stmt[] }[] = [];
  let test: Expr | undefined;
  let pendingTest = false;
  for (const k of kids) {
    if (k.name === 'if' || k.name === 'elif') pendingTest = true;
    else if (k.name === 'else') ((pendingTest = false), (test = undefined));
    else if (k.name === 'Body') {
      branches.push({ test, body: readBody(k, text) });
      test = undefined;
      pendingTest = false;
    } else if (pendingTest) test = readExpr(k, text);
  }
  return [{ ...base, k: 'if', branches }];
};

const readFor: StatementReader = (_node, kids, base, text) => {
  const inAt = kids.findIndex(k => k.name === 'in');
  const bodies = kids.filter(k => k.name === 'Body');
  const forAt = kids.findIndex(k => k.name === 'for');
  const target = readExprList(kids.slice(forAt + 1, inAt), text);
  const bodyAt = kids.indexOf(bodies[0]);
  const iter = readExprList(kids.slice(inAt + 1, bodyAt), text);
  if (inAt < 0 || !target || !iter || !bodies[0]) return [{ ...base, k: 'other' }];
  return [{ ...base, k: 'for', target, iter, body: readBody(bodies[0], text), orelse: readBody(bodies[1], text) }];
};

const readWhile: StatementReader = (_node, kids, base, text) => {
  const bodies = kids.filter(k => k.name === 'Body');
  const test = kids[1] && kids[1].name !== 'Body' ? readExpr(kids[1], text) : undefined;
  if (!test) return [{ ...base, k: 'other' }];
  return [{ ...base, k: 'while', test, body: readBody(bodies[0], text), orelse: readBody(bodies[1], text) }];
};

/**
 * `with` and `try`: the guarded body is what model code cares about (`with torch.no_grad():`).
 * A `try` is read as its body completing: then its `else` body runs, and its `finally` body.
 */
const readGuardedBlock: StatementReader = (node, kids, base, text) => {
  const bodies = kids.filter(k => k.name === 'Body');
  const after = (keyword: string) => {
    const at = node.name === 'TryStatement' ? kids.findIndex(k => k.name === keyword) : -1;
    return at >= 0 && kids[at + 1]?.name === 'Body' ? readBody(kids[at + 1], text) : [];
  };
  const body = [...readBody(bodies[0], text), ...after('else'), ...after('finally')];
  const handlers = node.name === 'TryStatement' && kids.some(k => k.name === 'except');
  return [{ ...base, k: 'block', body, ...(handlers ? { handlersUnread: true as const } : {}) }];
};

const readDef: StatementReader = (node, _kids, base, text) => {
  const def = readFunction(node, [], node.from, text);
  return def ? [{ ...base, error: false, k: 'def', def }] : [];
};

const readDecorated: StatementReader = (_node, kids, base, text) => {
  const decorators = kids.filter(k => k.name === 'Decorator').map(d => readDecorator(d, text));
  const inner = kids.find(k => k.name === 'FunctionDefinition' || k.name === 'ClassDefinition');
  if (!inner) return [];
  if (inner.name === 'FunctionDefinition') {
    const def = readFunction(inner, decorators, inner.from, text);
    return def ? [{ ...base, error: false, k: 'def', def }] : [];
  }
  return readStatement(inner, text).map(s => (s.k === 'class' ? { ...s, def: { ...s.def, decorators } } : s));
};

const readClass: StatementReader = (_node, kids, base, text) => {
  const nameNode = kids.find(k => k.name === 'VariableName');
  const argList = kids.find(k => k.name === 'ArgList');
  if (!nameNode) return [];
  const body = readBody(
    kids.find(k => k.name === 'Body'),
    text,
  );
  return [
    {
      ...base,
      error: false,
      k: 'class',
      def: {
        name: text.slice(nameNode.from, nameNode.to),
        nameRange: rangeOf(nameNode),
        bases: argList ? readArgs(argList, text) : [],
        body,
      },
    },
  ];
};

/** The reader of each lezer statement node; any other node is an `other` statement. */
const STATEMENT_READERS: ReadonlyMap<string, StatementReader> = new Map(
  Object.entries({
    StatementGroup: readGroup,
    ExpressionStatement: readExpression,
    AssignStatement: (_node, kids, base, text) => [readAssign(kids, base, text)],
    UpdateStatement: readUpdate,
    ReturnStatement: readReturn,
    PassStatement: (_node, _kids, base) => [{ ...base, k: 'pass' }],
    DeleteStatement: (_node, kids, base, text) => [
      { ...base, k: 'del', targets: kids.filter(k => k.name !== 'del' && k.name !== ',').map(k => readExpr(k, text)) },
    ],
    BreakStatement: (_node, _kids, base) => [{ ...base, k: 'break' }],
    ContinueStatement: (_node, _kids, base) => [{ ...base, k: 'continue' }],
    ImportStatement: (node, _kids, base, text) => [{ ...base, k: 'import', names: readImport(node, text) }],
    IfStatement: readIf,
    ForStatement: readFor,
    WhileStatement: readWhile,
    WithStatement: readGuardedBlock,
    TryStatement: readGuardedBlock,
    FunctionDefinition: readDef,
    DecoratedStatement: readDecorated,
    ClassDefinition: readClass,
  } satisfies Record<string, StatementReader>),
);

/** One top-level statement; `clean`: its tree holds no error node (parse.ts's `hasErrorNodes`). */
export function readTopLevel(node: SyntaxNode, text: string, clean = false): Stmt[] {
  const outer = errorFree;
  errorFree = clean;
  try {
    const swallowed = clean ? [] : swallowedBlockStarts(text, node.from, node.to);
    if (swallowed.length === 0 || !hasErrorInside(node)) return readGuarded(node, text);
    // Unclosed brackets made the parser fold the classes after them into this statement: read the
    // statement up to the first of them, and each of them, on their own.
    const bounds = [node.from, ...swallowed, node.to];
    return bounds.slice(0, -1).flatMap((from, i) => readSlice(text, from, bounds[i + 1]));
  } finally {
    errorFree = outer;
  }
}

/** True when the parser repaired anything inside the node (nested bodies included). */
function hasErrorInside(node: SyntaxNode): boolean {
  let found = false;
  node.toTree().iterate({ enter: n => ((found ||= n.type.isError), !found) });
  return found || node.type.isError;
}

/** Reads a whole parsed document into the syntax model. Never throws. */
export function readModule(tree: Tree, text: string, clean = false): Module {
  try {
    return { body: children(tree.topNode).flatMap(c => readTopLevel(c, text, clean)) };
  } catch (e) {
    guardsCaught++;
    reportUnexpected('python.readModule', e);
    return { body: [] };
  }
}

/** How many readSlice calls are under way (a slice's statement may swallow blocks read on their own). */
let slicesOpen = 0;

/** Parses and reads `text[from, to)` on its own; ranges are offsets into the whole text. A slice
 *  read before is a copy of that reading, moved (read-slices.ts). */
export function readSlice(text: string, from: number, to: number): Stmt[] {
  const slice = text.slice(from, to);
  const kept = keptSlice(slice);
  const copy = kept && copiedAt(kept.body, from - kept.from);
  if (copy) return copy;
  const caught = guardsCaught;
  const outermost = slicesOpen === 0;
  slicesOpen++;
  try {
    const body: Stmt[] = [...readModule(parser.parse(slice), slice).body];
    shiftRanges(body, from, new Set());
    // Not kept: a reading in which a guard caught an error (the catch may depend on more than the
    // text: the stack's depth), nor one inside another slice's, which moves it again in place.
    if (outermost && guardsCaught === caught) keepSlice(slice, { from, body });
    return body;
  } catch (e) {
    guardsCaught++;
    reportUnexpected('python.readSlice', e);
    return [{ r: { start: from, end: to }, error: true, k: 'other' }];
  } finally {
    slicesOpen--;
  }
}

/** Adds `delta` to every range ({start, end}) of a syntax model, each object once. */
function shiftRanges(node: unknown, delta: number, seen: Set<object>): void {
  if (delta === 0 || typeof node !== 'object' || node === null || seen.has(node)) return;
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

/** Every repaired (error) node's offset, for callers that want to show them. */
export function errorOffsets(tree: Tree): number[] {
  const out: number[] = [];
  tree.iterate({ enter: n => void (n.type.isError && out.push(n.from)) });
  return out;
}
