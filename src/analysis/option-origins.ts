// Where a layer's constructor arguments came from when the code does not show it: a value that is
// a command-line option's default (argparse.ts), read directly (`opt.ngf`) or through a module-level
// name bound to it (`ngf = int(opt.ngf)`, then `ngf * 8`). Said in the hover and the hint's
// tooltip: `ngf = 64, the default of --ngf`.
import type { Expr } from '../python';
import { optionOf } from './argparse';
import type { Args, Context } from './context';
import type { Value } from './values';

function valueText(v: Value): string | undefined {
  if (v.k === 'int' || v.k === 'float') return String(v.v);
  if (v.k === 'bool') return v.v ? 'True' : 'False';
  if (v.k === 'str') return JSON.stringify(v.v);
  return undefined;
}

function said(name: string, v: Value): string | undefined {
  const flag = optionOf(v);
  const text = valueText(v);
  return flag && text !== undefined ? `${name} = ${text}, the default of ${flag}` : undefined;
}

/** The names an expression reads (`ngf`), and `name.attr` read from a name (`opt.ngf`). */
function namesIn(e: unknown, into: Set<string>): void {
  if (Array.isArray(e)) for (const x of e) namesIn(x, into);
  else if (e && typeof e === 'object') {
    const node = e as { k?: string; id?: string; obj?: { k?: string; id?: string }; name?: string };
    if (node.k === 'name' && typeof node.id === 'string') into.add(node.id);
    else if (node.k === 'attr' && node.obj?.k === 'name' && typeof node.name === 'string')
      into.add(`${node.obj.id}.${node.name}`);
    else if (node.k === 'lambda' || node.k === 'comp')
      return; // their own scopes
    else for (const [key, v] of Object.entries(e)) if (key !== 'r') namesIn(v, into);
  }
}

/** A name a running function binds itself (a parameter, or assigned in its body's top level). */
function boundLocally(ctx: Context, name: string): boolean {
  return ctx.frames.some(
    f =>
      f.fn.def.params.some(p => p.name === name) ||
      f.fn.def.body.some(s => s.k === 'assign' && s.targets.some(t => t.k === 'name' && t.id === name)),
  );
}

const NO_ORIGINS: readonly string[] = [];

/** False when there is certainly nothing to say: no option's value among the arguments, and no
 *  option bound to a name (most files have no argparse; every constructor call asks). */
function mayHaveOrigins(ctx: Context, args: Args): boolean {
  if (ctx.optionNames.size > 0) return true;
  for (const v of args.pos) if (optionOf(v) !== undefined) return true;
  for (const v of args.kw.values()) if (optionOf(v) !== undefined) return true;
  return false;
}

/** What to say of the arguments of one constructor call. */
export function argumentOrigins(ctx: Context, args: Args): readonly string[] {
  if (ctx.foreign || !mayHaveOrigins(ctx, args)) return NO_ORIGINS;
  const out = new Set<string>();
  const written: [Expr | undefined, Value | undefined][] = [
    ...(args.posExprs ?? []).map((e, i): [Expr | undefined, Value | undefined] => [e, args.pos[i]]),
    ...[...(args.kwExprs ?? [])].map(([k, e]): [Expr, Value | undefined] => [e, args.kw.get(k)]),
  ];
  // Without an option's value in sight (most files have no argparse) there is nothing to say.
  const viaNames = ctx.optionNames.size > 0;
  for (const [e, v] of written) {
    if (!e) continue;
    if (v && optionOf(v) !== undefined) {
      const source = ctx.text.slice(e.r.start, e.r.end);
      const direct = source.length <= 40 ? said(source, v) : undefined;
      if (direct) {
        out.add(direct);
        continue;
      }
    }
    if (!viaNames) continue;
    const names = new Set<string>();
    namesIn(e, names);
    for (const name of names) {
      const [head, attr] = name.split('.');
      const owner = ctx.optionNames.get(head);
      const bound = attr === undefined ? owner : owner?.k === 'object' ? owner.attrs.get(attr) : undefined;
      const text = bound && !boundLocally(ctx, head) ? said(name, bound) : undefined;
      if (text) out.add(text);
    }
  }
  return [...out];
}
