// Keras 3 core layers: Dense (keras/src/layers/core/dense.py), Embedding, InputLayer, and the
// layers that keep their input's shape (Activation and the activation layers, Dropout and its
// spatial variants, noise and regularization layers).
import { reportUnexpected } from '../../common/internal-errors';
import { type Dim, type Shape, isKnown } from '../dim';
import { type LayerRule, registerRules } from '../layer';
import { type ArgValue, type Inference, type LayerSpec, inferred, isUnknown } from '../types';
import {
  argBool,
  argInt,
  builtInputShape,
  checkInputSpec,
  guarded,
  knownProduct,
  params,
  pyStr,
  Quiet,
  raise,
  singleInput,
  validated,
} from './common';

// ---- Dense ----

function denseUnits(spec: LayerSpec): number {
  const units = spec.args.units;
  if (isUnknown(units) || (typeof units === 'object' && units !== null && !Array.isArray(units))) throw new Quiet();
  if (typeof units !== 'number' || !Number.isInteger(units) || units <= 0) {
    raise(
      'invalid-argument',
      `Received an invalid value for \`units\`, expected a positive integer. Received: units=${pyStr(units)}`,
      'units',
    );
  }
  return units;
}

function inferDense(
  spec: LayerSpec,
  inputs: readonly Shape[],
  callArgs?: Readonly<Record<string, ArgValue>>,
): Inference {
  return guarded(() => {
    const units = denseUnits(spec);
    const x = singleInput(inputs);
    const built = builtInputShape(callArgs);
    const axes = built && built.length > 0 ? new Map([[-1, built[built.length - 1]]]) : undefined;
    checkInputSpec(spec, x, { minNdim: 2, axes }, 0, 'features-mismatch');
    const features = x[x.length - 1];
    const rows = knownProduct(x.slice(1, -1));
    const notes =
      x.length > 2
        ? [
            `Dense acts on the last axis only; the ${x.length - 2} axes before it pass through (add a Flatten first to mix them)`,
          ]
        : [];
    return inferred([...x.slice(0, -1), units], {
      notes,
      ...(rows !== undefined && isKnown(features) ? { macs: rows * features * units } : {}),
    });
  });
}

export const denseRule: LayerRule = {
  framework: 'keras',
  kinds: ['Dense'],
  countsMacs: true,
  signature: () =>
    params(
      ['units'],
      ['activation', null],
      ['use_bias', true],
      ['kernel_initializer', 'glorot_uniform'],
      ['bias_initializer', 'zeros'],
      ['kernel_regularizer', null],
      ['bias_regularizer', null],
      ['activity_regularizer', null],
      ['kernel_constraint', null],
      ['bias_constraint', null],
      ['lora_rank', null],
      ['lora_alpha', null],
      ['quantization_config', null],
    ),
  validate: spec => validated(() => denseUnits(spec)),
  infer: inferDense,
  params(spec, input) {
    const features = input?.[input.length - 1];
    if (!isKnown(features ?? null)) return undefined;
    try {
      const units = denseUnits(spec);
      return (features as number) * units + (argBool(spec, 'use_bias') ? units : 0);
    } catch (e) {
      reportUnexpected('engine.keras.Dense params', e); // Quiet: an unknown argument
      return undefined;
    }
  },
};

// ---- Embedding ----

export const embeddingRule: LayerRule = {
  framework: 'keras',
  kinds: ['Embedding'],
  signature: () =>
    params(
      ['input_dim'],
      ['output_dim'],
      ['embeddings_initializer', 'uniform'],
      ['embeddings_regularizer', null],
      ['embeddings_constraint', null],
      ['mask_zero', false],
      ['weights', null],
      ['lora_rank', null],
    ),
  infer: (spec, inputs) => guarded(() => inferred([...singleInput(inputs), argInt(spec, 'output_dim')])),
  params(spec) {
    try {
      return argInt(spec, 'input_dim') * argInt(spec, 'output_dim');
    } catch (e) {
      reportUnexpected('engine.keras.Embedding params', e); // Quiet: an unknown argument
      return undefined;
    }
  },
};

// ---- InputLayer ----

function shapeArg(v: ArgValue | undefined): Dim[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.map(d =>
    typeof d === 'number'
      ? d
      : d === null
        ? null
        : typeof d === 'object' && d !== null && 'kind' in d && d.kind === 'expr'
          ? (d as Dim)
          : null,
  );
}

export const inputLayerRule: LayerRule = {
  framework: 'keras',
  kinds: ['InputLayer'],
  signature: () =>
    params(
      ['shape', null],
      ['batch_size', null],
      ['dtype', null],
      ['sparse', null],
      ['batch_shape', null],
      ['input_tensor', null],
      ['optional', false],
      ['name', null],
    ),
  infer(spec, inputs) {
    if (inputs[0]) return inferred(inputs[0]);
    const batchShape = shapeArg(spec.args.batch_shape);
    if (batchShape) return inferred(batchShape);
    const shape = shapeArg(spec.args.shape ?? spec.args.input_shape);
    const batch = spec.args.batch_size;
    return inferred(shape ? [typeof batch === 'number' ? batch : null, ...shape] : null);
  },
  params: () => 0,
};

// ---- shape-preserving layers ----

/** Layers whose output is their input, with the rank their InputSpec demands (if any). */
const PASSTHROUGH: Record<string, { sig: ReadonlyArray<readonly [string, ArgValue?]>; ndim?: number }> = {
  Activation: { sig: [['activation']] },
  ReLU: {
    sig: [
      ['max_value', null],
      ['negative_slope', 0],
      ['threshold', 0],
    ],
  },
  LeakyReLU: { sig: [['negative_slope', 0.3]] },
  ELU: { sig: [['alpha', 1]] },
  Softmax: { sig: [['axis', -1]] },
  Dropout: { sig: [['rate'], ['noise_shape', null], ['seed', null]] },
  SpatialDropout1D: { sig: [['rate'], ['seed', null]], ndim: 3 },
  SpatialDropout2D: { sig: [['rate'], ['data_format', null], ['seed', null]], ndim: 4 },
  SpatialDropout3D: { sig: [['rate'], ['data_format', null], ['seed', null]], ndim: 5 },
  GaussianNoise: { sig: [['stddev'], ['seed', null]] },
  GaussianDropout: { sig: [['rate'], ['seed', null]] },
  AlphaDropout: { sig: [['rate'], ['noise_shape', null], ['seed', null]] },
  ActivityRegularization: {
    sig: [
      ['l1', 0],
      ['l2', 0],
    ],
  },
  Masking: { sig: [['mask_value', 0]] },
  Identity: { sig: [] },
};

const DROPOUTS = new Set([
  'Dropout',
  'SpatialDropout1D',
  'SpatialDropout2D',
  'SpatialDropout3D',
  'GaussianDropout',
  'AlphaDropout',
]);

function checkRate(spec: LayerSpec): void {
  if (!DROPOUTS.has(spec.kind)) return;
  const rate = spec.args.rate;
  if (typeof rate === 'number' && !(rate >= 0 && rate <= 1)) {
    raise(
      'invalid-argument',
      `Invalid value received for argument \`rate\`. Expected a float value between 0 and 1. Received: rate=${pyStr(rate)}`,
      'rate',
    );
  }
}

export const passthroughRule: LayerRule = {
  framework: 'keras',
  kinds: Object.keys(PASSTHROUGH),
  signature: kind => params(...PASSTHROUGH[kind].sig),
  validate: spec => validated(() => checkRate(spec)),
  infer: (spec, inputs) =>
    guarded(() => {
      checkRate(spec);
      const x = singleInput(inputs);
      const ndim = PASSTHROUGH[spec.kind].ndim;
      if (ndim !== undefined) checkInputSpec(spec, x, { ndim });
      return inferred(x);
    }),
  params: () => 0,
};

/** PReLU: one slope per input cell, shared along `shared_axes` (1-based, batch excluded). */
export const preluRule: LayerRule = {
  framework: 'keras',
  kinds: ['PReLU'],
  signature: () =>
    params(
      ['alpha_initializer', 'Zeros'],
      ['alpha_regularizer', null],
      ['alpha_constraint', null],
      ['shared_axes', null],
    ),
  infer: (_spec, inputs) => guarded(() => inferred(singleInput(inputs))),
  params(spec, input) {
    if (!input) return undefined;
    const shared = spec.args.shared_axes;
    const sharedAxes = typeof shared === 'number' ? [shared] : Array.isArray(shared) ? shared : [];
    const dims = input.slice(1).map((d, i) => (sharedAxes.includes(i + 1) ? 1 : d));
    return knownProduct(dims);
  },
};

registerRules([denseRule, embeddingRule, inputLayerRule, passthroughRule, preluRule]);
