// nn.RMSNorm (PyTorch 2.4+; not in 1.13, so no golden): the shape check of LayerNorm (the same
// `normalized_shape` must end the input, in the same words), weight only, no bias. From the
// 2.4 documentation: `RMSNorm(normalized_shape, eps=None, elementwise_affine=True)`.
import { applyLayer, bindLayer, registerRules, type LayerRule } from '../layer';
import { type ArgValue, UNKNOWN_INFERENCE } from '../types';
import { DEVICE_PARAMS } from './common';

function normalizedCount(v: ArgValue | undefined): number | undefined {
  const shape = typeof v === 'number' ? [v] : v;
  if (!Array.isArray(shape) || !shape.every(x => typeof x === 'number' && Number.isInteger(x))) return undefined;
  return (shape as number[]).reduce((a, b) => a * b, 1);
}

const rmsNormRule: LayerRule = {
  framework: 'pytorch',
  kinds: ['RMSNorm'],
  signature: () => [
    { name: 'normalized_shape' },
    { name: 'eps', default: null },
    { name: 'elementwise_affine', default: true },
    ...DEVICE_PARAMS,
  ],
  infer: (spec, inputs) => {
    const bound = bindLayer('pytorch', 'LayerNorm', [spec.args.normalized_shape], {});
    if (!bound?.ok || !inputs[0]) return UNKNOWN_INFERENCE;
    return applyLayer(bound.spec, [inputs[0]]);
  },
  params: spec => {
    const count = normalizedCount(spec.args.normalized_shape);
    if (count === undefined || typeof spec.args.elementwise_affine !== 'boolean') return undefined;
    return spec.args.elementwise_affine ? count : 0;
  },
};

registerRules([rmsNormRule]);
