// keras/src/applications/mobilenet_v3.py on the engine's layer rules. Its `hard_sigmoid`
// (`ReLU(6.0)(x + 3.0) * (1.0 / 6.0)`) has Keras ops that keep the shape and have no weights, so
// only its ReLU is run here.
import type { Dim, Shape } from '../../dim';
import { pyTuple, raise } from '../common';
import { type Application, type Args, type Net, channels, correctPad, flag, makeDivisible, num } from './builder';

const BN_V2 = { axis: -1, epsilon: 0.001, momentum: 0.999 };

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

const v3Classes = (c: string) =>
  `If using \`weights="imagenet"\` with \`include_top\` as true, \`classes\` should be 1000.  Received classes=${c}`;

export const MOBILENETS_V3: Readonly<Record<string, Application>> = {
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
