// torch.* functions, F.* functional forms and tensor methods, through the engine's op rules.
// A functional form with sliding-window arithmetic (F.max_pool2d) is recorded as a layer call
// too, so that it has a hover; it is not a named module of the model.
import { type OpResult, type Shape, type ShapeError, sym } from '../../engine';
import { suggestionFix } from '../argument-fix';
import { allotRecord } from '../budget';
import type { Args, Context } from '../context';
import { reportOpError } from '../diagnostics';
import { iterate } from '../items';
import { fromOpValue, functionalOp, tensorMethod, torchFunction } from './ops';
import { packedAttribute } from './packed';
import { withFunctionKind, withMethodKind } from './dtypes';
import { sizeKeepingPadding } from './padding-fix';
import type { Fix } from '../types';
import { FRESH_FIELD, extendField, mergeFields, reshapeField } from '../receptive';
import { type FieldEffect, fieldEffect } from '../../engine/pytorch/tensor-ops';
import { functionalFieldEffect } from '../../engine/pytorch/functional';
import { UNKNOWN_VALUE, type Value, asDim, int, rfOf, tensor, freshTensor } from '../values';

/** Results of tensor methods that are not tensors (when the engine does not know the method). */
const NON_TENSOR_METHODS = new Set([
  'size',
  'dim',
  'numel',
  'item',
  'tolist',
  'numpy',
  'nelement',
  'is_contiguous',
  'element_size',
  'data_ptr',
  'get_device',
  'stride',
  'type',
]);

/** PackedSequence methods that return it unchanged in shape. */
const PACKED_KEEPING = new Set(['to', 'cuda', 'cpu', 'float', 'double', 'half', 'long', 'int', 'detach', 'pin_memory']);

/** Tensor factories, used only when the engine has no rule for them (sample inputs). */
const FACTORIES = new Set(['randn', 'rand', 'zeros', 'ones', 'empty', 'full', 'randint']);

function factory(name: string, args: Args): Value {
  let sizes = args.pos;
  if (name === 'full') sizes = args.pos.slice(0, 1);
  if (name === 'randint') sizes = args.pos.slice(-1);
  if (sizes.length === 1 && (sizes[0].k === 'tuple' || sizes[0].k === 'list')) sizes = iterate(sizes[0]) ?? [];
  const size = args.kw.get('size');
  if (size) sizes = iterate(size) ?? [];
  const dims = sizes.map(asDim);
  return freshTensor(dims.length > 0 && dims.every(d => d !== null) ? dims : null);
}

function firstTensor(args: Args): Value | undefined {
  return args.pos.find(v => v.k === 'tensor');
}

/** Turns an op result into a value; errors are reported at the call. */
function resultValue(
  ctx: Context,
  r: OpResult | undefined,
  args: Args,
  dflt: Value,
  fixes?: (error: ShapeError) => Fix[],
): Value {
  if (!r) return dflt;
  if (!r.ok) {
    if (args.range) reportOpError(ctx, r.error, args.range, undefined, fixes?.(r.error));
    return tensor(null);
  }
  return fromOpValue(r.value);
}

/**
 * Carries the receptive field through an op (receptive.ts): extended by a sliding window, a
 * factory's own, the largest of the operands' for a position-wise op; unknown for any other.
 */
function withField(v: Value, r: OpResult | undefined, args: Args, effect: FieldEffect | undefined): Value {
  if (v.k !== 'tensor') return v;
  const axes = r?.ok && r.inference?.ok ? r.inference.axes : undefined;
  const input = firstTensor(args);
  const rf = axes
    ? extendField(rfOf(input), axes)
    : effect === 'fresh'
      ? FRESH_FIELD
      : effect === 'position-wise'
        ? operandsField(args)
        : effect && input?.k === 'tensor'
          ? movedField(input, v.shape, effect, args)
          : undefined;
  return rf ? tensor(v.shape, rf) : v;
}

/** A reshape's, permute's or transpose's field (receptive.ts `reshapeField`); unknown when a
 *  permutation is not written as integers. */
function movedField(
  input: Extract<Value, { k: 'tensor' }>,
  out: Shape | null,
  effect: FieldEffect,
  args: Args,
): ReturnType<typeof reshapeField> {
  if (effect === 'reshape') return reshapeField(input.rf, input.shape, out);
  const order = input.shape ? axisOrder(effect, args, input.shape.length) : undefined;
  return order && reshapeField(input.rf, input.shape, out, order);
}

/** The input axis each output axis of a permute or transpose takes; undefined when not known. */
function axisOrder(effect: FieldEffect, args: Args, rank: number): number[] | undefined {
  const written = args.pos.slice(1);
  const axis = (v: Value | undefined) =>
    v?.k === 'int' && v.v >= -rank && v.v < rank ? (v.v < 0 ? v.v + rank : v.v) : undefined;
  if (effect === 'permute') {
    const dims = args.kw.get('dims') ?? (written.length === 1 ? written[0] : undefined);
    const order = (dims && (dims.k === 'tuple' || dims.k === 'list') ? dims.items : written).map(axis);
    return order.length === rank && order.every(i => i !== undefined) ? (order as number[]) : undefined;
  }
  const a = axis(args.kw.get('dim0') ?? written[0]);
  const b = axis(args.kw.get('dim1') ?? written[1]);
  if (a === undefined || b === undefined) return undefined;
  const order = Array.from({ length: rank }, (_, i) => i);
  [order[a], order[b]] = [order[b], order[a]];
  return order;
}

/** The fields of the tensors an op reads (its arguments, and the items of a list or tuple one:
 *  torch.cat's) merged. One pass without copies: every elementwise op on a tensor comes here. */
function operandsField(args: Args): ReturnType<typeof mergeFields> {
  const fields: (ReturnType<typeof rfOf> | undefined)[] = [];
  const add = (v: Value) => {
    if (v.k === 'tensor') fields.push(v.rf);
    else if (v.k === 'list' || v.k === 'tuple') for (const i of v.items) if (i.k === 'tensor') fields.push(i.rf);
  };
  for (const v of args.pos) add(v);
  for (const v of args.kw.values()) add(v);
  return mergeFields(fields);
}

function recordFunctional(ctx: Context, name: string, r: OpResult | undefined, args: Args): void {
  // Only sliding-window forms (F.max_pool2d, F.conv2d) have arithmetic worth a hover.
  const inf = r?.ok && r.inference?.ok ? r.inference : undefined;
  if (!r || !r.ok || !inf?.axes || !allotRecord(ctx)) return;
  const input = firstTensor(args);
  const output = r.value.kind === 'tensor' ? r.value.shape : null;
  const field = extendField(rfOf(input), inf.axes);
  ctx.rec.layers.push({
    name: `F.${name}`,
    kind: `F.${name}`,
    framework: 'pytorch',
    ...(r.spec ? { spec: r.spec } : {}),
    ...(args.range ? { call: args.range } : {}),
    inputs: [input?.k === 'tensor' ? input.shape : null],
    output,
    ...(inf?.axes ? { axes: inf.axes } : {}),
    ...(inf?.notes ? { notes: inf.notes } : {}),
    ...(inf?.macs !== undefined ? { macs: inf.macs } : {}),
    ...(field ? { receptiveField: field } : {}),
  });
}

export function callTorch(ctx: Context, q: string, args: Args): Value {
  if (q.startsWith('torch.nn.functional.')) {
    const name = q.slice('torch.nn.functional.'.length);
    const r = functionalOp(name, args.pos, args.kw);
    recordFunctional(ctx, name, r, args);
    const fixes = name === 'layer_norm' ? (error: ShapeError) => layerNormRepairs(ctx, args, error) : undefined;
    const out = resultValue(ctx, r, args, firstTensor(args) ? tensor(null) : UNKNOWN_VALUE, fixes);
    return withField(out, r, args, functionalFieldEffect(name));
  }
  const name = q.slice('torch.'.length);
  if (name === 'Size') {
    const items = args.pos[0] ? iterate(args.pos[0]) : [];
    return items ? { k: 'tuple', items } : UNKNOWN_VALUE;
  }
  if (name.includes('.')) return UNKNOWN_VALUE;
  // `torch.zeros(*sizes)` with sizes not understood: the arguments, so the result, are unknown.
  if (args.unknownRest) return FACTORIES.has(name) || firstTensor(args) ? tensor(null) : UNKNOWN_VALUE;
  const r = torchFunction(name, args.pos, args.kw);
  if (!r && FACTORIES.has(name)) return withFunctionKind(factory(name, args), name, args);
  const anyTensor = args.pos.some(
    v => v.k === 'tensor' || ((v.k === 'list' || v.k === 'tuple') && v.items.some(i => i.k === 'tensor')),
  );
  const fixes = CONCATS.has(name) ? () => catRepairs(ctx, args) : undefined;
  const out = withField(
    resultValue(ctx, r, args, anyTensor ? tensor(null) : UNKNOWN_VALUE, fixes),
    r,
    args,
    fieldEffect(name),
  );
  return withFunctionKind(out, name, args);
}

/**
 * `F.layer_norm(x, (C, H, W))` on other trailing sizes: normalized_shape set to them where it is
 * written. Not when a weight or bias is given: they are sized by the old shape, and would fail.
 */
function layerNormRepairs(ctx: Context, args: Args, error: ShapeError): Fix[] {
  const given = (v: Value | undefined) => v !== undefined && v.k !== 'none';
  if (error.argument !== 'normalized_shape' || error.suggested === undefined || args.unknownRest) return [];
  if ([args.pos[2], args.pos[3], args.kw.get('weight'), args.kw.get('bias')].some(given)) return [];
  const expr = args.posExprs?.[1] ?? args.kwExprs?.get('normalized_shape');
  if (!expr) return [];
  const fix = suggestionFix(
    ctx,
    'normalized_shape',
    { range: expr.r, literal: expr.k === 'num', expr },
    error.suggested,
  );
  return fix ? [fix] : [];
}

const CONCATS = new Set(['cat', 'concat', 'concatenate']);

/** `torch.cat([a, b], dim=1)` failing on spatial sizes: the convolution that shrank one. */
function catRepairs(ctx: Context, args: Args): Fix[] {
  const list = args.pos[0];
  const dim = args.kw.get('dim') ?? args.pos[1];
  if (!list || (list.k !== 'list' && list.k !== 'tuple')) return [];
  const shapes = list.items.map(v => (v.k === 'tensor' ? v.shape : null));
  const rank = shapes[0]?.length ?? 0;
  const axis = dim === undefined ? 0 : dim.k === 'int' ? (dim.v < 0 ? dim.v + rank : dim.v) : undefined;
  if (axis === undefined) return [];
  return sizeKeepingPadding(ctx, shapes, axis);
}

/** Plain accessors when the engine has no answer: `x.size()`, `x.size(i)`, `x.dim()`. */
function accessor(shape: Shape | null, name: string, args: Args): Value | undefined {
  if (!shape) return undefined;
  if (name === 'dim' || name === 'ndimension') return int(shape.length);
  if (name === 'size') {
    const [i] = args.pos;
    if (!i)
      return {
        k: 'tuple',
        items: shape.map(d => (d === null ? UNKNOWN_VALUE : typeof d === 'number' ? int(d) : { k: 'dim', d })),
      };
    if (i.k !== 'int') return undefined;
    const at = i.v < 0 ? shape.length + i.v : i.v;
    const d = shape[at];
    return d === undefined || d === null ? UNKNOWN_VALUE : typeof d === 'number' ? int(d) : { k: 'dim', d };
  }
  return undefined;
}

export function callTensorMethod(ctx: Context, self: Extract<Value, { k: 'tensor' }>, name: string, args: Args): Value {
  // `x.view(*shape)` with shape not understood: the arguments, so the result, are unknown.
  if (args.unknownRest) return NON_TENSOR_METHODS.has(name) ? UNKNOWN_VALUE : tensor(null);
  // A packed sequence moved to a device or cast stays the same packed sequence.
  if (self.packed) return PACKED_KEEPING.has(name) ? self : UNKNOWN_VALUE;
  const r = tensorMethod(name, self.shape, args.pos, args.kw);
  if (!r) {
    const known = accessor(self.shape, name, args);
    if (known) return known;
    return NON_TENSOR_METHODS.has(name) ? UNKNOWN_VALUE : tensor(null);
  }
  const withSelf = { ...args, pos: [self, ...args.pos] };
  const out = withField(resultValue(ctx, r, args, tensor(null)), r, withSelf, fieldEffect(name));
  return withMethodKind(out, self, name, args);
}

export { sym };

/** Tensor attributes that are not calls (`x.shape`, `x.T`, `x.ndim`). */
const TENSOR_PROPERTIES = new Set(['shape', 'T', 'mT', 'ndim']);

/** `x.shape`, `x.T`, `x.data`; any other name is a method. */
export function tensorAttribute(obj: Extract<Value, { k: 'tensor' }>, name: string): Value {
  const packed = obj.packed && packedAttribute(obj.packed, name);
  if (packed) return packed;
  if (TENSOR_PROPERTIES.has(name)) {
    const r = tensorMethod(name, obj.shape, [], new Map());
    if (r?.ok) return fromOpValue(r.value);
    if (name === 'ndim' && obj.shape) return { k: 'int', v: obj.shape.length };
    if (name === 'shape' && obj.shape) return fromOpValue({ kind: 'dims', dims: obj.shape });
    return UNKNOWN_VALUE;
  }
  if (name === 'dtype' || name === 'device' || name === 'data' || name === 'grad')
    return name === 'data' || name === 'grad' ? obj : UNKNOWN_VALUE;
  return { k: 'method', self: obj, name };
}
