// Evaluating expressions over abstract values.
import { isOptionNamespace, optionOf } from './argparse';
import type { Arg, CompClause, Expr } from '../python';
import { binop, unop } from './arith';
import { getAttr } from './attributes';
import { callValue } from './calls';
import type { Args, Context } from './context';
import { getItem, iterate } from './items';
import { Scope } from './scope';
import { NONE, UNKNOWN_VALUE, type Value, isModuleValue, join, keyOf, truthy } from './values';
import { forgetContents } from './forget';
import { BUILTIN_NAMES } from './builtins';
import { allotItems } from './budget';
import { formatField } from './strings';
import { isModulesView, setMember } from './module-names';
import { checkUnpack, markExactLength } from './python-errors';
import { noteMutation } from './heap';
import { ownModule, sysModulesItem } from './self-module';
import { isNamespaceView, namespaceView, writeThroughView } from './namespace-view';
import { noteLookedUpCall } from './looked-up-classes';
import { deleteInstanceDictItem, isInstanceDict, setInstanceDictItem } from './instance-dict';
import { runUnknownLoop, tooCostly } from './unknown-loop';

function lookupName(ctx: Context, scope: Scope, id: string): Value {
  const owner = scope.owner(id);
  const v = owner?.vars.get(id);
  // The module's scope is the root of every chain: a name it binds, or nobody does, is a module read.
  // (Another file's code reads its own module: covered by that file's version, deps.readFile.)
  if (!owner?.parent && !ctx.foreign) ctx.deps.readName(id, v);
  if (v !== undefined) return v;
  if (BUILTIN_NAMES.has(id)) return { k: 'builtin', name: id };
  return UNKNOWN_VALUE;
}

/** Items of a list/tuple/set display, with `*spread` expanded (undefined when a spread is unknown). */
function evalItems(ctx: Context, items: readonly Expr[], scope: Scope): Value[] | undefined {
  const out: Value[] = [];
  for (const e of items) {
    if (e.k === 'starred') {
      const inner = iterate(evalExpr(ctx, e.value, scope));
      if (!inner || !allotItems(ctx, out.length + inner.length)) return undefined;
      for (const x of inner) out.push(x);
    } else out.push(evalExpr(ctx, e, scope));
  }
  return out;
}

export function evalArgs(
  ctx: Context,
  args: readonly Arg[],
  scope: Scope,
  range?: Expr['r'],
  calleeText?: string,
): Args {
  const pos: Value[] = [];
  // Most calls pass no keyword: their maps are made only when one is (Args' maps are read-only).
  let kw: Map<string, Value> | undefined;
  const posExprs: (Expr | undefined)[] = [];
  let kwExprs: Map<string, Expr> | undefined;
  let unknownRest = false;
  for (const a of args) {
    const v = evalExpr(ctx, a.value, scope);
    if (a.star === '*') {
      const items = iterate(v);
      if (items && allotItems(ctx, pos.length + items.length)) {
        for (const x of items) pos.push(x);
        for (let i = 0; i < items.length; i++) posExprs.push(undefined);
      } else unknownRest = true;
    } else if (a.star === '**') {
      if (v.k === 'dict' && v.keys.every(k => k.k === 'str')) {
        const into = (kw ??= new Map());
        v.keys.forEach((k, i) => into.set((k as { v: string }).v, v.values[i]));
      } else unknownRest = true;
    } else if (a.name !== undefined) {
      (kw ??= new Map()).set(a.name, v);
      (kwExprs ??= new Map()).set(a.name, a.value);
    } else {
      pos.push(v);
      posExprs.push(a.value);
    }
  }
  return { pos, kw: kw ?? NO_KEYWORDS, unknownRest, posExprs, kwExprs: kwExprs ?? NO_KEYWORD_EXPRS, range, calleeText };
}

const NO_KEYWORDS: ReadonlyMap<string, Value> = new Map();
const NO_KEYWORD_EXPRS: ReadonlyMap<string, Expr> = new Map();

function evalComprehension(ctx: Context, e: Extract<Expr, { k: 'comp' }>, scope: Scope): Value {
  const inner = new Scope(scope);
  const results: Value[] = [];
  const keys: Value[] = [];
  let known = true;
  const run = (clauses: readonly CompClause[]): void => {
    if (!known) return;
    const [first, ...rest] = clauses;
    if (!first) {
      if (e.key) keys.push(evalExpr(ctx, e.key, inner));
      results.push(evalExpr(ctx, e.elt, inner));
      return;
    }
    if (first.k === 'if') {
      const t = truthy(evalExpr(ctx, first.test, inner));
      if (t === undefined) known = false;
      else if (t) run(rest);
      return;
    }
    const items = iterate(evalExpr(ctx, first.iter, inner));
    if (!items || items.length > ctx.limits.maxLoop) {
      known = false;
      return;
    }
    for (let i = 0; i < items.length && known; i++) {
      const start = ctx.steps;
      ctx.tick();
      assignTarget(ctx, first.target, items[i], inner);
      run(rest);
      if (i === 0 && known && tooCostly(ctx, ctx.steps - start, items.length - 1)) {
        // The rest as a loop of unknown count: what it changes is joined; the value is not known.
        runUnknownLoop(ctx, inner, undefined, () => {
          assignTarget(ctx, first.target, UNKNOWN_VALUE, inner);
          run(rest);
          return { k: 'normal' };
        });
        known = false;
      }
    }
  };
  run(e.clauses);
  if (!known) return UNKNOWN_VALUE;
  if (e.kind === 'dict') return { k: 'dict', keys, values: results };
  if (e.kind === 'list') return markExactLength({ k: 'list', items: results });
  if (e.kind === 'gen') return { k: 'list', items: results };
  return { k: 'list', items: results };
}

function evalFString(ctx: Context, e: Extract<Expr, { k: 'fstr' }>, scope: Scope): Value {
  let out = '';
  for (const part of e.parts) {
    const text =
      typeof part === 'string' ? part : formatField(evalExpr(ctx, part.value, scope), part.conversion, part.spec);
    if (text === undefined || !allotItems(ctx, out.length + text.length)) return UNKNOWN_VALUE;
    out += text;
  }
  return { k: 'str', v: out };
}

export function evalExpr(ctx: Context, e: Expr, scope: Scope): Value {
  ctx.tick();
  switch (e.k) {
    case 'num':
      return e.float ? { k: 'float', v: e.value } : { k: 'int', v: e.value };
    case 'str':
      return { k: 'str', v: e.value };
    case 'const':
      return e.value === null ? NONE : { k: 'bool', v: e.value };
    case 'name':
      return lookupName(ctx, scope, e.id);
    case 'lambda':
      // A function value like a `def`'s, closing over the scope it is written in.
      return ctx.foreign
        ? { k: 'func', def: e.def, closure: scope, origin: ctx.foreign }
        : { k: 'func', def: e.def, closure: scope };
    case 'attr':
      return getAttr(ctx, evalExpr(ctx, e.obj, scope), e.name);
    case 'subscript': {
      const obj = evalExpr(ctx, e.obj, scope);
      const index = evalExpr(ctx, e.index, scope);
      if (obj.k === 'extern' && obj.q === 'sys.modules') return sysModulesItem(ctx, scope, index);
      return getItem(ctx, obj, index, e.r);
    }
    case 'slice': {
      const part = (x?: Expr) => (x ? evalExpr(ctx, x, scope) : NONE);
      return { k: 'slice', lower: part(e.lower), upper: part(e.upper), step: part(e.step) };
    }
    case 'call': {
      const fn = evalExpr(ctx, e.fn, scope);
      const args = evalArgs(ctx, e.args, scope, e.r, ctx.text.slice(e.fn.r.start, e.fn.r.end));
      // `globals()`: the running module's namespace (a builtin handler does not see the scope).
      if (
        fn.k === 'builtin' &&
        fn.name === 'globals' &&
        args.pos.length === 0 &&
        args.kw.size === 0 &&
        !args.unknownRest
      )
        return namespaceView(ownModule(ctx, scope));
      // A lookup's result, or a name bound to one (`net = build(cfg)`); not a name nothing binds (a
      // helper of an unfollowed star import), nor a method of an unknown object (`trainer.fit(model)`).
      if (
        fn.k === 'unknown' &&
        (e.fn.k === 'call' || e.fn.k === 'subscript' || (e.fn.k === 'name' && scope.owner(e.fn.id)))
      )
        noteLookedUpCall(ctx, args);
      return callValue(ctx, fn, args);
    }
    case 'binop': {
      if (e.op === 'and' || e.op === 'or') {
        const left = evalExpr(ctx, e.left, scope);
        const t = truthy(left);
        if (t === undefined)
          return ctx.uncertainly(() => {
            const right = evalExpr(ctx, e.right, scope);
            // `unknown and False` is falsy whichever side it is, `unknown or True` truthy: the
            // value stays unknown (the left side's, or the right's), its truthiness does not.
            const decided = truthy(right);
            return decided === (e.op === 'or') ? { k: 'unknown', truth: decided } : join(left, right);
          });
        return (e.op === 'and') === t ? evalExpr(ctx, e.right, scope) : left;
      }
      return binop(ctx, e.op, evalExpr(ctx, e.left, scope), evalExpr(ctx, e.right, scope), e.r);
    }
    case 'unop':
      return unop(e.op, evalExpr(ctx, e.operand, scope));
    case 'ifexp': {
      const t = truthy(evalExpr(ctx, e.test, scope));
      if (t === true) return evalExpr(ctx, e.body, scope);
      if (t === false) return evalExpr(ctx, e.orelse, scope);
      return ctx.uncertainly(() => join(evalExpr(ctx, e.body, scope), evalExpr(ctx, e.orelse, scope)));
    }
    case 'tuple':
    case 'list':
    case 'set': {
      const items = evalItems(ctx, e.items, scope);
      if (!items) return UNKNOWN_VALUE;
      const seq: Value = e.k === 'tuple' ? { k: 'tuple', items } : { k: 'list', items };
      // A set display may hold fewer items than written (duplicates).
      return e.k === 'set' || e.items.some(x => x.k === 'starred') ? seq : markExactLength(seq);
    }
    case 'dict': {
      const keys: Value[] = [];
      const values: Value[] = [];
      for (const entry of e.entries) {
        const v = evalExpr(ctx, entry.value, scope);
        if (entry.key) {
          keys.push(evalExpr(ctx, entry.key, scope));
          values.push(v);
        } else if (v.k === 'dict' && allotItems(ctx, 2 * (keys.length + v.keys.length))) {
          for (let i = 0; i < v.keys.length; i++) (keys.push(v.keys[i]), values.push(v.values[i]));
        } else return UNKNOWN_VALUE;
      }
      return { k: 'dict', keys, values };
    }
    case 'comp':
      return evalComprehension(ctx, e, scope);
    case 'fstr':
      return evalFString(ctx, e, scope);
    default:
      return UNKNOWN_VALUE;
  }
}

/** Binds a value to an assignment target: a name, attribute, subscript, or (nested) tuple/list. */
export function assignTarget(ctx: Context, target: Expr, value: Value, scope: Scope): void {
  switch (target.k) {
    case 'name':
      scope.set(target.id, value);
      // A module-level name bound to an option's default (option-origins.ts).
      if (!scope.parent && !ctx.foreign) {
        if (optionOf(value) || isOptionNamespace(value)) ctx.optionNames.set(target.id, value);
        else ctx.optionNames.delete(target.id);
      }
      return;
    case 'attr': {
      const obj = evalExpr(ctx, target.obj, scope);
      noteMutation(ctx, obj);
      // `self.__dict__ = d`: all its attributes are replaced by a dict not followed.
      if (obj.k === 'object' && target.name === '__dict__') obj.opaque = true;
      else if (obj.k === 'object') obj.attrs.set(target.name, value);
      else if ((obj.k === 'layer' || obj.k === 'kmodel') && target.name === 'trainable') {
        // Freezing a layer or model moves its weights to the non-trainable count.
        obj.trainable = value.k === 'bool' ? value.v : undefined;
      } else if (obj.k === 'layer') {
        ctx.frontends.find(f => f.id === obj.framework)?.setLayerAttr?.(obj, target.name, value);
      } else if (obj.k === 'container') {
        // `model.heads.head = nn.Linear(...)`: nn.Module.__setattr__ registers a module under the
        // name, replacing the one there; anything else is a plain attribute, unless it replaces a
        // module or is not known.
        if (isModuleValue(value)) setMember(obj, { k: 'str', v: target.name }, value);
        else if (value.k === 'unknown' || obj.keys.includes(target.name)) obj.opaque = true;
      } else if (obj.k === 'class') {
        ctx.deps.wroteShared();
        obj.attrs.set(target.name, value);
      }
      return;
    }
    case 'subscript': {
      const obj = evalExpr(ctx, target.obj, scope);
      const index = evalExpr(ctx, target.index, scope);
      noteMutation(ctx, obj);
      setItem(obj, index, value);
      return;
    }
    case 'tuple':
    case 'list': {
      const items = iterate(value);
      const starAt = target.items.findIndex(t => t.k === 'starred');
      const raised = checkUnpack(ctx, value, target.items.length, starAt >= 0, target.r);
      if (!items || raised || (starAt < 0 && items.length !== target.items.length)) {
        for (const t of target.items) assignTarget(ctx, t.k === 'starred' ? t.value : t, UNKNOWN_VALUE, scope);
        return;
      }
      if (starAt < 0) target.items.forEach((t, i) => assignTarget(ctx, t, items[i], scope));
      else {
        const after = target.items.length - starAt - 1;
        target.items.slice(0, starAt).forEach((t, i) => assignTarget(ctx, t, items[i] ?? UNKNOWN_VALUE, scope));
        const star = target.items[starAt] as Extract<Expr, { k: 'starred' }>;
        assignTarget(ctx, star.value, { k: 'list', items: items.slice(starAt, items.length - after) }, scope);
        target.items
          .slice(starAt + 1)
          .forEach((t, i) => assignTarget(ctx, t, items[items.length - after + i] ?? UNKNOWN_VALUE, scope));
      }
      return;
    }
    default:
      return;
  }
}

/**
 * `del target`: an entry under a known key or index is removed (`del pending[name]`); anything
 * else the deletion leaves not known (a container's children, a name), never as it was.
 */
export function deleteTarget(ctx: Context, target: Expr, scope: Scope): void {
  switch (target.k) {
    case 'name':
      scope.set(target.id, UNKNOWN_VALUE);
      return;
    case 'attr': {
      const obj = evalExpr(ctx, target.obj, scope);
      noteMutation(ctx, obj);
      if (obj.k === 'object') obj.attrs.delete(target.name);
      else if (obj.k === 'container') obj.opaque = true;
      return;
    }
    case 'subscript': {
      const obj = evalExpr(ctx, target.obj, scope);
      const index = evalExpr(ctx, target.index, scope);
      noteMutation(ctx, obj);
      deleteItem(obj, index);
      return;
    }
    case 'tuple':
    case 'list':
      for (const t of target.items) deleteTarget(ctx, t, scope);
      return;
    default:
      return;
  }
}

function deleteItem(obj: Value, index: Value): void {
  if (isNamespaceView(obj)) writeThroughView(obj);
  else if (isInstanceDict(obj)) deleteInstanceDictItem(obj, index);
  else if (isModulesView(obj)) {
    // `del self._modules['fc']`: the member is gone.
    if (obj.self.k === 'object' && index.k === 'str') obj.self.attrs.delete(index.v);
    else if (obj.self.k === 'object' || obj.self.k === 'container') obj.self.opaque = true;
  } else if (obj.k === 'container') obj.opaque = true;
  else if (obj.k === 'list' && index.k === 'int') {
    const i = index.v < 0 ? obj.items.length + index.v : index.v;
    if (i >= 0 && i < obj.items.length) obj.items.splice(i, 1);
  } else if (obj.k === 'dict' && keyOf(index) !== undefined && obj.keys.every(k => keyOf(k) !== undefined)) {
    const at = obj.keys.findIndex(k => keyOf(k) === keyOf(index));
    if (at >= 0) {
      obj.keys.splice(at, 1);
      obj.values.splice(at, 1);
    }
  } else if (obj.k === 'list' || obj.k === 'dict') forgetContents(obj);
}

function setItem(obj: Value, index: Value, value: Value): void {
  if (isNamespaceView(obj)) writeThroughView(obj);
  else if (isInstanceDict(obj)) setInstanceDictItem(obj, index, value);
  else if (isModulesView(obj)) setMember(obj.self, index, value);
  else if (obj.k === 'list' && index.k === 'int') {
    const i = index.v < 0 ? obj.items.length + index.v : index.v;
    if (i >= 0 && i < obj.items.length) obj.items[i] = value;
  } else if ((obj.k === 'list' || obj.k === 'dict') && keyOf(index) === undefined) {
    forgetContents(obj); // an index or key not known: which item changed is not known
  } else if (obj.k === 'dict') {
    const at = obj.keys.findIndex(k => k.k === index.k && 'v' in k && 'v' in index && k.v === index.v);
    if (at >= 0) obj.values[at] = value;
    else {
      obj.keys.push(index);
      obj.values.push(value);
    }
  } else if (obj.k === 'container' && index.k === 'str') {
    const at = obj.keys.indexOf(index.v);
    if (at >= 0) obj.items[at] = value;
    else {
      obj.keys.push(index.v);
      obj.items.push(value);
    }
  } else if (obj.k === 'container' && index.k === 'int' && obj.kind !== 'ModuleDict') {
    // `seq[-1] = nn.Linear(...)`: the module under that position's name is replaced.
    const i = index.v < 0 ? obj.items.length + index.v : index.v;
    if (i >= 0 && i < obj.items.length) obj.items[i] = value;
    else forgetContents(obj);
  } else if (obj.k === 'container') forgetContents(obj);
}
