// `sys.modules[__name__]`: the module whose code is running, as a module value, so that
// `getattr(sys.modules[__name__], name)(...)` finds a class or function of the file by a computed
// name. Another name in `sys.modules` (a library's) stays unknown. Reads through it are module
// reads of the document (moduleAttr records them for the incremental cache).
import type { Context } from './context';
import type { LoadedModule } from './project';
import type { Scope } from './scope';
import { UNKNOWN_VALUE, type Value } from './values';

const ownModules = new WeakMap<Scope, LoadedModule>();

/** The module scope (the root of every scope chain). */
function moduleScope(scope: Scope): Scope {
  let s = scope;
  while (s.parent) s = s.parent;
  return s;
}

/** `sys.modules[key]`: the running module when `key` is its `__name__`, else unknown. */
export function sysModulesItem(ctx: Context, scope: Scope, key: Value): Value {
  const name = moduleScope(scope).vars.get('__name__');
  if (key.k !== 'str' || name?.k !== 'str' || key.v !== name.v) return UNKNOWN_VALUE;
  return ownModule(ctx, scope);
}

/** The module whose code is running (`globals()` is its namespace). */
export function ownModule(ctx: Context, scope: Scope): Extract<Value, { k: 'module' }> {
  const root = moduleScope(scope);
  const name = root.vars.get('__name__');
  let m = ownModules.get(root);
  if (!m) {
    const origin = ctx.foreign ?? { path: '', display: '', text: ctx.text, version: '' };
    m = {
      name: name?.k === 'str' ? name.v : '__main__',
      path: undefined,
      dir: '',
      scope: root,
      origin,
      files: new Map(),
      cyclic: false,
      document: !ctx.foreign,
    };
    ownModules.set(root, m);
  }
  return { k: 'module', module: m };
}
