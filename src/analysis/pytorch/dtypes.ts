// The element kind of a tensor, integer or boolean, where an index or a mask needs it and the
// code says it plainly: index-making functions (arange on ints, randint, argmax, ...), comparisons,
// casts (`.long()`, `.bool()`, `.to(torch.long)`, `dtype=torch.bool`), written lists of ints or
// bools, and the reshaping and moving methods that keep it. Anything else: not known, so a
// tensor used as an index is then unknown (an integer index and a mask give other shapes).
import type { Args } from '../context';
import type { Value } from '../values';

type Kind = 'int' | 'bool';

const INT_FUNCTIONS = new Set([
  'randint',
  'randperm',
  'argmax',
  'argmin',
  'argsort',
  'multinomial',
  'bucketize',
  'searchsorted',
]);
const BOOL_FUNCTIONS = new Set([
  'isnan',
  'isinf',
  'isfinite',
  'logical_not',
  'logical_and',
  'logical_or',
  'logical_xor',
  'eq',
  'ne',
  'gt',
  'lt',
  'ge',
  'le',
]);
const INT_METHODS = new Set(['long', 'int', 'argmax', 'argmin', 'argsort']);
const BOOL_METHODS = new Set(['bool', ...BOOL_FUNCTIONS]);
/** Methods whose result has the same elements' kind. */
const KEEPING = new Set([
  'cpu',
  'cuda',
  'detach',
  'clone',
  'contiguous',
  'view',
  'reshape',
  'unsqueeze',
  'squeeze',
  'flatten',
  'expand',
  'expand_as',
  'repeat',
  't',
  'transpose',
  'permute',
  'flip',
  'view_as',
  'reshape_as',
]);

const INT_DTYPES = new Set([
  'torch.long',
  'torch.int64',
  'torch.int',
  'torch.int32',
  'torch.int16',
  'torch.LongTensor',
]);

function dtypeOf(v: Value | undefined): Kind | null | undefined {
  if (v === undefined) return undefined;
  if (v.k !== 'extern') return null;
  if (INT_DTYPES.has(v.q)) return 'int';
  if (v.q === 'torch.bool' || v.q === 'torch.BoolTensor') return 'bool';
  return null;
}

/** Written data of ints or bools, nested: its kind. */
function dataKind(v: Value | undefined): Kind | undefined {
  if (!v || (v.k !== 'list' && v.k !== 'tuple') || v.items.length === 0) return undefined;
  const kinds = v.items.map(i => (i.k === 'int' ? 'int' : i.k === 'bool' ? 'bool' : dataKind(i)));
  return kinds.every(k => k === kinds[0]) ? kinds[0] : undefined;
}

/** `torch.NAME(...)`'s elements' kind, when plain. */
function functionKind(name: string, args: Args): Kind | undefined {
  const given = dtypeOf(args.kw.get('dtype'));
  if (given !== undefined) return given ?? undefined;
  if (INT_FUNCTIONS.has(name)) return 'int';
  if (BOOL_FUNCTIONS.has(name)) return 'bool';
  if (name === 'arange') return args.pos.every(v => v.k === 'int' || v.k === 'dim') ? 'int' : undefined;
  if (name === 'tensor' || name === 'as_tensor' || name === 'LongTensor' || name === 'BoolTensor')
    return name === 'LongTensor' ? 'int' : name === 'BoolTensor' ? 'bool' : dataKind(args.pos[0]);
  if (name === 'zeros_like' || name === 'ones_like' || name === 'full_like' || name === 'empty_like') {
    const like = args.pos[0];
    return like?.k === 'tensor' ? like.dtype : undefined;
  }
  return undefined;
}

/** `x.NAME(...)`'s elements' kind, when plain. */
function methodKind(self: Value, name: string, args: Args): Kind | undefined {
  if (INT_METHODS.has(name)) return 'int';
  if (BOOL_METHODS.has(name)) return 'bool';
  const own = self.k === 'tensor' ? self.dtype : undefined;
  if (KEEPING.has(name)) return own;
  // Sums of integers or booleans are integers (`(tokens != 0).sum(1)`, lengths).
  if ((name === 'sum' || name === 'cumsum') && (own === 'int' || own === 'bool') && !args.kw.has('dtype')) return 'int';
  if (name === 'to' || name === 'type') {
    // `.to(other)`: the other tensor's kind, not followed.
    if (args.pos.some(v => v.k === 'tensor')) return undefined;
    const given = dtypeOf(args.kw.get('dtype') ?? args.pos.find(v => v.k === 'extern' && v.q.startsWith('torch.')));
    // `.to(device)`: the same elements.
    return given === undefined ? own : (given ?? undefined);
  }
  return undefined;
}

function tagged(v: Value, kind: Kind | undefined): Value {
  return kind && v.k === 'tensor' && v.shape && !v.graph ? { ...v, dtype: kind } : v;
}

export const withFunctionKind = (v: Value, name: string, args: Args): Value => tagged(v, functionKind(name, args));

export const withMethodKind = (v: Value, self: Value, name: string, args: Args): Value =>
  tagged(v, methodKind(self, name, args));
