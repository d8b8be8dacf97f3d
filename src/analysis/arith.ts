// Python operators on abstract values: numbers, symbolic sizes, strings, sequences and tensors
// (broadcasting comes from the engine). Unknown operands give unknown results.
import { type Dim, add, dimDiffers, dimEquals, floorDiv, mul, sub } from '../engine';
import type { Range } from '../python';
import type { Context } from './context';
import { reportOpError } from './diagnostics';
import { allotItems } from './budget';
import type { TensorArithmetic } from './frontend';
import { checkDivision } from './python-errors';
import { mergeFields } from './receptive';
import { percentFormat } from './strings';
import { UNKNOWN_VALUE, type Value, asDim, dimValue, keyOf, tensor, truthy } from './values';

const isNum = (v: Value): v is Extract<Value, { k: 'int' | 'float' | 'bool' }> =>
  v.k === 'int' || v.k === 'float' || v.k === 'bool';
const num = (v: Extract<Value, { k: 'int' | 'float' | 'bool' }>) => (v.k === 'bool' ? (v.v ? 1 : 0) : v.v);
const isIntLike = (v: Value) => v.k === 'int' || v.k === 'bool' || v.k === 'dim';

function numeric(op: string, a: Value, b: Value): Value {
  if (!isNum(a) || !isNum(b)) return UNKNOWN_VALUE;
  const x = num(a),
    y = num(b);
  const ints = a.k !== 'float' && b.k !== 'float';
  const mk = (v: number, asInt = ints): Value =>
    Number.isFinite(v) ? (asInt ? { k: 'int', v } : { k: 'float', v }) : UNKNOWN_VALUE;
  switch (op) {
    case '+':
      return mk(x + y);
    case '-':
      return mk(x - y);
    case '*':
      return mk(x * y);
    case '/':
      return y === 0 ? UNKNOWN_VALUE : mk(x / y, false);
    case '//':
      return y === 0 ? UNKNOWN_VALUE : mk(Math.floor(x / y));
    case '%':
      return y === 0 ? UNKNOWN_VALUE : mk(x - Math.floor(x / y) * y);
    case '**':
      return mk(x ** y, ints && y >= 0);
    case '<<':
      return mk(x * 2 ** y);
    case '>>':
      return mk(Math.floor(x / 2 ** y));
    case '&':
      return mk(x & y);
    case '|':
      return mk(x | y);
    case '^':
      return mk(x ^ y);
    default:
      return UNKNOWN_VALUE;
  }
}

function symbolic(op: string, a: Dim, b: Dim): Value {
  switch (op) {
    case '+':
      return dimValue(add(a, b));
    case '-':
      return dimValue(sub(a, b));
    case '*':
      return dimValue(mul(a, b));
    case '//':
      return dimValue(floorDiv(a, b));
    default:
      return UNKNOWN_VALUE;
  }
}

function compare(op: string, a: Value, b: Value): Value {
  const bool = (v: boolean | undefined): Value => (v === undefined ? UNKNOWN_VALUE : { k: 'bool', v });
  if (op === 'is' || op === 'is not') {
    let same: boolean | undefined;
    // Every value not understood is the one UNKNOWN_VALUE object: two of them are not known to be
    // the same object (`self.downsample is not opaque()`), so identity decides nothing there.
    if (a.k === 'unknown' || b.k === 'unknown') same = undefined;
    else if (a.k === 'none' || b.k === 'none') same = a.k === b.k;
    else if (a === b) same = true;
    return bool(same === undefined ? undefined : op === 'is' ? same : !same);
  }
  if (op === 'in' || op === 'not in') {
    let found: boolean | undefined;
    if (b.k === 'list' || b.k === 'tuple' || b.k === 'dict') {
      const k = keyOf(a);
      const items = b.k === 'dict' ? b.keys : b.items;
      const keys = items.map(keyOf);
      if (k !== undefined && keys.includes(k)) found = true;
      else if (k !== undefined && keys.every(x => x !== undefined)) found = false;
    } else if (b.k === 'str' && a.k === 'str') found = b.v.includes(a.v);
    return bool(found === undefined ? undefined : op === 'in' ? found : !found);
  }
  if (isNum(a) && isNum(b)) {
    const x = num(a),
      y = num(b);
    const r = { '==': x === y, '!=': x !== y, '<': x < y, '>': x > y, '<=': x <= y, '>=': x >= y, '<>': x !== y }[op];
    return bool(r);
  }
  if (a.k === 'str' && b.k === 'str')
    return op === '==' ? bool(a.v === b.v) : op === '!=' ? bool(a.v !== b.v) : UNKNOWN_VALUE;
  if (isIntLike(a) && isIntLike(b) && (op === '==' || op === '!=')) {
    const da = asDim(a),
      db = asDim(b);
    const eq = dimEquals(da, db) ? true : dimDiffers(da, db) ? false : undefined;
    return bool(eq === undefined ? undefined : op === '==' ? eq : !eq);
  }
  // Known values of different kinds (a number and a string, None and a list) are never equal.
  const category = (v: Value) =>
    isNum(v) || v.k === 'dim' ? 'number' : ['str', 'none', 'tuple', 'list', 'dict'].includes(v.k) ? v.k : undefined;
  const ca = category(a),
    cb = category(b);
  if (ca && cb && ca !== cb && (op === '==' || op === '!=')) return bool(op === '!=');
  return UNKNOWN_VALUE;
}

function tensorBinop(ctx: Context, op: string, a: Value, b: Value, range: Range): Value {
  const arithmetic = arithmeticOf(ctx, a, b);
  if (op === '@') return (arithmetic.matmul ?? ctx.frontends[0].arithmetic.matmul)?.(ctx, a, b, range) ?? tensor(null);
  const scalar = (v: Value) => isNum(v) || v.k === 'dim';
  if (a.k === 'tensor' && scalar(b)) return tensor(a.shape, a.rf);
  if (b.k === 'tensor' && scalar(a)) return tensor(b.shape, b.rf);
  if (a.k !== 'tensor' || b.k !== 'tensor' || !a.shape || !b.shape) return tensor(null);
  const r = arithmetic.broadcast(a.shape, b.shape);
  if (!r) return tensor(null);
  if (!r.ok) {
    reportOpError(ctx, r.error, range, undefined, arithmetic.repairs?.(ctx, a.shape, b.shape));
    return tensor(null);
  }
  return tensor(r.shape, mergeFields([a.rf, b.rf]));
}

/** The front end whose rule and words apply to `a op b`: the first that claims them, else that of plain tensors. */
function arithmeticOf(ctx: Context, a: Value, b: Value): TensorArithmetic {
  return ctx.frontends.find(f => f.arithmetic.claims(ctx, a, b))?.arithmetic ?? ctx.frontends[0].arithmetic;
}

const COMPARISONS = new Set(['==', '!=', '<', '>', '<=', '>=', '<>', 'is', 'is not', 'in', 'not in']);

/** `a op b` (not `and`/`or`, which short-circuit in the evaluator). */
export function binop(ctx: Context, op: string, a: Value, b: Value, range: Range): Value {
  if (a.k === 'tensor' || b.k === 'tensor') {
    if (op === 'is' || op === 'is not' || op === 'in' || op === 'not in') return compare(op, a, b);
    let out = COMPARISONS.has(op) ? tensorBinop(ctx, '+', a, b, range) : tensorBinop(ctx, op, a, b, range);
    // A comparison gives booleans; `&`, `|`, `^` of booleans too (a mask, when used as an index).
    const bools = (v: Value) => v.k === 'tensor' && v.dtype === 'bool';
    if (
      out.k === 'tensor' &&
      out.shape &&
      (COMPARISONS.has(op) || (['&', '|', '^'].includes(op) && bools(a) && bools(b)))
    )
      out = { ...out, dtype: 'bool' };
    // Integer tensors and ints under + - * // % stay integers (`lengths - 1`).
    const ints = (v: Value) => (v.k === 'tensor' && v.dtype === 'int') || v.k === 'int' || v.k === 'dim';
    if (out.k === 'tensor' && out.shape && ['+', '-', '*', '//', '%'].includes(op) && ints(a) && ints(b))
      out = { ...out, dtype: 'int' };
    let derived = out;
    for (const f of ctx.frontends) derived = f.arithmetic.derived?.(ctx, derived, [a, b], op) ?? derived;
    return derived;
  }
  if (COMPARISONS.has(op)) return compare(op, a, b);
  if (checkDivision(ctx, op, a, b, range)) return UNKNOWN_VALUE;
  if (isNum(a) && isNum(b)) return numeric(op, a, b);
  if (isIntLike(a) && isIntLike(b)) return symbolic(op, asDim(a), asDim(b));
  if (a.k === 'str' && op === '%') {
    const text = percentFormat(a.v, b);
    return text !== undefined && allotItems(ctx, text.length) ? { k: 'str', v: text } : UNKNOWN_VALUE;
  }
  if (a.k === 'str' && b.k === 'str' && op === '+')
    return allotItems(ctx, a.v.length + b.v.length) ? { k: 'str', v: a.v + b.v } : UNKNOWN_VALUE;
  if ((a.k === 'list' || a.k === 'tuple') && a.k === b.k && op === '+') {
    if (!allotItems(ctx, a.items.length + b.items.length)) return UNKNOWN_VALUE;
    const items = [...a.items, ...b.items];
    return a.k === 'list' ? { k: 'list', items } : { k: 'tuple', items };
  }
  if (op === '*') {
    const [seq, n] = a.k === 'int' || a.k === 'bool' ? [b, a] : [a, b];
    const times = n.k === 'int' ? n.v : n.k === 'bool' ? +n.v : undefined;
    if ((seq.k === 'list' || seq.k === 'tuple' || seq.k === 'str') && times !== undefined) {
      const count = Math.max(0, times);
      const length = seq.k === 'str' ? seq.v.length : seq.items.length;
      // `[x] * 10**9` is a list of unknown content, not a billion items.
      if (!allotItems(ctx, length * count)) return UNKNOWN_VALUE;
      if (seq.k === 'str') return { k: 'str', v: seq.v.repeat(count) };
      const items: Value[] = [];
      for (let i = 0; i < count; i++) for (const x of seq.items) items.push(x);
      return seq.k === 'list' ? { k: 'list', items } : { k: 'tuple', items };
    }
  }
  return UNKNOWN_VALUE;
}

export function unop(op: string, v: Value): Value {
  if (op === 'not') {
    const t = truthy(v);
    return t === undefined ? UNKNOWN_VALUE : { k: 'bool', v: !t };
  }
  if (v.k === 'tensor') return v;
  if (op === '-') {
    if (v.k === 'int' || v.k === 'float') return { k: v.k, v: -v.v };
    if (v.k === 'bool') return { k: 'int', v: v.v ? -1 : 0 };
    if (v.k === 'dim') return dimValue(sub(0, v.d));
  }
  if (op === '+') return v.k === 'int' || v.k === 'float' || v.k === 'dim' ? v : UNKNOWN_VALUE;
  if (op === '~' && v.k === 'int') return { k: 'int', v: ~v.v };
  return UNKNOWN_VALUE;
}
