// Upsample (and UpsamplingNearest2d / UpsamplingBilinear2d), PixelShuffle, PixelUnshuffle.
// Upsample's output per spatial axis is `size`, or ⌊i · scale_factor⌋ (float scales allowed).
import { type Dim, type Shape, divExact, floorDiv, isExpr, isKnown, mul, scale } from '../dim';
import { requireAtLeast } from '../size-requirements';
import { registerRules, type LayerRule } from '../layer';
import { type ArgValue, type Inference, type LayerSpec, UNKNOWN_INFERENCE, failed, inferred } from '../types';
import { intArg, sizesText } from './common';

const MODE_RANK: Record<string, number> = { linear: 3, bilinear: 4, bicubic: 4, trilinear: 5 };

function pyTuple(v: readonly ArgValue[]): string {
  return v.length === 1 ? `(${String(v[0])},)` : `(${v.map(String).join(', ')})`;
}

/** ⌊i · f⌋ for a float factor: exact for known sizes and integer factors, else unknown. */
function scaled(i: Dim, f: number): Dim {
  if (isKnown(i)) return Math.floor(i * f);
  if (Number.isInteger(f)) return scale(i, f);
  const inv = 1 / f;
  return Number.isInteger(inv) ? floorDiv(i, inv) : null;
}

function inferUpsample(spec: LayerSpec, inputs: readonly Shape[]): Inference {
  const input = inputs[0];
  if (!input) return UNKNOWN_INFERENCE;
  const mode =
    spec.kind === 'UpsamplingBilinear2d'
      ? 'bilinear'
      : spec.kind === 'UpsamplingNearest2d'
        ? 'nearest'
        : spec.args.mode;
  if (typeof mode !== 'string') return inferred(null);
  const n = input.length - 2;
  const size = spec.args.size,
    factor = spec.args.scale_factor;
  if (size !== null && factor !== null)
    return failed('invalid-argument', 'only one of size or scale_factor should be defined', { argument: 'size' });
  if (Array.isArray(size) && size.length !== Math.max(n, 0)) {
    return failed(
      'invalid-argument',
      `Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of ${sizesText(input.slice(2))} and output size of ${pyTuple(size)}. Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.`,
      { argument: 'size' },
    );
  }
  if (Array.isArray(factor) && factor.length !== Math.max(n, 0)) {
    return failed(
      'invalid-argument',
      `Input and scale_factor must have the same number of spatial dimensions, but got input with spatial dimensions of ${sizesText(input.slice(2))} and scale_factor of shape ${pyTuple(factor)}. Please provide input tensor in (N, C, d1, d2, ...,dK) format and scale_factor in (s1, s2, ...,sK) format.`,
      { argument: 'scale_factor' },
    );
  }
  if (size === null && factor === null)
    return failed('invalid-argument', 'either size or scale_factor should be defined', { argument: 'size' });
  const need = MODE_RANK[mode];
  if (need !== undefined && input.length !== need && input.length >= 3 && input.length <= 5) {
    const name = { 3: '3D', 4: '4D', 5: '5D' }[input.length as 3 | 4 | 5];
    return failed(
      'rank-mismatch',
      `Got ${name} input, but ${mode} mode needs ${need - 2 === 1 ? '3D' : need === 4 ? '4D' : '5D'} input`,
    );
  }
  if (input.length < 3 || input.length > 5) {
    return failed(
      'rank-mismatch',
      `Input Error: Only 3D, 4D and 5D input Tensors supported (got ${input.length}D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got ${mode})`,
    );
  }
  let out: Dim[];
  if (size !== null) {
    const s = Array.isArray(size) ? size : Array<ArgValue>(n).fill(size);
    // A size taken from another tensor (`size=skip.shape[2:]`) may be symbolic.
    out = s.map(v => intArg(v) ?? (isExpr(v as Dim) ? (v as Dim) : null));
  } else {
    const f = Array.isArray(factor) ? factor : Array<ArgValue>(n).fill(factor);
    out = input.slice(2).map((i, j) => (typeof f[j] === 'number' ? scaled(i, f[j] as number) : null));
  }
  if (out.some(d => isKnown(d) && d <= 0) || input.slice(2).some(d => isKnown(d) && d <= 0)) {
    const names = ['D', 'H', 'W'].slice(3 - n);
    const list = (ds: readonly Dim[]) => ds.map((d, j) => `${names[j]}: ${d === null ? '?' : String(d)}`).join(', ');
    return failed(
      'kernel-too-large',
      `Input and output sizes should be greater than 0, but got input (${list(input.slice(2))})${n === 1 ? ' and' : ''} output (${list(out)})`,
      { argument: size !== null ? 'size' : 'scale_factor' },
    );
  }
  out.forEach(d => requireAtLeast(d, 1, 'interpolate'));
  return inferred([...input.slice(0, 2), ...out]);
}

const upsampleRule: LayerRule = {
  framework: 'pytorch',
  kinds: ['Upsample', 'UpsamplingNearest2d', 'UpsamplingBilinear2d'],
  signature: kind =>
    kind === 'Upsample'
      ? [
          { name: 'size', default: null },
          { name: 'scale_factor', default: null },
          { name: 'mode', default: 'nearest' },
          { name: 'align_corners', default: null },
          { name: 'recompute_scale_factor', default: null },
        ]
      : [
          { name: 'size', default: null },
          { name: 'scale_factor', default: null },
        ],
  infer: inferUpsample,
  params: () => 0,
};

function inferShuffle(spec: LayerSpec, inputs: readonly Shape[]): Inference {
  const input = inputs[0];
  if (!input) return UNKNOWN_INFERENCE;
  const up = spec.kind === 'PixelShuffle';
  const r = intArg(up ? spec.args.upscale_factor : spec.args.downscale_factor);
  const fn = up ? 'pixel_shuffle' : 'pixel_unshuffle';
  if (input.length < 3)
    return failed(
      'rank-mismatch',
      `${fn} expects input to have at least 3 dimensions, but got input with ${input.length} dimension(s)`,
    );
  if (r === undefined) return inferred(null);
  const lead = input.slice(0, -3);
  const [c, h, w] = input.slice(-3);
  if (up) {
    const q = divExact(c, r * r);
    if (q === false)
      return failed(
        'invalid-argument',
        `pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)=${c} is not divisible by ${r * r}`,
        { argument: 'upscale_factor' },
      );
    return inferred([...lead, q ?? null, scale(h, r), scale(w, r)]);
  }
  const qh = divExact(h, r);
  if (qh === false)
    return failed(
      'invalid-argument',
      `pixel_unshuffle expects height to be divisible by downscale_factor, but input.size(-2)=${h} is not divisible by ${r}`,
      { argument: 'downscale_factor' },
    );
  const qw = divExact(w, r);
  if (qw === false)
    return failed(
      'invalid-argument',
      `pixel_unshuffle expects width to be divisible by downscale_factor, but input.size(-1)=${w} is not divisible by ${r}`,
      { argument: 'downscale_factor' },
    );
  return inferred([...lead, mul(c, r * r), qh ?? null, qw ?? null]);
}

const shuffleRule: LayerRule = {
  framework: 'pytorch',
  kinds: ['PixelShuffle', 'PixelUnshuffle'],
  signature: kind => [{ name: kind === 'PixelShuffle' ? 'upscale_factor' : 'downscale_factor' }],
  infer: inferShuffle,
  params: () => 0,
};

registerRules([upsampleRule, shuffleRule]);
