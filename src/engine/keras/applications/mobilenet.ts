// keras/src/applications/mobilenet.py, mobilenet_v2.py and mobilenet_v3.py on the engine's layer
// rules. `alpha` scales every width; V3's `hard_sigmoid` (`ReLU(6.0)(x + 3.0) * (1.0 / 6.0)`) has
// Keras ops that keep the shape and have no weights, so only its ReLU is run here.
import type { Dim, Shape } from '../../dim';
import { pyStr, pyTuple, raise } from '../common';
import {
  type Application,
  type Args,
  type Net,
  channels,
  correctPad,
  flag,
  makeDivisible,
  num,
  squareSizeIn,
} from './builder';

const BN = { axis: -1 };
const BN_V2 = { axis: -1, epsilon: 0.001, momentum: 0.999 };

function depthwiseBlock(net: Net, x: Shape, filters: number, a: Args, stride: number, id: number): Shape {
  const pointwise = Math.trunc(filters * num(a, 'alpha'));
  if (stride !== 1)
    x = net.layer(
      'ZeroPadding2D',
      {
        padding: [
          [0, 1],
          [0, 1],
        ],
        name: `conv_pad_${id}`,
      },
      x,
    );
  x = net.layer(
    'DepthwiseConv2D',
    {
      kernel_size: [3, 3],
      padding: stride === 1 ? 'same' : 'valid',
      depth_multiplier: num(a, 'depth_multiplier'),
      strides: [stride, stride],
      use_bias: false,
      name: `conv_dw_${id}`,
    },
    x,
  );
  x = net.layer('BatchNormalization', { ...BN, name: `conv_dw_${id}_bn` }, x);
  x = net.layer('ReLU', { max_value: 6, name: `conv_dw_${id}_relu` }, x);
  x = net.layer(
    'Conv2D',
    { filters: pointwise, kernel_size: [1, 1], padding: 'same', use_bias: false, name: `conv_pw_${id}` },
    x,
  );
  x = net.layer('BatchNormalization', { ...BN, name: `conv_pw_${id}_bn` }, x);
  return net.layer('ReLU', { max_value: 6, name: `conv_pw_${id}_relu` }, x);
}

function mobilenet(net: Net, x: Shape, a: Args): Shape {
  const filters = Math.trunc(32 * num(a, 'alpha'));
  x = net.layer(
    'Conv2D',
    { filters, kernel_size: [3, 3], padding: 'same', use_bias: false, strides: [2, 2], name: 'conv1' },
    x,
  );
  x = net.layer('BatchNormalization', { ...BN, name: 'conv1_bn' }, x);
  x = net.layer('ReLU', { max_value: 6, name: 'conv1_relu' }, x);
  const blocks: [number, number][] = [
    [64, 1],
    [128, 2],
    [128, 1],
    [256, 2],
    [256, 1],
    [512, 2],
    [512, 1],
    [512, 1],
    [512, 1],
    [512, 1],
    [512, 1],
    [1024, 2],
    [1024, 1],
  ];
  blocks.forEach(([f, s], i) => (x = depthwiseBlock(net, x, f, a, s, i + 1)));
  return x;
}

function mobilenetTop(net: Net, x: Shape, a: Args): Shape {
  x = net.layer('GlobalAveragePooling2D', { keepdims: true }, x);
  x = net.layer('Dropout', { rate: num(a, 'dropout'), name: 'dropout' }, x);
  x = net.layer('Conv2D', { filters: a.classes, kernel_size: [1, 1], padding: 'same', name: 'conv_preds' }, x);
  x = net.layer('Reshape', { target_shape: [a.classes], name: 'reshape_2' }, x);
  return net.layer('Activation', { activation: a.classifier_activation, name: 'predictions' }, x);
}

function invertedResBlockV2(
  net: Net,
  x: Shape,
  expansion: number,
  stride: number,
  filters: number,
  a: Args,
  id: number,
): Shape {
  const inputs = x;
  const inChannels = channels(x);
  const pointwise = makeDivisible(Math.trunc(filters * num(a, 'alpha')), 8);
  let prefix = `block_${id}_`;
  if (id) {
    x = net.layer(
      'Conv2D',
      { filters: expansion * inChannels, kernel_size: 1, padding: 'same', use_bias: false, name: `${prefix}expand` },
      x,
    );
    x = net.layer('BatchNormalization', { ...BN_V2, name: `${prefix}expand_BN` }, x);
    x = net.layer('ReLU', { max_value: 6, name: `${prefix}expand_relu` }, x);
  } else prefix = 'expanded_conv_';
  if (stride === 2) x = net.layer('ZeroPadding2D', { padding: correctPad(x, 3), name: `${prefix}pad` }, x);
  x = net.layer(
    'DepthwiseConv2D',
    {
      kernel_size: 3,
      strides: stride,
      use_bias: false,
      padding: stride === 1 ? 'same' : 'valid',
      name: `${prefix}depthwise`,
    },
    x,
  );
  x = net.layer('BatchNormalization', { ...BN_V2, name: `${prefix}depthwise_BN` }, x);
  x = net.layer('ReLU', { max_value: 6, name: `${prefix}depthwise_relu` }, x);
  x = net.layer(
    'Conv2D',
    { filters: pointwise, kernel_size: 1, padding: 'same', use_bias: false, name: `${prefix}project` },
    x,
  );
  x = net.layer('BatchNormalization', { ...BN_V2, name: `${prefix}project_BN` }, x);
  if (inChannels === pointwise && stride === 1) return net.layer('Add', { name: `${prefix}add` }, [inputs, x]);
  return x;
}

function mobilenetV2(net: Net, x: Shape, a: Args): Shape {
  const alpha = num(a, 'alpha');
  x = net.layer(
    'Conv2D',
    {
      filters: makeDivisible(32 * alpha, 8),
      kernel_size: 3,
      strides: [2, 2],
      padding: 'same',
      use_bias: false,
      name: 'Conv1',
    },
    x,
  );
  x = net.layer('BatchNormalization', { ...BN_V2, name: 'bn_Conv1' }, x);
  x = net.layer('ReLU', { max_value: 6, name: 'Conv1_relu' }, x);
  // [filters, stride, expansion] of blocks 0..16
  const blocks: [number, number, number][] = [
    [16, 1, 1],
    [24, 2, 6],
    [24, 1, 6],
    [32, 2, 6],
    [32, 1, 6],
    [32, 1, 6],
    [64, 2, 6],
    [64, 1, 6],
    [64, 1, 6],
    [64, 1, 6],
    [96, 1, 6],
    [96, 1, 6],
    [96, 1, 6],
    [160, 2, 6],
    [160, 1, 6],
    [160, 1, 6],
    [320, 1, 6],
  ];
  blocks.forEach(([f, s, e], i) => (x = invertedResBlockV2(net, x, e, s, f, a, i)));
  const last = alpha > 1.0 ? makeDivisible(1280 * alpha, 8) : 1280;
  x = net.layer('Conv2D', { filters: last, kernel_size: 1, use_bias: false, name: 'Conv_1' }, x);
  x = net.layer('BatchNormalization', { ...BN_V2, name: 'Conv_1_bn' }, x);
  return net.layer('ReLU', { max_value: 6, name: 'out_relu' }, x);
}

// ---- MobileNetV3 ----

type Act = (net: Net, x: Shape) => Shape;
const relu: Act = (net, x) => net.layer('ReLU', {}, x);
const hardSwish: Act = (net, x) => net.layer('Activation', { activation: 'hard_swish' }, x);
const hardSigmoid: Act = (net, x) => net.layer('ReLU', { max_value: 6 }, x);

function seBlock(net: Net, inputs: Shape, filters: number, ratio: number, prefix: string): Shape {
  let x = net.layer('GlobalAveragePooling2D', { keepdims: true, name: `${prefix}squeeze_excite_avg_pool` }, inputs);
  x = net.layer(
    'Conv2D',
    { filters: makeDivisible(filters * ratio), kernel_size: 1, padding: 'same', name: `${prefix}squeeze_excite_conv` },
    x,
  );
  x = net.layer('ReLU', { name: `${prefix}squeeze_excite_relu` }, x);
  x = net.layer('Conv2D', { filters, kernel_size: 1, padding: 'same', name: `${prefix}squeeze_excite_conv_1` }, x);
  x = hardSigmoid(net, x);
  return net.layer('Multiply', { name: `${prefix}squeeze_excite_mul` }, [inputs, x]);
}

function invertedResBlockV3(
  net: Net,
  x: Shape,
  expansion: number,
  filters: number,
  kernel: number,
  stride: number,
  se: number | null,
  act: Act,
  id: number,
): Shape {
  const shortcut = x;
  const infilters = channels(x);
  let prefix = 'expanded_conv_';
  if (id) {
    prefix = `expanded_conv_${id}_`;
    x = net.layer(
      'Conv2D',
      {
        filters: makeDivisible(infilters * expansion),
        kernel_size: 1,
        padding: 'same',
        use_bias: false,
        name: `${prefix}expand`,
      },
      x,
    );
    x = net.layer('BatchNormalization', { ...BN_V2, name: `${prefix}expand_bn` }, x);
    x = act(net, x);
  }
  if (stride === 2)
    x = net.layer('ZeroPadding2D', { padding: correctPad(x, kernel), name: `${prefix}depthwise_pad` }, x);
  x = net.layer(
    'DepthwiseConv2D',
    {
      kernel_size: kernel,
      strides: stride,
      padding: stride === 1 ? 'same' : 'valid',
      use_bias: false,
      name: `${prefix}depthwise`,
    },
    x,
  );
  x = net.layer('BatchNormalization', { ...BN_V2, name: `${prefix}depthwise_bn` }, x);
  x = act(net, x);
  if (se) x = seBlock(net, x, makeDivisible(infilters * expansion), se, prefix);
  x = net.layer('Conv2D', { filters, kernel_size: 1, padding: 'same', use_bias: false, name: `${prefix}project` }, x);
  x = net.layer('BatchNormalization', { ...BN_V2, name: `${prefix}project_bn` }, x);
  if (stride === 1 && infilters === filters) x = net.layer('Add', { name: `${prefix}add` }, [shortcut, x]);
  return x;
}

/** Blocks as [expansion, filters, kernel ('k': 5, or 3 when minimalistic), stride, squeeze-excite, activation ('a': hard_swish or relu)]. */
type V3Block = [number, number, number | 'k', number, boolean, 'relu' | 'a'];
const V3_SMALL: V3Block[] = [
  [1, 16, 3, 2, true, 'relu'],
  [72.0 / 16, 24, 3, 2, false, 'relu'],
  [88.0 / 24, 24, 3, 1, false, 'relu'],
  [4, 40, 'k', 2, true, 'a'],
  [6, 40, 'k', 1, true, 'a'],
  [6, 40, 'k', 1, true, 'a'],
  [3, 48, 'k', 1, true, 'a'],
  [3, 48, 'k', 1, true, 'a'],
  [6, 96, 'k', 2, true, 'a'],
  [6, 96, 'k', 1, true, 'a'],
  [6, 96, 'k', 1, true, 'a'],
];
const V3_LARGE: V3Block[] = [
  [1, 16, 3, 1, false, 'relu'],
  [4, 24, 3, 2, false, 'relu'],
  [3, 24, 3, 1, false, 'relu'],
  [3, 40, 'k', 2, true, 'relu'],
  [3, 40, 'k', 1, true, 'relu'],
  [3, 40, 'k', 1, true, 'relu'],
  [6, 80, 3, 2, false, 'a'],
  [2.5, 80, 3, 1, false, 'a'],
  [2.3, 80, 3, 1, false, 'a'],
  [2.3, 80, 3, 1, false, 'a'],
  [6, 112, 3, 1, true, 'a'],
  [6, 112, 3, 1, true, 'a'],
  [6, 160, 'k', 2, true, 'a'],
  [6, 160, 'k', 1, true, 'a'],
  [6, 160, 'k', 1, true, 'a'],
];

function v3Style(a: Args): { kernel: number; act: Act; se: number | null } {
  return flag(a, 'minimalistic') ? { kernel: 3, act: relu, se: null } : { kernel: 5, act: hardSwish, se: 0.25 };
}

function mobilenetV3(blocks: V3Block[]) {
  return (net: Net, x: Shape, a: Args): Shape => {
    const { kernel, act, se } = v3Style(a);
    const alpha = num(a, 'alpha');
    if (flag(a, 'include_preprocessing')) x = net.layer('Rescaling', { scale: 1.0 / 127.5, offset: -1.0 }, x);
    x = net.layer(
      'Conv2D',
      { filters: 16, kernel_size: 3, strides: [2, 2], padding: 'same', use_bias: false, name: 'conv' },
      x,
    );
    x = net.layer('BatchNormalization', { ...BN_V2, name: 'conv_bn' }, x);
    x = act(net, x);
    blocks.forEach(([e, f, k, s, useSe, which], i) => {
      x = invertedResBlockV3(
        net,
        x,
        e,
        makeDivisible(f * alpha),
        k === 'k' ? kernel : k,
        s,
        useSe ? se : null,
        which === 'a' ? act : relu,
        i,
      );
    });
    const lastConv = makeDivisible(channels(x) * 6);
    x = net.layer('Conv2D', { filters: lastConv, kernel_size: 1, padding: 'same', use_bias: false, name: 'conv_1' }, x);
    x = net.layer('BatchNormalization', { ...BN_V2, name: 'conv_1_bn' }, x);
    return act(net, x);
  };
}

function v3Top(lastPoint: number) {
  return (net: Net, x: Shape, a: Args): Shape => {
    const { act } = v3Style(a);
    const alpha = num(a, 'alpha');
    x = net.layer('GlobalAveragePooling2D', { keepdims: true }, x);
    x = net.layer(
      'Conv2D',
      {
        filters: alpha > 1.0 ? makeDivisible(lastPoint * alpha) : lastPoint,
        kernel_size: 1,
        padding: 'same',
        use_bias: true,
        name: 'conv_2',
      },
      x,
    );
    x = act(net, x);
    if (num(a, 'dropout_rate') > 0) x = net.layer('Dropout', { rate: a.dropout_rate }, x);
    x = net.layer('Conv2D', { filters: a.classes, kernel_size: 1, padding: 'same', name: 'logits' }, x);
    x = net.layer('Flatten', {}, x);
    return net.layer('Activation', { activation: a.classifier_activation, name: 'predictions' }, x);
  };
}

/** MobileNetV3's own input rules: no `obtain_input_shape`, (None, None, 3) by default, even with a top. */
function v3Input(_a: Args, given: Dim[] | null): Dim[] {
  const shape = given ?? [null, null, 3];
  const [rows, cols] = shape;
  if (rows && cols && ((rows as number) < 32 || (cols as number) < 32))
    raise(
      'invalid-argument',
      `Input size must be at least 32x32; Received \`input_shape=${pyTuple(shape)}\``,
      'input_shape',
    );
  return shape;
}

const V3_EXTRA = [
  ['alpha', 1.0],
  ['minimalistic', false],
  ['dropout_rate', 0.2],
  ['include_preprocessing', true],
] as const;

function mobilenetImagenet(a: Args): void {
  if (num(a, 'depth_multiplier') !== 1)
    raise(
      'invalid-argument',
      `If imagenet weights are being loaded, depth multiplier must be 1.  Received depth_multiplier=${pyStr(a.depth_multiplier)}`,
      'depth_multiplier',
    );
  if (![0.25, 0.5, 0.75, 1.0].includes(num(a, 'alpha')))
    raise(
      'invalid-argument',
      `If imagenet weights are being loaded, alpha can be one of\`0.25\`, \`0.50\`, \`0.75\` or \`1.0\` only.  Received alpha=${pyStr(a.alpha)}`,
      'alpha',
    );
}

function mobilenetV2Imagenet(a: Args): void {
  if (![0.35, 0.5, 0.75, 1.0, 1.3, 1.4].includes(num(a, 'alpha')))
    raise(
      'invalid-argument',
      `If imagenet weights are being loaded, alpha must be one of \`0.35\`, \`0.50\`, \`0.75\`, \`1.0\`, \`1.3\` or \`1.4\` only; Received \`alpha=${pyStr(a.alpha)}\``,
      'alpha',
    );
}

function mobilenetV3Imagenet(a: Args): void {
  const alpha = num(a, 'alpha');
  const minimalistic = flag(a, 'minimalistic');
  if ((!minimalistic && ![0.75, 1.0].includes(alpha)) || (minimalistic && alpha !== 1.0))
    raise(
      'invalid-argument',
      'If imagenet weights are being loaded, alpha can be one of `0.75`, `1.0` for non minimalistic or `1.0` for minimalistic only.',
      'alpha',
    );
}

const v2Classes = (c: string) =>
  `If using \`weights="imagenet"\` with \`include_top\` as true, \`classes\` should be 1000. Received \`classes=${c}\``;
const v3Classes = (c: string) =>
  `If using \`weights="imagenet"\` with \`include_top\` as true, \`classes\` should be 1000.  Received classes=${c}`;

/** `f"mobilenet_{alpha:0.2f}_{rows}"`; with ImageNet weights, rows they have no weights for are named 224. */
function mobilenetName(prefix: string, sizes: readonly number[]) {
  return (a: Args, input: Dim[]): string => {
    const [rows, cols] = input;
    const named = a.weights === 'imagenet' && (rows !== cols || !sizes.includes(rows as number)) ? 224 : rows;
    return `${prefix}_${num(a, 'alpha').toFixed(2)}_${named === null ? 'None' : String(named)}`;
  };
}

export const MOBILENETS: Readonly<Record<string, Application>> = {
  MobileNet: {
    body: mobilenet,
    top: mobilenetTop,
    defaultSize: squareSizeIn([128, 160, 192, 224]),
    imagenetCheck: mobilenetImagenet,
    minSize: 32,
    name: 'mobilenet_1.00_224',
    modelName: mobilenetName('mobilenet', [128, 160, 192, 224]),
    extra: [
      ['alpha', 1.0],
      ['depth_multiplier', 1],
      ['dropout', 0.001],
    ],
  },
  MobileNetV2: {
    body: mobilenetV2,
    defaultSize: squareSizeIn([96, 128, 160, 192, 224]),
    imagenetCheck: mobilenetV2Imagenet,
    classesMessage: v2Classes,
    minSize: 32,
    name: 'mobilenetv2_1.00_224',
    modelName: mobilenetName('mobilenetv2', [96, 128, 160, 192, 224]),
    extra: [['alpha', 1.0]],
  },
  MobileNetV3Small: {
    body: mobilenetV3(V3_SMALL),
    top: v3Top(1024),
    defaultSize: 224,
    minSize: 32,
    name: 'MobileNetV3Small',
    extra: V3_EXTRA,
    input: v3Input,
    imagenetCheck: mobilenetV3Imagenet,
    classesMessage: v3Classes,
  },
  MobileNetV3Large: {
    body: mobilenetV3(V3_LARGE),
    top: v3Top(1280),
    defaultSize: 224,
    minSize: 32,
    name: 'MobileNetV3Large',
    extra: V3_EXTRA,
    input: v3Input,
    imagenetCheck: mobilenetV3Imagenet,
    classesMessage: v3Classes,
  },
};
