// Scalars from `math` and `numpy` that model code sizes layers with: constants (`math.pi`,
// `np.pi`) and functions of plain numbers (`math.log`, `np.log2`, `np.prod(shape)`), each
// returning the type Python gives (numpy's `ceil` is a float; `np.prod` of ints an int). The
// rest of `math` (ceil, floor, sqrt, log2, prod) is in builtins.ts. Anything else is unknown.
import type { Args } from './context';
import { iterate } from './items';
import { UNKNOWN_VALUE, type Value } from './values';

const CONSTANTS: Readonly<Record<string, number>> = {
  'math.pi': Math.PI,
  'math.e': Math.E,
  'math.tau': 2 * Math.PI,
  'numpy.pi': Math.PI,
  'numpy.e': Math.E,
};

/** `math.pi`, `np.e`: the float, or undefined for any other name. */
export function libraryConstant(q: string): Value | undefined {
  return Object.prototype.hasOwnProperty.call(CONSTANTS, q) ? { k: 'float', v: CONSTANTS[q] } : undefined;
}

function numberOf(v: Value | undefined): number | undefined {
  if (v?.k === 'int' || v?.k === 'float') return v.v;
  if (v?.k === 'bool') return v.v ? 1 : 0;
  return undefined;
}

const float = (n: number): Value => (Number.isFinite(n) ? { k: 'float', v: n } : UNKNOWN_VALUE);
const positive = (f: (n: number) => number) => (n: number) => (n > 0 ? float(f(n)) : UNKNOWN_VALUE);

type Unary = (n: number) => Value;
const UNARY: Readonly<Record<string, Unary>> = {
  'math.log10': positive(Math.log10),
  'math.exp': n => float(Math.exp(n)),
  'numpy.log2': positive(Math.log2),
  'numpy.log10': positive(Math.log10),
  'numpy.log': positive(Math.log),
  'numpy.sqrt': n => (n >= 0 ? float(Math.sqrt(n)) : UNKNOWN_VALUE),
  'numpy.exp': n => float(Math.exp(n)),
  'numpy.ceil': n => float(Math.ceil(n)),
  'numpy.floor': n => float(Math.floor(n)),
};

/** `np.prod` of known numbers: an int when all are ints (numpy's int64), else a float; 1.0 when empty. */
function numpyProd(a: Value | undefined): Value {
  const items = a && (a.k === 'int' || a.k === 'float' ? [a] : iterate(a));
  if (!items) return UNKNOWN_VALUE;
  const ns = items.map(numberOf);
  if (ns.some(n => n === undefined)) return UNKNOWN_VALUE;
  const product = (ns as number[]).reduce((p, x) => p * x, 1);
  const ints = items.length > 0 && items.every(i => i.k === 'int' || i.k === 'bool');
  return ints && Number.isSafeInteger(product) ? { k: 'int', v: product } : float(product);
}

/** A call of one of these functions; undefined for any other name. */
export function callScalarLibrary(q: string, args: Args): Value | undefined {
  if (q === 'numpy.prod') return args.kw.size || args.pos.length !== 1 ? UNKNOWN_VALUE : numpyProd(args.pos[0]);
  if (q === 'math.log') {
    const [x, base] = args.pos.map(numberOf);
    if (args.pos.length > 2 || args.kw.size || x === undefined || x <= 0) return UNKNOWN_VALUE;
    if (args.pos.length === 1) return float(Math.log(x));
    return base === undefined || base <= 0 || base === 1 ? UNKNOWN_VALUE : float(Math.log(x) / Math.log(base));
  }
  const unary = Object.prototype.hasOwnProperty.call(UNARY, q) ? UNARY[q] : undefined;
  if (!unary) return undefined;
  const n = numberOf(args.pos[0]);
  return args.pos.length !== 1 || args.kw.size || n === undefined ? UNKNOWN_VALUE : unary(n);
}
