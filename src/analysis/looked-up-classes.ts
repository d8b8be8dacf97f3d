// Classes the top level may construct through a lookup it does not understand:
// `getattr(sys.modules[__name__], name)(**kwargs)`, `MODELS[arch](num_classes=7)`. A model class
// with no construction of its own is run with its defaults; when such a call could be its
// construction, the arguments it passes are not known, so neither are the constructor's
// parameters (unknown beats a default in place of a passed argument).
import type { Args, Context } from './context';
import { findInClass } from './attributes';
import type { ClassValue } from './values';

const UNKNOWN_ARGS: Args = Object.freeze({ pos: [], kw: new Map(), unknownRest: true });

/** Whether `cls.__init__` accepts the arguments of `args` (by count and keyword names). */
function mayConstruct(cls: ClassValue, args: Args): boolean {
  const init = findInClass(cls, '__init__');
  // No __init__ of its own: nn.Module's takes nothing; a container base (nn.Sequential) takes layers.
  if (init?.k !== 'func') return cls.container !== undefined;
  const params = init.def.params.slice(1); // self
  const star = params.some(p => p.kind === 'star');
  const dstar = params.some(p => p.kind === 'dstar');
  const named = params.filter(p => p.kind === 'normal');
  if (!star && args.pos.length > named.length) return false;
  return dstar || [...args.kw.keys()].every(k => named.some(p => p.name === k));
}

/**
 * A call at the top level whose callee, a lookup result (a call or a subscript), is unknown: each
 * model class not yet constructed whose `__init__` could take these arguments is built from
 * unknown arguments. A call without arguments leaves the defaults, which it would use too.
 */
export function noteLookedUpConstruction(ctx: Context, args: Args): void {
  if (ctx.phase !== 'module' || ctx.foreign) return;
  if (!args.unknownRest && args.pos.length === 0 && args.kw.size === 0) return;
  for (const cls of ctx.classes) {
    if (!cls.isModule || ctx.samples.get(cls)?.ctor || !mayConstruct(cls, args)) continue;
    ctx.samples.set(cls, { ...ctx.samples.get(cls), ctor: UNKNOWN_ARGS });
  }
}
