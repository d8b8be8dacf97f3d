// Keras 3 transposed convolutions: Conv1DTranspose/2DTranspose/3DTranspose
// (keras/src/layers/convolutional/base_conv_transpose.py). Output sizes follow
// `compute_conv_transpose_output_shape` → `_get_output_shape_given_tf_padding`
// (keras/src/backend/common/backend_utils.py): with `output_padding=None`, `valid` gives
// (i − 1)·s + max(k̂, s) and `same` gives i·s.
import { reportUnexpected } from '../../common/internal-errors';
import { type Dim, type Shape, isKnown } from '../dim';
import { type LayerRule, registerRules } from '../layer';
import { type ArgValue, type Inference, type LayerSpec, inferred } from '../types';
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
  params,
  pyStr,
  raise,
  singleInput,
  spatialAxes,
  standardizeTuple,
  validated,
} from './common';
import { transposedAxis, transposedOutput } from './sliding';

const RANK: Record<string, number> = { Conv1DTranspose: 1, Conv2DTranspose: 2, Conv3DTranspose: 3 };

interface TransposeConfig {
  readonly rank: number;
  readonly kernel: number[];
  readonly strides: number[];
  readonly dilation: number[];
  readonly padding: 'valid' | 'same';
  readonly outputPadding: number[] | null;
  readonly format: DataFormat;
  readonly filters: number;
  readonly useBias: boolean;
}

function transposeConfig(spec: LayerSpec): TransposeConfig {
  const rank = RANK[spec.kind];
  const kernel = standardizeTuple(spec.args.kernel_size, rank, 'kernel_size');
  const strides = standardizeTuple(spec.args.strides, rank, 'strides');
  const dilation = standardizeTuple(spec.args.dilation_rate, rank, 'dilation_rate');
  const p = argString(spec, 'padding').toLowerCase();
  if (p !== 'valid' && p !== 'same') {
    raise(
      'invalid-padding',
      `The \`padding\` argument must be a list/tuple or one of {'valid', 'same'}. Received: ${p}`,
      'padding',
    );
  }
  const op = spec.args.output_padding;
  const outputPadding = op === null ? null : standardizeTuple(op, rank, 'output_padding', true);
  const format = dataFormat(spec);
  const filters = argInt(spec, 'filters');
  if (filters <= 0)
    raise(
      'invalid-argument',
      `Invalid value for argument \`filters\`. Expected a strictly positive value. Received filters=${filters}.`,
      'filters',
    );
  if (outputPadding && outputPadding.some((a, i) => a >= strides[i])) {
    raise(
      'invalid-output-padding',
      `\`output_padding\` must be < \`strides\`. output_padding=${pyStr(outputPadding)}, strides=${pyStr(strides)}`,
      'output_padding',
    );
  }
  if (Math.max(...strides) > 1 && Math.max(...dilation) > 1) {
    raise(
      'invalid-argument',
      `\`strides > 1\` not supported in conjunction with \`dilation_rate > 1\`. Received: strides=${pyStr(strides)} and dilation_rate=${pyStr(dilation)}`,
      'dilation_rate',
    );
  }
  return {
    rank,
    kernel,
    strides,
    dilation,
    padding: p,
    outputPadding,
    format,
    filters,
    useBias: argBool(spec, 'use_bias'),
  };
}

function inferTranspose(
  spec: LayerSpec,
  inputs: readonly Shape[],
  callArgs?: Readonly<Record<string, ArgValue>>,
): Inference {
  return guarded(() => {
    const c = transposeConfig(spec);
    const x = singleInput(inputs);
    const built = builtInputShape(callArgs);
    const axes = built
      ? new Map([[c.format === 'channels_last' ? -1 : 1, built[channelAxis(c.format, built.length)]]])
      : undefined;
    checkInputSpec(spec, x, { minNdim: c.rank + 2, axes });
    // compute_conv_transpose_output_shape takes len(input_shape) − 2 spatial axes; a longer input
    // makes it index past kernel_size (an IndexError in Keras): say nothing.
    const spatialIdx = spatialAxes(c.format, x.length);
    if (spatialIdx.length !== c.rank) return inferred(null);
    const windows = spatialIdx.map((idx, i) => ({
      input: x[idx],
      kernel: c.kernel[i],
      stride: c.strides[i],
      dilation: c.dilation[i],
    }));
    const outSpatial = windows.map((w, i) =>
      transposedOutput(w, c.padding, c.outputPadding ? c.outputPadding[i] : null),
    );
    const output: Dim[] =
      c.format === 'channels_last' ? [x[0], ...outSpatial, c.filters] : [x[0], c.filters, ...outSpatial];
    const axisList = windows.map((w, i) => transposedAxis(w, c.padding, c.outputPadding ? c.outputPadding[i] : null));
    const channels = x[channelAxis(c.format, x.length)];
    const cells = knownProduct(windows.map(w => w.input));
    const k = c.kernel.reduce((a, b) => a * b, 1);
    const notes =
      c.outputPadding === null
        ? [
            `output_padding=None: Keras picks the output size ${c.padding === 'same' ? 'i·s' : '(i − 1)·s + max(k̂, s)'} on every axis`,
          ]
        : [];
    return inferred(output, {
      axes: axisList,
      notes,
      ...(cells !== undefined && isKnown(channels) ? { macs: cells * k * channels * c.filters } : {}),
    });
  });
}

function transposeParams(spec: LayerSpec, input?: Shape): number | undefined {
  if (!input) return undefined;
  let c: TransposeConfig;
  try {
    c = transposeConfig(spec);
  } catch (e) {
    reportUnexpected('engine.keras.transposeParams', e); // Quiet or KerasError: no parameter count
    return undefined;
  }
  const channels = input[channelAxis(c.format, input.length)];
  if (!isKnown(channels)) return undefined;
  return c.kernel.reduce((a, b) => a * b, 1) * c.filters * channels + (c.useBias ? c.filters : 0);
}

export const convTransposeRule: LayerRule = {
  framework: 'keras',
  kinds: Object.keys(RANK),
  countsMacs: true,
  aliases: {
    Convolution1DTranspose: 'Conv1DTranspose',
    Convolution2DTranspose: 'Conv2DTranspose',
    Convolution3DTranspose: 'Conv3DTranspose',
    Deconvolution2D: 'Conv2DTranspose',
    Deconvolution3D: 'Conv3DTranspose',
    Deconv2D: 'Conv2DTranspose',
    Deconv3D: 'Conv3DTranspose',
  },
  signature(kind) {
    const one = RANK[kind] === 1 ? 1 : Array(RANK[kind]).fill(1);
    return params(
      ['filters'],
      ['kernel_size'],
      ['strides', one],
      ['padding', 'valid'],
      ['output_padding', null],
      ['data_format', null],
      ['dilation_rate', one],
      ['activation', null],
      ['use_bias', true],
      ['kernel_initializer', 'glorot_uniform'],
      ['bias_initializer', 'zeros'],
      ['kernel_regularizer', null],
      ['bias_regularizer', null],
      ['activity_regularizer', null],
      ['kernel_constraint', null],
      ['bias_constraint', null],
    );
  },
  validate: spec => validated(() => transposeConfig(spec)),
  infer: inferTranspose,
  params: transposeParams,
};

registerRules([convTransposeRule]);
