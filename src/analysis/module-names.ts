// Members set or read under a name computed at run time: `add_module(name, m)`,
// `register_module`, `setattr(obj, name, v)`, `getattr(obj, name[, default])`,
// `self._modules[name] = m`. A known name behaves as a written one; an unknown name does not drop
// the member silently: the owner becomes `opaque`, and whatever reads its members later is unknown.
import { findInClass, getAttr } from './attributes';
import type { Args, Context } from './context';
import {
  type ClassValue,
  type ContainerValue,
  type ObjectValue,
  UNKNOWN_VALUE,
  type Value,
  isModuleValue,
} from './values';

/** Sets `owner.<name> = value` (a child module of a container keeps its place when replaced). */
export function setMember(owner: Value, name: Value, value: Value): void {
  if (owner.k === 'object') {
    if (name.k === 'str') owner.attrs.set(name.v, value);
    else owner.opaque = true;
  } else if (owner.k === 'container') {
    if (name.k !== 'str') {
      owner.opaque = true;
      return;
    }
    const at = owner.keys.indexOf(name.v);
    if (at >= 0) owner.items[at] = value;
    else (owner.keys.push(name.v), owner.items.push(value));
  } else if (owner.k === 'class' && name.k === 'str') owner.attrs.set(name.v, value);
}

/** `owner.add_module(name, module)` / `register_module`, positional or by keyword. */
export function addModule(owner: Value, args: Args): void {
  const module = args.pos[1] ?? args.kw.get('module');
  if (!module) return;
  // PyTorch takes only a Module or None: anything else here is a value not understood.
  if (!isModuleValue(module) && module.k !== 'none' && (owner.k === 'object' || owner.k === 'container'))
    owner.opaque = true;
  else setMember(owner, args.pos[0] ?? args.kw.get('name') ?? UNKNOWN_VALUE, module);
}

/** The attribute is certainly absent: an instance of classes of this file only (a front end's fully known bases aside). */
function certainlyMissing(ctx: Context, owner: ObjectValue, name: string): boolean {
  if (owner.opaque || name.startsWith('__')) return false;
  const seen = new Set<ClassValue>();
  const known = (cls: ClassValue): boolean => {
    if (seen.has(cls)) return true;
    seen.add(cls);
    return cls.bases.every(b =>
      b.k === 'class'
        ? known(b)
        : (b.k === 'builtin' && b.name === 'object') ||
          (b.k === 'extern' && ctx.frontends.some(f => f.lacksMember?.(b.q, name))),
    );
  };
  return known(owner.cls);
}

/** `getattr(owner, name[, default])`. */
export function getMember(ctx: Context, owner: Value, name: Value, fallback?: Value): Value {
  if (name.k !== 'str') return UNKNOWN_VALUE;
  const found = getAttr(ctx, owner, name.v);
  // getAttr reads a missing attribute of an instance as a method to call later.
  const missing = found.k === 'method' && found.self === owner && owner.k === 'object';
  if (missing) return fallback && certainlyMissing(ctx, owner, name.v) ? fallback : UNKNOWN_VALUE;
  return found;
}

/** `hasattr(owner, name)` when it can be known. */
export function hasMember(ctx: Context, owner: Value, name: Value): Value {
  if (name.k !== 'str' || owner.k !== 'object' || owner.opaque) return UNKNOWN_VALUE;
  if (owner.attrs.has(name.v) || findInClass(owner.cls, name.v) !== undefined) return { k: 'bool', v: true };
  return certainlyMissing(ctx, owner, name.v) ? { k: 'bool', v: false } : UNKNOWN_VALUE;
}

/** Members were added under a name that is not known. */
export function isOpaque(v: Value): v is (ObjectValue | ContainerValue) & { opaque: true } {
  return (v.k === 'object' || v.k === 'container') && v.opaque === true;
}

/** `self._modules`: a view whose items are the owner's members. */
export function modulesView(owner: ObjectValue | ContainerValue): Value {
  return { k: 'method', self: owner, name: '_modules' };
}

export function isModulesView(v: Value): v is Extract<Value, { k: 'method' }> {
  return v.k === 'method' && v.name === '_modules' && (v.self.k === 'object' || v.self.k === 'container');
}
