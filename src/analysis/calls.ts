// Calling a value: functions and classes of this file, module instances (their forward),
// framework layers and containers, imported names (torch.*, F.*, nn.*), builtins and methods.
import { callBuiltin, callMath, callValueMethod } from './builtins';
import { allotRecord } from './budget';
import { snakeCase } from '../engine/keras/common';
import { type Args, BudgetExceeded, type Context, noArgs } from './context';
import { callFunction, execBody, isClassMethod, isStaticMethod } from './interpreter';
import { findInClass, SELF_RETURNING } from './attributes';
import { callContainer, callContainerMethod, callLayer, constructNn } from './modules';
import { buildKerasObject, callKeras, callKerasModelMethod, isKerasModelClass } from './keras-calls';
import { applyKeras } from './keras-models';
import { recordSampleCall, recordSummary } from './samples';
import { callTensorMethod, callTorch } from './torch-calls';
import { type ClassValue, NONE, type ObjectValue, UNKNOWN_VALUE, type Value, UNKNOWN_CHILDREN, containerChildren } from './values';

/** Creates an instance of a class of this file and runs its `__init__`. */
export function instantiate(ctx: Context, cls: ClassValue, args: Args): Value {
  // A class that (directly or not) builds itself: stop, say nothing.
  if (ctx.instStack.includes(cls) || ctx.depth >= ctx.limits.maxDepth) return UNKNOWN_VALUE;
  const parent = ctx.instStack[ctx.instStack.length - 1];
  const named = args.kw.get('name');
  if (parent?.isModule && cls.isModule) ctx.usedAsSubmodule.add(cls);
  if (ctx.phase === 'module' && cls.isModule && !ctx.samples.get(cls)?.ctor) ctx.samples.set(cls, { ...ctx.samples.get(cls), ctor: args });
  const obj: ObjectValue = {
    k: 'object',
    cls,
    attrs: new Map(),
    site: args.range ? { call: args.range, stmt: ctx.stmt?.r, tainted: !!ctx.stmt?.error } : undefined,
  };
  // Keras names a layer in Layer.__init__, before the layers its own __init__ makes.
  if (cls.framework === 'keras') obj.kerasName = named?.k === 'str' ? named.v : ctx.kerasName(snakeCase(cls.def.name));
  const init = findInClass(cls, '__init__');
  const phase = ctx.phase;
  ctx.instStack.push(cls);
  if (phase !== 'forward') ctx.phase = 'init';
  try {
    if (init?.k === 'func') callFunction(ctx, init, args, obj);
  } finally {
    ctx.instStack.pop();
    ctx.phase = phase;
  }
  return obj;
}

/** Calling a module instance runs its forward (Keras: call). */
function callObject(ctx: Context, obj: ObjectValue, args: Args): Value {
  if (ctx.phase === 'module' && obj.cls.isModule && obj.cls.framework !== 'keras') {
    recordSampleCall(ctx, obj, args);
    return UNKNOWN_VALUE;
  }
  const method = findInClass(obj.cls, obj.cls.isModule ? (obj.cls.framework === 'keras' ? 'call' : 'forward') : '__call__');
  if (method?.k !== 'func' && obj.cls.container === 'Sequential') return callSequentialObject(ctx, obj, args);
  if (method?.k !== 'func') return UNKNOWN_VALUE;
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

/** An nn.Sequential subclass without its own forward: the children in order. */
function callSequentialObject(ctx: Context, obj: ObjectValue, args: Args): Value {
  const children = containerChildren(obj);
  if (!children) return UNKNOWN_VALUE;
  const phase = ctx.phase;
  ctx.phase = 'forward';
  try {
    let x: Value | undefined;
    children.forEach(([, child], i) => {
      x = callValue(ctx, child, i === 0 ? args : noArgs([x ?? UNKNOWN_VALUE]));
    });
    const out = x ?? args.pos[0] ?? UNKNOWN_VALUE;
    if (obj.site) recordModuleHint(ctx, obj.site, out);
    return out;
  } finally {
    ctx.phase = phase;
  }
}

/** A hint after `self.block = Block(...)`: the output of the module when it ran. */
export function recordModuleHint(ctx: Context, site: NonNullable<ObjectValue['site']>, out: Value): void {
  if (out.k !== 'tensor' || !out.shape || ctx.phase !== 'forward' || !allotRecord(ctx)) return;
  const nl = ctx.text.indexOf('\n', site.call.end);
  const offset = nl < 0 ? ctx.text.length : ctx.text[nl - 1] === '\r' ? nl - 1 : nl;
  const framework = out.keras ? { framework: 'keras' as const } : {};
  ctx.rec.hints.push({ offset, shape: out.shape, site: 'definition', priority: 1, range: site.stmt ?? site.call, key: `d:${site.call.start}`, order: site.call.end, certain: !ctx.quiet && !site.tainted, ...framework });
}

/** `super().__init__(*modules)` of an nn.Sequential subclass: the children become numbered attributes. */
function initContainerBase(ctx: Context, self: ObjectValue, args: Args): Value {
  const built = constructNn(ctx, self.cls.container!, args);
  if (built.k === 'container') built.keys.forEach((k, i) => self.attrs.set(k, built.items[i]));
  else self.attrs.set(UNKNOWN_CHILDREN, UNKNOWN_VALUE);
  return NONE;
}

/** A subclassed Keras Layer/Model applied to tensors: a graph node; at module level, a model run. */
function callKerasObject(ctx: Context, obj: ObjectValue, args: Args): Value {
  const topLevel = ctx.phase === 'module';
  const start = ctx.rec.layers.length;
  const out = applyKeras(ctx, obj, args, (c, fn, a) => callObject(c, fn as ObjectValue, a));
  if (topLevel && isKerasModelClass(obj.cls) && !ctx.kerasObjectRuns.some(r => r.obj === obj)) {
    const first = out.k === 'tuple' || out.k === 'list' ? out.items.find(v => v.k === 'tensor') : out;
    ctx.kerasObjectRuns.push({
      obj,
      inputs: args.pos.filter(v => v.k === 'tensor').map(v => (v.k === 'tensor' ? v.shape : null)),
      output: first?.k === 'tensor' ? first.shape : null,
      layers: Array.from({ length: ctx.rec.layers.length - start }, (_, i) => start + i),
    });
  }
  return out;
}

function callMethod(ctx: Context, self: Value, name: string, args: Args): Value {
  if (name === 'super.__init__' && self.k === 'object' && self.cls.container) return initContainerBase(ctx, self, args);
  if (name.startsWith('super.')) return NONE;
  if (self.k === 'kmodel') return callKerasModelMethod(ctx, self, name, args, callValue);
  if (self.k === 'object' && self.cls.framework === 'keras' && name === 'build') return buildKerasObject(ctx, self, args, callValue);
  switch (self.k) {
    case 'tensor':
      return callTensorMethod(ctx, self, name, args);
    case 'container':
      return SELF_RETURNING.has(name) ? self : callContainerMethod(ctx, self, name, args);
    case 'object':
    case 'layer':
      if (SELF_RETURNING.has(name)) return self;
      if (self.k === 'object' && (name === 'add_module' || name === 'register_module') && args.pos[0]?.k === 'str' && args.pos[1]) {
        self.attrs.set(args.pos[0].v, args.pos[1]);
      }
      return name === 'register_buffer' || name === 'add_module' || name === 'register_module' ? NONE : UNKNOWN_VALUE;
    default:
      return callValueMethod(ctx, self, name, args);
  }
}

function callExtern(ctx: Context, q: string, args: Args): Value {
  if (q.startsWith('keras.')) return callKeras(ctx, q, args, callValue);
  if (q.startsWith('torch.nn.') && !q.startsWith('torch.nn.functional.') && !q.startsWith('torch.nn.init.') && !q.startsWith('torch.nn.utils.')) {
    return constructNn(ctx, q.slice('torch.nn.'.length), args);
  }
  if (q.startsWith('torch.nn.init.')) return NONE;
  if (q === 'collections.OrderedDict') return callBuiltin(ctx, 'OrderedDict', args);
  if (q.startsWith('math.')) return callMath(q.slice(5), args);
  if (q.startsWith('torch.')) return callTorch(ctx, q, args);
  if (q === 'torchsummary.summary' || q === 'torchinfo.summary') return recordSummary(ctx, q, args), UNKNOWN_VALUE;
  return UNKNOWN_VALUE;
}

export function callValue(ctx: Context, fn: Value, args: Args): Value {
  try {
    switch (fn.k) {
      case 'func':
        return callFunction(ctx, fn, args);
      case 'bound':
        if (isStaticMethod(fn.fn)) return callFunction(ctx, fn.fn, args);
        if (isClassMethod(fn.fn) && fn.self.k === 'object') return callFunction(ctx, fn.fn, args, fn.self.cls);
        return callFunction(ctx, fn.fn, args, fn.self);
      case 'class':
        return instantiate(ctx, fn, args);
      case 'object':
        return fn.cls.framework === 'keras' ? callKerasObject(ctx, fn, args) : callObject(ctx, fn, args);
      case 'layer':
        return fn.framework === 'keras' ? applyKeras(ctx, fn, args, callValue) : callLayer(ctx, fn, args);
      case 'kmodel':
        return applyKeras(ctx, fn, args, callValue);
      case 'container':
        return callContainer(ctx, fn, args);
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
    // An interpreter bug must not take the analysis down: the value is unknown.
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
