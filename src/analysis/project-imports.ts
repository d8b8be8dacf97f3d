// Import statements when the analysis follows a project's files (module-loader.ts): a name from
// a project module is that module's value (a class, a function, a constant); `import pkg.nets
// as nets` and `from . import layers as L` bind the module itself; `from .parts import *` binds
// its public names (with the framework aliases it imported). What is not a project module
// stays a qualified name, as without a project.
import { type ImportedName, canonicalName, importBindings } from '../python';
import type { Context } from './context';
import type { LoadedModule } from './project';
import type { Scope } from './scope';
import { UNKNOWN_VALUE, type Value } from './values';
import { libraryConstant } from './scalar-libraries';

/** A name outside the project: a library constant (`math.pi`) or a qualified name. */
const external = (q: string): Value => libraryConstant(q) ?? { k: 'extern', q };

const moduleValue = (module: LoadedModule): Value => ({ k: 'module', module });

/** Binds the names of one import statement. */
export function execImport(ctx: Context, names: readonly ImportedName[], scope: Scope): void {
  const loader = ctx.imports;
  if (!loader) {
    for (const b of importBindings(names)) scope.set(b.local, external(b.qname));
    return;
  }
  const dir = ctx.moduleDir;
  for (const n of names) {
    const level = /^\.*/.exec(n.module)![0].length;
    const dotted = n.module.slice(level);
    if (n.name === undefined) {
      // `import a.b as x` binds a.b; `import a.b` binds a (its attribute b is looked up on use).
      const bound = n.alias ? dotted : dotted.split('.')[0];
      const m = level === 0 ? loader.module(bound, 0, dir) : undefined;
      scope.set(n.alias ?? bound, m ? moduleValue(m) : external(canonicalName(bound)));
      continue;
    }
    const m = loader.module(dotted, level, dir);
    if (n.name === '*') {
      if (m) bindStar(m, scope);
      continue;
    }
    let v: Value | undefined = m?.scope.vars.get(n.name);
    if (v === undefined) {
      const sub = loader.module(dotted ? `${dotted}.${n.name}` : n.name, level, dir);
      if (sub) v = moduleValue(sub);
    }
    if (v === undefined && !m) {
      for (const b of importBindings([n])) scope.set(b.local, external(b.qname));
      continue;
    }
    // A project module without that name: defined in a way the analysis does not follow.
    scope.set(n.alias ?? n.name, v ?? UNKNOWN_VALUE);
  }
}

/** `from m import *`: the names in `__all__` when it is a list of strings, else every public name. */
function bindStar(m: LoadedModule, scope: Scope): void {
  const all = m.scope.vars.get('__all__');
  if (all && (all.k === 'list' || all.k === 'tuple') && all.items.every(i => i.k === 'str')) {
    for (const i of all.items) {
      const name = (i as { v: string }).v;
      scope.set(name, m.scope.vars.get(name) ?? UNKNOWN_VALUE);
    }
    return;
  }
  for (const [name, v] of m.scope.vars) if (!name.startsWith('_')) scope.set(name, v);
}

/** An attribute of a module: a top-level name, or a submodule of a package. */
export function moduleAttr(ctx: Context, module: LoadedModule, name: string): Value {
  const v = module.scope.vars.get(name);
  if (module.document) {
    ctx.deps.readName(name, v);
    return v ?? UNKNOWN_VALUE;
  }
  if (v !== undefined) return v;
  const isPackage = module.path === undefined || module.path.endsWith('/__init__.py');
  const sub = isPackage ? ctx.imports?.module(name, 1, module.dir) : undefined;
  return sub ? moduleValue(sub) : UNKNOWN_VALUE;
}
