// Conv1d/2d/3d and their Lazy forms: PyTorch's `_ConvNd` construction checks, `F.conv*d`'s
// forward checks (rank, padding_mode pre-padding, channels, kernel vs padded input), the output
// size per axis, parameters and MACs.
import { type Dim, type Shape, add, differsFromInt, floorDiv, isKnown, sub } from '../dim';
import { requireAtLeast } from '../size-requirements';
import { registerRules, type LayerRule, type Param } from '../layer';
import {
  type AxisArithmetic,
  type Inference,
  type LayerSpec,
  type ShapeError,
  UNKNOWN_INFERENCE,
  failed,
  inferred,
} from '../types';
import { axisArithmetic, effectiveKernel } from '../window';
import { intArg, knownProduct, ntuple, sizesText, splitInput, torchSizeText, vagueSpatialOutput } from './common';
import { dimText } from '../dim';
import { type PadMode, fpad } from './pad';
import { windowFormula } from './formula';
import { slidingNotes } from './notes';

const CONV_KINDS = ['Conv1d', 'Conv2d', 'Conv3d'];
const LAZY_KINDS = ['LazyConv1d', 'LazyConv2d', 'LazyConv3d'];

export function spatialRankOf(kind: string): number {
  return Number(/(\d)d$/.exec(kind)?.[1] ?? 2);
}

const TAIL: Param[] = [
  { name: 'stride', default: 1 },
  { name: 'padding', default: 0 },
  { name: 'dilation', default: 1 },
  { name: 'groups', default: 1 },
  { name: 'bias', default: true },
  { name: 'padding_mode', default: 'zeros' },
  { name: 'device', default: null },
  { name: 'dtype', default: null },
];

export const PADDING_MODES = ['zeros', 'reflect', 'replicate', 'circular'];

/** `_ConvNd.__init__`'s checks, in its order. Shared with the transposed convolutions. */
export function validateConvCommon(spec: LayerSpec, n: number, lazy: boolean): ShapeError | undefined {
  const groups = intArg(spec.args.groups);
  const inCh = lazy ? undefined : intArg(spec.args.in_channels);
  const outCh = intArg(spec.args.out_channels);
  if (groups !== undefined && groups <= 0)
    return { code: 'invalid-groups', message: 'groups must be a positive integer', argument: 'groups' };
  if (groups !== undefined && inCh !== undefined && inCh % groups !== 0)
    return { code: 'invalid-groups', message: 'in_channels must be divisible by groups', argument: 'in_channels' };
  if (!lazy && groups !== undefined && outCh !== undefined && outCh % groups !== 0)
    return { code: 'invalid-groups', message: 'out_channels must be divisible by groups', argument: 'out_channels' };
  const padding = spec.args.padding;
  if (typeof padding === 'string') {
    if (padding !== 'same' && padding !== 'valid') {
      return {
        code: 'invalid-padding',
        message: `Invalid padding string '${padding}', should be one of {'valid', 'same'}`,
        argument: 'padding',
      };
    }
    const stride = ntuple(spec.args.stride, n);
    if (padding === 'same' && stride?.some(s => s !== 1)) {
      return {
        code: 'invalid-padding',
        message: "padding='same' is not supported for strided convolutions",
        argument: 'padding',
      };
    }
  }
  const mode = spec.args.padding_mode;
  if (typeof mode === 'string' && !PADDING_MODES.includes(mode)) {
    return {
      code: 'invalid-padding',
      message: `padding_mode must be one of {'zeros', 'reflect', 'replicate', 'circular'}, but got padding_mode='${mode}'`,
      argument: 'padding_mode',
    };
  }
  return undefined;
}

/** Left/right padding per axis: ints, tuples, 'valid', or 'same' (extra pad on the right). */
export function convPadding(
  padding: unknown,
  kernel: number[],
  dilation: number[],
): { before: number[]; after: number[] } | undefined {
  const n = kernel.length;
  if (padding === 'valid') return { before: Array(n).fill(0), after: Array(n).fill(0) };
  if (padding === 'same') {
    const total = kernel.map((k, i) => dilation[i] * (k - 1));
    const before = total.map(t => Math.floor(t / 2));
    return { before, after: total.map((t, i) => t - before[i]) };
  }
  const p = ntuple(padding as never, n);
  return p ? { before: p, after: p } : undefined;
}

/** A Lazy module's first call: it reads in_channels from the input (`_LazyConvXdMixin`). */
export function lazyInitError(spec: LayerSpec, input: Shape, n: number): Inference | undefined {
  if (input.length !== n + 1 && input.length !== n + 2) {
    return failed(
      'rank-mismatch',
      `Expected ${n + 1}D (unbatched) or ${n + 2}D (batched) input to ${spec.kind}, but got input of size: ${torchSizeText(input)}`,
    );
  }
  const inCh = input[input.length - n - 1];
  const groups = intArg(spec.args.groups);
  if (isKnown(inCh) && groups && inCh % groups !== 0)
    return failed('invalid-groups', 'in_channels must be divisible by groups', { argument: 'groups' });
  return undefined;
}

/** F.pad's list for per-axis (before, after) padding: last axis first. */
function reversedPairs(pad: { before: number[]; after: number[] }): number[] {
  const out: number[] = [];
  for (let j = pad.before.length - 1; j >= 0; j--) out.push(pad.before[j], pad.after[j]);
  return out;
}

/** o = ⌊(i + pL + pR − k̂)/s⌋ + 1 */
export function convOutputSize(
  input: Dim,
  kernel: number,
  stride: number,
  dilation: number,
  padBefore: number,
  padAfter: number,
): Dim {
  return add(floorDiv(sub(add(input, padBefore + padAfter), effectiveKernel(kernel, dilation)), stride), 1);
}

function inferConv(spec: LayerSpec, inputs: readonly Shape[]): Inference {
  const n = spatialRankOf(spec.kind);
  const lazy = spec.kind.startsWith('Lazy');
  const input = inputs[0];
  if (!input) return UNKNOWN_INFERENCE;
  const kernel = ntuple(spec.args.kernel_size, n);
  const stride = ntuple(spec.args.stride, n);
  const dilation = ntuple(spec.args.dilation, n);
  const mode = typeof spec.args.padding_mode === 'string' ? spec.args.padding_mode : undefined;
  const vague = () => inferred(vagueSpatialOutput(input, n, intArg(spec.args.out_channels) ?? null));
  if (!kernel || !stride || !dilation || mode === undefined) return vague();
  const pad = convPadding(spec.args.padding, kernel, dilation);
  if (!pad) return vague();
  const lazyError = lazy ? lazyInitError(spec, input, n) : undefined;
  if (lazyError) return lazyError;
  // Non-zero padding modes pad the input first (F.pad, last axis first), then convolve unpadded.
  let seen: Shape = input;
  if (mode !== 'zeros') {
    const padded = fpad(input, reversedPairs(pad), mode as PadMode);
    if (!padded.ok) return { ok: false, error: padded.error };
    seen = padded.output;
  }
  const split = splitInput(seen, n);
  if (!split) {
    return failed(
      'rank-mismatch',
      `Expected ${n + 1}D (unbatched) or ${n + 2}D (batched) input to conv${n}d, but got input of size: ${sizesText(input)}`,
    );
  }
  const groups = intArg(spec.args.groups);
  const outCh = intArg(spec.args.out_channels);
  const inCh = lazy ? split.channels : intArg(spec.args.in_channels);
  if (lazy && groups && outCh !== undefined && typeof inCh === 'number') {
    const weight = sizesText([outCh, Math.floor(inCh / groups), ...kernel]);
    if (outCh < groups)
      return failed(
        'invalid-groups',
        `Given groups=${groups}, expected weight to be at least ${groups} at dimension 0, but got weight of size ${weight} instead`,
        { argument: 'groups' },
      );
    if (outCh % groups !== 0)
      return failed(
        'invalid-groups',
        `Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size [${weight}] instead`,
        { argument: 'groups' },
      );
  }
  // Messages show the input as the convolution sees it: batched, pre-padded by a padding_mode,
  // or, for an asymmetric 'same', with the extra right-hand cells already added.
  const shown: Dim[] =
    mode === 'zeros' && pad.before.some((b, j) => b !== pad.after[j])
      ? [
          ...split.asBatched.slice(0, 2),
          ...split.asBatched.slice(2).map((d, j) => add(d, pad.after[j] - pad.before[j])),
        ]
      : split.asBatched;
  const spatialIn = mode === 'zeros' ? split.spatial : input.slice(input.length - n);

  if (
    !lazy &&
    groups !== undefined &&
    typeof inCh === 'number' &&
    differsFromInt(split.channels, inCh) &&
    outCh !== undefined
  ) {
    const weight = [outCh, inCh / groups, ...kernel];
    return failed(
      'channel-mismatch',
      `Given groups=${groups}, weight of size ${sizesText(weight)}, expected input${sizesText(shown)} to have ${inCh} channels, but got ${split.channels} channels instead`,
      { argument: 'in_channels', suggested: split.channels },
    );
  }

  const effective = kernel.map((k, j) => effectiveKernel(k, dilation[j]));
  const paddedFull = spatialIn.map((d, j) => add(d, pad.before[j] + pad.after[j]));
  if (paddedFull.some((d, j) => isKnown(d) && d < effective[j])) {
    return failed(
      'kernel-too-large',
      `Calculated padded input size per channel: (${paddedFull.map(dimText).join(' x ')}). Kernel size: (${effective.join(' x ')}). Kernel size can't be greater than actual input size`,
      { argument: 'kernel_size' },
    );
  }

  paddedFull.forEach((d, j) => requireAtLeast(d, effective[j], spec.kind));
  const axes: AxisArithmetic[] = spatialIn.map((i, j) => {
    const o = convOutputSize(i, kernel[j], stride[j], dilation[j], pad.before[j], pad.after[j]);
    const fields = {
      input: i,
      kernel: kernel[j],
      stride: stride[j],
      dilation: dilation[j],
      padBefore: pad.before[j],
      padAfter: pad.after[j],
      output: o,
    };
    return axisArithmetic({ ...fields, formula: windowFormula(fields) });
  });
  const outSpatial = axes.map(a => a.output);
  const output: Dim[] = split.batched ? [split.batch, outCh ?? null, ...outSpatial] : [outCh ?? null, ...outSpatial];
  const perOutput =
    typeof inCh === 'number' && groups ? (inCh / groups) * kernel.reduce((a, b) => a * b, 1) : undefined;
  const outCount = outCh !== undefined ? knownProduct([outCh, ...outSpatial]) : undefined;
  const macs = perOutput !== undefined && outCount !== undefined ? perOutput * outCount : undefined;
  return inferred(output, {
    axes,
    notes: slidingNotes(axes, spec.args.padding === 'same'),
    ...(macs !== undefined ? { macs } : {}),
  });
}

function convParams(spec: LayerSpec, input?: Shape): number | undefined {
  const n = spatialRankOf(spec.kind);
  const lazy = spec.kind.startsWith('Lazy');
  const inCh = lazy ? (input ? splitInput(input, n)?.channels : undefined) : intArg(spec.args.in_channels);
  const outCh = intArg(spec.args.out_channels);
  const groups = intArg(spec.args.groups);
  const kernel = ntuple(spec.args.kernel_size, n);
  if (!isKnown(inCh ?? null) || outCh === undefined || !groups || !kernel || typeof spec.args.bias !== 'boolean')
    return undefined;
  return outCh * ((inCh as number) / groups) * kernel.reduce((a, b) => a * b, 1) + (spec.args.bias ? outCh : 0);
}

const convRule: LayerRule = {
  framework: 'pytorch',
  kinds: [...CONV_KINDS, ...LAZY_KINDS],
  countsMacs: true,
  signature: kind =>
    kind.startsWith('Lazy')
      ? [{ name: 'out_channels' }, { name: 'kernel_size' }, ...TAIL]
      : [{ name: 'in_channels' }, { name: 'out_channels' }, { name: 'kernel_size' }, ...TAIL],
  validate: spec => validateConvCommon(spec, spatialRankOf(spec.kind), spec.kind.startsWith('Lazy')),
  infer: (spec, inputs) => inferConv(spec, inputs),
  params: convParams,
};

registerRules([convRule]);
