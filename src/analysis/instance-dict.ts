// `self.__dict__` and `vars(self)` of an instance: its own attributes as a dict, the way config
// classes take their settings (`self.__dict__.update(kwargs)`, minGPT's CfgNode). A write through
// the view under known keys sets those attributes, as `obj.name = value` would; any other write,
// or one whose keys are not known (an unknown mapping, `pop`, `setdefault`, `clear`), makes the
// instance opaque, so every member read later is unknown, never the value it had before. A
// module's `__dict__` is not where nn.Module keeps its children (its `__setattr__` is bypassed):
// a module takes plain settings through it, and any other write makes the module opaque too.
// Reads give an own attribute or unknown.
import type { Args, Context } from './context';
import { noteMutation } from './heap';
import { NONE, type ObjectValue, UNKNOWN_VALUE, type Value, isModuleValue } from './values';

const VIEW = '__dict__';

export type InstanceDict = Extract<Value, { k: 'method' }> & { readonly self: ObjectValue };

/** `obj.__dict__` / `vars(obj)` of an instance. */
export function instanceDict(obj: ObjectValue): InstanceDict {
  return { k: 'method', self: obj, name: VIEW } as InstanceDict;
}

export function isInstanceDict(v: Value): v is InstanceDict {
  return v.k === 'method' && v.name === VIEW && v.self.k === 'object';
}

/** Methods of the view that only read it: their results are not followed, the instance is untouched. */
const READING = new Set(['get', 'keys', 'values', 'items', 'copy', '__contains__', '__len__', '__iter__']);

/** `obj.__dict__.<name>(...)`. */
export function callInstanceDictMethod(ctx: Context, view: InstanceDict, name: string, args: Args): Value {
  if (READING.has(name)) return UNKNOWN_VALUE;
  const obj = view.self;
  noteMutation(ctx, obj);
  const entries = name === 'update' ? updateEntries(args) : undefined;
  if (!entries || (obj.cls.isModule && !entries.every(([key, value]) => plainMember(obj, key, value)))) {
    obj.opaque = true;
    return UNKNOWN_VALUE;
  }
  for (const [key, value] of entries) obj.attrs.set(key, value);
  return NONE;
}

/**
 * A module's own dict may take a plain setting (`self.__dict__.update(config)` in a module's
 * `__init__`): PyTorch's `__setattr__` would store it there too. Not a module or a parameter, which
 * `__setattr__` would have registered and this write does not, nor over a member already
 * registered, which would stay counted behind it.
 */
function plainMember(obj: ObjectValue, key: string, value: Value): boolean {
  const held = obj.attrs.get(key);
  if (held && isRegistered(held)) return false;
  return !isRegistered(value) && value.k !== 'unknown';
}

/** The attributes `dict.update(mapping, **kw)` sets, in order; undefined when not all are known. */
function updateEntries(args: Args): [string, Value][] | undefined {
  if (args.unknownRest || args.pos.length > 1) return undefined;
  const entries: [string, Value][] = [];
  const [mapping] = args.pos;
  if (mapping) {
    if (mapping.k !== 'dict') return undefined;
    for (const [i, key] of mapping.keys.entries()) {
      if (key.k !== 'str') return undefined;
      entries.push([key.v, mapping.values[i]]);
    }
  }
  for (const [key, value] of args.kw) entries.push([key, value]);
  return entries;
}

/** `obj.__dict__[key]`: the own attribute, or unknown (a class attribute is not in it, nor a
 *  module's registered children and parameters). */
export function instanceDictItem(view: InstanceDict, key: Value): Value {
  const obj = view.self;
  if (key.k !== 'str' || obj.opaque) return UNKNOWN_VALUE;
  const own = obj.attrs.get(key.v);
  if (own === undefined || (obj.cls.isModule && isRegistered(own))) return UNKNOWN_VALUE;
  return own;
}

/** What nn.Module's `__setattr__` keeps out of `__dict__`: a module or a parameter. */
const isRegistered = (v: Value): boolean => isModuleValue(v) || (v.k === 'tensor' && v.param === true);

/** `obj.__dict__[key] = value` (the caller noted the mutation). */
export function setInstanceDictItem(view: InstanceDict, key: Value, value: Value): void {
  const obj = view.self;
  if (key.k === 'str' && (!obj.cls.isModule || plainMember(obj, key.v, value))) obj.attrs.set(key.v, value);
  else obj.opaque = true;
}

/** `del obj.__dict__[key]` (the caller noted the mutation). */
export function deleteInstanceDictItem(view: InstanceDict, key: Value): void {
  const obj = view.self;
  if (key.k === 'str' && !obj.cls.isModule) obj.attrs.delete(key.v);
  else obj.opaque = true;
}
