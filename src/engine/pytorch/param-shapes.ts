// The shapes of a PyTorch layer's `weight` and `bias` (`self.conv.weight.shape`,
// `x @ self.fc.weight.T`), from its constructor arguments as PyTorch creates them: a
// convolution's weight is (out, in/groups, *kernel), a transposed one's (in, out/groups, *kernel),
// a Linear's (out, in). Undefined when the layer has no such parameter or an argument is not known.
import type { LayerSpec } from '../types';
import { intArg, ntuple } from './common';
import { normalizedShape } from './norm';

export type ParamShapes = { weight?: number[]; bias?: number[] };

const CONV = /^Conv(Transpose)?([123])d$/;

/** Both parameter shapes, undefined when not known; a parameter the layer lacks is left out. */
export function pytorchParamShapes(spec: LayerSpec): ParamShapes | undefined {
  const a = spec.args;
  const bias = a.bias;
  const conv = CONV.exec(spec.kind);
  if (conv) {
    const [inCh, outCh, groups] = [intArg(a.in_channels), intArg(a.out_channels), intArg(a.groups)];
    const kernel = ntuple(a.kernel_size, Number(conv[2]));
    if (inCh === undefined || outCh === undefined || !groups || !kernel || typeof bias !== 'boolean') return undefined;
    const weight = conv[1] ? [inCh, outCh / groups, ...kernel] : [outCh, inCh / groups, ...kernel];
    if (!weight.every(Number.isInteger)) return undefined;
    return { weight, ...(bias ? { bias: [outCh] } : {}) };
  }
  switch (spec.kind) {
    case 'Linear': {
      const [inF, outF] = [intArg(a.in_features), intArg(a.out_features)];
      if (inF === undefined || outF === undefined || typeof bias !== 'boolean') return undefined;
      return { weight: [outF, inF], ...(bias ? { bias: [outF] } : {}) };
    }
    case 'Bilinear': {
      const [in1, in2, outF] = [intArg(a.in1_features), intArg(a.in2_features), intArg(a.out_features)];
      if (in1 === undefined || in2 === undefined || outF === undefined || typeof bias !== 'boolean') return undefined;
      return { weight: [outF, in1, in2], ...(bias ? { bias: [outF] } : {}) };
    }
    case 'Embedding': {
      const [num, dim] = [intArg(a.num_embeddings), intArg(a.embedding_dim)];
      return num === undefined || dim === undefined ? undefined : { weight: [num, dim] };
    }
    case 'BatchNorm1d':
    case 'BatchNorm2d':
    case 'BatchNorm3d': {
      const c = intArg(a.num_features);
      return c === undefined || a.affine !== true ? undefined : { weight: [c], bias: [c] };
    }
    case 'LayerNorm': {
      const shape = normalizedShape(a.normalized_shape);
      if (!shape || typeof a.elementwise_affine !== 'boolean') return undefined;
      if (!a.elementwise_affine) return {};
      return { weight: shape, ...(bias === false ? {} : { bias: shape }) };
    }
    case 'GroupNorm': {
      const c = intArg(a.num_channels);
      return c === undefined || a.affine !== true ? undefined : { weight: [c], bias: [c] };
    }
    default:
      return undefined;
  }
}

/** The shape of parameter `name` (`weight` or `bias`) of a bound PyTorch layer, when known. */
export function pytorchParamShape(spec: LayerSpec, name: string): number[] | undefined {
  return name === 'weight' || name === 'bias' ? pytorchParamShapes(spec)?.[name] : undefined;
}
