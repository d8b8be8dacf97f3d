// What branches and loops that may not run do to mutable values (lists, dicts, module containers,
// object and class attributes). Names are joined by the interpreter; values reached through them
// are shared, so a region that may not run logs each value's contents before its first mutation
// there (a write barrier at the mutation sites). Afterwards the contents of every path are
// joined in place: what all paths agree on stays known, a length or key set that differs is
// forgotten (forget.ts), so `layers.append(...)` in an unknown `if` or loop never leaves exactly
// one path's list behind.
import { sameFields } from './receptive';
import type { Context } from './context';
import { forgetContents } from './forget';
import { UNKNOWN_VALUE, type Value, join, keyOf } from './values';

/** A value's contents, copied one level deep. */
interface Contents {
  readonly items?: Value[];
  readonly keys?: (Value | string)[];
  readonly values?: Value[];
  readonly attrs?: Map<string, Value>;
}

type Mutable = Extract<Value, { k: 'list' | 'dict' | 'container' | 'object' | 'class' }>;

/** One open region: each value's contents before the region first mutated it. */
export type Region = Map<Mutable, Contents>;

const open = new WeakMap<Context, Region[]>();

const MUTATING_METHODS = new Set([
  'append',
  'extend',
  'insert',
  'pop',
  'remove',
  'clear',
  'sort',
  'reverse',
  'update',
  'setdefault',
  'popitem',
  'add_module',
  'register_module',
]);

function isMutable(v: Value): v is Mutable {
  return v.k === 'list' || v.k === 'dict' || v.k === 'container' || v.k === 'object' || v.k === 'class';
}

function contentsOf(v: Mutable): Contents {
  switch (v.k) {
    case 'list':
      return { items: [...v.items] };
    case 'dict':
      return { keys: [...v.keys], values: [...v.values] };
    case 'container':
      return { keys: [...v.keys], items: [...v.items] };
    default:
      return { attrs: new Map(v.attrs) };
  }
}

function setContents(v: Mutable, c: Contents): void {
  if (v.k !== 'list' && v.k !== 'dict' && v.k !== 'container' && v.k !== 'object' && v.k !== 'class') return; // forgotten since
  if (v.k === 'list') v.items.splice(0, v.items.length, ...c.items!);
  else if (v.k === 'dict')
    (v.keys.splice(0, v.keys.length, ...(c.keys as Value[])), v.values.splice(0, v.values.length, ...c.values!));
  else if (v.k === 'container')
    (v.keys.splice(0, v.keys.length, ...(c.keys as string[])), v.items.splice(0, v.items.length, ...c.items!));
  else {
    for (const k of [...v.attrs.keys()]) if (!c.attrs!.has(k)) v.attrs.delete(k);
    for (const [k, x] of c.attrs!) if (v.attrs.get(k) !== x) v.attrs.set(k, x);
  }
}

/** Called before `v` is mutated: logs its contents in every open region that has not yet. */
export function noteMutation(ctx: Context, v: Value): void {
  const regions = open.get(ctx);
  if (!regions?.length) return;
  const changed = ownerOfView(v) ?? v;
  if (!isMutable(changed)) return;
  for (const r of regions) if (!r.has(changed)) r.set(changed, contentsOf(changed));
}

/** A view of an owner's members (`self._modules`, `self.__dict__`): a write through it changes the owner. */
function ownerOfView(v: Value): Value | undefined {
  if (v.k !== 'method' || (v.name !== '_modules' && v.name !== '__dict__')) return undefined;
  return v.self.k === 'object' || v.self.k === 'container' ? v.self : undefined;
}

/** `self.method(...)` on a list, dict or container: logged when the method mutates. */
export function noteMethodMutation(ctx: Context, v: Value, name: string): void {
  if (MUTATING_METHODS.has(name)) noteMutation(ctx, v);
}

/** Opens a region that a later `closeRegion` ends (one that spans statements: loop-exits.ts). */
export function openRegion(ctx: Context, region: Region): void {
  let regions = open.get(ctx);
  if (!regions) open.set(ctx, (regions = []));
  regions.push(region);
}

export function closeRegion(ctx: Context, region: Region): void {
  const regions = open.get(ctx);
  const at = regions ? regions.lastIndexOf(region) : -1;
  if (at >= 0) regions!.splice(at, 1);
}

/** Runs `f` as a region that may not run; returns what it logged. */
export function inRegion<T>(ctx: Context, region: Region, f: () => T): T {
  let regions = open.get(ctx);
  if (!regions) open.set(ctx, (regions = []));
  regions.push(region);
  try {
    return f();
  } finally {
    regions.pop();
  }
}

/** The current contents of every value the region logged. */
export function captureRegion(region: Region): Map<Mutable, Contents> {
  const out = new Map<Mutable, Contents>();
  for (const [v, before] of region) {
    if (!isMutable(v)) continue; // forgotten: for good
    const now = contentsOf(v);
    if (!sameContents(now, before)) out.set(v, now);
  }
  return out;
}

/** Puts every logged value back as it was before the region (to run another branch). */
export function rewindRegion(region: Region): void {
  for (const [v, c] of region) setContents(v, c);
}

function joinSeq(a: readonly Value[], b: readonly Value[]): Value[] {
  return a.map((x, i) => join(x, b[i]));
}

/** Joins two contents of one value; undefined when they cannot be joined (forget it). */
function joinContents(v: Mutable, a: Contents, b: Contents): Contents | undefined {
  if (v.k === 'object' || v.k === 'class') {
    const attrs = new Map(a.attrs);
    // An attribute set on one path only: on the others reading it raises, so its value is this one.
    for (const [k, x] of b.attrs!) attrs.set(k, attrs.has(k) ? join(attrs.get(k)!, x) : x);
    return { attrs };
  }
  const ak = a.keys?.map(k => (typeof k === 'string' ? k : keyOf(k)));
  const bk = b.keys?.map(k => (typeof k === 'string' ? k : keyOf(k)));
  if (ak && (ak.length !== bk!.length || ak.some((k, i) => k === undefined || k !== bk![i]))) return undefined;
  if (a.items && a.items.length !== b.items!.length) return undefined;
  return {
    keys: a.keys,
    items: a.items && joinSeq(a.items, b.items!),
    values: a.values && joinSeq(a.values, b.values!),
  };
}

function sameContents(a: Contents, b: Contents): boolean {
  const same = (x?: readonly unknown[], y?: readonly unknown[]) =>
    x === y ||
    (!!x && !!y && x.length === y.length && x.every((e, i) => e === y[i] || sameValue(e as Value, y[i] as Value)));
  if (a.attrs || b.attrs)
    return (
      !!a.attrs &&
      !!b.attrs &&
      a.attrs.size === b.attrs.size &&
      [...a.attrs].every(([k, x]) => b.attrs!.has(k) && sameValue(x, b.attrs!.get(k)!))
    );
  return same(a.items, b.items) && same(a.values, b.values) && same(a.keys as unknown[], b.keys as unknown[]);
}

/** The same abstract value: one object, or equal plain data (numbers, shapes, tuples of them). */
export function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a.k !== b.k) return false;
  if (a.k === 'unknown' || a.k === 'none') return true;
  if (a.k === 'int' || a.k === 'float' || a.k === 'str' || a.k === 'bool') return a.v === (b as typeof a).v;
  if (a.k === 'dim') return JSON.stringify(a.d) === JSON.stringify((b as typeof a).d);
  if (a.k === 'tensor') {
    const s = a.shape,
      t = (b as typeof a).shape;
    // The receptive field too: a loop that grows it has not reached its fixpoint.
    return (
      (s === t ||
        (!!s &&
          !!t &&
          s.length === t.length &&
          s.every((d, i) => d === t[i] || JSON.stringify(d) === JSON.stringify(t[i])))) &&
      sameFields(a.rf, (b as typeof a).rf)
    );
  }
  if (a.k === 'tuple' || a.k === 'list')
    return (
      a.items.length === (b as typeof a).items.length && a.items.every((x, i) => sameValue(x, (b as typeof a).items[i]))
    );
  return false;
}

/** Values reachable from `roots` (one-level contents, transitively) among `targets`; all of
 *  them when the walk is over `limit` nodes (a value may then have existed before: joined). */
export function reachableAmong(roots: readonly Value[], targets: ReadonlySet<object>, limit = 20_000): Set<object> {
  const found = new Set<object>();
  const seen = new Set<object>();
  const stack = [...roots];
  while (stack.length && found.size < targets.size) {
    const v = stack.pop()!;
    if (seen.has(v)) continue;
    if (seen.size >= limit) return new Set(targets);
    seen.add(v);
    if (targets.has(v)) found.add(v);
    if (v.k === 'list' || v.k === 'tuple') stack.push(...v.items);
    else if (v.k === 'dict') stack.push(...v.keys, ...v.values);
    else if (v.k === 'container' || v.k === 'kmodel') stack.push(...v.items);
    else if (v.k === 'object' || v.k === 'class') stack.push(...v.attrs.values());
    else if (v.k === 'bound' || v.k === 'method' || v.k === 'super') stack.push(v.self);
  }
  return found;
}

/**
 * Sets every logged value to the join of its contents over `paths` (each path's captured
 * contents). A path that did not log a value left it as before the region, if it existed then
 * (`existed`); a value made inside the region is joined over the paths that made it only.
 * Returns whether any value's contents changed from before.
 */
export function joinRegion(
  region: Region,
  paths: readonly Map<Mutable, Contents>[],
  existed: ReadonlySet<object>,
  widen = false,
): boolean {
  let changed = false;
  for (const [v, before] of region) {
    if (!isMutable(v)) {
      changed ||= existed.has(v);
      continue;
    }
    const states = paths
      .map(p => p.get(v) ?? (existed.has(v) ? before : undefined))
      .filter((s): s is Contents => s !== undefined);
    if (states.length === 0) continue;
    let joined: Contents | undefined = states[0];
    for (const s of states.slice(1)) joined = joined && joinContents(v, joined, s);
    const differs = !joined || !sameContents(joined, before);
    if (existed.has(v) && differs) changed = true;
    // Widening (a loop still changing it): what changed becomes unknown.
    if (joined && widen && differs && existed.has(v)) joined = widenContents(joined, before);
    if (joined) setContents(v, joined);
    else forgetContents(v);
  }
  return changed;
}

function widenContents(c: Contents, before: Contents): Contents | undefined {
  if (!c.attrs) return undefined;
  const attrs = new Map(c.attrs);
  for (const [k, x] of attrs)
    if (!before.attrs!.has(k) || !sameValue(before.attrs!.get(k)!, x)) attrs.set(k, UNKNOWN_VALUE);
  return { attrs };
}
