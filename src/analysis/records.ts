// Config records: `@dataclass` classes (defaults, `field(default=..., default_factory=...)`,
// `__post_init__`, inheritance, `dataclasses.replace`), `typing.NamedTuple` classes and
// `collections.namedtuple`. Construction binds arguments like the generated `__init__`; what the
// analysis cannot follow (an unknown `*args`, an option it does not read, a missing argument, a
// base from another file) makes the instance unknown, never a default in place of an argument.
import type { ClassDef, Expr, Stmt } from '../python';
import type { Args } from './context';
import type { Scope } from './scope';
import { type ClassValue, type ObjectValue, UNKNOWN_VALUE, type Value } from './values';

interface Field {
  readonly name: string;
  /** A parameter of the generated `__init__` (not `field(init=False)`). */
  readonly init: boolean;
  /** `InitVar[...]`: passed to `__post_init__`, not stored. */
  readonly initVar: boolean;
  readonly default?: Value;
  /** `default_factory`: called once per instance. */
  readonly factory?: Value;
}

export interface RecordSpec {
  readonly kind: 'dataclass' | 'namedtuple';
  readonly fields: readonly Field[];
  /** Something about the class is not understood: every instance is unknown. */
  readonly opaque: boolean;
}

/** The record view of classes, set when their class statement (or namedtuple call) runs. */
const records = new WeakMap<ClassValue, RecordSpec>();

export const recordOf = (cls: ClassValue): RecordSpec | undefined => records.get(cls);

type Eval = (e: Expr, scope: Scope) => Value;
type Call = (fn: Value, args: Args) => Value;

const externName = (v: Value) => (v.k === 'extern' ? v.q : undefined);

/** The dataclass decorator among a class's decorators: its options, or undefined. */
function dataclassOptions(decorators: readonly Expr[], scope: Scope, evaluate: Eval): { opaque: boolean } | undefined {
  for (const d of decorators) {
    const fn = d.k === 'call' ? d.fn : d;
    if (externName(evaluate(fn, scope)) !== 'dataclasses.dataclass') continue;
    if (d.k !== 'call') return { opaque: false };
    // Options that change the generated __init__ (init=False, kw_only=True) are not followed.
    const known = new Set(['frozen', 'eq', 'repr', 'order', 'unsafe_hash', 'slots', 'match_args', 'weakref_slot']);
    return { opaque: d.args.some(a => !a.name || !known.has(a.name)) };
  }
  return undefined;
}

/** Every decorator of the class is one the analysis follows (only `@dataclass` for now). */
export function decoratorsFollowed(def: ClassDef, scope: Scope, evaluate: Eval): boolean {
  return (def.decorators ?? []).every(d => dataclassOptions([d], scope, evaluate) !== undefined);
}

/** Reads a class statement as a dataclass or NamedTuple class; other classes are left alone. */
export function defineRecord(text: string, cls: ClassValue, def: ClassDef, body: Scope, evaluate: Eval): void {
  const options = dataclassOptions(def.decorators ?? [], body, evaluate);
  const namedTuple = cls.bases.some(b => externName(b) === 'typing.NamedTuple');
  if ((!options && !namedTuple) || cls.isModule) return;
  const inherited: Field[] = [];
  let opaque = options?.opaque ?? false;
  for (const base of cls.bases) {
    const spec = base.k === 'class' ? records.get(base) : undefined;
    if (spec) {
      opaque ||= spec.opaque;
      for (const f of spec.fields) inherited.push(f);
    } else if (
      !(namedTuple && externName(base) === 'typing.NamedTuple') &&
      !(base.k === 'builtin' && base.name === 'object')
    )
      opaque = true;
  }
  const own = classFields(text, def.body, body, evaluate, namedTuple);
  if (!own) opaque = true;
  const fields = [...inherited];
  for (const f of own ?? []) {
    const at = fields.findIndex(x => x.name === f.name);
    if (at >= 0) fields[at] = f;
    else fields.push(f);
  }
  // Python rejects a field without default after one with a default.
  const params = fields.filter(f => f.init);
  const firstDefault = params.findIndex(f => f.default !== undefined || f.factory !== undefined);
  if (firstDefault >= 0 && params.slice(firstDefault).some(f => f.default === undefined && f.factory === undefined))
    opaque = true;
  // A class that writes its own __init__ keeps it.
  if (cls.attrs.has('__init__')) return;
  records.set(cls, { kind: namedTuple ? 'namedtuple' : 'dataclass', fields, opaque });
}

/** Options of `field()` that leave the generated `__init__` as read here (not `kw_only`). */
const FIELD_OPTIONS = new Set(['default', 'default_factory', 'init', 'repr', 'compare', 'hash', 'metadata']);

/** The annotated names of a class body, in order; undefined when a field is not understood. */
function classFields(
  text: string,
  stmts: readonly Stmt[],
  body: Scope,
  evaluate: Eval,
  namedTuple: boolean,
): Field[] | undefined {
  const fields: Field[] = [];
  for (const s of stmts) {
    if (s.k !== 'assign' || !s.annotation) continue;
    const target = s.targets[0];
    if (s.targets.length !== 1 || target.k !== 'name') return undefined;
    const annotation = text.slice(s.annotation.r.start, s.annotation.r.end);
    if (/\bClassVar\b/.test(annotation)) continue;
    // `_: KW_ONLY` makes the fields after it keyword-only: not followed.
    if (/\bKW_ONLY\b/.test(annotation)) return undefined;
    const initVar = /\bInitVar\b/.test(annotation);
    if (!s.value) {
      fields.push({ name: target.id, init: true, initVar });
      continue;
    }
    const v = s.value;
    const isField = !namedTuple && v.k === 'call' && externName(evaluate(v.fn, body)) === 'dataclasses.field';
    if (!isField) {
      // The default is the class attribute the body left, as dataclasses reads it.
      const value = body.vars.get(target.id) ?? UNKNOWN_VALUE;
      // Python refuses a list, dict or set default (ValueError: use default_factory).
      if (!namedTuple && (value.k === 'list' || value.k === 'dict')) return undefined;
      fields.push({ name: target.id, init: true, initVar, default: value });
      continue;
    }
    const options = new Map<string, Value>();
    for (const a of v.args) {
      if (!a.name || !FIELD_OPTIONS.has(a.name)) return undefined;
      options.set(a.name, evaluate(a.value, body));
    }
    const init = options.get('init');
    if (init !== undefined && init.k !== 'bool') return undefined;
    fields.push({
      name: target.id,
      init: init?.k === 'bool' ? init.v : true,
      initVar,
      default: options.get('default'),
      factory: options.get('default_factory'),
    });
  }
  return fields;
}

/** Constructs a record: the generated `__init__`, then `__post_init__`. */
export function constructRecord(
  cls: ClassValue,
  spec: RecordSpec,
  args: Args,
  call: Call,
  postInit: Value | undefined,
): Value {
  if (spec.opaque || args.unknownRest) return UNKNOWN_VALUE;
  const params = spec.fields.filter(f => f.init);
  if (args.pos.length > params.length) return UNKNOWN_VALUE;
  if ([...args.kw.keys()].some(k => !params.some(p => p.name === k))) return UNKNOWN_VALUE;
  const obj: ObjectValue = { k: 'object', cls, attrs: new Map() };
  const initVars: Value[] = [];
  for (const f of spec.fields) {
    const i = params.indexOf(f);
    let value: Value | undefined;
    if (i >= 0 && i < args.pos.length) {
      if (args.kw.has(f.name)) return UNKNOWN_VALUE;
      value = args.pos[i];
    } else if (f.init && args.kw.has(f.name)) value = args.kw.get(f.name);
    else if (f.factory !== undefined) value = call(f.factory, { pos: [], kw: new Map(), unknownRest: false });
    else value = f.default;
    // A missing argument is a TypeError; a field(init=False) without default is simply unset.
    if (value === undefined) {
      if (f.init) return UNKNOWN_VALUE;
      continue;
    }
    if (f.initVar) initVars.push(value);
    else obj.attrs.set(f.name, value);
  }
  if (spec.kind === 'dataclass' && postInit?.k === 'func') {
    call({ k: 'bound', fn: postInit, self: obj }, { pos: initVars, kw: new Map(), unknownRest: false });
  }
  return obj;
}

/** `dataclasses.replace(obj, **changes)` / a namedtuple's `obj._replace(**changes)`: a new
 * instance through `__init__` (and `__post_init__`). */
export function replaceRecord(
  args: Args,
  call: Call,
  postInit: (cls: ClassValue) => Value | undefined,
  kind: RecordSpec['kind'] = 'dataclass',
): Value {
  const [obj] = args.pos;
  if (!obj || obj.k !== 'object' || args.pos.length !== 1 || args.unknownRest) return UNKNOWN_VALUE;
  const spec = records.get(obj.cls);
  if (!spec || spec.kind !== kind || obj.opaque) return UNKNOWN_VALUE;
  const kw = new Map<string, Value>();
  for (const f of spec.fields) {
    if (!f.init) continue;
    const given = args.kw.get(f.name);
    // An InitVar is not stored: replace() needs it given again.
    if (given === undefined && f.initVar) return UNKNOWN_VALUE;
    const current = obj.attrs.get(f.name);
    if (given === undefined && current === undefined) return UNKNOWN_VALUE;
    kw.set(f.name, given ?? current!);
  }
  if ([...args.kw.keys()].some(k => !kw.has(k))) return UNKNOWN_VALUE;
  return constructRecord(obj.cls, spec, { pos: [], kw, unknownRest: false }, call, postInit(obj.cls));
}

/** A namedtuple instance's items in field order (it is a tuple); undefined for anything else. */
export function recordItems(v: Value): Value[] | undefined {
  const spec = v.k === 'object' ? records.get(v.cls) : undefined;
  if (v.k !== 'object' || spec?.kind !== 'namedtuple' || spec.opaque || v.opaque) return undefined;
  const items = spec.fields.map(f => v.attrs.get(f.name));
  return items.every(i => i !== undefined) ? (items as Value[]) : undefined;
}

/** `dataclasses.asdict(obj)` (nested dataclasses, lists, tuples and dicts recursed into) and a
 * namedtuple's `obj._asdict()` (one level). */
export function recordDict(v: Value, kind: RecordSpec['kind']): Value {
  const spec = v.k === 'object' ? records.get(v.cls) : undefined;
  if (v.k !== 'object' || spec?.kind !== kind || spec.opaque || v.opaque) return UNKNOWN_VALUE;
  const deep = (x: Value): Value => {
    if (x.k === 'object') return records.get(x.cls)?.kind === 'dataclass' ? recordDict(x, 'dataclass') : x;
    if (x.k === 'list' || x.k === 'tuple')
      return x.k === 'list' ? { k: 'list', items: x.items.map(deep) } : { k: 'tuple', items: x.items.map(deep) };
    if (x.k === 'dict') return { k: 'dict', keys: [...x.keys], values: x.values.map(deep) };
    return x;
  };
  const keys: Value[] = [];
  const values: Value[] = [];
  for (const f of spec.fields) {
    if (f.initVar) continue;
    const value = v.attrs.get(f.name);
    if (value === undefined) return UNKNOWN_VALUE;
    keys.push({ k: 'str', v: f.name });
    values.push(kind === 'dataclass' ? deep(value) : value);
  }
  return { k: 'dict', keys, values };
}

/** `collections.namedtuple('Name', 'a b' | ['a', 'b'], defaults=[...])`: a record class. */
export function namedTupleClass(args: Args): Value {
  const [name, names] = args.pos;
  if (name?.k !== 'str' || !names || args.unknownRest || args.pos.length > 2) return UNKNOWN_VALUE;
  let fieldNames: string[] | undefined;
  if (names.k === 'str') fieldNames = names.v.replace(/,/g, ' ').split(/\s+/).filter(Boolean);
  else if (names.k === 'list' || names.k === 'tuple') {
    fieldNames = names.items.every(i => i.k === 'str') ? names.items.map(i => (i as { v: string }).v) : undefined;
  }
  if (!fieldNames || fieldNames.some(n => !/^[A-Za-z]\w*$/.test(n))) return UNKNOWN_VALUE;
  const defaultsArg = args.kw.get('defaults');
  const defaults =
    defaultsArg === undefined || defaultsArg.k === 'none'
      ? []
      : defaultsArg.k === 'list' || defaultsArg.k === 'tuple'
        ? defaultsArg.items
        : undefined;
  const others = [...args.kw.keys()].filter(k => k !== 'defaults' && k !== 'module');
  if (!defaults || defaults.length > fieldNames.length || others.length) return UNKNOWN_VALUE;
  const offset = fieldNames.length - defaults.length;
  const range = args.range ?? { start: 0, end: 0 };
  const def: ClassDef = { name: name.v, nameRange: range, bases: [], body: [] };
  const cls: ClassValue = { k: 'class', def, bases: [], attrs: new Map(), isModule: false, framework: undefined };
  const fields = fieldNames.map((n, i) => ({
    name: n,
    init: true,
    initVar: false,
    default: i >= offset ? defaults[i - offset] : undefined,
  }));
  records.set(cls, { kind: 'namedtuple', fields, opaque: false });
  return cls;
}
