// BatchNorm1d/2d/3d, InstanceNorm1d/2d/3d (and their Lazy forms), LayerNorm, GroupNorm:
// shape-preserving, with PyTorch's rank and feature-count checks (torch 1.13 wording).
import { type Dim, type Shape, differsFromInt, isKnown, mul, product } from '../dim';
import { registerRules, type LayerRule, type Param } from '../layer';
import {
  type ArgValue,
  type Inference,
  type LayerSpec,
  type ShapeError,
  UNKNOWN_INFERENCE,
  failed,
  inferred,
} from '../types';
import { DEVICE_PARAMS, allKnown, intArg, sizesText, torchSizeText } from './common';

function rankOf(kind: string): number {
  return Number(/(\d)d$/.exec(kind)?.[1] ?? 1);
}

const RANKS: Record<number, [number, number]> = { 1: [2, 3], 2: [3, 4], 3: [4, 5] };

function knownIs1(dims: readonly Dim[]): boolean {
  const p = product(dims);
  return isKnown(p) && p === 1;
}

function inferBatchNorm(spec: LayerSpec, input: Shape): Inference {
  const n = rankOf(spec.kind);
  const lazy = spec.kind.startsWith('Lazy');
  if (lazy && input.length < 2) return failed('rank-mismatch', 'tuple index out of range');
  if (n === 1 && input.length !== 2 && input.length !== 3)
    return failed('rank-mismatch', `expected 2D or 3D input (got ${input.length}D input)`);
  if (n > 1 && input.length !== n + 2)
    return failed('rank-mismatch', `expected ${n + 2}D input (got ${input.length}D input)`);
  const num = lazy ? input[1] : intArg(spec.args.num_features);
  const c = input[1];
  const tracked = spec.args.track_running_stats === true;
  const affine = spec.args.affine === true;
  if (typeof num === 'number' && differsFromInt(c, num) && (tracked || affine)) {
    const which = tracked ? 'running_mean' : 'weight';
    return failed('channel-mismatch', `${which} should contain ${c} elements not ${num}`, {
      argument: 'num_features',
      suggested: c,
    });
  }
  if (knownIs1([input[0], ...input.slice(2)])) {
    // In eval mode BatchNorm uses its running statistics and succeeds, unless it keeps none.
    const mode = tracked ? { onlyWhen: 'training' as const, otherwise: [...input] } : {};
    return failed(
      'invalid-argument',
      `Expected more than 1 value per channel when training, got input size ${torchSizeText(input)}`,
      mode,
    );
  }
  return inferred([...input]);
}

function inferInstanceNorm(spec: LayerSpec, input: Shape): Inference {
  const n = rankOf(spec.kind);
  const lazy = spec.kind.startsWith('Lazy');
  if (lazy && input.length < 2) return failed('rank-mismatch', 'tuple index out of range');
  const [lo, hi] = RANKS[n];
  if (input.length !== lo && input.length !== hi)
    return failed('rank-mismatch', `expected ${lo}D or ${hi}D input (got ${input.length}D input)`);
  // Lazy instance norms read num_features from input.shape[1], even for an unbatched input.
  const num = lazy ? input[1] : intArg(spec.args.num_features);
  const featureDim = input.length - (n + 1);
  const c = input[featureDim];
  const affine = spec.args.affine === true;
  const tracked = spec.args.track_running_stats === true;
  const batched = input.length === hi ? input : [1, ...input];
  if (knownIs1(batched.slice(2))) {
    return failed(
      'invalid-argument',
      `Expected more than 1 spatial element when training, got input size ${torchSizeText(batched)}`,
    );
  }
  // instance_norm runs batch_norm over (1, N·C, …) with the statistics repeated N times.
  const b = input.length === hi ? input[0] : 1;
  if (typeof num === 'number' && differsFromInt(c, num) && isKnown(b) && (affine || tracked)) {
    return failed(
      'channel-mismatch',
      `${tracked ? 'running_mean' : 'weight'} should contain ${b * c} elements not ${b * num}`,
      { argument: 'num_features', suggested: c },
    );
  }
  return inferred([...input]);
}

/** LayerNorm's `normalized_shape` (an int or a list of ints) as a list. */
export function normalizedShape(v: ArgValue): number[] | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return [v];
  if (Array.isArray(v) && v.every(x => typeof x === 'number' && Number.isInteger(x))) return v as number[];
  return undefined;
}

function inferLayerNorm(spec: LayerSpec, input: Shape): Inference {
  const shape = normalizedShape(spec.args.normalized_shape);
  if (!shape) return inferred([...input]);
  const tail = input.slice(input.length - shape.length);
  const differs = input.length < shape.length || tail.some((d, j) => differsFromInt(d, shape[j]));
  if (differs) {
    const suggested = layerNormSuggestion(spec, input, shape.length);
    return failed(
      'features-mismatch',
      `Given normalized_shape=${sizesText(shape)}, expected input with shape [*, ${shape.join(', ')}], but got input of size${sizesText(input)}`,
      { argument: 'normalized_shape', ...(suggested === undefined ? {} : { suggested }) },
    );
  }
  return inferred([...input]);
}

/**
 * The normalized_shape that fits the input: its last sizes, as many as were written, in the form
 * written (an int stays an int, a sequence a sequence). Offered only when they are all known and
 * the layer then runs on this input.
 */
function layerNormSuggestion(spec: LayerSpec, input: Shape, count: number): number | number[] | undefined {
  if (input.length < count) return undefined;
  const tail = input.slice(input.length - count);
  if (!tail.every(d => isKnown(d) && d > 0)) return undefined;
  const sizes = tail as number[];
  const suggested = typeof spec.args.normalized_shape === 'number' ? sizes[0] : sizes;
  const again = inferLayerNorm({ ...spec, args: { ...spec.args, normalized_shape: suggested } }, input);
  return again.ok ? suggested : undefined;
}

function inferGroupNorm(spec: LayerSpec, input: Shape): Inference {
  if (input.length < 2)
    return failed('rank-mismatch', `Expected at least 2 dimensions for input tensor but received ${input.length}`);
  const groups = intArg(spec.args.num_groups);
  const num = intArg(spec.args.num_channels);
  const c = input[1];
  if (groups !== undefined && isKnown(c) && isKnown(input[0]) && allKnown(input.slice(2)) && groups > 0) {
    const perGroup = Math.floor((input[0] * c) / groups);
    if (perGroup * (input.slice(2) as number[]).reduce((a, b) => a * b, 1) === 1) {
      return failed(
        'invalid-argument',
        `Expected more than 1 value per channel when training, got input size ${sizesText([perGroup, groups, ...input.slice(2)])}`,
      );
    }
  }
  if (groups !== undefined && isKnown(c) && c % groups !== 0) {
    return failed(
      'invalid-groups',
      `Expected number of channels in input to be divisible by num_groups, but got input of shape ${sizesText(input)} and num_groups=${groups}`,
      { argument: 'num_groups' },
    );
  }
  if (spec.args.affine === true && num !== undefined && differsFromInt(c, num)) {
    return failed(
      'channel-mismatch',
      `Expected weight to be a vector of size equal to the number of channels in input, but got weight of shape [${num}] and input of shape ${sizesText(input)}`,
      { argument: 'num_channels', suggested: c },
    );
  }
  return inferred([...input]);
}

function inferNorm(spec: LayerSpec, inputs: readonly Shape[]): Inference {
  const input = inputs[0];
  if (!input) return UNKNOWN_INFERENCE;
  if (spec.kind === 'LayerNorm') return inferLayerNorm(spec, input);
  if (spec.kind === 'GroupNorm') return inferGroupNorm(spec, input);
  return spec.kind.includes('BatchNorm') ? inferBatchNorm(spec, input) : inferInstanceNorm(spec, input);
}

function signature(kind: string): Param[] {
  if (kind === 'LayerNorm')
    return [
      { name: 'normalized_shape' },
      { name: 'eps', default: 1e-5 },
      { name: 'elementwise_affine', default: true },
      { name: 'bias', default: true },
      ...DEVICE_PARAMS,
    ];
  if (kind === 'GroupNorm')
    return [
      { name: 'num_groups' },
      { name: 'num_channels' },
      { name: 'eps', default: 1e-5 },
      { name: 'affine', default: true },
      ...DEVICE_PARAMS,
    ];
  const instance = kind.includes('Instance') && !kind.startsWith('Lazy');
  const tail: Param[] = [
    { name: 'eps', default: 1e-5 },
    { name: 'momentum', default: 0.1 },
    { name: 'affine', default: !instance },
    { name: 'track_running_stats', default: !instance },
    ...DEVICE_PARAMS,
  ];
  return kind.startsWith('Lazy') ? tail : [{ name: 'num_features' }, ...tail];
}

function validate(spec: LayerSpec): ShapeError | undefined {
  if (spec.kind === 'GroupNorm') {
    const g = intArg(spec.args.num_groups),
      c = intArg(spec.args.num_channels);
    if (g !== undefined && c !== undefined && g > 0 && c % g !== 0)
      return {
        code: 'invalid-groups',
        message: 'num_channels must be divisible by num_groups',
        argument: 'num_groups',
      };
  }
  return undefined;
}

function params(spec: LayerSpec, input?: Shape): number | undefined {
  if (spec.kind === 'LayerNorm') {
    const shape = normalizedShape(spec.args.normalized_shape);
    if (!shape || typeof spec.args.elementwise_affine !== 'boolean') return undefined;
    const count = shape.reduce((a, b) => a * b, 1);
    return spec.args.elementwise_affine ? count * (spec.args.bias === false ? 1 : 2) : 0;
  }
  if (typeof spec.args.affine !== 'boolean') return undefined;
  if (!spec.args.affine) return 0;
  if (spec.kind === 'GroupNorm') {
    const c = intArg(spec.args.num_channels);
    return c === undefined ? undefined : 2 * c;
  }
  const c: Dim = spec.kind.startsWith('Lazy')
    ? input && input.length >= 2
      ? input[1]
      : null
    : (intArg(spec.args.num_features) ?? null);
  const p = mul(c, 2);
  return isKnown(p) ? p : undefined;
}

const normRule: LayerRule = {
  framework: 'pytorch',
  kinds: [
    'BatchNorm1d',
    'BatchNorm2d',
    'BatchNorm3d',
    'LazyBatchNorm1d',
    'LazyBatchNorm2d',
    'LazyBatchNorm3d',
    'InstanceNorm1d',
    'InstanceNorm2d',
    'InstanceNorm3d',
    'LazyInstanceNorm1d',
    'LazyInstanceNorm2d',
    'LazyInstanceNorm3d',
    'LayerNorm',
    'GroupNorm',
  ],
  signature,
  validate,
  infer: inferNorm,
  params,
};

registerRules([normRule]);
