// Keras 3 direct convolutions: Conv1D/2D/3D (keras/src/layers/convolutional/base_conv.py),
// DepthwiseConv1D/2D (base_depthwise_conv.py) and SeparableConv1D/2D (base_separable_conv.py).
// Order of checks as Keras runs them: constructor, InputSpec(min_ndim), build (groups), then
// `compute_conv_output_shape` (kernel rank, zero or negative sizes).
import { reportUnexpected } from '../../common/internal-errors';
import { type Dim, type Shape, isKnown } from '../dim';
import { type LayerRule, registerRules } from '../layer';
import { requireAtLeast } from '../size-requirements';
import { type Inference, type LayerSpec, inferred } from '../types';
import {
  type DataFormat,
  argBool,
  argInt,
  argString,
  builtInputShape,
  channelAxis,
  checkInputSpec,
  dataFormat,
  guarded,
  knownProduct,
  npArray,
  params,
  pyStr,
  pyTuple,
  raise,
  singleInput,
  spatialAxes,
  standardizeTuple,
  validated,
  layerName,
} from './common';
import { type WindowPadding, windowAxis, windowNotes, windowOutput } from './sliding';

type ConvVariant = 'conv' | 'depthwise' | 'separable';

interface ConvConfig {
  readonly variant: ConvVariant;
  readonly rank: number;
  readonly kernel: number[];
  readonly strides: number[];
  readonly dilation: number[];
  readonly padding: WindowPadding;
  readonly format: DataFormat;
  readonly filters: number; // conv/separable; depth_multiplier for depthwise
  readonly depthMultiplier: number;
  readonly groups: number;
  readonly useBias: boolean;
}

const VARIANT: Record<string, { variant: ConvVariant; rank: number }> = {
  Conv1D: { variant: 'conv', rank: 1 },
  Conv2D: { variant: 'conv', rank: 2 },
  Conv3D: { variant: 'conv', rank: 3 },
  DepthwiseConv1D: { variant: 'depthwise', rank: 1 },
  DepthwiseConv2D: { variant: 'depthwise', rank: 2 },
  SeparableConv1D: { variant: 'separable', rank: 1 },
  SeparableConv2D: { variant: 'separable', rank: 2 },
};

const unit = (rank: number) => (rank === 1 ? 1 : Array(rank).fill(1));

/** `standardize_padding`: lower-cased; `causal` only for Conv1D. */
function convPadding(spec: LayerSpec, allowCausal: boolean): WindowPadding {
  const p = argString(spec, 'padding').toLowerCase();
  if (p === 'valid' || p === 'same' || (allowCausal && p === 'causal')) return p;
  const allowed = allowCausal ? "{'valid', 'same', 'causal'}" : "{'valid', 'same'}";
  return raise(
    'invalid-padding',
    `The \`padding\` argument must be a list/tuple or one of ${allowed}. Received: ${p}`,
    'padding',
  );
}

/** The constructor of BaseConv / BaseDepthwiseConv / BaseSeparableConv, with its errors. */
function convConfig(spec: LayerSpec): ConvConfig {
  const { variant, rank } = VARIANT[spec.kind];
  const kernel = standardizeTuple(spec.args.kernel_size, rank, 'kernel_size');
  const strides = standardizeTuple(spec.args.strides, rank, 'strides');
  const dilation = standardizeTuple(spec.args.dilation_rate, rank, 'dilation_rate');
  const padding = convPadding(spec, variant === 'conv' && rank === 1);
  const format = dataFormat(spec);
  let filters = 0,
    depthMultiplier = 1,
    groups = 1;
  if (variant !== 'conv') {
    depthMultiplier = argInt(spec, 'depth_multiplier');
    if (depthMultiplier <= 0) {
      raise(
        'invalid-argument',
        `Invalid value for argument \`depth_multiplier\`. Expected a strictly positive value. Received depth_multiplier=${depthMultiplier}.`,
        'depth_multiplier',
      );
    }
  }
  if (variant !== 'depthwise') {
    filters = argInt(spec, 'filters');
    if (filters <= 0)
      raise(
        'invalid-argument',
        `Invalid value for argument \`filters\`. Expected a strictly positive value. Received filters=${filters}.`,
        'filters',
      );
  }
  if (variant === 'conv') {
    groups = argInt(spec, 'groups');
    if (groups <= 0)
      raise('invalid-groups', `The number of groups must be a positive integer. Received: groups=${groups}.`, 'groups');
    if (filters % groups !== 0) {
      raise(
        'invalid-groups',
        `The number of filters must be evenly divisible by the number of groups. Received: groups=${groups}, filters=${filters}.`,
        'groups',
      );
    }
  }
  if (Math.max(...strides) > 1 && Math.max(...dilation) > 1) {
    raise(
      'invalid-argument',
      `\`strides > 1\` not supported in conjunction with \`dilation_rate > 1\`. Received: strides=${pyStr(strides)} and dilation_rate=${pyStr(dilation)}`,
      'dilation_rate',
    );
  }
  return {
    variant,
    rank,
    kernel,
    strides,
    dilation,
    padding,
    format,
    filters,
    depthMultiplier,
    groups,
    useBias: argBool(spec, 'use_bias'),
  };
}

function outChannels(c: ConvConfig, inChannels: Dim): Dim {
  if (c.variant !== 'depthwise') return c.filters;
  return isKnown(inChannels) ? inChannels * c.depthMultiplier : null;
}

function inferConv(spec: LayerSpec, inputs: readonly Shape[], callArgs?: Parameters<LayerRule['infer']>[2]): Inference {
  return guarded(() => {
    const c = convConfig(spec);
    const x = singleInput(inputs);
    const built = builtInputShape(callArgs);
    const cAxis = channelAxis(c.format, x.length);
    const axes = built
      ? new Map([[c.format === 'channels_last' ? -1 : 1, built[channelAxis(c.format, built.length)]]])
      : undefined;
    checkInputSpec(spec, x, { minNdim: c.rank + 2, axes });
    const channels = x[cAxis];
    if (c.variant === 'conv' && isKnown(channels) && channels % c.groups !== 0) {
      raise(
        'invalid-groups',
        `The number of input channels must be evenly divisible by the number of groups. Received groups=${c.groups}, but the input has ${channels} channels (full input shape is ${pyTuple(x)}).`,
        'groups',
      );
    }
    const out = outChannels(c, channels);
    const kernelShape: Dim[] = [...c.kernel, channels, out];
    if (kernelShape.length !== x.length) {
      raise(
        'rank-mismatch',
        `Kernel shape must have the same length as input, but received kernel of shape ${pyTuple(kernelShape)} and input of shape ${pyTuple(x)}.`,
      );
    }
    const spatial = spatialAxes(c.format, x.length).map(i => x[i]);
    const windows = spatial.map((input, i) => ({
      input,
      kernel: c.kernel[i],
      stride: c.strides[i],
      dilation: c.dilation[i],
    }));
    const outSpatial = windows.map(w => windowOutput(w, c.padding));
    if (c.padding === 'valid' && outSpatial.some((o, i) => isKnown(spatial[i]) && isKnown(o) && o <= 0)) {
      raise(
        'kernel-too-large',
        'Computed output size would be zero or negative. Received ' +
          `\`inputs shape=${pyTuple(x)}\`, \`kernel shape=${pyTuple(kernelShape)}\`, \`dilation_rate=${npArray(c.dilation)}\`, ` +
          `\`strides=${pyTuple(c.strides)}\`, \`padding=${c.padding}\`.`,
        'kernel_size',
      );
    }
    // On a symbolic input Keras checks the same when the size is known: an output of at least 1.
    if (c.padding === 'valid') outSpatial.forEach(o => requireAtLeast(o, 1, layerName(spec)));
    const output: Dim[] = c.format === 'channels_last' ? [x[0], ...outSpatial, out] : [x[0], out, ...outSpatial];
    const perAxis = windows.map(w => windowAxis(w, c.padding, false));
    const known = perAxis.every(a => a !== undefined)
      ? (perAxis as NonNullable<(typeof perAxis)[number]>[])
      : undefined;
    const macs = convMacs(c, channels, outSpatial);
    return inferred(output, {
      ...(known ? { axes: known, notes: windowNotes(known, c.padding) } : {}),
      ...(macs !== undefined ? { macs } : {}),
    });
  });
}

/** Multiply-accumulates per sample: one kernel application per output cell and filter. */
function convMacs(c: ConvConfig, channels: Dim, outSpatial: readonly Dim[]): number | undefined {
  const cells = knownProduct(outSpatial);
  if (cells === undefined || !isKnown(channels)) return undefined;
  const k = c.kernel.reduce((a, b) => a * b, 1);
  if (c.variant === 'conv') return cells * c.filters * k * (channels / c.groups);
  const depthwise = cells * channels * c.depthMultiplier * k;
  return c.variant === 'depthwise' ? depthwise : depthwise + cells * channels * c.depthMultiplier * c.filters;
}

/** Trainable weights once built: kernel(s) and bias, sized by the input's channels. */
function convParams(spec: LayerSpec, input?: Shape): number | undefined {
  if (!input) return undefined;
  let c: ConvConfig;
  try {
    c = convConfig(spec);
  } catch (e) {
    reportUnexpected('engine.keras.convParams', e); // Quiet or KerasError: no parameter count
    return undefined;
  }
  const channels = input[channelAxis(c.format, input.length)];
  if (!isKnown(channels) || channels % c.groups !== 0) return undefined;
  const k = c.kernel.reduce((a, b) => a * b, 1);
  if (c.variant === 'conv') return k * (channels / c.groups) * c.filters + (c.useBias ? c.filters : 0);
  const depthwise = k * channels * c.depthMultiplier;
  if (c.variant === 'depthwise') return depthwise + (c.useBias ? channels * c.depthMultiplier : 0);
  return depthwise + channels * c.depthMultiplier * c.filters + (c.useBias ? c.filters : 0);
}

const INITS = params(['activation', null], ['use_bias', true]);
const convTail = params(
  ['kernel_initializer', 'glorot_uniform'],
  ['bias_initializer', 'zeros'],
  ['kernel_regularizer', null],
  ['bias_regularizer', null],
  ['activity_regularizer', null],
  ['kernel_constraint', null],
  ['bias_constraint', null],
);

function signature(kind: string) {
  const { variant, rank } = VARIANT[kind];
  const one = unit(rank);
  if (variant === 'conv') {
    return [
      ...params(
        ['filters'],
        ['kernel_size'],
        ['strides', one],
        ['padding', 'valid'],
        ['data_format', null],
        ['dilation_rate', one],
        ['groups', 1],
      ),
      ...INITS,
      ...convTail,
    ];
  }
  if (variant === 'depthwise') {
    return params(
      ['kernel_size'],
      ['strides', one],
      ['padding', 'valid'],
      ['depth_multiplier', 1],
      ['data_format', null],
      ['dilation_rate', one],
      ['activation', null],
      ['use_bias', true],
      ['depthwise_initializer', 'glorot_uniform'],
      ['bias_initializer', 'zeros'],
      ['depthwise_regularizer', null],
      ['bias_regularizer', null],
      ['activity_regularizer', null],
      ['depthwise_constraint', null],
      ['bias_constraint', null],
    );
  }
  return params(
    ['filters'],
    ['kernel_size'],
    ['strides', one],
    ['padding', 'valid'],
    ['data_format', null],
    ['dilation_rate', one],
    ['depth_multiplier', 1],
    ['activation', null],
    ['use_bias', true],
    ['depthwise_initializer', 'glorot_uniform'],
    ['pointwise_initializer', 'glorot_uniform'],
    ['bias_initializer', 'zeros'],
    ['depthwise_regularizer', null],
    ['pointwise_regularizer', null],
    ['bias_regularizer', null],
    ['activity_regularizer', null],
    ['depthwise_constraint', null],
    ['pointwise_constraint', null],
    ['bias_constraint', null],
  );
}

export const convRule: LayerRule = {
  framework: 'keras',
  kinds: Object.keys(VARIANT),
  countsMacs: true,
  aliases: {
    Convolution1D: 'Conv1D',
    Convolution2D: 'Conv2D',
    Convolution3D: 'Conv3D',
    SeparableConvolution1D: 'SeparableConv1D',
    SeparableConvolution2D: 'SeparableConv2D',
  },
  signature,
  validate: spec => validated(() => convConfig(spec)),
  infer: inferConv,
  params: convParams,
};

registerRules([convRule]);
