// Command-line options of a script: `parser.add_argument('--ngf', type=int, default=64)` then
// `opt = parser.parse_args()` makes `opt.ngf` 64, what the script sees when run without that
// option (as a model file is read, and as PyTorch ran it for the goldens). An option with no
// default is None, a flag (`store_true`) False; a required or positional option, an argument list
// given to parse_args, or anything not understood about the options leaves the values unknown.
import type { ClassDef } from '../python';
import type { Args } from './context';
import { type ClassValue, NONE, type ObjectValue, UNKNOWN_VALUE, type Value } from './values';

interface ParserState {
  readonly defaults: Map<string, Value>;
  /** The option each destination comes from (`--ngf`), for the values read from the command line. */
  readonly flags: Map<string, string>;
  /** An option was added in a way not understood: any name may be one. */
  opaque: boolean;
}

const parsers = new WeakMap<ObjectValue, ParserState>();

/** A value parse_args gave: the option whose default it is (`--ngf`). */
const optionDefaults = new WeakMap<Value, string>();

/** The option whose default `v` is (`--ngf`), when parse_args gave it. */
export const optionOf = (v: Value): string | undefined => optionDefaults.get(v);

/** The namespace parse_args returned (`opt`), whose attributes are the options' values. */
export const isOptionNamespace = (v: Value): boolean => v.k === 'object' && v.cls === NAMESPACE;

/** Each default as a value of its own, remembered as its option's. */
function tagged(state: ParserState): [string, Value][] {
  return [...state.defaults].map(([dest, v]) => {
    const flag = state.flags.get(dest);
    if (!flag || !['int', 'float', 'str', 'bool'].includes(v.k)) return [dest, v];
    const own = { ...v } as Value;
    optionDefaults.set(own, flag);
    return [dest, own];
  });
}

function syntheticClass(name: string): ClassValue {
  const def: ClassDef = { name, nameRange: { start: 0, end: 0 }, bases: [], body: [] };
  return { k: 'class', def, bases: [], attrs: new Map(), isModule: false, framework: undefined };
}

const PARSER = syntheticClass('ArgumentParser');
const NAMESPACE = syntheticClass('Namespace');

function parserObject(state: ParserState): ObjectValue {
  const obj: ObjectValue = { k: 'object', cls: PARSER, attrs: new Map() };
  parsers.set(obj, state);
  return obj;
}

function namespace(values: Iterable<[string, Value]>, opaque: boolean): ObjectValue {
  const obj: ObjectValue = { k: 'object', cls: NAMESPACE, attrs: new Map(values) };
  if (opaque) obj.opaque = true;
  return obj;
}

/** `argparse.ArgumentParser(...)`, `argparse.Namespace(a=1)`; undefined for other names. */
export function callArgparse(q: string, args: Args): Value | undefined {
  if (q === 'argparse.ArgumentParser')
    return parserObject({ defaults: new Map(), flags: new Map(), opaque: args.unknownRest || args.kw.has('parents') });
  if (q === 'argparse.Namespace') return args.pos.length ? UNKNOWN_VALUE : namespace(args.kw, args.unknownRest);
  return undefined;
}

/** The value a string default becomes under `type=int`/`float`/`str` (argparse converts string defaults only). */
function converted(value: Value, type: Value | undefined): Value {
  if (!type || value.k !== 'str') return value;
  if (type.k !== 'builtin') return UNKNOWN_VALUE;
  if (type.name === 'str') return value;
  const n = type.name === 'int' ? Number(value.v.trim()) : type.name === 'float' ? Number(value.v) : NaN;
  if (Number.isNaN(n) || value.v.trim() === '') return UNKNOWN_VALUE;
  if (type.name === 'int')
    return Number.isInteger(n) && /^[+-]?\d+$/.test(value.v.trim()) ? { k: 'int', v: n } : UNKNOWN_VALUE;
  return { k: 'float', v: n };
}

/** The destination of an option (`--num-layers` → `num_layers`), or undefined for a positional one. */
function destination(names: readonly string[], dest: Value | undefined): string | undefined {
  if (dest?.k === 'str') return dest.v;
  const long = names.find(n => n.startsWith('--'));
  const short = names.find(n => n.startsWith('-'));
  const chosen = long?.slice(2) ?? short?.slice(1);
  return chosen?.replace(/-/g, '_');
}

function addArgument(state: ParserState, args: Args): void {
  const names = args.pos.map(v => (v.k === 'str' ? v.v : undefined));
  if (args.unknownRest || names.length === 0 || names.some(n => n === undefined)) {
    state.opaque = true;
    return;
  }
  const flags = names as string[];
  const optional = flags.every(n => n.startsWith('-'));
  const dest = optional ? destination(flags, args.kw.get('dest')) : flags[0];
  if (dest === undefined) {
    state.opaque = true;
    return;
  }
  const action = args.kw.get('action');
  const required = args.kw.get('required');
  const nargs = args.kw.get('nargs');
  // A positional argument comes from the command line, unless it may be left out.
  const mayBeOmitted = optional || (nargs?.k === 'str' && (nargs.v === '?' || nargs.v === '*'));
  if (!mayBeOmitted || (required && !(required.k === 'bool' && !required.v)) || (action && action.k !== 'str')) {
    state.defaults.set(dest, UNKNOWN_VALUE);
    return;
  }
  const given = args.kw.get('default');
  const kind = action?.k === 'str' ? action.v : 'store';
  let value: Value;
  if (given !== undefined) value = converted(given, args.kw.get('type'));
  else if (kind === 'store_true') value = { k: 'bool', v: false };
  else if (kind === 'store_false') value = { k: 'bool', v: true };
  else if (['store', 'store_const', 'append', 'append_const', 'count', 'extend'].includes(kind)) value = NONE;
  else value = UNKNOWN_VALUE; // a custom or version action
  state.defaults.set(dest, value);
  state.flags.set(dest, flags.find(n => n.startsWith('--')) ?? flags[0]);
}

/** A method of a parser or argument group; undefined when `self` is not one. */
export function argparseMethod(self: ObjectValue, name: string, args: Args): Value | undefined {
  const state = parsers.get(self);
  if (!state) return undefined;
  switch (name) {
    case 'add_argument':
      addArgument(state, args);
      return UNKNOWN_VALUE;
    case 'add_argument_group':
    case 'add_mutually_exclusive_group':
      // A group adds its options to the parser.
      return parserObject(state);
    case 'set_defaults':
      if (args.unknownRest || args.pos.length) state.opaque = true;
      for (const [k, v] of args.kw) {
        state.defaults.set(k, v);
        state.flags.delete(k); // a default set in the code, not the option's own
      }
      return NONE;
    case 'parse_args':
    case 'parse_known_args': {
      // An argument list written in the file is not the script's command line: not read here.
      const ns = args.pos.length || args.kw.size ? UNKNOWN_VALUE : namespace(tagged(state), state.opaque);
      return name === 'parse_args'
        ? ns
        : { k: 'tuple', items: [ns, ns.k === 'unknown' ? ns : { k: 'list', items: [] }] };
    }
    default:
      // add_subparsers, parse_intermixed_args, ...: the options are no longer known.
      state.opaque = true;
      return UNKNOWN_VALUE;
  }
}
