// Shape-preserving layers: activations, dropouts, softmaxes, Identity; plus GLU (halves an
// axis) and PReLU (has parameters). Their only shape errors are dims out of range and ranks.
import type { Shape } from '../dim';
import { differsFromInt, isKnown } from '../dim';
import { registerRules, type LayerRule, type Param } from '../layer';
import { type Inference, type LayerSpec, type ShapeError, UNKNOWN_INFERENCE, failed, inferred } from '../types';
import { dimRangeMessage, intArg, numArg, pyFloat, wrapDim } from './common';

const INPLACE: Param = { name: 'inplace', default: false };

/** Activation signatures (torch 2.x), in positional order. */
const SIGNATURES: Record<string, Param[]> = {
  ReLU: [INPLACE],
  ReLU6: [INPLACE],
  SELU: [INPLACE],
  SiLU: [INPLACE],
  Mish: [INPLACE],
  Hardswish: [INPLACE],
  Hardsigmoid: [INPLACE],
  LeakyReLU: [{ name: 'negative_slope', default: 0.01 }, INPLACE],
  ELU: [{ name: 'alpha', default: 1.0 }, INPLACE],
  CELU: [{ name: 'alpha', default: 1.0 }, INPLACE],
  GELU: [{ name: 'approximate', default: 'none' }],
  Sigmoid: [],
  Tanh: [],
  Softsign: [],
  Tanhshrink: [],
  LogSigmoid: [],
  Hardtanh: [
    { name: 'min_val', default: -1.0 },
    { name: 'max_val', default: 1.0 },
    INPLACE,
    { name: 'min_value', default: null },
    { name: 'max_value', default: null },
  ],
  Softplus: [
    { name: 'beta', default: 1.0 },
    { name: 'threshold', default: 20.0 },
  ],
  Hardshrink: [{ name: 'lambd', default: 0.5 }],
  Softshrink: [{ name: 'lambd', default: 0.5 }],
  Threshold: [{ name: 'threshold' }, { name: 'value' }, INPLACE],
  RReLU: [{ name: 'lower', default: 1 / 8 }, { name: 'upper', default: 1 / 3 }, INPLACE],
  // Identity(*args, **kwargs) ignores its arguments.
  Identity: Array.from({ length: 8 }, (_, i) => ({ name: `_arg${i}`, default: null })),
  Dropout: [{ name: 'p', default: 0.5 }, INPLACE],
  AlphaDropout: [{ name: 'p', default: 0.5 }, INPLACE],
  FeatureAlphaDropout: [{ name: 'p', default: 0.5 }, INPLACE],
  Dropout1d: [{ name: 'p', default: 0.5 }, INPLACE],
  Dropout2d: [{ name: 'p', default: 0.5 }, INPLACE],
  Dropout3d: [{ name: 'p', default: 0.5 }, INPLACE],
  Softmax: [{ name: 'dim', default: null }],
  LogSoftmax: [{ name: 'dim', default: null }],
  Softmin: [{ name: 'dim', default: null }],
  Softmax2d: [],
  GLU: [{ name: 'dim', default: -1 }],
  PReLU: [
    { name: 'num_parameters', default: 1 },
    { name: 'init', default: 0.25 },
    { name: 'device', default: null },
    { name: 'dtype', default: null },
  ],
};

function validate(spec: LayerSpec): ShapeError | undefined {
  if (spec.kind.includes('Dropout')) {
    const p = numArg(spec.args.p);
    if (p !== undefined && (p < 0 || p > 1)) {
      return {
        code: 'invalid-argument',
        message: `dropout probability has to be between 0 and 1, but got ${typeof spec.args.p === 'number' && Number.isInteger(spec.args.p) ? p : pyFloat(p)}`,
        argument: 'p',
      };
    }
  }
  return undefined;
}

/** Dropout1d/2d/3d accept (C, *) or (N, C, *) with 1–3 spatial axes. */
function featureDropout(kind: string, input: Shape): Inference | undefined {
  const n = Number(kind[7]);
  const ok = [n + 1, n + 2];
  if (!ok.includes(input.length)) {
    return failed(
      'rank-mismatch',
      `${kind.toLowerCase()}: Expected ${n + 1}D or ${n + 2}D input, but received a ${input.length}D input. Note that dropout${n}d exists to provide channel-wise dropout on inputs with ${n} spatial dimension${n > 1 ? 's' : ''}, a channel dimension, and an optional batch dimension (i.e. ${n + 1}D or ${n + 2}D inputs).`,
    );
  }
  return undefined;
}

/** GLU (module and `F.glu` alike): halves axis `dim`, which must have an even size. */
function inferGlu(spec: LayerSpec, input: Shape): Inference {
  if (input.length === 0)
    return failed('rank-mismatch', 'glu does not support scalars because halving size must be even');
  const dim = intArg(spec.args.dim);
  if (dim === undefined) return inferred(null);
  const d = wrapDim(dim, input.length);
  if (d === undefined) return failed('invalid-argument', dimRangeMessage(dim, input.length), { argument: 'dim' });
  const size = input[d];
  if (isKnown(size) && size % 2 !== 0)
    return failed('invalid-argument', `Halving dimension must be even, but dimension ${d} is size ${size}`, {
      argument: 'dim',
    });
  const out = [...input];
  out[d] = isKnown(size) ? size / 2 : null;
  return inferred(out);
}

function inferElementwise(spec: LayerSpec, inputs: readonly Shape[]): Inference {
  const input = inputs[0];
  if (!input) return UNKNOWN_INFERENCE;
  const kind = spec.kind;
  if (kind === 'Dropout1d') {
    const err = featureDropout(kind, input);
    if (err) return err;
  }
  if (kind === 'Softmax2d' && input.length !== 3 && input.length !== 4) {
    return failed('rank-mismatch', 'Softmax2d requires a 3D or 4D tensor as input');
  }
  if ((kind === 'Dropout2d' || kind === 'Dropout3d' || kind === 'FeatureAlphaDropout') && input.length < 2) {
    return failed('rank-mismatch', 'Feature dropout requires at least 2 dimensions in the input');
  }
  if (kind === 'Softmax' || kind === 'LogSoftmax' || kind === 'Softmin') {
    const dim = intArg(spec.args.dim);
    if (dim !== undefined && wrapDim(dim, input.length) === undefined)
      return failed('invalid-argument', dimRangeMessage(dim, input.length), { argument: 'dim' });
  }
  if (kind === 'GLU') return inferGlu(spec, input);
  if (kind === 'PReLU') {
    const num = intArg(spec.args.num_parameters);
    const channels = input.length >= 2 ? input[1] : 1;
    if (num !== undefined && num !== 1 && differsFromInt(channels, num)) {
      return failed(
        'channel-mismatch',
        `Mismatch of parameter numbers and input channel size. Found parameter numbers = ${num} and channel size = ${channels}.`,
        { argument: 'num_parameters', suggested: channels },
      );
    }
  }
  return inferred([...input]);
}

const elementwiseRule: LayerRule = {
  framework: 'pytorch',
  kinds: Object.keys(SIGNATURES),
  signature: kind => SIGNATURES[kind],
  validate,
  infer: inferElementwise,
  params: spec => (spec.kind === 'PReLU' ? intArg(spec.args.num_parameters) : 0),
};

registerRules([elementwiseRule]);
