// Keras 3 preprocessing layers that keras.applications put first: Rescaling
// (keras/src/layers/preprocessing/rescaling.py, `inputs * scale + offset`, no weights) and
// Normalization (normalization.py: without `mean`/`variance` its build adds a non-trainable mean
// and variance over the kept axes and a scalar `count`).
import { type Dim, type Shape } from '../dim';
import { type LayerRule, registerRules } from '../layer';
import { type LayerSpec, inferred, isUnknown } from '../types';
import { Quiet, guarded, knownProduct, params, pyStr, pyTuple, raise, singleInput, validated } from './common';

export const rescalingRule: LayerRule = {
  framework: 'keras',
  kinds: ['Rescaling'],
  signature: () => params(['scale'], ['offset', 0]),
  infer: (_spec, inputs) => guarded(() => inferred(singleInput(inputs))),
  params: () => 0,
};

/** `axis` standardized to a tuple: None → (), an int → (axis,). */
function axes(spec: LayerSpec): number[] {
  const axis = spec.args.axis;
  if (axis === null) return [];
  if (typeof axis === 'number' && Number.isInteger(axis)) return [axis];
  if (Array.isArray(axis) && axis.every(a => typeof a === 'number' && Number.isInteger(a))) return axis as number[];
  throw new Quiet();
}

function checkMeanVariance(spec: LayerSpec): void {
  const { mean, variance } = spec.args;
  if (isUnknown(mean) || isUnknown(variance)) throw new Quiet();
  if ((mean === null) !== (variance === null))
    raise(
      'invalid-argument',
      `When setting values directly, both \`mean\` and \`variance\` must be set. Received: mean=${pyStr(mean)} and variance=${pyStr(variance)}`,
      mean === null ? 'mean' : 'variance',
    );
}

/** Normalization's build: the axes it keeps, all inside the rank and of known size. */
function keptAxes(spec: LayerSpec, x: Shape): number[] {
  const ndim = x.length;
  const given = axes(spec);
  if (given.some(a => a < -ndim || a >= ndim))
    raise(
      'invalid-argument',
      `All \`axis\` values must be in the range [-ndim, ndim). Received inputs with ndim=${ndim}, while axis=${pyTuple(given)}`,
      'axis',
    );
  const keep = [...new Set(given.map(a => (a < 0 ? a + ndim : a)))].sort((a, b) => a - b);
  for (const d of keep) {
    if (x[d] === null)
      raise(
        'invalid-argument',
        `All \`axis\` values to be kept must have a known shape. Received axis=${pyTuple(given)}, inputs.shape=${pyTuple(x)}, with unknown axis at index ${d}`,
        'axis',
      );
  }
  return keep;
}

export const normalizationPreprocessingRule: LayerRule = {
  framework: 'keras',
  kinds: ['Normalization'],
  signature: () => params(['axis', -1], ['mean', null], ['variance', null], ['invert', false]),
  validate: spec => validated(() => checkMeanVariance(spec)),
  infer: (spec, inputs) =>
    guarded(() => {
      checkMeanVariance(spec);
      const x = singleInput(inputs);
      keptAxes(spec, x);
      return inferred(x);
    }),
  params: () => 0,
  frozenParams(spec, input) {
    if (!input || spec.args.mean !== null) return spec.args.mean === null ? undefined : 0;
    try {
      const size = knownProduct(keptAxes(spec, input).map((d): Dim => input[d]));
      return size === undefined ? undefined : 2 * size + 1;
    } catch {
      return undefined; // an unknown axis or an error the call reports
    }
  },
};

registerRules([rescalingRule, normalizationPreprocessingRule]);
