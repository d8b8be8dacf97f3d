// Keras 3 UpSampling1D/2D/3D, ZeroPadding1D/2D/3D and Cropping1D/2D/3D
// (keras/src/layers/reshaping/): per spatial axis, ×size, +before+after, −before−after.
import { type Dim, type Shape, add, isKnown, mul } from '../dim';
import { type LayerRule, registerRules } from '../layer';
import { requireAtLeast } from '../size-requirements';
import { type ArgValue, type LayerSpec, inferred, isUnknown } from '../types';
import {
  checkInputSpec,
  dataFormat,
  guarded,
  params,
  pyStr,
  pyTuple,
  Quiet,
  raise,
  singleInput,
  spatialAxes,
  standardizeTuple,
  validated,
  layerName,
} from './common';

const RANK: Record<string, number> = {
  UpSampling1D: 1,
  UpSampling2D: 2,
  UpSampling3D: 3,
  ZeroPadding1D: 1,
  ZeroPadding2D: 2,
  ZeroPadding3D: 3,
  Cropping1D: 1,
  Cropping2D: 2,
  Cropping3D: 3,
};
const ORDINAL = ['1st', '2nd', '3rd'];

function upsamplingSize(spec: LayerSpec): number[] {
  const rank = RANK[spec.kind];
  if (rank > 1) return standardizeTuple(spec.args.size, rank, 'size');
  const size = spec.args.size;
  if (size === undefined || isUnknown(size)) throw new Quiet();
  if (typeof size !== 'number' || !Number.isInteger(size) || size <= 0) {
    raise('invalid-argument', `Argument \`size\` should be a positive integer. Received: size=${pyStr(size)}`, 'size');
  }
  return [size];
}

/** ZeroPadding/Cropping amounts as ((before, after), ...) the way each constructor standardizes them. */
function amounts(spec: LayerSpec): number[][] {
  const rank = RANK[spec.kind];
  const cropping = spec.kind.startsWith('Cropping');
  const name = cropping ? 'cropping' : 'padding';
  const v: ArgValue | undefined = spec.args[name];
  if (v === undefined || isUnknown(v)) throw new Quiet();
  if (rank === 1) return [standardizeTuple(v, 2, name, true)];
  if (typeof v === 'number') {
    if (cropping && v < 0) raise('invalid-argument', `\`cropping\` cannot be negative. Received: cropping=${v}.`, name);
    return Array.from({ length: rank }, () => [v, v]);
  }
  if (!Array.isArray(v)) throw new Quiet();
  if (v.length !== rank) {
    raise(
      'invalid-argument',
      rank === 2
        ? `\`${name}\` should have two elements. Received: ${name}=${pyStr(v)}.`
        : `\`${name}\` should have 3 elements. Received: ${pyStr(v)}.`,
      name,
    );
  }
  return v.map((entry, i) => standardizeTuple(entry, 2, `${ORDINAL[i]} entry of ${name}`, true));
}

function hasFormat(kind: string): boolean {
  return RANK[kind] > 1;
}

function inferResize(spec: LayerSpec, inputs: readonly Shape[]) {
  return guarded(() => {
    const rank = RANK[spec.kind];
    const format = hasFormat(spec.kind) ? dataFormat(spec) : 'channels_last';
    const factors = spec.kind.startsWith('UpSampling') ? upsamplingSize(spec) : undefined;
    const pads = factors ? undefined : amounts(spec);
    const x = singleInput(inputs);
    checkInputSpec(spec, x, { ndim: rank + 2 });
    const idx = spatialAxes(format, x.length);
    const out: Dim[] = [...x];
    if (factors) {
      idx.forEach((j, i) => (out[j] = x[j] === null ? null : mul(x[j], factors[i])));
      return inferred(out);
    }
    const amount = pads as number[][];
    if (spec.kind.startsWith('ZeroPadding')) {
      idx.forEach((j, i) => (out[j] = add(x[j], amount[i][0] + amount[i][1])));
      return inferred(out);
    }
    const tooMuch = idx.some((j, i) => isKnown(x[j]) && (x[j] as number) - amount[i][0] - amount[i][1] <= 0);
    if (tooMuch) {
      const cropping = rank === 1 ? pyStr(amount[0]) : `(${amount.map(a => pyStr(a)).join(', ')})`;
      raise(
        'invalid-argument',
        rank === 1
          ? `\`cropping\` parameter of \`Cropping1D\` layer must be smaller than the input length. Received: input_shape=${pyTuple(x)}, cropping=${cropping}`
          : `Values in \`cropping\` argument should be smaller than the corresponding spatial dimension of the input. Received: input_shape=${pyTuple(x)}, cropping=${cropping}`,
        'cropping',
      );
    }
    idx.forEach((j, i) => (out[j] = add(x[j], -amount[i][0] - amount[i][1])));
    idx.forEach(j => requireAtLeast(out[j], 1, layerName(spec)));
    return inferred(out);
  });
}

function signature(kind: string) {
  const rank = RANK[kind];
  const fmt: [string, ArgValue] = ['data_format', null];
  if (kind.startsWith('UpSampling')) {
    if (rank === 1) return params(['size', 2]);
    return rank === 2 ? params(['size', [2, 2]], fmt, ['interpolation', 'nearest']) : params(['size', [2, 2, 2]], fmt);
  }
  if (kind.startsWith('ZeroPadding')) {
    if (rank === 1) return params(['padding', 1]);
    return params(
      [
        'padding',
        rank === 2
          ? [1, 1]
          : [
              [1, 1],
              [1, 1],
              [1, 1],
            ],
      ],
      fmt,
    );
  }
  if (rank === 1) return params(['cropping', [1, 1]]);
  return params(
    [
      'cropping',
      rank === 2
        ? [
            [0, 0],
            [0, 0],
          ]
        : [
            [1, 1],
            [1, 1],
            [1, 1],
          ],
    ],
    fmt,
  );
}

export const resizeRule: LayerRule = {
  framework: 'keras',
  kinds: Object.keys(RANK),
  signature,
  validate: spec =>
    validated(() => {
      if (hasFormat(spec.kind)) dataFormat(spec);
      if (spec.kind.startsWith('UpSampling')) upsamplingSize(spec);
      else amounts(spec);
    }),
  infer: inferResize,
  params: () => 0,
};

registerRules([resizeRule]);
