// Python builtins and methods of built-in values that model code uses: range, len, zip,
// enumerate, int, min/max, isinstance, OrderedDict, list.append, dict.items, math.*.
import { type Dim, isKnown } from '../engine';
import { allotItems } from './budget';
import type { Args, Context } from './context';
import { iterate } from './items';
import { getMember, hasMember, setMember } from './module-names';
import { joinStrings, pyStr, strFormat } from './strings';
import { NONE, UNKNOWN_VALUE, type Value, asDim, dimValue, keyOf } from './values';
import { forgetContents } from './forget';
import { noteMethodMutation, noteMutation } from './heap';
import { instanceDict } from './instance-dict';
import { isNamespaceOwner, namespaceView } from './namespace-view';

export const BUILTIN_NAMES = new Set([
  'range',
  'len',
  'zip',
  'enumerate',
  'int',
  'float',
  'bool',
  'str',
  'list',
  'tuple',
  'dict',
  'min',
  'max',
  'sum',
  'abs',
  'round',
  'isinstance',
  'hasattr',
  'getattr',
  'setattr',
  'object',
  'print',
  'super',
  'sorted',
  'reversed',
  'OrderedDict',
  'Ellipsis',
  'set',
  'any',
  'all',
  'map',
  'vars',
  'globals',
]);

const list = (items: Value[]): Value => ({ k: 'list', items });

function numberOf(v: Value | undefined): number | undefined {
  if (!v) return undefined;
  if (v.k === 'int' || v.k === 'float') return v.v;
  if (v.k === 'bool') return v.v ? 1 : 0;
  return undefined;
}

function rangeOf(ctx: Context, args: Args): Value {
  const ns = args.pos.map(v => (v.k === 'int' ? v.v : v.k === 'bool' ? +v.v : undefined));
  if (ns.some(n => n === undefined) || ns.length === 0 || ns.length > 3) return UNKNOWN_VALUE;
  const [start, stop, step] = ns.length === 1 ? [0, ns[0]!, 1] : [ns[0]!, ns[1]!, ns[2] ?? 1];
  if (step === 0) return UNKNOWN_VALUE;
  const count = Math.max(0, Math.ceil((stop - start) / step));
  if (count > ctx.limits.maxLoop) return UNKNOWN_VALUE;
  return list(Array.from({ length: count }, (_, i) => ({ k: 'int', v: start + i * step })));
}

function minMax(which: 'min' | 'max', args: Args): Value {
  if (args.kw.has('key')) return UNKNOWN_VALUE; // ordered by a function's values
  const items = args.pos.length === 1 ? iterate(args.pos[0]) : args.pos;
  if (!items || items.length === 0) return UNKNOWN_VALUE;
  const ns = items.map(numberOf);
  if (ns.every(n => n !== undefined)) {
    const best = which === 'min' ? Math.min(...(ns as number[])) : Math.max(...(ns as number[]));
    return items[ns.indexOf(best)];
  }
  return UNKNOWN_VALUE;
}

function toInt(v: Value | undefined): Value {
  if (!v) return { k: 'int', v: 0 };
  if (v.k === 'int' || v.k === 'dim') return v;
  if (v.k === 'float') return { k: 'int', v: Math.trunc(v.v) };
  if (v.k === 'bool') return { k: 'int', v: v.v ? 1 : 0 };
  if (v.k === 'str' && /^\s*[-+]?\d+\s*$/.test(v.v)) return { k: 'int', v: parseInt(v.v, 10) };
  return UNKNOWN_VALUE;
}

function dictFrom(ctx: Context, args: Args): Value {
  const keys: Value[] = [];
  const values: Value[] = [];
  const src = args.pos[0];
  const size = src?.k === 'dict' ? src.keys.length : src?.k === 'list' || src?.k === 'tuple' ? src.items.length : 0;
  if (!allotItems(ctx, 2 * size)) return UNKNOWN_VALUE;
  if (src) {
    if (src.k === 'dict') (keys.push(...src.keys), values.push(...src.values));
    else {
      const pairs = iterate(src);
      if (!pairs) return UNKNOWN_VALUE;
      for (const p of pairs) {
        const kv = iterate(p);
        if (!kv || kv.length !== 2) return UNKNOWN_VALUE;
        keys.push(kv[0]);
        values.push(kv[1]);
      }
    }
  }
  for (const [k, v] of args.kw) (keys.push({ k: 'str', v: k }), values.push(v));
  return { k: 'dict', keys, values };
}

/** `len(x)`: sequences, dicts, containers, a tensor's first axis. */
function lengthOf(v: Value | undefined): Value {
  if (!v) return UNKNOWN_VALUE;
  if (v.k === 'tensor') return v.shape && v.shape.length > 0 ? dimValue(v.shape[0]) : UNKNOWN_VALUE;
  const items = iterate(v);
  return items ? { k: 'int', v: items.length } : UNKNOWN_VALUE;
}

type BuiltinHandler = (ctx: Context, args: Args) => Value;

const sequenceOf =
  (name: 'list' | 'tuple' | 'sorted' | 'reversed' | 'set'): BuiltinHandler =>
  (ctx, args) => {
    const a = args.pos[0];
    const items = a ? iterate(a) : [];
    if (!items || !allotItems(ctx, items.length)) return UNKNOWN_VALUE;
    if (name === 'reversed') items.reverse();
    if (name === 'sorted') {
      const ns = items.map(numberOf);
      const reverse = args.kw.get('reverse') ?? { k: 'bool', v: false };
      // `key=` orders by a function's values; `reverse=` must be known.
      if (!ns.every(n => n !== undefined) || args.kw.has('key') || reverse.k !== 'bool') return UNKNOWN_VALUE;
      // Stable either way, as Python's: equal items keep their order.
      const sign = reverse.v ? -1 : 1;
      items.sort((x, y) => sign * (numberOf(x)! - numberOf(y)!));
    }
    return name === 'tuple' ? { k: 'tuple', items } : list(items);
  };

/** One handler per builtin; a name of BUILTIN_NAMES without one gives unknown. */
const BUILTINS: Readonly<Record<string, BuiltinHandler>> = {
  range: rangeOf,
  len: (_ctx, args) => lengthOf(args.pos[0]),
  zip: (ctx, args) => {
    const lists = args.pos.map(iterate);
    if (lists.some(l => !l)) return UNKNOWN_VALUE;
    const n = Math.min(...lists.map(l => l!.length));
    if (!allotItems(ctx, n * (lists.length + 1))) return UNKNOWN_VALUE;
    return list(Array.from({ length: n }, (_, i) => ({ k: 'tuple', items: lists.map(l => l![i]) })));
  },
  enumerate: (ctx, args) => {
    const [a, b] = args.pos;
    const items = a && iterate(a);
    const start = numberOf(b ?? args.kw.get('start')) ?? 0;
    if (items && !allotItems(ctx, 3 * items.length)) return UNKNOWN_VALUE;
    return items ? list(items.map((v, i) => ({ k: 'tuple', items: [{ k: 'int', v: start + i }, v] }))) : UNKNOWN_VALUE;
  },
  int: (_ctx, args) => toInt(args.pos[0]),
  float: (_ctx, args) => {
    const n = numberOf(args.pos[0]);
    return n === undefined ? UNKNOWN_VALUE : { k: 'float', v: n };
  },
  bool: () => UNKNOWN_VALUE,
  str: (ctx, args) => {
    const text = args.pos.length === 1 ? pyStr(args.pos[0]) : args.pos.length === 0 ? '' : undefined;
    return text === undefined || !allotItems(ctx, text.length) ? UNKNOWN_VALUE : { k: 'str', v: text };
  },
  getattr: (ctx, { pos: [owner, name, fallback] }) =>
    owner && name ? getMember(ctx, owner, name, fallback) : UNKNOWN_VALUE,
  // `vars(module)` / `vars(Cls)`: its namespace; `vars(obj)`: an instance's own attributes
  // (instance-dict.ts); `vars()`, the locals, is not modelled.
  vars: (_ctx, { pos, kw }) => {
    if (pos.length !== 1 || kw.size !== 0) return UNKNOWN_VALUE;
    const [owner] = pos;
    return isNamespaceOwner(owner) ? namespaceView(owner) : owner.k === 'object' ? instanceDict(owner) : UNKNOWN_VALUE;
  },
  setattr: (ctx, { pos: [owner, name, value] }) => {
    // Logged like `obj.name = value`: in a branch that may not run, the old value is not lost.
    if (owner) noteMutation(ctx, owner);
    if (owner && name && value) setMember(owner, name, value);
    return NONE;
  },
  list: sequenceOf('list'),
  tuple: sequenceOf('tuple'),
  sorted: sequenceOf('sorted'),
  reversed: sequenceOf('reversed'),
  set: sequenceOf('set'),
  dict: dictFrom,
  OrderedDict: dictFrom,
  min: (_ctx, args) => minMax('min', args),
  max: (_ctx, args) => minMax('max', args),
  sum: (_ctx, args) => {
    const items = args.pos[0] && iterate(args.pos[0]);
    const ns = items?.map(numberOf);
    if (!ns || !ns.every(n => n !== undefined)) return UNKNOWN_VALUE;
    const total = (ns as number[]).reduce((s, n) => s + n, 0);
    return items!.every(i => i.k === 'int' || i.k === 'bool') ? { k: 'int', v: total } : { k: 'float', v: total };
  },
  abs: (_ctx, args) => {
    const a = args.pos[0];
    const n = numberOf(a);
    return n === undefined
      ? UNKNOWN_VALUE
      : a!.k === 'float'
        ? { k: 'float', v: Math.abs(n) }
        : { k: 'int', v: Math.abs(n) };
  },
  round: (_ctx, args) => {
    const n = numberOf(args.pos[0]);
    if (n === undefined || args.pos[1]) return UNKNOWN_VALUE;
    // Python rounds half to even.
    const r = Math.abs(n % 1) === 0.5 ? 2 * Math.round(n / 2) : Math.round(n);
    return { k: 'int', v: r };
  },
  isinstance: (ctx, args) => isinstance(ctx, args.pos[0], args.pos[1]),
  hasattr: (ctx, { pos: [owner, name] }) => (owner && name ? hasMember(ctx, owner, name) : UNKNOWN_VALUE),
  print: () => NONE,
};

export function callBuiltin(ctx: Context, name: string, args: Args): Value {
  const handler = Object.prototype.hasOwnProperty.call(BUILTINS, name) ? BUILTINS[name] : undefined;
  return handler ? handler(ctx, args) : UNKNOWN_VALUE;
}

const BUILTIN_TYPES = new Set([
  'int',
  'float',
  'bool',
  'str',
  'list',
  'tuple',
  'dict',
  'set',
  'frozenset',
  'bytes',
  'complex',
]);

function isinstance(ctx: Context, v: Value | undefined, t: Value | undefined): Value {
  if (!v || !t) return UNKNOWN_VALUE;
  const types = t.k === 'tuple' ? t.items : [t];
  const names = types.map(x => (x.k === 'builtin' ? x.name : x.k === 'extern' ? x.q : undefined));
  if (names.some(n => n === undefined)) return UNKNOWN_VALUE;
  if (names.every(n => BUILTIN_TYPES.has(n!))) return builtinInstance(v, names as string[]);
  // A framework's classes among them (`isinstance(m, nn.Linear)`): its front end knows its modules.
  const answers = names.map(n => instanceOfOne(ctx, v, n!));
  if (answers.includes(true)) return { k: 'bool', v: true };
  return answers.every(a => a === false) ? { k: 'bool', v: false } : UNKNOWN_VALUE;
}

/** The builtin type of a value of that kind. */
const BUILTIN_KIND: Partial<Record<Value['k'], string>> = {
  int: 'int',
  float: 'float',
  bool: 'bool',
  str: 'str',
  list: 'list',
  tuple: 'tuple',
  dict: 'dict',
};

/** isinstance with builtin types only. */
function builtinInstance(v: Value, names: readonly string[]): Value {
  // A tensor (a PyTorch or Keras tensor, a NumPy array) is an instance of no builtin type; a
  // PackedSequence, carried as a tensor value, is a namedtuple.
  if (v.k === 'tensor' && !v.packed) return { k: 'bool', v: false };
  const own = BUILTIN_KIND[v.k];
  if (!own) return UNKNOWN_VALUE;
  const match = names.some(n => n === own || (n === 'int' && own === 'bool'));
  return { k: 'bool', v: match };
}

/** One type of a tuple: a builtin type's answer is isinstance's own; a framework class's, its front end's. */
function instanceOfOne(ctx: Context, v: Value, q: string): boolean | undefined {
  if (BUILTIN_TYPES.has(q)) {
    const own = builtinInstance(v, [q]);
    return own.k === 'bool' ? own.v : undefined;
  }
  for (const f of ctx.frontends) {
    const answer = f.instanceOf?.(v, q);
    if (answer !== undefined) return answer;
  }
  // A value of a builtin type is an instance of none of the other classes.
  return BUILTIN_KIND[v.k] ? false : undefined;
}

type MathHandler = (n: number | undefined, a: Value | undefined) => Value;

const MATH: Readonly<Record<string, MathHandler>> = {
  ceil: n => (n === undefined ? UNKNOWN_VALUE : { k: 'int', v: Math.ceil(n) }),
  floor: n => (n === undefined ? UNKNOWN_VALUE : { k: 'int', v: Math.floor(n) }),
  sqrt: n => (n === undefined || n < 0 ? UNKNOWN_VALUE : { k: 'float', v: Math.sqrt(n) }),
  log2: n => (n === undefined || n <= 0 ? UNKNOWN_VALUE : { k: 'float', v: Math.log2(n) }),
  prod: (_n, a) => {
    const items = a && iterate(a);
    const ns = items?.map(numberOf);
    return ns && ns.every(x => x !== undefined)
      ? { k: 'int', v: (ns as number[]).reduce((p, x) => p * x, 1) }
      : UNKNOWN_VALUE;
  },
};

/** `math.ceil`, `math.floor`, `math.sqrt`, `math.prod`, `math.log2`. */
export function callMath(name: string, args: Args): Value {
  const [a] = args.pos;
  const handler = Object.prototype.hasOwnProperty.call(MATH, name) ? MATH[name] : undefined;
  return handler ? handler(numberOf(a), a) : UNKNOWN_VALUE;
}

type ListValue = Extract<Value, { k: 'list' }>;
type DictValue = Extract<Value, { k: 'dict' }>;
type TupleValue = Extract<Value, { k: 'tuple' }>;
type MethodHandler<T> = (self: T, args: Args) => Value;

const LIST_METHODS: Readonly<Record<string, MethodHandler<ListValue>>> = {
  append: (self, { pos: [a] }) => {
    if (a) self.items.push(a);
    return NONE;
  },
  extend: (self, { pos: [a] }) => {
    const items = a && iterate(a);
    if (items) for (const x of items) self.items.push(x);
    else forgetContents(self);
    return NONE;
  },
  insert: (self, { pos: [a, b] }) => {
    if (a?.k === 'int' && b) self.items.splice(a.v < 0 ? self.items.length + a.v : a.v, 0, b);
    else forgetContents(self);
    return NONE;
  },
  pop: (self, { pos: [a] }) => {
    if (a && a.k !== 'int') return (forgetContents(self), UNKNOWN_VALUE);
    const i = a?.k === 'int' ? a.v : -1;
    const at = i < 0 ? self.items.length + i : i;
    return at >= 0 && at < self.items.length ? self.items.splice(at, 1)[0] : UNKNOWN_VALUE;
  },
  copy: self => list([...self.items]),
};

const DICT_METHODS: Readonly<Record<string, MethodHandler<DictValue>>> = {
  items: self => list(self.keys.map((k, i) => ({ k: 'tuple', items: [k, self.values[i]] }))),
  keys: self => list([...self.keys]),
  values: self => list([...self.values]),
  get: (self, { pos: [a, b] }) => {
    const key = a && keyOf(a);
    const at = key === undefined ? -1 : self.keys.findIndex(k => keyOf(k) === key);
    if (at >= 0) return self.values[at];
    // The default only when the key is certainly absent.
    return key !== undefined && self.keys.every(k => keyOf(k) !== undefined) ? (b ?? NONE) : UNKNOWN_VALUE;
  },
  // The value under a key, removed; the default only when the key is certainly absent.
  pop: (self, { pos: [a, b] }) => {
    const key = a && keyOf(a);
    const at = key === undefined ? -1 : self.keys.findIndex(k => keyOf(k) === key);
    if (at >= 0) {
      self.keys.splice(at, 1);
      return self.values.splice(at, 1)[0];
    }
    if (b !== undefined && key !== undefined && self.keys.every(k => keyOf(k) !== undefined)) return b;
    forgetContents(self);
    return UNKNOWN_VALUE;
  },
  update: (self, args) => {
    const a = args.pos[0];
    if (a?.k === 'dict') a.keys.forEach((k, i) => setDict(self, k, a.values[i]));
    for (const [k, v] of args.kw) setDict(self, { k: 'str', v: k }, v);
    return NONE;
  },
  copy: self => ({ k: 'dict', keys: [...self.keys], values: [...self.values] }),
};

type StrValue = Extract<Value, { k: 'str' }>;
const str = (text: string | undefined): Value => (text === undefined ? UNKNOWN_VALUE : { k: 'str', v: text });
const strArg = (v: Value | undefined): string | undefined => (v?.k === 'str' ? v.v : undefined);

const STR_METHODS: Readonly<Record<string, MethodHandler<StrValue>>> = {
  format: (self, args) => (args.unknownRest ? UNKNOWN_VALUE : str(strFormat(self.v, args.pos, args.kw))),
  join: (self, { pos: [items] }) => str(items && joinStrings(self.v, iterate(items))),
  lower: self => str(self.v.toLowerCase()),
  upper: self => str(self.v.toUpperCase()),
  replace: (self, { pos: [a, b, n] }) => {
    const from = strArg(a),
      to = strArg(b);
    return from === undefined || to === undefined || n || from === ''
      ? UNKNOWN_VALUE
      : str(self.v.split(from).join(to));
  },
  startswith: (self, { pos: [a] }) =>
    strArg(a) === undefined ? UNKNOWN_VALUE : { k: 'bool', v: self.v.startsWith(strArg(a)!) },
  endswith: (self, { pos: [a] }) =>
    strArg(a) === undefined ? UNKNOWN_VALUE : { k: 'bool', v: self.v.endsWith(strArg(a)!) },
  // Without a separator, Python splits on runs of whitespace and drops empty pieces.
  split: (self, { pos, kw }) => {
    const sep = pos[0] ?? kw.get('sep');
    if (pos.length > 1 || kw.has('maxsplit') || (sep && sep.k !== 'none' && (strArg(sep) ?? '') === ''))
      return UNKNOWN_VALUE;
    const parts = sep && sep.k !== 'none' ? self.v.split(strArg(sep)!) : self.v.split(/\s+/).filter(Boolean);
    return list(parts.map(p => ({ k: 'str', v: p })));
  },
  strip: (self, { pos }) => (pos.length ? UNKNOWN_VALUE : str(self.v.trim())),
  isdigit: self => ({ k: 'bool', v: /^\d+$/.test(self.v) }),
};

const TUPLE_METHODS: Readonly<Record<string, MethodHandler<TupleValue>>> = {
  index: (self, { pos: [a] }) => {
    if (!a) return UNKNOWN_VALUE;
    const key = keyOf(a);
    const at = self.items.findIndex(i => keyOf(i) === key);
    return at >= 0 ? { k: 'int', v: at } : UNKNOWN_VALUE;
  },
};

function handlerOf<T>(table: Readonly<Record<string, MethodHandler<T>>>, name: string): MethodHandler<T> | undefined {
  return Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}

/** Methods of lists, dicts and strings. Mutating methods change the value in place. */
export function callValueMethod(ctx: Context, self: Value, name: string, args: Args): Value {
  const a = args.pos[0];
  noteMethodMutation(ctx, self, name);
  // Methods that copy a whole list or dict, or grow one by another.
  const copies = ['copy', 'items', 'keys', 'values', 'extend', 'update'].includes(name);
  const size = (v: Value | undefined) =>
    v?.k === 'list' || v?.k === 'tuple' ? v.items.length : v?.k === 'dict' ? v.keys.length : 0;
  if (copies && !allotItems(ctx, 2 * (size(self) + size(a)))) {
    if (name === 'extend' || name === 'update') forgetContents(self);
    if (self.k === 'list' || self.k === 'dict') return name === 'extend' || name === 'update' ? NONE : UNKNOWN_VALUE;
  }
  if (self.k === 'list') return handlerOf(LIST_METHODS, name)?.(self, args) ?? UNKNOWN_VALUE;
  if (self.k === 'dict') return handlerOf(DICT_METHODS, name)?.(self, args) ?? UNKNOWN_VALUE;
  if (self.k === 'tuple') return handlerOf(TUPLE_METHODS, name)?.(self, args) ?? UNKNOWN_VALUE;
  if (self.k === 'str') {
    const out = handlerOf(STR_METHODS, name)?.(self, args) ?? UNKNOWN_VALUE;
    return out.k !== 'str' || allotItems(ctx, out.v.length) ? out : UNKNOWN_VALUE;
  }
  return UNKNOWN_VALUE;
}

function setDict(d: DictValue, key: Value, value: Value): void {
  const k = keyOf(key);
  const at = k === undefined ? -1 : d.keys.findIndex(x => keyOf(x) === k);
  if (at >= 0) d.values[at] = value;
  else (d.keys.push(key), d.values.push(value));
}

export function knownInt(v: Value): number | undefined {
  const d: Dim = asDim(v);
  return isKnown(d) ? d : undefined;
}
