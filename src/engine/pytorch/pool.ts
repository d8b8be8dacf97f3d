// MaxPool1d/2d/3d, AvgPool1d/2d/3d and LPPool1d/2d. PyTorch's `pooling_output_shape_pad_lr`:
// o = ⌊(i + 2p − k̂ + (ceil_mode ? s − 1 : 0))/s⌋ + 1, and with ceil_mode the last window is
// dropped when it would start in the right padding. Each ATen kernel checks rank, padding and
// output size in its own order and words (torch 1.13), reproduced here.
import { type Dim, type Shape, add, ceilDiv, floorDiv, isKnown, sub } from '../dim';
import { registerRules, type LayerRule, type Param } from '../layer';
import { requireAtLeast, requireUnknown } from '../size-requirements';
import { type AxisArithmetic, type Inference, type LayerSpec, UNKNOWN_INFERENCE, failed, inferred } from '../types';
import { axisArithmetic, effectiveKernel } from '../window';
import { dimRangeMessage, ntuple, sizesText, vagueSpatialOutput } from './common';
import { windowFormula } from './formula';
import { axisName, slidingNotes } from './notes';

/** PyTorch's pooling output size (symbolic-aware; the ceil_mode correction needs known sizes). */
export function poolOutputSize(
  input: Dim,
  kernel: number,
  stride: number,
  dilation: number,
  pad: number,
  ceilMode: boolean,
): Dim {
  const span = sub(add(input, 2 * pad), effectiveKernel(kernel, dilation));
  if (!ceilMode) return add(floorDiv(span, stride), 1);
  if (!isKnown(input)) {
    // Symbolic: ⌈span/s⌉ + 1; without padding and with k ≥ s the last window always starts
    // inside the input, otherwise the correction depends on the size: unknown.
    return pad === 0 && kernel >= stride ? add(ceilDiv(span, stride), 1) : null;
  }
  let o = Math.floor((input + 2 * pad - effectiveKernel(kernel, dilation) + stride - 1) / stride) + 1;
  if ((o - 1) * stride >= input + pad) o -= 1;
  return o;
}

type Family = 'max' | 'avg' | 'lp';

function familyOf(kind: string): Family {
  return kind.startsWith('Max') ? 'max' : kind.startsWith('Avg') ? 'avg' : 'lp';
}
function rankOf(kind: string): number {
  return Number(/(\d)d$/.exec(kind)?.[1] ?? 2);
}

const padMessage = (p: number, k: number) =>
  `pad should be at most half of kernel size, but got pad=${p} and kernel_size=${k}`;

function tooSmall(channels: Dim, ins: readonly Dim[], outs: readonly Dim[]): string {
  const fmt = (xs: readonly Dim[]) =>
    [channels, ...xs].map(d => (d === null ? '?' : String(isKnown(d) ? d : '?'))).join('x');
  return `Given input size: (${fmt(ins)}). Calculated output size: (${fmt(outs)}). Output size is too small`;
}

/** The kernel's rank check, in its own words; undefined when the rank is acceptable. */
function rankProblem(family: Family, n: number, input: Shape): Inference | undefined {
  const r = input.length;
  if (r === n + 1 || r === n + 2) return undefined;
  if (family === 'max' && n === 1)
    return failed(
      'rank-mismatch',
      `max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got:${sizesText(input)}`,
    );
  if (family !== 'max' && n === 1)
    return failed(
      'rank-mismatch',
      `Expected 2 to 3 dimensions, but got ${r}-dimensional tensor for argument #1 'self' (while checking arguments for avg_pool1d)`,
    );
  if (family !== 'max' && n === 2) {
    if (r < 3) return failed('rank-mismatch', dimRangeMessage(-3, r));
    return undefined; // avg_pool2d checks the padding first, then the rank (see below)
  }
  return failed('rank-mismatch', `non-empty ${n + 1}D or ${n + 2}D (batch mode) tensor expected for input`);
}

function inferPool(spec: LayerSpec, inputs: readonly Shape[]): Inference {
  const family = familyOf(spec.kind);
  const n = rankOf(spec.kind);
  const input = inputs[0];
  if (!input) return UNKNOWN_INFERENCE;
  const rankErr = rankProblem(family, n, input);
  if (rankErr) return rankErr;
  const kernel = ntuple(spec.args.kernel_size, n);
  const strideArg = spec.args.stride;
  const stride =
    strideArg === null || (Array.isArray(strideArg) && strideArg.length === 0) ? kernel : ntuple(strideArg, n);
  const pad = family === 'lp' ? Array<number>(n).fill(0) : ntuple(spec.args.padding, n);
  const dilation = family === 'max' ? ntuple(spec.args.dilation, n) : Array<number>(n).fill(1);
  const ceil = spec.args.ceil_mode;
  if (!kernel || !stride || !pad || !dilation || typeof ceil !== 'boolean')
    return inferred(vagueSpatialOutput(input, n));

  for (let j = 0; j < n; j++) {
    if (pad[j] > Math.floor(kernel[j] / 2)) {
      const msg =
        family === 'max' && n === 1
          ? `max_pool1d() padding should be at most half of kernel size, but got padding=${pad[j]} and kernel_size=${kernel[j]}`
          : padMessage(pad[j], kernel[j]);
      return failed('invalid-padding', msg, { argument: 'padding' });
    }
  }
  const batched = input.length === n + 2;
  if (family !== 'max' && n === 2 && !batched && input.length !== n + 1) {
    return failed(
      'rank-mismatch',
      `Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:${sizesText(input)}`,
    );
  }
  const spatial = input.slice(input.length - n);
  const channels = input[input.length - n - 1];
  const outSpatial = spatial.map((i, j) => poolOutputSize(i, kernel[j], stride[j], dilation[j], pad[j], ceil));
  outSpatial.forEach((o, j) => {
    if (o === null && spatial[j] !== null) requireUnknown(spec.kind);
    requireAtLeast(o, family === 'max' && n === 1 ? 0 : 1, spec.kind);
    if (family !== 'max' && n === 3) requireAtLeast(spatial[j], kernel[j], spec.kind);
  });

  if (family === 'max' && n === 1) {
    const o = outSpatial[0];
    if (isKnown(o) && o < 0)
      return failed('kernel-too-large', `max_pool1d() Invalid computed output size: ${o}`, { argument: 'kernel_size' });
  } else if (family !== 'max' && n === 3 && spatial.some((i, j) => isKnown(i) && i < kernel[j])) {
    const [t, h, w] = spatial.map(String);
    return failed(
      'kernel-too-large',
      `input image (T: ${t} H: ${h} W: ${w}) smaller than kernel size (kT: ${kernel[0]} kH: ${kernel[1]} kW: ${kernel[2]})`,
      { argument: 'kernel_size' },
    );
  } else if (outSpatial.some(o => isKnown(o) && o < 1)) {
    // 1-d average pooling runs as 2-d with a unit height axis.
    const [ins, outs] =
      family !== 'max' && n === 1
        ? [
            [1, ...spatial],
            [1, ...outSpatial],
          ]
        : [spatial, outSpatial];
    return failed('kernel-too-large', tooSmall(channels, ins, outs), { argument: 'kernel_size' });
  }

  const axes: AxisArithmetic[] = spatial.map((i, j) => {
    const fields = {
      input: i,
      kernel: kernel[j],
      stride: stride[j],
      dilation: dilation[j],
      padBefore: pad[j],
      padAfter: pad[j],
      output: outSpatial[j],
      ceilMode: ceil,
    };
    return axisArithmetic({ ...fields, pooling: true, formula: windowFormula(fields) });
  });
  const notes = slidingNotes(axes, false);
  if (ceil) {
    spatial.forEach((i, j) => {
      const floorOut = poolOutputSize(i, kernel[j], stride[j], dilation[j], pad[j], false);
      const o = outSpatial[j];
      if (isKnown(floorOut) && isKnown(o) && floorOut !== o) {
        notes.push(`${axisName(j, n)}: ceil_mode adds a last window: ${o} instead of ${floorOut}`);
      }
    });
  }
  const output = [...input.slice(0, input.length - n), ...outSpatial];
  return inferred(output, { axes, notes });
}

function signature(kind: string): Param[] {
  const family = familyOf(kind);
  if (family === 'max') {
    return [
      { name: 'kernel_size' },
      { name: 'stride', default: null },
      { name: 'padding', default: 0 },
      { name: 'dilation', default: 1 },
      { name: 'return_indices', default: false },
      { name: 'ceil_mode', default: false },
    ];
  }
  if (family === 'lp')
    return [
      { name: 'norm_type' },
      { name: 'kernel_size' },
      { name: 'stride', default: null },
      { name: 'ceil_mode', default: false },
    ];
  const base: Param[] = [
    { name: 'kernel_size' },
    { name: 'stride', default: null },
    { name: 'padding', default: 0 },
    { name: 'ceil_mode', default: false },
    { name: 'count_include_pad', default: true },
  ];
  return kind === 'AvgPool1d' ? base : [...base, { name: 'divisor_override', default: null }];
}

const poolRule: LayerRule = {
  framework: 'pytorch',
  kinds: ['MaxPool1d', 'MaxPool2d', 'MaxPool3d', 'AvgPool1d', 'AvgPool2d', 'AvgPool3d', 'LPPool1d', 'LPPool2d'],
  signature,
  infer: inferPool,
  params: () => 0,
};

registerRules([poolRule]);
