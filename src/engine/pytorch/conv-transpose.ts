// ConvTranspose1d/2d/3d and their Lazy forms. Output per axis:
// o = (i − 1)·s − 2p + d·(k − 1) + output_padding + 1 (the guide's relationship 14 with dilation).
// `forward(x, output_size)` picks output_padding within PyTorch's valid range.
import { type Dim, type Shape, add, differsFromInt, isKnown, scale, sub } from '../dim';
import { requireAtLeast, requireUnknown } from '../size-requirements';
import { registerRules, type LayerRule, type Param } from '../layer';
import {
  type ArgValue,
  type AxisArithmetic,
  type Inference,
  type LayerSpec,
  UNKNOWN_INFERENCE,
  failed,
  inferred,
} from '../types';
import { axisArithmetic } from '../window';
import {
  intArg,
  knownProduct,
  ntuple,
  pyRepr,
  sizesText,
  splitInput,
  torchSizeText,
  vagueSpatialOutput,
} from './common';
import { lazyInitError, spatialRankOf, validateConvCommon } from './conv';
import { transposedFormula } from './formula';

const KINDS = ['ConvTranspose1d', 'ConvTranspose2d', 'ConvTranspose3d'];
const LAZY = ['LazyConvTranspose1d', 'LazyConvTranspose2d', 'LazyConvTranspose3d'];

const TAIL: Param[] = [
  { name: 'stride', default: 1 },
  { name: 'padding', default: 0 },
  { name: 'output_padding', default: 0 },
  { name: 'groups', default: 1 },
  { name: 'bias', default: true },
  { name: 'dilation', default: 1 },
  { name: 'padding_mode', default: 'zeros' },
  { name: 'device', default: null },
  { name: 'dtype', default: null },
];

/** The smallest output a transposed convolution gives (output_padding 0). */
export function transposedOutputSize(
  input: Dim,
  kernel: number,
  stride: number,
  dilation: number,
  pad: number,
  outputPadding: number,
): Dim {
  return add(scale(sub(input, 1), stride), -2 * pad + dilation * (kernel - 1) + outputPadding + 1);
}

const AXIS_NAMES = ['depth', 'height', 'width'];

function outputPaddingMessage(op: number[], stride: number[], dilation: number[]): string {
  // 1-d transposed convolutions run as 2-d ones with a unit height axis.
  const [o, s, d] =
    op.length === 1
      ? [
          [0, ...op],
          [1, ...stride],
          [1, ...dilation],
        ]
      : [op, stride, dilation];
  const names = AXIS_NAMES.slice(3 - o.length);
  const part = (label: string, v: number[]) => v.map((x, j) => `${label}_${names[j]}: ${x}`).join(' ');
  return `output padding must be smaller than either stride or dilation, but got ${part('output_padding', o)} ${part('stride', s)} ${part('dilation', d)}`;
}

/** output_size → output_padding, with PyTorch's `_output_padding` checks. */
function outputPaddingFor(
  requested: ArgValue,
  input: Shape,
  n: number,
  min: Dim[],
  stride: number[],
): { ok: true; padding: number[] | undefined } | { ok: false; error: Inference } {
  if (!Array.isArray(requested)) return { ok: true, padding: undefined };
  const nonSpatial = input.length === n + 2 ? 2 : 1;
  let sizes: readonly ArgValue[] = requested;
  if (sizes.length === nonSpatial + n) sizes = sizes.slice(nonSpatial);
  if (sizes.length !== n) {
    return {
      ok: false,
      error: failed(
        'invalid-argument',
        `ConvTranspose${n}D: for ${input.length}D input, output_size must have ${n} or ${nonSpatial + n} elements (got ${sizes.length})`,
        { argument: 'output_size' },
      ),
    };
  }
  if (!sizes.every(s => typeof s === 'number') || !min.every(isKnown)) return { ok: true, padding: undefined };
  const want = sizes as number[];
  const lo = min as number[];
  const hi = lo.map((m, j) => m + stride[j] - 1);
  if (want.some((w, j) => w < lo[j] || w > hi[j])) {
    const msg = `requested an output size of ${pyRepr(sizes as ArgValue)}, but valid sizes range from ${sizesText(lo)} to ${sizesText(hi)} (for an input of ${torchSizeText(input.slice(2))})`;
    return { ok: false, error: failed('invalid-argument', msg, { argument: 'output_size' }) };
  }
  return { ok: true, padding: want.map((w, j) => w - lo[j]) };
}

function inferTransposed(
  spec: LayerSpec,
  inputs: readonly Shape[],
  callArgs?: Readonly<Record<string, ArgValue>>,
): Inference {
  const n = spatialRankOf(spec.kind);
  const lazy = spec.kind.startsWith('Lazy');
  const input = inputs[0];
  if (!input) return UNKNOWN_INFERENCE;
  const kernel = ntuple(spec.args.kernel_size, n);
  const stride = ntuple(spec.args.stride, n);
  const dilation = ntuple(spec.args.dilation, n);
  const groups = intArg(spec.args.groups);
  const outCh = intArg(spec.args.out_channels);
  if (typeof spec.args.padding === 'string') {
    return failed(
      'invalid-padding',
      `conv_transpose${n}d(): argument 'padding' (position 5) must be tuple of ints, not tuple`,
      { argument: 'padding' },
    );
  }
  const pad = ntuple(spec.args.padding, n);
  let outputPadding = ntuple(spec.args.output_padding, n);
  if (!kernel || !stride || !dilation || !pad) return inferred(vagueSpatialOutput(input, n, outCh ?? null));

  const lazyError = lazy ? lazyInitError(spec, input, n) : undefined;
  if (lazyError) return lazyError;
  const requested = callArgs?.output_size;
  if (requested !== undefined && requested !== null && (input.length === n + 1 || input.length === n + 2)) {
    const nonSpatial = input.length === n + 2 ? 2 : 1;
    const min = input
      .slice(nonSpatial)
      .map((i, j) => transposedOutputSize(i, kernel[j], stride[j], dilation[j], pad[j], 0));
    const chosen = outputPaddingFor(requested, input, n, min, stride);
    if (!chosen.ok) return chosen.error;
    outputPadding = chosen.padding;
  }

  const split = splitInput(input, n);
  if (!split) {
    return failed(
      'rank-mismatch',
      `Expected ${n + 1}D (unbatched) or ${n + 2}D (batched) input to conv_transpose${n}d, but got input of size: ${sizesText(input)}`,
    );
  }
  const inCh = lazy ? split.channels : intArg(spec.args.in_channels);
  if (!lazy && typeof inCh === 'number' && differsFromInt(split.channels, inCh) && outCh !== undefined && groups) {
    const weight = [inCh, outCh / groups, ...kernel];
    return failed(
      'channel-mismatch',
      `Given transposed=1, weight of size ${sizesText(weight)}, expected input${sizesText(split.asBatched)} to have ${inCh} channels, but got ${split.channels} channels instead`,
      { argument: 'in_channels', suggested: split.channels },
    );
  }
  if (!outputPadding) {
    requireUnknown(spec.kind);
    return inferred(vagueSpatialOutput(input, n, outCh ?? null));
  }
  const op = outputPadding;
  if (op.some((a, j) => !(a < stride[j] || a < dilation[j]))) {
    return failed('invalid-output-padding', outputPaddingMessage(op, stride, dilation), { argument: 'output_padding' });
  }
  const outSpatial = split.spatial.map((i, j) =>
    transposedOutputSize(i, kernel[j], stride[j], dilation[j], pad[j], op[j]),
  );
  outSpatial.forEach(o => requireAtLeast(o, 1, spec.kind));
  if (outSpatial.some(o => isKnown(o) && o < 1)) {
    const ins = n === 1 ? [1, ...split.spatial] : split.spatial;
    const outs = n === 1 ? [1, ...outSpatial] : outSpatial;
    return failed(
      'kernel-too-large',
      `Given input size per channel: (${ins.map(String).join(' x ')}). Calculated output size per channel: (${outs.map(String).join(' x ')}). Output size is too small`,
      { argument: 'padding' },
    );
  }
  const axes: AxisArithmetic[] = split.spatial.map((i, j) => {
    const o = outSpatial[j];
    return axisArithmetic({
      input: i,
      kernel: kernel[j],
      stride: stride[j],
      dilation: dilation[j],
      padBefore: pad[j],
      padAfter: pad[j],
      output: o,
      transposed: true,
      outputPadding: op[j],
      formula: transposedFormula({
        input: i,
        kernel: kernel[j],
        stride: stride[j],
        dilation: dilation[j],
        pad: pad[j],
        outputPadding: op[j],
        output: o,
      }),
    });
  });
  const output: Dim[] = split.batched ? [split.batch, outCh ?? null, ...outSpatial] : [outCh ?? null, ...outSpatial];
  const inCount = knownProduct([inCh ?? null, ...split.spatial]);
  const macs =
    inCount !== undefined && outCh !== undefined && groups
      ? inCount * (outCh / groups) * kernel.reduce((a, b) => a * b, 1)
      : undefined;
  return inferred(output, { axes, ...(macs !== undefined ? { macs } : {}) });
}

function transposedParams(spec: LayerSpec, input?: Shape): number | undefined {
  const n = spatialRankOf(spec.kind);
  const inCh = spec.kind.startsWith('Lazy')
    ? input
      ? splitInput(input, n)?.channels
      : undefined
    : intArg(spec.args.in_channels);
  const outCh = intArg(spec.args.out_channels);
  const groups = intArg(spec.args.groups);
  const kernel = ntuple(spec.args.kernel_size, n);
  if (typeof inCh !== 'number' || outCh === undefined || !groups || !kernel || typeof spec.args.bias !== 'boolean')
    return undefined;
  return inCh * (outCh / groups) * kernel.reduce((a, b) => a * b, 1) + (spec.args.bias ? outCh : 0);
}

const transposedRule: LayerRule = {
  framework: 'pytorch',
  kinds: [...KINDS, ...LAZY],
  countsMacs: true,
  signature: kind =>
    kind.startsWith('Lazy')
      ? [{ name: 'out_channels' }, { name: 'kernel_size' }, ...TAIL]
      : [{ name: 'in_channels' }, { name: 'out_channels' }, { name: 'kernel_size' }, ...TAIL],
  validate: spec => {
    const mode = spec.args.padding_mode;
    if (typeof mode === 'string' && mode !== 'zeros') {
      return {
        code: 'invalid-padding',
        message: `Only "zeros" padding mode is supported for ${spec.kind}`,
        argument: 'padding_mode',
      };
    }
    // The subclasses turn a padding string into a tuple of characters (`_pair('same')`), so
    // `_ConvNd`'s padding-string checks never fire; the forward call rejects it instead.
    const { padding: _ignored, ...rest } = spec.args;
    return validateConvCommon(
      { ...spec, args: { ...rest, padding: 0 } },
      spatialRankOf(spec.kind),
      spec.kind.startsWith('Lazy'),
    );
  },
  infer: inferTransposed,
  params: transposedParams,
};

registerRules([transposedRule]);
