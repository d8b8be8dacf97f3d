// `resnet.__dict__[name]`, `vars(hrnetv2)[name]`, `globals()[name]`: a module's or class's own
// namespace read under a computed key (a factory picking a builder by name). The view is a value
// of its owner; an item of it is the owner's attribute read as `getattr(owner, key)` reads it
// (module-names.ts), a class's own names only (a base's are not in its `__dict__`). A key not
// known is unknown, never a guess. A store through the view (`globals()[name] = f`) is not
// followed: from then on every item read through a view of that owner is unknown.
import type { Context } from './context';
import { getMember } from './module-names';
import { UNKNOWN_VALUE, type Value } from './values';

type NamespaceOwner = Extract<Value, { k: 'module' | 'class' }>;
type NamespaceView = Extract<Value, { k: 'method' }> & { readonly self: NamespaceOwner };

const VIEW = '__dict__';

/** Owners written through a view: what a store under a computed key changed is not known. */
const written = new WeakSet<object>();

const ownerKey = (owner: NamespaceOwner): object => (owner.k === 'module' ? owner.module : owner);

export function isNamespaceOwner(v: Value): v is NamespaceOwner {
  return v.k === 'module' || v.k === 'class';
}

/** `owner.__dict__` / `vars(owner)`. */
export function namespaceView(owner: NamespaceOwner): Value {
  return { k: 'method', self: owner, name: VIEW };
}

export function isNamespaceView(v: Value): v is NamespaceView {
  return v.k === 'method' && v.name === VIEW && isNamespaceOwner(v.self);
}

/** `owner.__dict__[key]`. */
export function namespaceItem(ctx: Context, view: NamespaceView, key: Value): Value {
  const owner = view.self;
  if (key.k !== 'str' || written.has(ownerKey(owner))) return UNKNOWN_VALUE;
  if (owner.k === 'module') return getMember(ctx, owner, key);
  const own = owner.attrs.get(key.v);
  // A decorated method is held as written: in `__dict__` it is the decorator's object
  // (a classmethod is not callable there), which the analysis does not model.
  if (own === undefined || (own.k === 'func' && own.def.decorators.length > 0)) return UNKNOWN_VALUE;
  return own;
}

/** `owner.__dict__[key] = value` / `del owner.__dict__[key]`. */
export function writeThroughView(view: NamespaceView): void {
  written.add(ownerKey(view.self));
}
