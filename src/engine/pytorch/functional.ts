// The functional forms `F.*` (torch.nn.functional). A form that has a module counterpart binds
// that module and applies its rule (F.max_pool2d(x, 2) ≡ nn.MaxPool2d(2)(x)), so each operation's
// arithmetic lives in one place; the OpResult carries the module spec and inference for hovers.
// Forms without a module counterpart use the rules in ops/.
import type { FieldEffect } from './tensor-ops';
import { foldOp, unfoldOp } from './ops/fold';
import { gridSampleOp } from './ops/grid';
import { sdpaOp } from './ops/sdpa';
import { dimText, mul } from '../dim';
import { reportUnexpected } from '../../common/internal-errors';
import { applyLayer, bindLayer } from '../layer';
import { type ArgValue, type OpArg, type OpResult, isTensorArg } from '../types';
import { type Kwargs, UNKNOWN_TENSOR, bind, fail, intOf, intsOf, isList, shapeOf, tensor } from './ops/args';
import { binaryOp, dimPreservingOp } from './ops/elementwise';
import { batchNormOp, groupNormOp, lossOp, oneHotOp } from './ops/functional-own';
import { type PadMode, fpad } from './pad';
import { reduceShape } from './ops/reduce';

type Rule = (args: readonly OpArg[], kwargs: Kwargs) => OpResult | undefined;

/** A value that can be a module constructor argument (tensors cannot). */
function asArgValue(v: OpArg): ArgValue | undefined {
  if (isTensorArg(v)) return undefined;
  if (Array.isArray(v)) {
    const items = v.map(asArgValue);
    return items.every(i => i !== undefined) ? (items as ArgValue[]) : undefined;
  }
  return v as ArgValue;
}

/**
 * Applies module `kind`, constructed with `keywords`, to `input`. Undefined when the registry has
 * no such module (the caller falls back).
 */
function viaModule(
  kind: string,
  input: OpArg | undefined,
  keywords: Readonly<Record<string, OpArg | undefined>>,
  indices = false,
): OpResult | undefined {
  const kw: Record<string, ArgValue> = {};
  for (const [k, v] of Object.entries(keywords)) {
    if (v === undefined) continue;
    const a = asArgValue(v);
    if (a === undefined) return UNKNOWN_TENSOR;
    kw[k] = a;
  }
  const bound = bindLayer('pytorch', kind, [], kw);
  if (!bound) return undefined;
  if (!bound.ok) return { ok: false, error: bound.error };
  const spec = bound.spec;
  const shape = shapeOf(input);
  if (!shape) return { ok: true, value: { kind: 'tensor', shape: null }, spec };
  const inference = applyLayer(spec, [shape]);
  if (!inference.ok) return { ok: false, error: inference.error };
  const out = inference.output;
  const value = indices
    ? {
        kind: 'tensors' as const,
        items: [
          { kind: 'tensor' as const, shape: out },
          { kind: 'tensor' as const, shape: out },
        ],
      }
    : { kind: 'tensor' as const, shape: out };
  return { ok: true, value, inference, spec };
}

/** A form whose parameters after `input` are the module's constructor keywords, by name. */
function moduleForm(
  kind: string,
  params: readonly string[],
  options: { fallback?: Rule; indices?: string } = {},
): Rule {
  return (args, kwargs) => {
    const b = bind(['input', ...params], args, kwargs);
    const keywords: Record<string, OpArg | undefined> = {};
    for (const p of params) if (p !== 'training') keywords[p] = b[p];
    const indices = options.indices !== undefined && b[options.indices] === true;
    return viaModule(kind, b.input, keywords, indices) ?? options.fallback?.(args, kwargs) ?? undefined;
  };
}

/** Shape-preserving fallback (activations, dropout) when the module rule is not registered. */
const sameShape: Rule = (args, kwargs) => {
  const input = shapeOf(bind(['input'], args, kwargs).input);
  return input === undefined ? UNKNOWN_TENSOR : tensor(input);
};

/** F.conv{1,2,3}d(input, weight, bias, stride, padding, dilation, groups): weight (out, in/groups, *k). */
function convForm(n: number): Rule {
  return (args, kwargs) => {
    const b = bind(['input', 'weight', 'bias', 'stride', 'padding', 'dilation', 'groups'], args, kwargs);
    const weight = shapeOf(b.weight);
    const groups = b.groups === undefined ? 1 : intOf(b.groups);
    if (!weight || weight.length !== n + 2 || groups === undefined) return UNKNOWN_TENSOR;
    const [out, inPerGroup, ...kernel] = weight;
    if (typeof out === 'number' && out % groups !== 0) {
      return fail(
        'invalid-groups',
        `Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size [[${weight.map(dimText).join(', ')}]] instead`,
      );
    }
    return (
      viaModule(`Conv${n}d`, b.input, {
        in_channels: mul(inPerGroup, groups),
        out_channels: out,
        kernel_size: kernel,
        stride: b.stride,
        padding: b.padding,
        dilation: b.dilation,
        groups,
        bias: b.bias !== undefined && b.bias !== null,
      }) ?? UNKNOWN_TENSOR
    );
  };
}

/** F.conv_transpose{1,2,3}d(input, weight, bias, stride, padding, output_padding, groups, dilation): weight (in, out/groups, *k). */
function convTransposeForm(n: number): Rule {
  return (args, kwargs) => {
    const b = bind(
      ['input', 'weight', 'bias', 'stride', 'padding', 'output_padding', 'groups', 'dilation'],
      args,
      kwargs,
    );
    const weight = shapeOf(b.weight);
    const groups = b.groups === undefined ? 1 : intOf(b.groups);
    if (!weight || weight.length !== n + 2 || groups === undefined) return UNKNOWN_TENSOR;
    const [inC, outPerGroup, ...kernel] = weight;
    if (typeof inC === 'number' && inC % groups !== 0) return UNKNOWN_TENSOR;
    return (
      viaModule(`ConvTranspose${n}d`, b.input, {
        in_channels: inC,
        out_channels: mul(outPerGroup, groups),
        kernel_size: kernel,
        stride: b.stride,
        padding: b.padding,
        output_padding: b.output_padding,
        groups,
        dilation: b.dilation,
        bias: b.bias !== undefined && b.bias !== null,
      }) ?? UNKNOWN_TENSOR
    );
  };
}

/** F.linear(input, weight, bias): weight (out, in). */
const linearForm: Rule = (args, kwargs) => {
  const b = bind(['input', 'weight', 'bias'], args, kwargs);
  const weight = shapeOf(b.weight);
  if (!weight || weight.length !== 2) return UNKNOWN_TENSOR;
  return (
    viaModule('Linear', b.input, {
      in_features: weight[1],
      out_features: weight[0],
      bias: b.bias !== undefined && b.bias !== null,
    }) ?? UNKNOWN_TENSOR
  );
};

/** F.embedding(input, weight, padding_idx, ...): weight (num_embeddings, embedding_dim). */
const embeddingForm: Rule = (args, kwargs) => {
  const b = bind(
    ['input', 'weight', 'padding_idx', 'max_norm', 'norm_type', 'scale_grad_by_freq', 'sparse'],
    args,
    kwargs,
  );
  const weight = shapeOf(b.weight);
  if (!weight || weight.length !== 2) return UNKNOWN_TENSOR;
  const input = shapeOf(b.input);
  return (
    viaModule('Embedding', b.input, {
      num_embeddings: weight[0],
      embedding_dim: weight[1],
      padding_idx: b.padding_idx,
    }) ?? (input ? tensor([...input, weight[1]]) : UNKNOWN_TENSOR)
  );
};

/** F.pad(input, pad, mode='constant', value=None): the padding rule every padding layer uses. */
const padForm: Rule = (args, kwargs) => {
  const b = bind(['input', 'pad', 'mode', 'value'], args, kwargs);
  const input = shapeOf(b.input);
  const pad = isList(b.pad) ? intsOf([b.pad]) : undefined;
  const mode = b.mode === undefined ? 'constant' : b.mode;
  if (!input || !pad || !['constant', 'reflect', 'replicate', 'circular'].includes(mode as string))
    return UNKNOWN_TENSOR;
  const r = fpad(input, pad, mode as PadMode);
  return r.ok ? tensor(r.output) : { ok: false, error: r.error };
};

/** softmax / log_softmax / softmin(input, dim=None): the same rule as `x.softmax(dim)`. */
const softmaxForm: Rule = (args, kwargs) => {
  const b = bind(['input', 'dim'], args, kwargs);
  const input = shapeOf(b.input);
  if (input === undefined) return UNKNOWN_TENSOR;
  return dimPreservingOp(input, b.dim === undefined ? [] : [b.dim], {});
};

/** F.normalize(input, p=2.0, dim=1): the shape stays; the dim must exist. */
const normalizeForm: Rule = (args, kwargs) => {
  const b = bind(['input', 'p', 'dim'], args, kwargs);
  const input = shapeOf(b.input);
  if (input === undefined) return UNKNOWN_TENSOR;
  return dimPreservingOp(input, [b.dim === undefined ? 1 : b.dim], {});
};

/** F.cosine_similarity(x1, x2, dim=1): broadcast, then the dim is reduced. */
const cosineForm: Rule = (args, kwargs) => {
  const b = bind(['x1', 'x2', 'dim'], args, kwargs);
  const x1 = shapeOf(b.x1);
  const dim = b.dim === undefined ? 1 : intOf(b.dim);
  if (x1 === undefined || x1 === null || dim === undefined) return UNKNOWN_TENSOR;
  const r = binaryOp(x1, [b.x2 as OpArg], {}, 'cosine_similarity');
  if (!r.ok || r.value.kind !== 'tensor' || r.value.shape === null) return r;
  const red = reduceShape(r.value.shape, [dim], false);
  return red.ok ? tensor(red.shape) : red.result;
};

const ACTIVATIONS: Readonly<Record<string, readonly [string, readonly string[]]>> = {
  relu: ['ReLU', ['inplace']],
  relu6: ['ReLU6', ['inplace']],
  elu: ['ELU', ['alpha', 'inplace']],
  selu: ['SELU', ['inplace']],
  celu: ['CELU', ['alpha', 'inplace']],
  leaky_relu: ['LeakyReLU', ['negative_slope', 'inplace']],
  gelu: ['GELU', ['approximate']],
  silu: ['SiLU', ['inplace']],
  mish: ['Mish', ['inplace']],
  hardswish: ['Hardswish', ['inplace']],
  hardsigmoid: ['Hardsigmoid', ['inplace']],
  hardtanh: ['Hardtanh', ['min_val', 'max_val', 'inplace']],
  softplus: ['Softplus', ['beta', 'threshold']],
  sigmoid: ['Sigmoid', []],
  tanh: ['Tanh', []],
  logsigmoid: ['LogSigmoid', []],
  softsign: ['Softsign', []],
  tanhshrink: ['Tanhshrink', []],
  softshrink: ['Softshrink', ['lambd']],
  hardshrink: ['Hardshrink', ['lambd']],
  threshold: ['Threshold', ['threshold', 'value', 'inplace']],
  dropout: ['Dropout', ['p', 'training', 'inplace']],
  dropout1d: ['Dropout1d', ['p', 'training', 'inplace']],
  dropout2d: ['Dropout2d', ['p', 'training', 'inplace']],
  dropout3d: ['Dropout3d', ['p', 'training', 'inplace']],
  alpha_dropout: ['AlphaDropout', ['p', 'training', 'inplace']],
  feature_alpha_dropout: ['FeatureAlphaDropout', ['p', 'training', 'inplace']],
};

const RULES = new Map<string, Rule>();
for (const [name, [kind, params]] of Object.entries(ACTIVATIONS))
  RULES.set(name, moduleForm(kind, params, { fallback: sameShape }));
for (const n of [1, 2, 3]) {
  RULES.set(`conv${n}d`, convForm(n));
  RULES.set(`conv_transpose${n}d`, convTransposeForm(n));
  RULES.set(
    `max_pool${n}d`,
    moduleForm(`MaxPool${n}d`, ['kernel_size', 'stride', 'padding', 'dilation', 'ceil_mode', 'return_indices'], {
      indices: 'return_indices',
    }),
  );
  RULES.set(
    `avg_pool${n}d`,
    moduleForm(
      `AvgPool${n}d`,
      n === 1
        ? ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad']
        : ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad', 'divisor_override'],
    ),
  );
  RULES.set(`adaptive_avg_pool${n}d`, moduleForm(`AdaptiveAvgPool${n}d`, ['output_size']));
  RULES.set(
    `adaptive_max_pool${n}d`,
    moduleForm(`AdaptiveMaxPool${n}d`, ['output_size', 'return_indices'], { indices: 'return_indices' }),
  );
}
RULES.set('lp_pool1d', moduleForm('LPPool1d', ['norm_type', 'kernel_size', 'stride', 'ceil_mode']));
RULES.set('lp_pool2d', moduleForm('LPPool2d', ['norm_type', 'kernel_size', 'stride', 'ceil_mode']));
RULES.set(
  'interpolate',
  moduleForm('Upsample', ['size', 'scale_factor', 'mode', 'align_corners', 'recompute_scale_factor']),
);
RULES.set('upsample', moduleForm('Upsample', ['size', 'scale_factor', 'mode', 'align_corners']));
RULES.set('upsample_nearest', moduleForm('UpsamplingNearest2d', ['size', 'scale_factor']));
RULES.set('upsample_bilinear', moduleForm('UpsamplingBilinear2d', ['size', 'scale_factor']));
RULES.set('pixel_shuffle', moduleForm('PixelShuffle', ['upscale_factor']));
RULES.set('pixel_unshuffle', moduleForm('PixelUnshuffle', ['downscale_factor']));
RULES.set('layer_norm', moduleForm('LayerNorm', ['normalized_shape']));
RULES.set('instance_norm', sameShape);
RULES.set('local_response_norm', sameShape);
RULES.set('batch_norm', batchNormOp);
RULES.set('group_norm', groupNormOp);
RULES.set('linear', linearForm);
RULES.set('embedding', embeddingForm);
RULES.set('one_hot', oneHotOp);
RULES.set('grid_sample', gridSampleOp);
RULES.set('scaled_dot_product_attention', sdpaOp);
RULES.set('unfold', unfoldOp);
RULES.set('fold', foldOp);
RULES.set('pad', padForm);
RULES.set('glu', moduleForm('GLU', ['dim']));
RULES.set('softmax', softmaxForm);
RULES.set('log_softmax', softmaxForm);
RULES.set('softmin', softmaxForm);
RULES.set('normalize', normalizeForm);
RULES.set('cosine_similarity', cosineForm);
for (const loss of [
  'mse_loss',
  'l1_loss',
  'smooth_l1_loss',
  'huber_loss',
  'binary_cross_entropy',
  'binary_cross_entropy_with_logits',
]) {
  RULES.set(loss, (a, k) => lossOp(a, k, true));
}
for (const loss of ['cross_entropy', 'nll_loss', 'kl_div']) RULES.set(loss, (a, k) => lossOp(a, k, false));

/** F.* forms that map each position from the same position (activations, dropout, the norms,
 *  padding: see engine/receptive-field.ts); the rest mix positions or are not known. */
const POSITION_WISE = new Set([
  ...Object.keys(ACTIVATIONS),
  ...['batch_norm', 'instance_norm', 'group_norm', 'layer_norm', 'local_response_norm', 'pad'],
]);

/** An F.* form's FieldEffect (tensor-ops.ts): position-wise or not known. */
export const functionalFieldEffect = (name: string): FieldEffect | undefined =>
  POSITION_WISE.has(name) ? 'position-wise' : undefined;

/** `F.name(*args, **kwargs)`; undefined when the function is not one the engine knows. */
export function applyFunctional(name: string, args: readonly OpArg[], kwargs: Kwargs): OpResult | undefined {
  const rule = RULES.get(name);
  if (!rule) return undefined;
  try {
    return rule(args, kwargs) ?? UNKNOWN_TENSOR;
  } catch (e) {
    reportUnexpected(`engine.functional ${name}`, e); // rules return unknown, never throw
    return UNKNOWN_TENSOR;
  }
}
