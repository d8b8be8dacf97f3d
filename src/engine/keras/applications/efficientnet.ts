// keras/src/applications/efficientnet.py (B0–B7: one block table scaled in width and depth) and
// efficientnet_v2.py (B0–B3, S, M, L: MBConv and Fused-MBConv blocks), on the engine's layer rules.
import type { Shape } from '../../dim';
import { Quiet } from '../common';
import { type Application, type Args, type Net, correctPad, flag } from './builder';

const BN = { axis: 3 };

/** Squeeze-and-excite of both families: pool, reshape to (1, 1, filters), reduce, expand, multiply. */
function squeezeExcite(net: Net, x: Shape, filters: number, filtersSe: number, name: string): Shape {
  let se = net.layer('GlobalAveragePooling2D', { name: `${name}se_squeeze` }, x);
  se = net.layer('Reshape', { target_shape: [1, 1, filters], name: `${name}se_reshape` }, se);
  se = net.layer(
    'Conv2D',
    { filters: filtersSe, kernel_size: 1, padding: 'same', activation: 'swish', name: `${name}se_reduce` },
    se,
  );
  se = net.layer(
    'Conv2D',
    { filters, kernel_size: 1, padding: 'same', activation: 'sigmoid', name: `${name}se_expand` },
    se,
  );
  return net.layer('Multiply', { name: `${name}se_excite` }, [x, se]);
}

/** Stochastic depth before the residual add: `Dropout(rate, noise_shape=(None, 1, 1, 1))`. */
function residual(net: Net, x: Shape, inputs: Shape, rate: number, name: string): Shape {
  if (rate > 0) x = net.layer('Dropout', { rate, noise_shape: [null, 1, 1, 1], name: `${name}drop` }, x);
  return net.layer('Add', { name: `${name}add` }, [x, inputs]);
}

// ---- EfficientNet B0–B7 ----

/** [kernel, repeats, filters_in, filters_out, expand_ratio, strides] of DEFAULT_BLOCKS_ARGS (se_ratio 0.25, id_skip). */
const BLOCKS_V1: readonly (readonly number[])[] = [
  [3, 1, 32, 16, 1, 1],
  [3, 2, 16, 24, 6, 2],
  [5, 2, 24, 40, 6, 2],
  [3, 3, 40, 80, 6, 2],
  [5, 3, 80, 112, 6, 1],
  [5, 4, 112, 192, 6, 2],
  [3, 1, 192, 320, 6, 1],
];

function blockV1(
  net: Net,
  inputs: Shape,
  rate: number,
  name: string,
  b: { fin: number; fout: number; k: number; s: number; e: number },
): Shape {
  const filters = b.fin * b.e;
  let x = inputs;
  if (b.e !== 1) {
    x = net.layer(
      'Conv2D',
      { filters, kernel_size: 1, padding: 'same', use_bias: false, name: `${name}expand_conv` },
      x,
    );
    x = net.layer('BatchNormalization', { ...BN, name: `${name}expand_bn` }, x);
    x = net.layer('Activation', { activation: 'swish', name: `${name}expand_activation` }, x);
  }
  if (b.s === 2) x = net.layer('ZeroPadding2D', { padding: correctPad(x, b.k), name: `${name}dwconv_pad` }, x);
  x = net.layer(
    'DepthwiseConv2D',
    { kernel_size: b.k, strides: b.s, padding: b.s === 2 ? 'valid' : 'same', use_bias: false, name: `${name}dwconv` },
    x,
  );
  x = net.layer('BatchNormalization', { ...BN, name: `${name}bn` }, x);
  x = net.layer('Activation', { activation: 'swish', name: `${name}activation` }, x);
  x = squeezeExcite(net, x, filters, Math.max(1, Math.trunc(b.fin * 0.25)), name);
  x = net.layer(
    'Conv2D',
    { filters: b.fout, kernel_size: 1, padding: 'same', use_bias: false, name: `${name}project_conv` },
    x,
  );
  x = net.layer('BatchNormalization', { ...BN, name: `${name}project_bn` }, x);
  return b.s === 1 && b.fin === b.fout ? residual(net, x, inputs, rate, name) : x;
}

function efficientnet(width: number, depth: number) {
  const roundFilters = (f: number): number => {
    f *= width;
    let out = Math.max(8, Math.floor(Math.trunc(f + 4) / 8) * 8);
    if (out < 0.9 * f) out += 8;
    return out;
  };
  const roundRepeats = (r: number) => Math.ceil(depth * r);
  return (net: Net, x: Shape): Shape => {
    x = net.layer('Rescaling', { scale: 1.0 / 255.0 }, x);
    x = net.layer('Normalization', { axis: 3 }, x);
    x = net.layer('ZeroPadding2D', { padding: correctPad(x, 3), name: 'stem_conv_pad' }, x);
    x = net.layer(
      'Conv2D',
      { filters: roundFilters(32), kernel_size: 3, strides: 2, padding: 'valid', use_bias: false, name: 'stem_conv' },
      x,
    );
    x = net.layer('BatchNormalization', { ...BN, name: 'stem_bn' }, x);
    x = net.layer('Activation', { activation: 'swish', name: 'stem_activation' }, x);
    const blocks = BLOCKS_V1.reduce((n, args) => n + roundRepeats(args[1]), 0);
    let b = 0;
    BLOCKS_V1.forEach(([k, repeats, fin, fout, e, s], i) => {
      const args = { k, e, s, fin: roundFilters(fin), fout: roundFilters(fout) };
      for (let j = 0; j < roundRepeats(repeats); j++) {
        if (j > 0) Object.assign(args, { s: 1, fin: args.fout });
        x = blockV1(net, x, (0.2 * b) / blocks, `block${i + 1}${String.fromCharCode(j + 97)}_`, args);
        b++;
      }
    });
    x = net.layer(
      'Conv2D',
      { filters: roundFilters(1280), kernel_size: 1, padding: 'same', use_bias: false, name: 'top_conv' },
      x,
    );
    x = net.layer('BatchNormalization', { ...BN, name: 'top_bn' }, x);
    return net.layer('Activation', { activation: 'swish', name: 'top_activation' }, x);
  };
}

function efficientTop(dropout: number) {
  return (net: Net, x: Shape, a: Args): Shape => {
    x = net.layer('GlobalAveragePooling2D', { name: 'avg_pool' }, x);
    if (dropout > 0) x = net.layer('Dropout', { rate: dropout, name: 'top_dropout' }, x);
    return net.layer('Dense', { units: a.classes, activation: a.classifier_activation, name: 'predictions' }, x);
  };
}

// ---- EfficientNetV2 ----

/** [kernel, repeats, input_filters, output_filters, expand_ratio, se_ratio, strides, conv_type (1: fused)]. */
type V2Block = readonly [number, number, number, number, number, number, number, number];
const V2_B: readonly V2Block[] = [
  [3, 1, 32, 16, 1, 0, 1, 1],
  [3, 2, 16, 32, 4, 0, 2, 1],
  [3, 2, 32, 48, 4, 0, 2, 1],
  [3, 3, 48, 96, 4, 0.25, 2, 0],
  [3, 5, 96, 112, 6, 0.25, 1, 0],
  [3, 8, 112, 192, 6, 0.25, 2, 0],
];
const V2_BLOCKS: Readonly<Record<string, readonly V2Block[]>> = {
  'efficientnetv2-s': [
    [3, 2, 24, 24, 1, 0, 1, 1],
    [3, 4, 24, 48, 4, 0, 2, 1],
    [3, 4, 48, 64, 4, 0, 2, 1],
    [3, 6, 64, 128, 4, 0.25, 2, 0],
    [3, 9, 128, 160, 6, 0.25, 1, 0],
    [3, 15, 160, 256, 6, 0.25, 2, 0],
  ],
  'efficientnetv2-m': [
    [3, 3, 24, 24, 1, 0, 1, 1],
    [3, 5, 24, 48, 4, 0, 2, 1],
    [3, 5, 48, 80, 4, 0, 2, 1],
    [3, 7, 80, 160, 4, 0.25, 2, 0],
    [3, 14, 160, 176, 6, 0.25, 1, 0],
    [3, 18, 176, 304, 6, 0.25, 2, 0],
    [3, 5, 304, 512, 6, 0.25, 1, 0],
  ],
  'efficientnetv2-l': [
    [3, 4, 32, 32, 1, 0, 1, 1],
    [3, 7, 32, 64, 4, 0, 2, 1],
    [3, 7, 64, 96, 4, 0, 2, 1],
    [3, 10, 96, 192, 4, 0.25, 2, 0],
    [3, 19, 192, 224, 6, 0.25, 1, 0],
    [3, 25, 224, 384, 6, 0.25, 2, 0],
    [3, 7, 384, 640, 6, 0.25, 1, 0],
  ],
  'efficientnetv2-b0': V2_B,
  'efficientnetv2-b1': V2_B,
  'efficientnetv2-b2': V2_B,
  'efficientnetv2-b3': V2_B,
};

const BN_V2 = { axis: 3, momentum: 0.9 };

interface V2Args {
  fin: number;
  fout: number;
  k: number;
  s: number;
  e: number;
  se: number;
  fused: boolean;
}

function blockV2(net: Net, inputs: Shape, rate: number, name: string, b: V2Args): Shape {
  const filters = b.fin * b.e;
  let x = inputs;
  if (b.e !== 1) {
    // Fused: the expansion is the k×k strided convolution itself.
    const [k, s] = b.fused ? [b.k, b.s] : [1, 1];
    x = net.layer(
      'Conv2D',
      { filters, kernel_size: k, strides: s, padding: 'same', use_bias: false, name: `${name}expand_conv` },
      x,
    );
    x = net.layer('BatchNormalization', { ...BN_V2, name: `${name}expand_bn` }, x);
    x = net.layer('Activation', { activation: 'swish', name: `${name}expand_activation` }, x);
  }
  if (!b.fused) {
    x = net.layer(
      'DepthwiseConv2D',
      { kernel_size: b.k, strides: b.s, padding: 'same', use_bias: false, name: `${name}dwconv2` },
      x,
    );
    x = net.layer('BatchNormalization', { ...BN_V2, name: `${name}bn` }, x);
    x = net.layer('Activation', { activation: 'swish', name: `${name}activation` }, x);
  }
  if (b.se > 0 && b.se <= 1) x = squeezeExcite(net, x, filters, Math.max(1, Math.trunc(b.fin * b.se)), name);
  const [k, s] = b.fused && b.e === 1 ? [b.k, b.s] : [1, 1];
  x = net.layer(
    'Conv2D',
    { filters: b.fout, kernel_size: k, strides: s, padding: 'same', use_bias: false, name: `${name}project_conv` },
    x,
  );
  x = net.layer('BatchNormalization', { ...BN_V2, name: `${name}project_bn` }, x);
  if (b.fused && b.e === 1) x = net.layer('Activation', { activation: 'swish', name: `${name}project_activation` }, x);
  return b.s === 1 && b.fin === b.fout ? residual(net, x, inputs, rate, name) : x;
}

function efficientnetV2(width: number, depth: number) {
  const roundFilters = (f: number) => Math.max(8, Math.floor(Math.trunc(f * width + 4) / 8) * 8);
  const roundRepeats = (r: number) => Math.ceil(depth * r);
  return (net: Net, x: Shape, a: Args): Shape => {
    const name = a.name;
    // `DEFAULT_BLOCKS_ARGS[name]`: another name is a KeyError in Keras; the model stays unknown.
    if (typeof name !== 'string' || !(name in V2_BLOCKS)) throw new Quiet();
    const table = V2_BLOCKS[name];
    if (flag(a, 'include_preprocessing')) {
      if (name.split('-').at(-1)!.startsWith('b') && x[3] === 3) {
        x = net.layer('Rescaling', { scale: 1.0 / 255 }, x);
        x = net.layer(
          'Normalization',
          { mean: [0.485, 0.456, 0.406], variance: [0.229 ** 2, 0.224 ** 2, 0.225 ** 2], axis: 3 },
          x,
        );
      } else x = net.layer('Rescaling', { scale: 1.0 / 128.0, offset: -1 }, x);
    }
    x = net.layer(
      'Conv2D',
      {
        filters: roundFilters(table[0][2]),
        kernel_size: 3,
        strides: 2,
        padding: 'same',
        use_bias: false,
        name: 'stem_conv',
      },
      x,
    );
    x = net.layer('BatchNormalization', { ...BN_V2, name: 'stem_bn' }, x);
    x = net.layer('Activation', { activation: 'swish', name: 'stem_activation' }, x);
    const blocks = table.reduce((n, args) => n + args[1], 0);
    let b = 0;
    table.forEach(([k, repeats, fin, fout, e, se, s, fused], i) => {
      const args: V2Args = { k, e, s, se, fused: fused === 1, fin: roundFilters(fin), fout: roundFilters(fout) };
      for (let j = 0; j < roundRepeats(repeats); j++) {
        if (j > 0) Object.assign(args, { s: 1, fin: args.fout });
        x = blockV2(net, x, (0.2 * b) / blocks, `block${i + 1}${String.fromCharCode(j + 97)}_`, args);
        b++;
      }
    });
    x = net.layer(
      'Conv2D',
      { filters: roundFilters(1280), kernel_size: 1, strides: 1, padding: 'same', use_bias: false, name: 'top_conv' },
      x,
    );
    x = net.layer('BatchNormalization', { ...BN_V2, name: 'top_bn' }, x);
    return net.layer('Activation', { activation: 'swish', name: 'top_activation' }, x);
  };
}

/** [width, depth, default size, top dropout] of EfficientNetB0..B7. */
const V1_SCALES = [
  [1.0, 1.0, 224, 0.2],
  [1.0, 1.1, 240, 0.2],
  [1.1, 1.2, 260, 0.3],
  [1.2, 1.4, 300, 0.3],
  [1.4, 1.8, 380, 0.4],
  [1.6, 2.2, 456, 0.4],
  [1.8, 2.6, 528, 0.5],
  [2.0, 3.1, 600, 0.5],
];

/** [constructor, name, width, depth, default size]; the top dropout is 0.2 for all. */
const V2_SCALES: readonly (readonly [string, string, number, number, number])[] = [
  ['EfficientNetV2B0', 'efficientnetv2-b0', 1.0, 1.0, 224],
  ['EfficientNetV2B1', 'efficientnetv2-b1', 1.0, 1.1, 240],
  ['EfficientNetV2B2', 'efficientnetv2-b2', 1.1, 1.2, 260],
  ['EfficientNetV2B3', 'efficientnetv2-b3', 1.2, 1.4, 300],
  ['EfficientNetV2S', 'efficientnetv2-s', 1.0, 1.0, 384],
  ['EfficientNetV2M', 'efficientnetv2-m', 1.0, 1.0, 480],
  ['EfficientNetV2L', 'efficientnetv2-l', 1.0, 1.0, 480],
];

const classesMessage = () => 'If using `weights="imagenet"` with `include_top` as true, `classes` should be 1000';

export const EFFICIENTNETS: Readonly<Record<string, Application>> = Object.fromEntries([
  ...V1_SCALES.map(([w, d, size, dropout], i) => [
    `EfficientNetB${i}`,
    {
      body: efficientnet(w, d),
      top: efficientTop(dropout),
      defaultSize: size,
      minSize: 32,
      classesMessage,
      name: `efficientnetb${i}`,
    },
  ]),
  ...V2_SCALES.map(([kind, name, w, d, size]) => [
    kind,
    {
      body: efficientnetV2(w, d),
      top: efficientTop(0.2),
      defaultSize: size,
      minSize: 32,
      classesMessage,
      name,
      extra: [['include_preprocessing', true]],
    },
  ]),
]);
