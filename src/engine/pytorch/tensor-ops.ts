// Tensor methods (`x.view(...)`) and torch functions (`torch.cat(...)`): the lookup tables that
// route each name to its one rule in ops/. `torch.f(x, ...)` is `x.f(...)` for every method that
// has a function form, so both share a rule.
import type { Shape } from '../dim';
import { reportUnexpected } from '../../common/internal-errors';
import { type OpArg, type OpResult, isTensorArg } from '../types';
import { type Kwargs, UNKNOWN_TENSOR, bind, shapeOf, tensor } from './ops/args';
import {
  expandAsOp,
  expandOp,
  matrixTransposeOp,
  permuteOp,
  repeatOp,
  reverseOp,
  squeezeOp,
  tOp,
  transposeOp,
  unsqueezeOp,
} from './ops/axes';
import {
  arangeFactory,
  eyeFactory,
  fullFactory,
  likeFactory,
  linspaceFactory,
  randintFactory,
  sizedFactory,
  tensorFactory,
  legacyTensorFactory,
} from './ops/create';
import { binaryOp, dimPreservingOp, sameShapeOp, whereOp } from './ops/elementwise';
import { einsumOp } from './ops/einsum';
import { gatherMethod, indexSelectMethod, maskedFillMethod } from './ops/gather';
import { meshgridOp } from './ops/grid';
import { movedimOp, repeatInterleaveOp } from './ops/move';
import { catOp, chunkOp, splitOp, stackOp, unbindOp } from './ops/join';
import { bmmOp, dotOp, matmulOp, mmOp, mvOp } from './ops/matmul';
import { numelQuery, rankQuery, shapeQuery, sizeQuery } from './ops/query';
import { argReduceOp, maxMinOp, medianOp, normOp, reduceOp, sortOp, statOp, topkOp } from './ops/reduce';
import { flattenOp, unflattenOp, viewOp } from './ops/reshape';

type MethodRule = (self: Shape | null, args: readonly OpArg[], kwargs: Kwargs, name: string) => OpResult | undefined;

const SAME_SHAPE = [
  'contiguous',
  'float',
  'double',
  'half',
  'bfloat16',
  'int',
  'long',
  'short',
  'bool',
  'byte',
  'char',
  'to',
  'cuda',
  'cpu',
  'detach',
  'detach_',
  'clone',
  'type',
  'type_as',
  'requires_grad_',
  'pin_memory',
  'relu',
  'relu_',
  'sigmoid',
  'sigmoid_',
  'tanh',
  'tanh_',
  'exp',
  'exp_',
  'log',
  'log_',
  'abs',
  'abs_',
  'neg',
  'neg_',
  'sqrt',
  'sqrt_',
  'rsqrt',
  'sin',
  'cos',
  'sign',
  'round',
  'floor',
  'ceil',
  'trunc',
  'reciprocal',
  'square',
  'log1p',
  'expm1',
  'erf',
  'logical_not',
  'isnan',
  'isinf',
  'isfinite',
  'clamp',
  'clamp_',
  'clip',
  'clip_',
  'zero_',
  'fill_',
  'normal_',
  'uniform_',
  'bernoulli',
  'bernoulli_',
  'sigmoid',
  'silu',
  'hardtanh',
  'nan_to_num',
  'float_power',
  // The triangle kept, the rest zeroed (a causal mask's maker).
  'triu',
  'triu_',
  'tril',
  'tril_',
  '__neg__',
  '__pos__',
  '__abs__',
  '__invert__',
  'data',
];

const BINARY = [
  'add',
  'sub',
  'subtract',
  'mul',
  'multiply',
  'div',
  'divide',
  'true_divide',
  'floor_divide',
  'remainder',
  'fmod',
  'pow',
  'maximum',
  'minimum',
  'fmax',
  'fmin',
  'atan2',
  'hypot',
  'eq',
  'ne',
  'lt',
  'le',
  'gt',
  'ge',
  'logical_and',
  'logical_or',
  'logical_xor',
  'bitwise_and',
  'bitwise_or',
  'bitwise_xor',
];
const OPERATORS = ['add', 'sub', 'mul', 'truediv', 'floordiv', 'mod', 'pow', 'and', 'or', 'xor', 'div'];
const SYMBOLS = ['+', '-', '*', '/', '//', '%', '**', '==', '!=', '<', '<=', '>', '>=', '&', '|', '^'];
const COMPARISONS = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'];

const REDUCE = ['sum', 'mean', 'nansum', 'nanmean', 'amax', 'amin', 'logsumexp', 'count_nonzero', 'all', 'any', 'prod'];
const DIM_PRESERVING = ['softmax', 'log_softmax', 'cumsum', 'cumprod', 'cummax', 'cummin', 'logcumsumexp'];

/** `x @ y` and `y.__rmatmul__(x)` as matmul with the operands in order. */
function matmulMethod(self: Shape | null, args: readonly OpArg[], kwargs: Kwargs, name: string): OpResult {
  const other = bind(['other'], args, kwargs).other;
  if (self === null || !isTensorArg(other)) return UNKNOWN_TENSOR;
  const mine = { kind: 'tensor' as const, shape: self };
  return matmulOp(name === '__rmatmul__' ? [other, mine] : [mine, other], {});
}

/** Wraps a two-operand torch function as a method of its first operand. */
const asMethod =
  (fn: (args: readonly OpArg[], kwargs: Kwargs) => OpResult): MethodRule =>
  (self, args, kwargs) =>
    fn([{ kind: 'tensor', shape: self }, ...args], kwargs);

const METHODS = new Map<string, MethodRule>();
const register = (names: readonly string[], rule: MethodRule) => names.forEach(n => METHODS.set(n, rule));

register(SAME_SHAPE, sameShapeOp);
register([...BINARY, ...BINARY.map(n => n + '_')], binaryOp);
register(
  OPERATORS.flatMap(o => [`__${o}__`, `__r${o}__`, `__i${o}__`]),
  binaryOp,
);
register(
  COMPARISONS.map(o => `__${o}__`),
  binaryOp,
);
register(SYMBOLS, binaryOp);
register(['view', 'reshape'], viewOp);
register(['view_as', 'reshape_as'], (self, args, kwargs) => {
  const other = shapeOf(bind(['other'], args, kwargs).other);
  return other ? viewOp(self, [other as OpArg[]], {}) : UNKNOWN_TENSOR;
});
register(['flatten'], flattenOp);
register(['unflatten'], unflattenOp);
register(['permute'], permuteOp);
register(['transpose', 'swapaxes', 'swapdims'], transposeOp);
register(['t'], tOp);
register(['T'], reverseOp);
register(['mT'], matrixTransposeOp);
register(['squeeze'], squeezeOp);
register(['unsqueeze'], unsqueezeOp);
register(['expand'], expandOp);
register(['expand_as'], expandAsOp);
register(['repeat'], repeatOp);
register(REDUCE, reduceOp);
register(['std', 'var'], (s, a, k) => statOp(s, a, k));
register(['std_mean', 'var_mean'], (s, a, k) => statOp(s, a, k, true));
register(['norm'], normOp);
register(['argmax', 'argmin'], argReduceOp);
register(['max', 'min'], maxMinOp);
register(['median', 'nanmedian'], (s, a, k) => medianOp(s, a, k));
register(['mode'], (s, a, k) => medianOp(s, a, k, -1));
register(['kthvalue'], (s, a, k) => medianOp(s, a.slice(1), { ...k, dim: k.dim ?? a[1] ?? -1 }));
register(['topk'], topkOp);
register(['gather'], gatherMethod);
register(['index_select'], indexSelectMethod);
register(['masked_fill', 'masked_fill_'], maskedFillMethod);
register(['movedim', 'moveaxis'], movedimOp);
register(['repeat_interleave'], repeatInterleaveOp);
register(['sort'], sortOp);
register(['argsort'], (s, a, k) => {
  const r = sortOp(s, a, k);
  return r.ok && r.value.kind === 'tensors' ? { ok: true, value: r.value.items[1] } : r;
});
register(DIM_PRESERVING, dimPreservingOp);
register(['chunk'], chunkOp);
register(['split'], splitOp);
register(['unbind'], unbindOp);
register(['matmul', '@', '__matmul__', '__rmatmul__'], matmulMethod);
register(['mm'], asMethod(mmOp));
register(['bmm'], asMethod(bmmOp));
register(['mv'], asMethod(mvOp));
register(['dot'], asMethod(dotOp));
register(['size'], sizeQuery);
register(['shape'], shapeQuery);
register(['dim', 'ndim', 'ndimension'], rankQuery);
register(['numel', 'nelement'], numelQuery);
register(['new_zeros', 'new_ones', 'new_empty'], (_s, a, k) => sizedFactory(a, k));
register(['new_full'], (_s, a, k) => fullFactory(a, k));
register(['new_tensor'], (_s, a, k) => tensorFactory(a, k));

/** `x.method(*args, **kwargs)`; undefined when the method is not one the engine knows. */
export function applyTensorMethod(
  method: string,
  self: Shape | null,
  args: readonly OpArg[],
  kwargs: Kwargs,
): OpResult | undefined {
  const rule = METHODS.get(method);
  if (!rule) return undefined;
  try {
    return rule(self, args, kwargs, method);
  } catch (e) {
    reportUnexpected(`engine.tensorMethod ${method}`, e); // rules return unknown, never throw
    return UNKNOWN_TENSOR;
  }
}

type FunctionRule = (args: readonly OpArg[], kwargs: Kwargs) => OpResult | undefined;

const FUNCTIONS = new Map<string, FunctionRule>([
  ['cat', catOp],
  ['concat', catOp],
  ['concatenate', catOp],
  ['stack', stackOp],
  ['matmul', matmulOp],
  ['mm', mmOp],
  ['bmm', bmmOp],
  ['mv', mvOp],
  ['dot', dotOp],
  ['einsum', einsumOp],
  ['where', whereOp],
  ['meshgrid', meshgridOp],
  ['zeros', sizedFactory],
  ['ones', sizedFactory],
  ['empty', sizedFactory],
  ['rand', sizedFactory],
  ['randn', sizedFactory],
  ['full', fullFactory],
  ['randint', randintFactory],
  ['arange', arangeFactory],
  ['linspace', linspaceFactory],
  ['logspace', linspaceFactory],
  ['eye', eyeFactory],
  ['tensor', tensorFactory],
  ...[
    'FloatTensor',
    'DoubleTensor',
    'HalfTensor',
    'LongTensor',
    'IntTensor',
    'ShortTensor',
    'ByteTensor',
    'BoolTensor',
  ].map(name => [name, legacyTensorFactory] as const),
  ['zeros_like', likeFactory],
  ['ones_like', likeFactory],
  ['empty_like', likeFactory],
  ['full_like', likeFactory],
  ['rand_like', likeFactory],
  ['randn_like', likeFactory],
  ['randint_like', likeFactory],
  ['numel', (a, k) => numelQuery(shapeOf(bind(['input'], a, k).input) ?? null)],
]);

/** The rules of functions that make a new tensor from sizes or data (FieldEffect 'fresh'). */
const FACTORY_RULES = new Set<FunctionRule>([
  sizedFactory,
  fullFactory,
  randintFactory,
  arangeFactory,
  linspaceFactory,
  eyeFactory,
  tensorFactory,
  legacyTensorFactory,
  likeFactory,
]);

/** Methods whose torch function takes the tensor under another parameter name. */
const FIRST_PARAM: Readonly<Record<string, string>> = { split: 'tensor' };

/** Torch functions that are not methods of their first argument (or differ from the method). */
const NOT_FUNCTIONS = new Set([
  'size',
  'shape',
  'dim',
  'ndim',
  'T',
  'mT',
  'view',
  'expand',
  'expand_as',
  'repeat',
  'type',
  'to',
  'cuda',
  'cpu',
  'new_zeros',
  'new_ones',
  'new_empty',
  'new_full',
  'new_tensor',
]);

/** How a result's positions relate to its tensor operands' (the analysis's receptive fields):
 *  a new tensor, the same positions, or its input's positions reshaped or its axes reordered. */
export type FieldEffect = 'fresh' | 'position-wise' | 'reshape' | 'permute' | 'transpose';

/** Values written over the tensor's own, or a new tensor: nothing of the operands' positions. */
const FRESH_OPS = new Set([
  ...['zero_', 'fill_', 'normal_', 'uniform_', 'new_zeros', 'new_ones', 'new_empty', 'new_full', 'new_tensor'],
  ...[...FUNCTIONS].filter(([, rule]) => FACTORY_RULES.has(rule)).map(([name]) => name),
]);

/** Each result position from the same position of each operand (broadcast, or one of those joined). */
const POSITION_WISE_OPS = new Set([
  ...SAME_SHAPE.filter(name => !FRESH_OPS.has(name)),
  ...BINARY,
  ...BINARY.map(n => n + '_'),
  ...OPERATORS.flatMap(o => [`__${o}__`, `__r${o}__`, `__i${o}__`]),
  ...COMPARISONS.map(o => `__${o}__`),
  ...SYMBOLS,
  ...['where', 'masked_fill', 'masked_fill_', 'cat', 'concat', 'concatenate'],
]);

/** A tensor method's or torch function's FieldEffect; undefined when its positions mix (a
 *  reshape, a reduction, a softmax, a matmul) or it is not known. */
export function fieldEffect(name: string): FieldEffect | undefined {
  if (FRESH_OPS.has(name)) return 'fresh';
  if (POSITION_WISE_OPS.has(name)) return 'position-wise';
  return MOVING_OPS.get(name);
}

/** Ops that move positions between axes without reading several (their results' fields:
 *  receptive.ts `reshapeField`). */
const MOVING_OPS = new Map<string, FieldEffect>([
  ...['view', 'reshape', 'flatten', 'unflatten', 'view_as', 'reshape_as'].map(n => [n, 'reshape'] as const),
  ['permute', 'permute'],
  ...['transpose', 'swapaxes', 'swapdims'].map(n => [n, 'transpose'] as const),
]);

/** `torch.name(*args, **kwargs)`; undefined when the function is not one the engine knows. */
export function applyTorchFunction(name: string, args: readonly OpArg[], kwargs: Kwargs): OpResult | undefined {
  try {
    const fn = FUNCTIONS.get(name);
    if (fn) return fn(args, kwargs);
    const rule = METHODS.get(name);
    if (!rule || NOT_FUNCTIONS.has(name) || /^__/.test(name) || SYMBOLS.includes(name)) return undefined;
    const param = FIRST_PARAM[name] ?? 'input';
    const rest: Record<string, OpArg> = { ...kwargs };
    let input: OpArg | undefined;
    let positional = args;
    if (args.length > 0) {
      [input, ...positional] = args;
    } else {
      input = rest[param];
      delete rest[param];
    }
    const self = shapeOf(input);
    if (self === undefined) return isTensorArg(input) ? tensor(null) : UNKNOWN_TENSOR;
    return rule(self, positional, rest, name);
  } catch (e) {
    reportUnexpected(`engine.torchFunction ${name}`, e); // rules return unknown, never throw
    return UNKNOWN_TENSOR;
  }
}
