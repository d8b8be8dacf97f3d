// Keras 3 pooling: MaxPooling/AveragePooling 1D-3D (keras/src/layers/pooling/base_pooling.py,
// sizes from `compute_pooling_output_shape` in keras/src/ops/operation_utils.py) and the global
// pools (base_global_pooling.py, with `keepdims`).
import { type Dim, type Shape, isKnown } from '../dim';
import { type LayerRule, registerRules } from '../layer';
import { type Inference, type LayerSpec, inferred } from '../types';
import {
  type DataFormat,
  argBool,
  argString,
  checkInputSpec,
  dataFormat,
  guarded,
  npArray,
  params,
  pyTuple,
  Quiet,
  raise,
  singleInput,
  spatialAxes,
  standardizeTuple,
  validated,
  layerName,
} from './common';
import { windowAxis, windowNotes, windowOutput } from './sliding';
import { requireAtLeast } from '../size-requirements';

const POOL_RANK: Record<string, number> = {
  MaxPooling1D: 1,
  MaxPooling2D: 2,
  MaxPooling3D: 3,
  AveragePooling1D: 1,
  AveragePooling2D: 2,
  AveragePooling3D: 3,
};

interface PoolConfig {
  readonly rank: number;
  readonly pool: number[];
  readonly strides: number[];
  readonly format: DataFormat;
}

function poolConfig(spec: LayerSpec): PoolConfig {
  const rank = POOL_RANK[spec.kind];
  const pool = standardizeTuple(spec.args.pool_size, rank, 'pool_size');
  const strides = standardizeTuple(
    spec.args.strides === null ? spec.args.pool_size : spec.args.strides,
    rank,
    'strides',
    true,
  );
  return { rank, pool, strides, format: dataFormat(spec) };
}

function inferPool(spec: LayerSpec, inputs: readonly Shape[]): Inference {
  return guarded(() => {
    const c = poolConfig(spec);
    const x = singleInput(inputs);
    checkInputSpec(spec, x, { ndim: c.rank + 2 });
    if (c.strides.some(s => s === 0)) throw new Quiet(); // NumPy divides by zero: no sensible answer
    // Keras compares the padding string as given (not lower-cased) when computing the shape.
    const padding = argString(spec, 'padding');
    if (padding !== 'valid' && padding !== 'same') {
      raise(
        'invalid-padding',
        `Argument \`padding\` must be either 'valid' or 'same'. Received: padding=${padding}`,
        'padding',
      );
    }
    const idx = spatialAxes(c.format, x.length);
    const windows = idx.map((j, i) => ({ input: x[j], kernel: c.pool[i], stride: c.strides[i], dilation: 1 }));
    const outSpatial = windows.map(w => windowOutput(w, padding));
    if (padding === 'valid' && outSpatial.some((o, i) => isKnown(windows[i].input) && isKnown(o) && o <= 0)) {
      // The message prints the NumPy array of the input shape, where Keras has already written
      // -1 over unknown spatial sizes.
      const shown = x.map((d, j) => (idx.includes(j) && d === null ? -1 : d));
      raise(
        'kernel-too-large',
        'Computed output size would be zero or negative. Received: ' +
          `\`inputs.shape=${npArray(shown)}\`, \`pool_size=${npArray(c.pool)}\`, \`strides=${pyTuple(c.strides)}\`, \`padding=${padding}\`.`,
        'pool_size',
      );
    }
    if (padding === 'valid') outSpatial.forEach(o => requireAtLeast(o, 1, layerName(spec)));
    const output: Dim[] =
      c.format === 'channels_last' ? [x[0], ...outSpatial, x[x.length - 1]] : [x[0], x[1], ...outSpatial];
    const perAxis = windows.map(w => windowAxis(w, padding, true));
    const known = perAxis.every(a => a !== undefined)
      ? (perAxis as NonNullable<(typeof perAxis)[number]>[])
      : undefined;
    return inferred(output, known ? { axes: known, notes: windowNotes(known, padding) } : {});
  });
}

export const poolingRule: LayerRule = {
  framework: 'keras',
  kinds: Object.keys(POOL_RANK),
  aliases: {
    MaxPool1D: 'MaxPooling1D',
    MaxPool2D: 'MaxPooling2D',
    MaxPool3D: 'MaxPooling3D',
    AvgPool1D: 'AveragePooling1D',
    AvgPool2D: 'AveragePooling2D',
    AvgPool3D: 'AveragePooling3D',
  },
  signature(kind) {
    const rank = POOL_RANK[kind];
    return params(
      ['pool_size', rank === 1 ? 2 : Array(rank).fill(2)],
      ['strides', null],
      ['padding', 'valid'],
      ['data_format', null],
      ['name', null],
    );
  },
  validate: spec => validated(() => poolConfig(spec)),
  infer: inferPool,
  params: () => 0,
};

const GLOBAL_RANK: Record<string, number> = {
  GlobalAveragePooling1D: 1,
  GlobalAveragePooling2D: 2,
  GlobalAveragePooling3D: 3,
  GlobalMaxPooling1D: 1,
  GlobalMaxPooling2D: 2,
  GlobalMaxPooling3D: 3,
};

function inferGlobal(spec: LayerSpec, inputs: readonly Shape[]): Inference {
  return guarded(() => {
    const format = dataFormat(spec);
    const keepdims = argBool(spec, 'keepdims');
    const x = singleInput(inputs);
    checkInputSpec(spec, x, { ndim: GLOBAL_RANK[spec.kind] + 2 });
    const spatial = x.length - 2;
    const ones: Dim[] = keepdims ? Array(spatial).fill(1) : [];
    return inferred(format === 'channels_last' ? [x[0], ...ones, x[x.length - 1]] : [x[0], x[1], ...ones]);
  });
}

export const globalPoolingRule: LayerRule = {
  framework: 'keras',
  kinds: Object.keys(GLOBAL_RANK),
  aliases: {
    GlobalAvgPool1D: 'GlobalAveragePooling1D',
    GlobalAvgPool2D: 'GlobalAveragePooling2D',
    GlobalAvgPool3D: 'GlobalAveragePooling3D',
    GlobalMaxPool1D: 'GlobalMaxPooling1D',
    GlobalMaxPool2D: 'GlobalMaxPooling2D',
    GlobalMaxPool3D: 'GlobalMaxPooling3D',
  },
  signature: () => params(['data_format', null], ['keepdims', false]),
  validate: spec => validated(() => dataFormat(spec)),
  infer: inferGlobal,
  params: () => 0,
};

registerRules([poolingRule, globalPoolingRule]);
