// Statements: assignments, `if` (joined when the condition is unknown), bounded `for`/`while`,
// `def`/`class`, imports, returns; and calling functions of this file.
import type { Expr, Range, Stmt } from '../python';
import type { Args, Context, Frame } from './context';
import { lineEndOf } from './context';
import { evalArgs, evalExpr, assignTarget, deleteTarget } from './expressions';
import { binop } from './arith';
import { allotItems, allotRecord } from './budget';
import { iterate } from './items';
import { Scope } from './scope';
import { type Region, captureRegion, inRegion, joinRegion, noteMutation, rewindRegion } from './heap';
import { type ClassValue, type FunctionValue, NONE, UNKNOWN_VALUE, type Value, join, truthy } from './values';
import { decoratorsFollowed, defineRecord } from './records';
import { forgetContents } from './forget';
import { endIteration, joinScopes, mayExit, withLoop } from './loop-exits';
import { execImport } from './project-imports';
import { type Completion, existedBefore, runUnknownLoop, tooCostly } from './unknown-loop';
import { callValue } from './calls';
import { decorate } from './decorators';
import { settleRaised } from './foreign-diagnostics';
import type { Origin } from './project';
import type { LayerCall } from './types';
import { isUnfollowedBase, namesDefined } from './unfollowed-bases';

const NORMAL: Completion = { k: 'normal' };

/** A hint candidate for a forward statement that made a tensor. */
function statementHint(ctx: Context, stmt: Stmt, value: Value): void {
  // A functional API (Keras) runs at module level: its graph tensors get hints there too.
  if (
    value.k !== 'tensor' ||
    (ctx.phase !== 'forward' && !value.graph) ||
    !value.shape ||
    value.shape.every(d => d === null)
  )
    return;
  if (ctx.foreign || !allotRecord(ctx)) return;
  ctx.rec.hints.push({
    offset: lineEndOf(ctx.text, stmt.r.end),
    shape: value.shape,
    site: 'statement',
    priority: 3,
    range: stmt.r,
    key: `s:${stmt.r.start}`,
    order: stmt.r.end,
    certain: !ctx.quiet,
    ...(value.graph ? { framework: value.graph.framework } : {}),
  });
}

function execIf(ctx: Context, stmt: Extract<Stmt, { k: 'if' }>, scope: Scope, frame?: Frame): Completion {
  for (let i = 0; i < stmt.branches.length; i++) {
    const branch = stmt.branches[i];
    const t = branch.test ? truthy(evalExpr(ctx, branch.test, scope)) : true;
    if (t === false) continue;
    if (t === true) return execBody(ctx, branch.body, scope, frame);
    // Unknown: every remaining branch may run (plus "none of them" when there is no else).
    const rest = stmt.branches.slice(i);
    const bodies = rest.map(b => b.body);
    if (rest[rest.length - 1].test) bodies.push([]);
    const before = scope.snapshot();
    const region: Region = new Map();
    const outcomes: Map<string, Value>[] = [];
    const heaps: ReturnType<typeof captureRegion>[] = [];
    const returned: Value[] = [];
    const kinds: Completion['k'][] = [];
    for (const body of bodies) {
      scope.restore(before);
      rewindRegion(region);
      const c = inRegion(ctx, region, () => ctx.uncertainly(() => execBody(ctx, body, scope, frame)));
      heaps.push(captureRegion(region));
      if (c.k === 'return') returned.push(c.value);
      else (outcomes.push(scope.snapshot()), kinds.push(c.k));
    }
    rewindRegion(region);
    scope.restore(before);
    joinRegion(region, heaps, existedBefore(ctx, scope, before, region));
    if (outcomes.length === 0) return { k: 'return', value: returned.reduce((a, b) => join(a, b)) };
    frame?.returns.push(...returned);
    joinScopes(scope, outcomes);
    // Every path that goes on leaves the loop body the same way: so does the `if`.
    const exits = kinds.filter((k): k is 'break' | 'continue' => k === 'break' || k === 'continue');
    if (exits.length === kinds.length && new Set(exits).size === 1) return { k: exits[0] };
    if (exits.length) mayExit(ctx, exits.includes('break') ? 'break' : 'continue', scope);
    return NORMAL;
  }
  return NORMAL;
}

function execLoop(
  ctx: Context,
  items: Value[] | undefined,
  stmt: Extract<Stmt, { k: 'for' }>,
  scope: Scope,
  frame?: Frame,
): Completion {
  if (!items || items.length > ctx.limits.maxLoop) {
    runUnknownLoop(ctx, scope, frame, () => {
      assignTarget(ctx, stmt.target, UNKNOWN_VALUE, scope);
      return execBody(ctx, stmt.body, scope, frame);
    });
    return loopElse(ctx, stmt, scope, frame);
  }
  return withLoop(ctx, scope, false, () => {
    for (let i = 0; i < items.length; i++) {
      const start = ctx.steps;
      ctx.tick();
      assignTarget(ctx, stmt.target, items[i], scope);
      const c = execBody(ctx, stmt.body, scope, frame);
      if (c.k === 'return') return c;
      if (c.k === 'break') return NORMAL;
      endIteration(ctx);
      if (i === 0 && tooCostly(ctx, ctx.steps - start, items.length - 1)) {
        // The rest as a loop of unknown count, as when the items are not known.
        runUnknownLoop(ctx, scope, frame, () => {
          assignTarget(ctx, stmt.target, UNKNOWN_VALUE, scope);
          return execBody(ctx, stmt.body, scope, frame);
        });
        return loopElse(ctx, stmt, scope, frame);
      }
    }
    return execBody(ctx, stmt.orelse, scope, frame);
  });
}

function execWhile(ctx: Context, stmt: Extract<Stmt, { k: 'while' }>, scope: Scope, frame?: Frame): Completion {
  return withLoop(ctx, scope, false, () => execWhileIterations(ctx, stmt, scope, frame));
}

function execWhileIterations(
  ctx: Context,
  stmt: Extract<Stmt, { k: 'while' }>,
  scope: Scope,
  frame?: Frame,
): Completion {
  for (let i = 0; i < ctx.limits.maxLoop; i++) {
    const t = truthy(evalExpr(ctx, stmt.test, scope));
    if (t === false) return execBody(ctx, stmt.orelse, scope, frame);
    if (t === undefined) {
      runUnknownLoop(ctx, scope, frame, () => execBody(ctx, stmt.body, scope, frame));
      return loopElse(ctx, stmt, scope, frame);
    }
    const c = execBody(ctx, stmt.body, scope, frame);
    if (c.k === 'return') return c;
    if (c.k === 'break') return NORMAL;
    endIteration(ctx);
  }
  // Still running after the budget of iterations: the rest is a loop of unknown count.
  runUnknownLoop(ctx, scope, frame, () => execBody(ctx, stmt.body, scope, frame));
  return loopElse(ctx, stmt, scope, frame);
}

/**
 * A loop's `else:` after a run of unknown count: Python runs it when the loop ends without
 * `break`. So it runs on every path when the body cannot break, and otherwise as a branch that
 * may not run.
 */
function loopElse(ctx: Context, loop: Extract<Stmt, { k: 'for' | 'while' }>, scope: Scope, frame?: Frame): Completion {
  if (loop.orelse.length === 0) return NORMAL;
  if (!mayBreak(loop.body)) return execBody(ctx, loop.orelse, scope, frame);
  const maybe: Extract<Stmt, { k: 'if' }> = {
    k: 'if',
    r: loop.r,
    error: loop.error,
    branches: [{ test: { k: 'unknown', r: loop.r }, body: loop.orelse }],
  };
  return execIf(ctx, maybe, scope, frame);
}

/** Whether a loop body may `break` out of its loop (a statement not understood may). */
function mayBreak(body: readonly Stmt[]): boolean {
  return body.some(s => {
    switch (s.k) {
      case 'break':
      case 'other':
        return true;
      case 'if':
        return s.branches.some(b => mayBreak(b.body));
      case 'block':
        return s.handlersUnread === true || mayBreak(s.body);
      case 'for':
      case 'while':
        return mayBreak(s.orelse); // a break in their bodies is theirs; in their else, ours
      default:
        return false;
    }
  });
}

function defineClass(ctx: Context, stmt: Extract<Stmt, { k: 'class' }>, scope: Scope): void {
  const bases = evalArgs(
    ctx,
    stmt.def.bases.filter(b => !b.name),
    scope,
  ).pos;
  let framework: ClassValue['framework'];
  let container: ClassValue['container'];
  let unfollowedBase = false;
  for (const b of bases) {
    const base =
      b.k === 'extern' ? ctx.frontends.find(f => Object.hasOwn(f.moduleBases, b.q) || f.isLayerBase?.(b.q)) : undefined;
    if (base && b.k === 'extern') ((framework = base.id), (container = base.moduleBases[b.q]?.container ?? container));
    if (b.k === 'class' && b.isModule)
      ((framework = b.framework), (container ??= b.container), (unfollowedBase ||= !!b.unfollowedBase));
  }
  // No known module base, but one the analysis does not read: a module by its own code only (and
  // so is a subclass of such a module, unless its own code makes it something else: a __call__).
  if (framework === undefined ? bases.some(isUnfollowedBase) : unfollowedBase) {
    const names = namesDefined(stmt.def, bases);
    framework = ctx.frontends.find(f => f.adoptsUnfollowedClass?.(names))?.id;
    unfollowedBase = framework !== undefined;
  }
  const cls: ClassValue = {
    k: 'class',
    def: stmt.def,
    bases,
    attrs: new Map(),
    isModule: framework !== undefined,
    framework,
    container,
    ...(unfollowedBase ? { unfollowedBase: true as const } : {}),
    ...(ctx.foreign ? { origin: ctx.foreign } : {}),
  };
  scope.set(stmt.def.name, cls);
  // A class statement inside a function runs each time the function does (a mutated file can
  // nest a class in the __init__ it instantiates): the document's classes are its class
  // statements, each once, or running every class as a model would never end.
  if (!ctx.classDefs.has(stmt.def)) {
    ctx.classDefs.add(stmt.def);
    ctx.classes.push(cls);
  }
  const body = new Scope(scope);
  execBody(ctx, stmt.def.body, body, undefined, cls);
  for (const [k, v] of body.vars) {
    // Methods close over the enclosing scope, not the class body.
    cls.attrs.set(k, v.k === 'func' ? { ...v, closure: scope, owner: cls } : v);
  }
  const evaluate = (e: Expr, s: Scope) => evalExpr(ctx, e, s);
  defineRecord(ctx.text, cls, stmt.def, body, evaluate);
  // A decorator may return anything: a helper class under one the analysis does not follow is
  // unknown (module classes stay, as registries such as `@MODELS.register_module()` return them).
  if (!cls.isModule && !decoratorsFollowed(stmt.def, body, evaluate)) scope.set(stmt.def.name, UNKNOWN_VALUE);
}

function execStatement(
  ctx: Context,
  stmt: Stmt,
  scope: Scope,
  frame: Frame | undefined,
  owner?: ClassValue,
): Completion {
  ctx.tick();
  const outer = ctx.stmt;
  ctx.stmt = stmt;
  try {
    switch (stmt.k) {
      case 'expr': {
        const v = evalExpr(ctx, stmt.value, scope);
        statementHint(ctx, stmt, v);
        return NORMAL;
      }
      case 'assign': {
        if (!stmt.value) return NORMAL;
        const v = evalExpr(ctx, stmt.value, scope);
        for (const t of stmt.targets) assignTarget(ctx, t, v, scope);
        statementHint(ctx, stmt, v);
        return NORMAL;
      }
      case 'del':
        for (const t of stmt.targets) deleteTarget(ctx, t, scope);
        return NORMAL;
      case 'aug': {
        const current = evalExpr(ctx, stmt.target, scope);
        const rhs = evalExpr(ctx, stmt.value, scope);
        if (current.k === 'list' && stmt.op === '+') {
          noteMutation(ctx, current);
          const items = iterate(rhs);
          if (items && allotItems(ctx, current.items.length + items.length)) {
            for (const x of items) current.items.push(x);
          } else forgetContents(current);
          return NORMAL;
        }
        const v = binop(ctx, stmt.op, current, rhs, stmt.r);
        assignTarget(ctx, stmt.target, v, scope);
        statementHint(ctx, stmt, v);
        return NORMAL;
      }
      case 'return': {
        const v = stmt.value ? evalExpr(ctx, stmt.value, scope) : NONE;
        statementHint(ctx, stmt, v);
        return { k: 'return', value: v };
      }
      case 'if':
        return execIf(ctx, stmt, scope, frame);
      case 'for':
        return execLoop(ctx, iterate(evalExpr(ctx, stmt.iter, scope)), stmt, scope, frame);
      case 'while':
        return execWhile(ctx, stmt, scope, frame);
      case 'def': {
        const fn: FunctionValue = ctx.foreign
          ? { k: 'func', def: stmt.def, closure: scope, owner, origin: ctx.foreign }
          : { k: 'func', def: stmt.def, closure: scope, owner };
        scope.set(
          stmt.def.name,
          stmt.def.decorators.length
            ? decorate(
                fn,
                scope,
                (e, s) => evalExpr(ctx, e, s),
                (f, a) => callValue(ctx, f, a),
              )
            : fn,
        );
        return NORMAL;
      }
      case 'class':
        defineClass(ctx, stmt, scope);
        return NORMAL;
      case 'import':
        execImport(ctx, stmt.names, scope);
        return NORMAL;
      case 'block':
        return execBody(ctx, stmt.body, scope, frame, owner);
      case 'break':
        return { k: 'break' };
      case 'continue':
        return { k: 'continue' };
      default:
        return NORMAL;
    }
  } finally {
    ctx.stmt = outer;
  }
}

export function execBody(
  ctx: Context,
  body: readonly Stmt[],
  scope: Scope,
  frame?: Frame,
  owner?: ClassValue,
): Completion {
  for (const stmt of body) {
    const c = execStatement(ctx, stmt, scope, frame, owner);
    if (c.k !== 'normal') return c;
  }
  return NORMAL;
}

const decoratorNames = (fn: FunctionValue) =>
  fn.def.decorators.map(d => (d.k === 'name' ? d.id : d.k === 'attr' ? d.name : ''));
export const isStaticMethod = (fn: FunctionValue) => decoratorNames(fn).includes('staticmethod');
export const isClassMethod = (fn: FunctionValue) => decoratorNames(fn).includes('classmethod');
export const isProperty = (fn: FunctionValue) => decoratorNames(fn).includes('property');

/**
 * Runs code of another file (`origin`), or of this one again from inside another file's code:
 * what the other file's code records would carry that file's offsets, so its hints are dropped
 * and its layer calls keep no ranges (they still count in the model); its diagnostics move to
 * this document's call that led there (foreign-diagnostics.ts).
 */
function runElsewhere<T>(ctx: Context, origin: Origin | undefined, run: () => T, call?: Range, within = ''): T {
  const outer = ctx.foreign;
  const outerEntry = ctx.entry;
  const rec = ctx.rec;
  const marks = { layers: rec.layers.length, hints: rec.hints.length, diagnostics: rec.diagnostics.length };
  // A library entered from this text reports its certain errors at the entering call.
  const entered = origin?.library && !outer && !ctx.quiet;
  if (entered) ctx.entry = call;
  else if (!origin?.library || outer !== origin) ctx.entry = undefined;
  ctx.foreign = origin;
  try {
    return run();
  } finally {
    ctx.foreign = outer;
    ctx.entry = outerEntry;
    if (ctx.rec === rec) {
      if (origin) {
        rec.hints.length = marks.hints;
        for (let i = marks.layers; i < rec.layers.length; i++)
          rec.layers[i] = withoutRanges(ctx, rec.layers[i], origin.library === true);
      }
      // A library's certain errors were put at the entering call already (diagnostics.ts).
      if (!origin?.library) settleRaised(ctx, marks.diagnostics, origin, outer, call, within);
    }
  }
}

/** A layer call recorded in another file's code: no offsets of this text. */
function withoutRanges(ctx: Context, call: LayerCall, library: boolean): LayerCall {
  if (call.call === undefined && call.definition === undefined && !library) return call;
  const { call: _call, definition, ...rest } = call;
  const site = ctx.layerSites.get(call);
  // A layer this text built (a library model's replaced head) keeps its definition here.
  const ours = definition && site && !site.from && !site.tainted;
  const kept: LayerCall = ours ? { ...rest, definition } : library ? { ...rest, library: true } : rest;
  if (site) ctx.layerSites.set(kept, site);
  return kept;
}

/** Calls a function with Python's argument binding. */
export function callFunction(ctx: Context, fn: FunctionValue, args: Args, self?: Value): Value {
  if (ctx.depth >= ctx.limits.maxDepth) return UNKNOWN_VALUE;
  if (fn.origin !== ctx.foreign) {
    const within = fn.owner?.def.name ?? fn.def.name;
    return runElsewhere(ctx, fn.origin, () => callFunction(ctx, fn, args, self), args.range, within);
  }
  if (fn.origin) {
    if (!fn.origin.library) ctx.deps.readFile(fn.origin.path, fn.origin.version);
  } else ctx.deps.readStatement(fn.def.nameRange.start);
  const scope = new Scope(fn.closure);
  const pos = self !== undefined ? [self, ...args.pos] : [...args.pos];
  const kw = new Map(args.kw);
  let i = 0;
  for (const p of fn.def.params) {
    if (p.kind === 'star') {
      scope.set(p.name, args.unknownRest ? UNKNOWN_VALUE : { k: 'tuple', items: pos.slice(i) });
      i = pos.length;
    } else if (p.kind === 'dstar') {
      scope.set(
        p.name,
        args.unknownRest
          ? UNKNOWN_VALUE
          : { k: 'dict', keys: [...kw.keys()].map(k => ({ k: 'str', v: k })), values: [...kw.values()] },
      );
      kw.clear();
    } else if (i < pos.length) scope.set(p.name, pos[i++]);
    else if (kw.has(p.name)) {
      scope.set(p.name, kw.get(p.name)!);
      kw.delete(p.name);
    } else if (p.default && !args.unknownRest) scope.set(p.name, evalExpr(ctx, p.default, fn.closure));
    else scope.set(p.name, UNKNOWN_VALUE);
  }
  const frame: Frame = { fn, self, returns: [] };
  ctx.frames.push(frame);
  ctx.depth++;
  try {
    const c = execBody(ctx, fn.def.body, scope, frame);
    const last = c.k === 'return' ? c.value : NONE;
    return frame.returns.length ? frame.returns.reduce((a, b) => join(a, b), last) : last;
  } finally {
    ctx.depth--;
    ctx.frames.pop();
  }
}
