// A value's fingerprint: equal strings for values a run cannot tell apart, across analyses of
// different versions of a document. Functions and classes are named by the text of the
// top-level statement that defines them (through a locator) and where in it they start; a class
// also by its bases and attributes. Values a run could change or see changed (lists, dicts,
// objects, layers, ...) and functions closing over anything but the module have none.
import type { ClassDef, FunctionDef, Stmt } from '../python';
import type { Value } from './values';

export type { Value };

/** The identity of the top-level statement holding `offset` and where in it `offset` is. */
export type StatementLocator = (offset: number) => string | undefined;

export function fingerprintValue(v: Value, locate: StatementLocator, seen?: Set<Value>): string | undefined {
  switch (v.k) {
    case 'none':
      return v.k;
    case 'unknown':
      return v.truth === undefined ? v.k : `unknown:${v.truth}`;
    case 'bool':
    case 'int':
    case 'float':
      return `${v.k}:${String(v.v)}`;
    case 'str':
      return `str:${JSON.stringify(v.v)}`;
    case 'dim':
      return `dim:${JSON.stringify(v.d)}`;
    case 'extern':
      return `extern:${v.q}`;
    case 'builtin':
      return `builtin:${v.name}`;
    case 'tensor':
      // A graph tensor (Keras) belongs to a graph runs may extend.
      if (v.graph) return undefined;
      return `tensor:${JSON.stringify([v.shape, v.param ?? false, v.rf ?? null, ...(v.packed ? [v.packed] : []), ...(v.dtype ? [v.dtype] : [])])}`;
    // (The set of classes met is made by the first value that can hold one.)
    case 'tuple':
      return all('tuple', v.items, locate, seen ?? new Set());
    case 'slice':
      return all('slice', [v.lower, v.upper, v.step], locate, seen ?? new Set());
    case 'module':
      return `module:${v.module.origin.path}#${v.module.origin.version}`;
    case 'func': {
      // Closing over a function's scope: values the fingerprint cannot see.
      if (v.closure.parent !== undefined) return undefined;
      // Another file's: its version covers its text and everything it imports.
      if (v.origin) return `func:${v.origin.path}#${v.origin.version}@${v.def.nameRange.start}`;
      const at = locate(v.def.nameRange.start);
      return at === undefined ? undefined : `func:${at}`;
    }
    case 'class':
      return fingerprintClass(v, locate, seen ?? new Set());
    default:
      return undefined;
  }
}

function all(tag: string, items: readonly Value[], locate: StatementLocator, seen: Set<Value>): string | undefined {
  let out = `${tag}(`;
  for (let i = 0; i < items.length; i++) {
    const fp = fingerprintValue(items[i], locate, seen);
    if (fp === undefined) return undefined;
    out += i === 0 ? fp : `,${fp}`;
  }
  return `${out})`;
}

function fingerprintClass(
  cls: Extract<Value, { k: 'class' }>,
  locate: StatementLocator,
  seen: Set<Value>,
): string | undefined {
  if (cls.origin) return `class:${cls.origin.path}#${cls.origin.version}@${cls.def.nameRange.start}`;
  const at = locate(cls.def.nameRange.start);
  if (at === undefined) return undefined;
  if (seen.has(cls)) return `class:${at}`;
  seen.add(cls);
  const plain = plainClasses.get(cls.def);
  if (plain && plain.at === at && samePlainClass(cls, plain)) return plain.fingerprint;
  const bases = all('bases', cls.bases, locate, seen);
  if (bases === undefined) return undefined;
  let attrs = '';
  for (const [name, value] of cls.attrs) {
    const fp = fingerprintValue(value, locate, seen);
    if (fp === undefined) return undefined;
    attrs += attrs === '' ? `${name}=${fp}` : `,${name}=${fp}`;
  }
  const fingerprint = `class:${at}${bases}{${attrs}}`;
  const methods = plainMethods(cls);
  if (methods)
    plainClasses.set(cls.def, { at, bases: cls.bases.map(b => (b.k === 'extern' ? b.q : '')), methods, fingerprint });
  return fingerprint;
}

/**
 * The usual class is plain: every base a library class, every attribute a method written in its
 * own body that closes over the module. Its fingerprint follows from where its name is (`at`)
 * and those: its methods lie in its statement, as its name does, so where they are follows from
 * `at` and their definitions. Kept by its definition across analyses (an edit that does not touch
 * a statement keeps its syntax objects), and used when all of that is the same.
 */
interface PlainClass {
  readonly at: string;
  readonly bases: readonly string[];
  readonly methods: readonly (readonly [string, FunctionDef])[];
  readonly fingerprint: string;
}

const plainClasses = new WeakMap<ClassDef, PlainClass>();

/** The methods a class body defines by `def` statements of its own. */
const bodyMethods = new WeakMap<ClassDef, ReadonlySet<FunctionDef>>();

function defsOf(def: ClassDef): ReadonlySet<FunctionDef> {
  let defs = bodyMethods.get(def);
  if (!defs) {
    defs = new Set(def.body.flatMap((s: Stmt) => (s.k === 'def' ? [s.def] : [])));
    bodyMethods.set(def, defs);
  }
  return defs;
}

/** A plain method: a function of the module's (not another file's), by its definition. */
const methodDef = (v: Value): FunctionDef | undefined =>
  v.k === 'func' && v.closure.parent === undefined && !v.origin ? v.def : undefined;

/** The class's methods when it is plain (see `PlainClass`), else undefined. */
function plainMethods(cls: Extract<Value, { k: 'class' }>): [string, FunctionDef][] | undefined {
  if (!cls.bases.every(b => b.k === 'extern')) return undefined;
  const own = defsOf(cls.def);
  const methods: [string, FunctionDef][] = [];
  for (const [name, value] of cls.attrs) {
    const def = methodDef(value);
    if (!def || !own.has(def)) return undefined;
    methods.push([name, def]);
  }
  return methods;
}

/** The class has the bases and methods `plain` was made of (so its fingerprint, at `plain.at`). */
function samePlainClass(cls: Extract<Value, { k: 'class' }>, plain: PlainClass): boolean {
  if (cls.bases.length !== plain.bases.length || cls.attrs.size !== plain.methods.length) return false;
  for (let i = 0; i < cls.bases.length; i++) {
    const b = cls.bases[i];
    if (b.k !== 'extern' || b.q !== plain.bases[i]) return false;
  }
  let i = 0;
  for (const [name, value] of cls.attrs) {
    const [knownName, knownDef] = plain.methods[i++];
    if (name !== knownName || methodDef(value) !== knownDef) return false;
  }
  return true;
}
