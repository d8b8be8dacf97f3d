// Calls the top level makes of a value it does not understand — `MODELS[arch](num_classes=7)`,
// `getattr(sys.modules[__name__], name)(**kwargs)`, `net = build(cfg); net(x, flag=True)` — may
// construct or call any model class of the file. A model with no construction or sample call of
// its own is run with Python's defaults; where such a call could pass a parameter, its value is
// not known, so it is unknown rather than the default (unknown beats a default in place of a
// passed argument).
import type { Args, Context } from './context';
import { findInClass } from './attributes';
import type { ClassValue, FunctionValue } from './values';

const UNKNOWN_ARGS: Args = Object.freeze({ pos: [], kw: new Map(), unknownRest: true });
/** Enough to decide; a file calling more unknown values than this is not made slower by them. */
const MAX_CALLS = 64;

const hasArguments = (args: Args) => args.unknownRest || args.pos.length > 0 || args.kw.size > 0;

/** The parameters of `fn` after `self` that `args` may pass, or undefined when it cannot be a call of `fn`. */
function passedParams(fn: FunctionValue, args: Args): Set<string> | undefined {
  const params = fn.def.params.slice(1);
  const named = params.filter(p => p.kind === 'normal');
  const star = params.some(p => p.kind === 'star');
  const dstar = params.some(p => p.kind === 'dstar');
  if (!star && args.pos.length > named.length) return undefined;
  if (!dstar && [...args.kw.keys()].some(k => !named.some(p => p.name === k))) return undefined;
  if (args.unknownRest) return new Set(named.map(p => p.name));
  return new Set([...named.slice(0, args.pos.length).map(p => p.name), ...args.kw.keys()]);
}

/** Whether `cls(...)` accepts `args`: by count and keyword names. */
function mayConstruct(cls: ClassValue, args: Args): boolean {
  const init = findInClass(cls, '__init__');
  // No __init__ of its own: nn.Module's takes nothing; a container base (nn.Sequential) takes layers.
  if (init?.k !== 'func') return cls.container !== undefined;
  return passedParams(init, args) !== undefined;
}

/**
 * A top-level call of an unknown value. Each model class not yet constructed whose `__init__`
 * could take these arguments is built from unknown arguments; the call is kept for the model
 * runs (lookedUpForwardParams). A call without arguments leaves the defaults, which it would use too.
 */
export function noteLookedUpCall(ctx: Context, args: Args): void {
  if (ctx.phase !== 'module' || ctx.foreign || !hasArguments(args)) return;
  if (ctx.lookedUpCalls.length < MAX_CALLS) ctx.lookedUpCalls.push(args);
  else ctx.lookedUpCalls[MAX_CALLS - 1] = UNKNOWN_ARGS; // past the cap: could pass anything
  for (const cls of ctx.classes) {
    if (!cls.isModule || ctx.samples.get(cls)?.ctor || !mayConstruct(cls, args)) continue;
    ctx.samples.set(cls, { ...ctx.samples.get(cls), ctor: UNKNOWN_ARGS });
  }
}

/** The forward parameters of a model without a sample call that a looked-up call may pass. */
export function lookedUpForwardParams(ctx: Context, forward: FunctionValue): Set<string> {
  const passed = new Set<string>();
  for (const args of ctx.lookedUpCalls) for (const p of passedParams(forward, args) ?? []) passed.add(p);
  return passed;
}
