// Keras 3 normalization: BatchNormalization and LayerNormalization
// (keras/src/layers/normalization/). Both keep the input's shape; their build indexes the input
// shape with `axis`, so an axis out of range fails there with Python's IndexError.
import { reportUnexpected } from '../../common/internal-errors';
import { type Shape, isKnown } from '../dim';
import { type LayerRule, registerRules } from '../layer';
import { type ArgValue, type Inference, type LayerSpec, inferred } from '../types';
import {
  argBool,
  builtInputShape,
  checkInputSpec,
  guarded,
  KerasError,
  knownProduct,
  params,
  pyTuple,
  Quiet,
  raise,
  singleInput,
  validated,
} from './common';

/** `axis` as a list of ints (BatchNormalization takes one int). */
function normAxes(spec: LayerSpec): number[] {
  const axis = spec.args.axis;
  if (typeof axis === 'number' && Number.isInteger(axis)) return [axis];
  if (Array.isArray(axis) && axis.every(a => typeof a === 'number' && Number.isInteger(a))) return axis as number[];
  throw new Quiet();
}

function outOfRange(axis: number, rank: number): boolean {
  return axis >= rank || axis < -rank;
}

function at(shape: Shape, axis: number) {
  return shape[axis < 0 ? shape.length + axis : axis];
}

function inferNorm(
  spec: LayerSpec,
  inputs: readonly Shape[],
  callArgs?: Readonly<Record<string, ArgValue>>,
): Inference {
  return guarded(() => {
    const axes = normAxes(spec);
    const x = singleInput(inputs);
    const built = builtInputShape(callArgs);
    if (spec.kind === 'BatchNormalization' && built && !outOfRange(axes[0], built.length)) {
      // A built BatchNormalization keeps InputSpec(ndim=len(shape), axes={axis: size}).
      checkInputSpec(spec, x, { ndim: built.length, axes: new Map([[axes[0], at(built, axes[0])]]) });
    }
    if (axes.some(a => outOfRange(a, x.length))) raise('invalid-argument', 'tuple index out of range', 'axis');
    const size = knownProduct(axes.map(a => at(x, a)));
    const notes =
      spec.kind === 'BatchNormalization' && size !== undefined
        ? [`${2 * size} of its weights non-trainable (moving mean and variance)`]
        : [];
    return inferred(x, { notes });
  });
}

function normParams(spec: LayerSpec, input?: Shape): number | undefined {
  if (!input) return undefined;
  try {
    const axes = normAxes(spec);
    if (axes.some(a => outOfRange(a, input.length))) return undefined;
    const size = knownProduct(axes.map(a => at(input, a)));
    if (size === undefined || !axes.every(a => isKnown(at(input, a)))) return undefined;
    const scale = argBool(spec, 'scale');
    const center = argBool(spec, 'center');
    const rms = spec.kind === 'LayerNormalization' && spec.args.rms_scaling === true;
    return (scale || rms ? size : 0) + (center && !rms ? size : 0);
  } catch (e) {
    reportUnexpected('engine.keras.normalization params', e); // Quiet: an unknown argument
    return undefined;
  }
}

export const normalizationRule: LayerRule = {
  framework: 'keras',
  kinds: ['BatchNormalization', 'LayerNormalization'],
  signature(kind) {
    if (kind === 'BatchNormalization') {
      return params(
        ['axis', -1],
        ['momentum', 0.99],
        ['epsilon', 0.001],
        ['center', true],
        ['scale', true],
        ['beta_initializer', 'zeros'],
        ['gamma_initializer', 'ones'],
        ['moving_mean_initializer', 'zeros'],
        ['moving_variance_initializer', 'ones'],
        ['beta_regularizer', null],
        ['gamma_regularizer', null],
        ['beta_constraint', null],
        ['gamma_constraint', null],
        ['synchronized', false],
      );
    }
    return params(
      ['axis', -1],
      ['epsilon', 0.001],
      ['center', true],
      ['scale', true],
      ['rms_scaling', false],
      ['beta_initializer', 'zeros'],
      ['gamma_initializer', 'ones'],
      ['beta_regularizer', null],
      ['gamma_regularizer', null],
      ['beta_constraint', null],
      ['gamma_constraint', null],
    );
  },
  infer: inferNorm,
  params: normParams,
  frozenParams(spec, input) {
    if (spec.kind !== 'BatchNormalization') return 0;
    if (!input) return undefined;
    try {
      const axis = normAxes(spec)[0];
      if (outOfRange(axis, input.length)) return undefined;
      const size = at(input, axis);
      return isKnown(size) ? 2 * size : undefined; // moving_mean and moving_variance
    } catch (e) {
      if (e instanceof Quiet) return undefined;
      throw e;
    }
  },
};

registerRules([normalizationRule]);

// ---- GroupNormalization (group_normalization.py) ----

function groupCount(spec: LayerSpec): number {
  const groups = spec.args.groups;
  if (typeof groups !== 'number') {
    if (groups === undefined || typeof groups === 'object') throw new Quiet();
    return raise(
      'invalid-argument',
      `Received an invalid value for argument \`groups\`, expected a positive integer (or \`-1\` for instance normalization). Received: groups=${String(groups)}`,
      'groups',
    );
  }
  if (!Number.isInteger(groups) || (groups <= 0 && groups !== -1)) {
    raise(
      'invalid-argument',
      `Received an invalid value for argument \`groups\`, expected a positive integer (or \`-1\` for instance normalization). Received: groups=${groups}`,
      'groups',
    );
  }
  return groups;
}

/** `build`: the normalized axis must be known and a multiple of the groups. */
function groupAxisSize(spec: LayerSpec, x: Shape): number | undefined {
  const axis = normAxes(spec)[0];
  if (outOfRange(axis, x.length)) raise('invalid-argument', 'tuple index out of range', 'axis');
  const dim = at(x, axis);
  if (dim === null) {
    raise(
      'invalid-argument',
      `Axis ${axis} of input tensor should have a defined dimension but the layer received an input with shape ${pyTuple(x)}.`,
    );
  }
  if (!isKnown(dim)) return undefined;
  let groups = groupCount(spec);
  if (groups === -1) groups = dim;
  if (dim < groups)
    raise(
      'invalid-groups',
      `Number of groups (${groups}) cannot be more than the number of channels (${dim}).`,
      'groups',
    );
  if (dim % groups !== 0)
    raise(
      'invalid-groups',
      `Number of groups (${groups}) must be a multiple of the number of channels (${dim}).`,
      'groups',
    );
  return dim;
}

export const groupNormalizationRule: LayerRule = {
  framework: 'keras',
  kinds: ['GroupNormalization'],
  signature: () =>
    params(
      ['groups', 32],
      ['axis', -1],
      ['epsilon', 0.001],
      ['center', true],
      ['scale', true],
      ['beta_initializer', 'zeros'],
      ['gamma_initializer', 'ones'],
      ['beta_regularizer', null],
      ['gamma_regularizer', null],
      ['beta_constraint', null],
      ['gamma_constraint', null],
    ),
  validate: spec => validated(() => groupCount(spec)),
  infer: (spec, inputs) =>
    guarded(() => {
      const x = singleInput(inputs);
      groupAxisSize(spec, x);
      return inferred(x);
    }),
  params(spec, input) {
    if (!input) return undefined;
    try {
      const dim = groupAxisSize(spec, input);
      if (dim === undefined) return undefined;
      return (argBool(spec, 'scale') ? dim : 0) + (argBool(spec, 'center') ? dim : 0);
    } catch (e) {
      if (e instanceof Quiet || e instanceof KerasError) return undefined;
      throw e;
    }
  },
};

registerRules([groupNormalizationRule]);
