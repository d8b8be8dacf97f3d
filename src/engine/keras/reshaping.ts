// Keras 3 Flatten, Reshape and Permute (keras/src/layers/reshaping/). Reshape follows
// `compute_reshape_output_shape` (keras/src/ops/operation_utils.py) with the batch axis kept.
import { type Dim, type Shape, dimDiffers, divExact, product } from '../dim';
import { requireEqual, requireUnknown } from '../size-requirements';
import { type LayerRule, registerRules } from '../layer';
import { type ArgValue, type LayerSpec, inferred, isUnknown } from '../types';
import {
  checkInputSpec,
  dataFormat,
  guarded,
  params,
  pyStr,
  pyTuple,
  Quiet,
  raise,
  singleInput,
  validated,
  layerName,
} from './common';

export const flattenRule: LayerRule = {
  framework: 'keras',
  kinds: ['Flatten'],
  signature: () => params(['data_format', null]),
  validate: spec => validated(() => dataFormat(spec)),
  infer: (spec, inputs) =>
    guarded(() => {
      dataFormat(spec);
      const x = singleInput(inputs);
      checkInputSpec(spec, x, { minNdim: 1 });
      const rest = x.slice(1);
      const flat: Dim = rest.length === 0 ? 1 : rest.some(d => d === null) ? null : product(rest);
      return inferred([x[0], flat]);
    }),
  params: () => 0,
};

function intList(v: ArgValue | undefined): number[] {
  if (v === undefined || isUnknown(v) || !Array.isArray(v)) throw new Quiet();
  return v.map(d => {
    if (typeof d !== 'number' || !Number.isInteger(d)) throw new Quiet();
    return d;
  });
}

function targetShape(spec: LayerSpec): number[] {
  const target =
    typeof spec.args.target_shape === 'number' ? [spec.args.target_shape] : intList(spec.args.target_shape);
  if (target.filter(d => d === -1).length > 1) {
    raise(
      'invalid-argument',
      `The \`target_shape\` argument must not contain more than one \`-1\` value. Received: target_shape=${pyStr(target)}`,
      'target_shape',
    );
  }
  return target;
}

function inferReshape(spec: LayerSpec, inputs: readonly Shape[]) {
  return guarded(() => {
    const target = targetShape(spec);
    const x = singleInput(inputs);
    if (target.some(d => d < -1)) {
      raise(
        'reshape-mismatch',
        `Each dimension in \`target_shape\` must be a non-negative integer, or \`-1\` for a single unknown dimension. Received: target_shape=${pyStr(target)}.`,
        'target_shape',
      );
    }
    const rest = x.slice(1);
    const received = `Received: input_shape=${pyTuple(rest)}, target_shape=${pyStr(target)}`;
    // Keras gives up (None for -1) when any input size is unknown; named sizes are still exact here.
    if (rest.some(d => d === null)) return inferred([x[0], ...target.map(d => (d === -1 ? null : d))]);
    const size = product(rest);
    const unknownAt = target.indexOf(-1);
    if (unknownAt < 0) {
      if (dimDiffers(size, product(target)))
        raise('reshape-mismatch', `The total size of the tensor must be unchanged. ${received}`, 'target_shape');
      requireEqual(size, product(target), layerName(spec));
      return inferred([x[0], ...target]);
    }
    const known = target.filter(d => d !== -1).reduce((a, b) => a * b, 1);
    const quotient = divExact(size, known);
    if (known === 0 || quotient === false) {
      raise(
        'reshape-mismatch',
        `The total size of the tensor must be unchanged, however, the input size cannot by divided by the specified dimensions in target_shape. ${received}`,
        'target_shape',
      );
    }
    // Divisibility by the known sizes is not a requirement the solver states: no answer then.
    if (quotient === undefined) requireUnknown(layerName(spec));
    return inferred([x[0], ...target.map(d => (d === -1 ? (quotient === undefined ? null : quotient) : d))]);
  });
}

export const reshapeRule: LayerRule = {
  framework: 'keras',
  kinds: ['Reshape'],
  signature: () => params(['target_shape']),
  validate: spec => validated(() => targetShape(spec)),
  infer: inferReshape,
  params: () => 0,
};

function permuteDims(spec: LayerSpec): number[] {
  const dims = intList(spec.args.dims);
  const sorted = [...dims].sort((a, b) => a - b);
  if (sorted.some((d, i) => d !== i + 1)) {
    raise(
      'invalid-argument',
      `Invalid permutation argument \`dims\` for Permute Layer. The set of indices in \`dims\` must be consecutive and start from 1. Received dims=${pyStr(dims)}`,
      'dims',
    );
  }
  return dims;
}

export const permuteRule: LayerRule = {
  framework: 'keras',
  kinds: ['Permute'],
  signature: () => params(['dims']),
  validate: spec => validated(() => permuteDims(spec)),
  infer: (spec, inputs) =>
    guarded(() => {
      const dims = permuteDims(spec);
      const x = singleInput(inputs);
      checkInputSpec(spec, x, { ndim: dims.length + 1 });
      return inferred([x[0], ...dims.map(d => x[d])]);
    }),
  params: () => 0,
};

registerRules([flattenRule, reshapeRule, permuteRule]);
