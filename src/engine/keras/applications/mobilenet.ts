// keras/src/applications/mobilenet.py and mobilenet_v2.py on the engine's layer rules; `alpha`
// scales every width. MobileNetV3 is in mobilenet-v3.ts.
import type { Dim, Shape } from '../../dim';
import { pyStr, raise } from '../common';
import {
  type Application,
  type Args,
  type Net,
  channels,
  correctPad,
  makeDivisible,
  num,
  squareSizeIn,
} from './builder';
import { MOBILENETS_V3 } from './mobilenet-v3';

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

const v2Classes = (c: string) =>
  `If using \`weights="imagenet"\` with \`include_top\` as true, \`classes\` should be 1000. Received \`classes=${c}\``;

/** `f"mobilenet_{alpha:0.2f}_{rows}"`; with ImageNet weights, rows they have no weights for are named 224. */
function mobilenetName(prefix: string, sizes: readonly number[]) {
  return (a: Args, input: Dim[]): string => {
    const [rows, cols] = input;
    const named = a.weights === 'imagenet' && (rows !== cols || !sizes.includes(rows as number)) ? 224 : rows;
    return `${prefix}_${num(a, 'alpha').toFixed(2)}_${named === null ? 'None' : String(named)}`;
  };
}

export const MOBILENETS: Readonly<Record<string, Application>> = {
  ...MOBILENETS_V3,
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
};
