// Calling a value: functions and classes of this file, module instances (their forward),
// framework layers, containers and imported names (through their front end), builtins and methods.
import { callScalarLibrary } from './scalar-libraries';
import { argparseMethod, callArgparse } from './argparse';
import { reportUnexpected } from '../common/internal-errors';
import { callBuiltin, callMath, callValueMethod } from './builtins';
import { allotRecord } from './budget';
import { type Args, BudgetExceeded, type Context, noArgs } from './context';
import { callFunction, execBody, isClassMethod, isStaticMethod } from './interpreter';
import { findInClass, SELF_RETURNING } from './attributes';
import { type Call, forwardOf } from './frontend';
import { noteMethodMutation, noteMutation } from './heap';
import { addModule, isOpaque, setMember } from './module-names';
import { holdsOwnModule } from './unfollowed-bases';
import { constructRecord, namedTupleClass, recordDict, recordOf, replaceRecord } from './records';
import {
  type ClassValue,
  type ContainerValue,
  type FunctionValue,
  NONE,
  type ObjectValue,
  UNKNOWN_VALUE,
  type Value,
  containerChildren,
  freshTensor,
} from './values';
import { callInstanceDictMethod, isInstanceDict } from './instance-dict';

/** How deep a class may instantiate itself (DLA's `Tree(level - 1)`, recursive U-Net blocks). */
const MAX_SELF_NESTING = 6;
/**
 * How many instances, all told, one construction may build inside one of their own class. Six
 * levels of a block that builds six of itself are 46,656 (a file the parser read with a class's
 * methods in the wrong class did that, for a second); the most in our fixtures and real code is 6.
 */
const MAX_NESTED_INSTANCES = 256;

/** Counts an instance of `cls` built inside one of its own; false past the bound. */
function allotNested(ctx: Context, cls: ClassValue): boolean {
  if (ctx.instStack.length === 0) ctx.nestedInstances = 0;
  else if (nestingOf(ctx, cls) > 0) return ++ctx.nestedInstances <= MAX_NESTED_INSTANCES;
  return true;
}

function nestingOf(ctx: Context, cls: ClassValue): number {
  let n = 0;
  for (const c of ctx.instStack) if (c === cls) n++;
  return n;
}

/**
 * `obj.__init__(...)` called again: counted as a construction of its class, so that an `__init__`
 * that builds an instance of its own class and initialises it again (how a half-typed
 * `super(,Net self).__init__()` reads) stops nesting as one built with `Net(...)` does, instead of
 * doubling at every level until the step budget ends. Cut there, the instance is not known.
 */
function initializeAgain(ctx: Context, init: FunctionValue, obj: ObjectValue, args: Args): Value {
  const cls = init.owner ?? obj.cls;
  if (nestingOf(ctx, cls) >= MAX_SELF_NESTING || ctx.depth >= ctx.limits.maxDepth || !allotNested(ctx, cls)) {
    noteMutation(ctx, obj);
    obj.opaque = true;
    return UNKNOWN_VALUE;
  }
  ctx.instStack.push(cls);
  try {
    return callFunction(ctx, init, args, obj);
  } finally {
    ctx.instStack.pop();
  }
}

/** Creates an instance of a class of this file and runs its `__init__`. */
export function instantiate(ctx: Context, cls: ClassValue, args: Args): Value {
  // A class that builds itself (a tree of blocks whose level counts down) is followed a few
  // levels deep; past that, or past the depth budget, its instance is unknown.
  if (nestingOf(ctx, cls) >= MAX_SELF_NESTING || ctx.depth >= ctx.limits.maxDepth || !allotNested(ctx, cls))
    return UNKNOWN_VALUE;
  const record = recordOf(cls);
  if (record)
    return constructRecord(cls, record, args, (fn, a) => callValue(ctx, fn, a), findInClass(cls, '__post_init__'));
  const parent = ctx.instStack[ctx.instStack.length - 1];
  // A class nested in itself is still a model of its own (a cycle makes neither a building block).
  if (parent?.isModule && cls.isModule && !ctx.instStack.includes(cls)) ctx.usedAsSubmodule.add(cls);
  if (ctx.phase === 'module' && cls.isModule && !ctx.samples.get(cls)?.ctor)
    ctx.samples.set(cls, { ...ctx.samples.get(cls), ctor: args });
  const obj: ObjectValue = {
    k: 'object',
    cls,
    attrs: new Map(),
    site: args.range
      ? ctx.foreign
        ? { call: args.range, stmt: ctx.stmt?.r, tainted: true, from: ctx.foreign }
        : { call: args.range, stmt: ctx.stmt?.r, tainted: !!ctx.stmt?.error }
      : undefined,
  };
  if (cls.framework) ctx.frontend(cls.framework).instantiated?.(ctx, obj, args);
  const init = findInClass(cls, '__init__');
  // object.__init__ takes no arguments; a library base's __init__ is not known.
  if (!init && !cls.framework && (args.pos.length || args.kw.size || args.unknownRest)) return UNKNOWN_VALUE;
  const phase = ctx.phase;
  ctx.instStack.push(cls);
  if (phase !== 'forward') ctx.phase = 'init';
  try {
    if (init?.k === 'func') callFunction(ctx, init, args, obj);
  } finally {
    ctx.instStack.pop();
    ctx.phase = phase;
  }
  // A class whose base is not read is a module only when its own code built one.
  if (cls.unfollowedBase && !holdsOwnModule(obj)) return UNKNOWN_VALUE;
  return obj;
}

/** Calling an instance runs its forward (its front end's forward method; `__call__` for any other class). */
function callObject(ctx: Context, obj: ObjectValue, args: Args): Value {
  const method = forwardOf(ctx, obj.cls);
  if (!method && obj.cls.container === 'Sequential')
    return isOpaque(obj) ? UNKNOWN_VALUE : callSequentialObject(ctx, obj, args);
  if (!method) return UNKNOWN_VALUE;
  const phase = ctx.phase;
  ctx.phase = 'forward';
  try {
    const out = callFunction(ctx, method, args, obj);
    if (obj.site) recordModuleHint(ctx, obj.site, out);
    return out;
  } finally {
    ctx.phase = phase;
  }
}

/** How a front end runs an instance's forward method. */
const runForward: Call = (ctx, obj, args) => callObject(ctx, obj as ObjectValue, args);

/** An nn.Sequential subclass without its own forward: the children in order. */
function callSequentialObject(ctx: Context, obj: ObjectValue, args: Args): Value {
  const out = sequentialForward(ctx, obj, args);
  if (obj.site) recordModuleHint(ctx, obj.site, out);
  return out;
}

/** nn.Sequential's forward on an instance of a subclass: its children in order. */
function sequentialForward(ctx: Context, obj: ObjectValue, args: Args): Value {
  const children = containerChildren(obj);
  if (!children) return UNKNOWN_VALUE;
  const phase = ctx.phase;
  ctx.phase = 'forward';
  try {
    let x: Value | undefined;
    children.forEach(([, child], i) => {
      x = callValue(ctx, child, i === 0 ? args : noArgs([x ?? UNKNOWN_VALUE]));
    });
    return x ?? args.pos[0] ?? UNKNOWN_VALUE;
  } finally {
    ctx.phase = phase;
  }
}

/** A hint after `self.block = Block(...)`: the output of the module when it ran. */
export function recordModuleHint(ctx: Context, site: NonNullable<ObjectValue['site']>, out: Value): void {
  if (out.k !== 'tensor' || !out.shape || ctx.phase !== 'forward' || site.from || ctx.foreign) return;
  if (!allotRecord(ctx)) return;
  const nl = ctx.text.indexOf('\n', site.call.end);
  const offset = nl < 0 ? ctx.text.length : ctx.text[nl - 1] === '\r' ? nl - 1 : nl;
  const framework = out.graph ? { framework: out.graph.framework } : {};
  ctx.rec.hints.push({
    offset,
    shape: out.shape,
    site: 'definition',
    priority: 1,
    range: site.stmt ?? site.call,
    key: `d:${site.call.start}`,
    order: site.call.end,
    certain: !ctx.quiet && !site.tainted,
    ...framework,
  });
}

/** `super().__init__(*modules)` of an nn.Sequential subclass: the children become numbered attributes. */
function initContainerBase(ctx: Context, self: ObjectValue, args: Args): Value {
  const built = ctx.frontend(self.cls.framework!).buildContainer?.(ctx, self.cls.container!, args);
  if (built?.k === 'container' && !built.opaque) built.keys.forEach((k, i) => self.attrs.set(k, built.items[i]));
  // Children not understood (`super().__init__(*layers)`): whatever reads them is unknown.
  else self.opaque = true;
  return NONE;
}

/** Methods of a container subclass that read its children (`self.items()` in a ModuleDict subclass). */
const CHILD_VIEWS = new Set(['keys', 'values', 'children', 'items', 'named_children']);

/** A container subclass's children as a container value (a read-only view). */
function childrenOf(obj: ObjectValue): ContainerValue {
  const children = containerChildren(obj);
  return {
    k: 'container',
    framework: obj.cls.framework!,
    kind: obj.cls.container!,
    keys: children.map(([k]) => k),
    items: children.map(([, c]) => c),
    site: obj.site ?? { call: { start: 0, end: 0 }, tainted: true },
  };
}

function callMethod(ctx: Context, self: Value, name: string, args: Args): Value {
  if (isInstanceDict(self)) return callInstanceDictMethod(ctx, self, name, args);
  if (name === 'super.__init__' && self.k === 'object' && self.cls.container) return initContainerBase(ctx, self, args);
  if (name.startsWith('super.') && self.k === 'object' && self.cls.framework) {
    const answered = ctx.frontend(self.cls.framework).superCall?.(ctx, self, name.slice('super.'.length), args);
    if (answered) return answered;
  }
  // `super().forward(x)` in a forward of an nn.Sequential subclass (no class of the file between
  // defines one): nn.Sequential's own forward, which a hint of the subclass's output is not.
  if (name === 'super.forward' && self.k === 'object' && self.cls.container === 'Sequential')
    return isOpaque(self) ? UNKNOWN_VALUE : sequentialForward(ctx, self, args);
  // `super().__init__(...)` returns None; another method of a base not followed (`nn.Conv2d`'s, a
  // library's) is not understood: its result is unknown, never None.
  if (name === 'super.__init__') return NONE;
  if (name.startsWith('super.')) return UNKNOWN_VALUE;
  for (const f of ctx.frontends) {
    const answered = f.callMethod?.(ctx, self, name, args, callValue);
    if (answered) return answered;
  }
  const parsed = self.k === 'object' ? argparseMethod(self, name, args) : undefined;
  if (parsed) return parsed;
  switch (self.k) {
    case 'object':
    case 'layer':
      if (SELF_RETURNING.has(name)) return self;
      if (self.k === 'object') noteMethodMutation(ctx, self, name);
      if (self.k === 'object' && (name === 'add_module' || name === 'register_module')) addModule(self, args);
      if (self.k === 'object' && (name === 'register_buffer' || name === 'register_parameter')) {
        registerTensor(self, name === 'register_buffer', args);
        return NONE;
      }
      // `self.__setattr__(name, m)` / `self.__getattr__(name)`: setattr and getattr spelled as methods.
      if (self.k === 'object' && name === '__setattr__')
        return callBuiltin(ctx, 'setattr', { ...args, pos: [self, ...args.pos] });
      if (self.k === 'object' && name === '__getattr__')
        return callBuiltin(ctx, 'getattr', { ...args, pos: [self, ...args.pos] });
      if (self.k === 'object' && name === '_replace')
        return replaceRecord(
          { ...args, pos: [self, ...args.pos] },
          (fn, a) => callValue(ctx, fn, a),
          () => undefined,
          'namedtuple',
        );
      if (self.k === 'object' && name === '_asdict' && !args.pos.length) return recordDict(self, 'namedtuple');
      if (self.k === 'object' && self.cls.container && self.cls.framework && CHILD_VIEWS.has(name)) {
        if (isOpaque(self)) return UNKNOWN_VALUE;
        return (
          ctx.frontend(self.cls.framework).callMethod?.(ctx, childrenOf(self), name, args, callValue) ?? UNKNOWN_VALUE
        );
      }
      return name === 'register_buffer' || name === 'add_module' || name === 'register_module' ? NONE : UNKNOWN_VALUE;
    default:
      return callValueMethod(ctx, self, name, args);
  }
}

/** `self.register_buffer(name, t)` / `register_parameter(name, p)`: `self.<name>` is that tensor
 *  (a buffer is no parameter). */
function registerTensor(self: Value, buffer: boolean, args: Args): void {
  const name = args.pos[0] ?? args.kw.get('name') ?? UNKNOWN_VALUE;
  const value = args.pos[1] ?? args.kw.get(buffer ? 'tensor' : 'param') ?? UNKNOWN_VALUE;
  // A buffer is a tensor or None, never counted as a parameter.
  if (buffer) setMember(self, name, value.k === 'none' ? NONE : freshTensor(value.k === 'tensor' ? value.shape : null));
  else setMember(self, name, value);
}

function callExtern(ctx: Context, q: string, args: Args): Value {
  const owner = ctx.frontends.find(f => f.owns(q));
  if (owner) return owner.callName(ctx, q, args, callValue);
  if (q === 'collections.OrderedDict') return callBuiltin(ctx, 'OrderedDict', args);
  if (q === 'collections.namedtuple') return namedTupleClass(args);
  if (q === 'dataclasses.asdict' && args.pos.length === 1 && !args.kw.size) return recordDict(args.pos[0], 'dataclass');
  if (q === 'dataclasses.replace')
    return replaceRecord(
      args,
      (fn, a) => callValue(ctx, fn, a),
      cls => findInClass(cls, '__post_init__'),
    );
  if (q.startsWith('math.')) return callScalarLibrary(q, args) ?? callMath(q.slice(5), args);
  // `typing.cast(T, v)` is v.
  if (q === 'typing.cast') return args.pos.length === 2 && !args.kw.size ? args.pos[1] : UNKNOWN_VALUE;
  return callArgparse(q, args) ?? callScalarLibrary(q, args) ?? UNKNOWN_VALUE;
}

export function callValue(ctx: Context, fn: Value, args: Args): Value {
  try {
    switch (fn.k) {
      case 'func':
        return callFunction(ctx, fn, args);
      case 'bound':
        if (isStaticMethod(fn.fn)) return callFunction(ctx, fn.fn, args);
        if (isClassMethod(fn.fn) && fn.self.k === 'object') return callFunction(ctx, fn.fn, args, fn.self.cls);
        if (fn.fn.def.name === '__init__' && fn.self.k === 'object') return initializeAgain(ctx, fn.fn, fn.self, args);
        return callFunction(ctx, fn.fn, args, fn.self);
      case 'class':
        return instantiate(ctx, fn, args);
      case 'object':
        return fn.cls.framework
          ? ctx.frontend(fn.cls.framework).callInstance(ctx, fn, args, runForward)
          : callObject(ctx, fn, args);
      case 'layer':
      case 'kmodel':
      case 'container':
        return ctx.frontend(fn.framework).callModule(ctx, fn, args, callValue);
      case 'extern':
        return callExtern(ctx, fn.q, args);
      case 'builtin':
        return fn.name === 'super' ? callSuper(ctx, args) : callBuiltin(ctx, fn.name, args);
      case 'method':
        return callMethod(ctx, fn.self, fn.name, args);
      default:
        return UNKNOWN_VALUE;
    }
  } catch (e) {
    if (e instanceof BudgetExceeded) throw e;
    // An interpreter bug must not take the analysis down: the value is unknown, and counted.
    reportUnexpected('analysis.callValue', e);
    return UNKNOWN_VALUE;
  }
}

function callSuper(ctx: Context, args: Args): Value {
  if (args.pos.length === 2 && args.pos[0].k === 'class') return { k: 'super', cls: args.pos[0], self: args.pos[1] };
  const frame = ctx.frames[ctx.frames.length - 1];
  const owner = frame?.fn.owner;
  if (!frame || !owner || frame.self === undefined) return UNKNOWN_VALUE;
  return { k: 'super', cls: owner, self: frame.self };
}

export { execBody };
