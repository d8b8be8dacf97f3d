// keras/src/applications/vgg16.py, vgg19.py (3×3 'same' convolutions, 2×2 pools; the top's two
// 4096-unit Dense layers after a Flatten) and densenet.py (dense blocks of growth 32, transitions
// halving the channels), on the engine's layer rules.
import type { Shape } from '../../dim';
import type { ArgValue } from '../../types';
import { type Net, channels } from './builder';

function vgg(net: Net, x: Shape, convs: readonly number[]): Shape {
  const filters = [64, 128, 256, 512, 512];
  convs.forEach((n, b) => {
    for (let i = 1; i <= n; i++)
      x = net.layer(
        'Conv2D',
        { filters: filters[b], kernel_size: [3, 3], padding: 'same', name: `block${b + 1}_conv${i}` },
        x,
      );
    x = net.layer('MaxPooling2D', { pool_size: [2, 2], strides: [2, 2], name: `block${b + 1}_pool` }, x);
  });
  return x;
}

/** VGG's top: Flatten, fc1, fc2, predictions. */
export function vggTop(net: Net, x: Shape, a: Readonly<Record<string, ArgValue>>): Shape {
  x = net.layer('Flatten', { name: 'flatten' }, x);
  x = net.layer('Dense', { units: 4096, name: 'fc1' }, x);
  x = net.layer('Dense', { units: 4096, name: 'fc2' }, x);
  return net.layer('Dense', { units: a.classes as number, name: 'predictions' }, x);
}

const BN = { axis: 3, epsilon: 1.001e-5 };

function convBlock(net: Net, x: Shape, growth: number, name: string): Shape {
  let x1 = net.layer('BatchNormalization', { ...BN, name: `${name}_0_bn` }, x);
  x1 = net.layer('Conv2D', { filters: 4 * growth, kernel_size: 1, use_bias: false, name: `${name}_1_conv` }, x1);
  x1 = net.layer('BatchNormalization', { ...BN, name: `${name}_1_bn` }, x1);
  x1 = net.layer(
    'Conv2D',
    { filters: growth, kernel_size: 3, padding: 'same', use_bias: false, name: `${name}_2_conv` },
    x1,
  );
  return net.layer('Concatenate', { axis: 3, name: `${name}_concat` }, [x, x1]);
}

function transition(net: Net, x: Shape, reduction: number, name: string): Shape {
  x = net.layer('BatchNormalization', { ...BN, name: `${name}_bn` }, x);
  const filters = Math.trunc(channels(x) * reduction);
  x = net.layer('Conv2D', { filters, kernel_size: 1, use_bias: false, name: `${name}_conv` }, x);
  return net.layer('AveragePooling2D', { pool_size: 2, strides: 2, name: `${name}_pool` }, x);
}

function densenet(net: Net, x: Shape, blocks: readonly number[]): Shape {
  x = net.layer(
    'ZeroPadding2D',
    {
      padding: [
        [3, 3],
        [3, 3],
      ],
    },
    x,
  );
  x = net.layer('Conv2D', { filters: 64, kernel_size: 7, strides: 2, use_bias: false, name: 'conv1_conv' }, x);
  x = net.layer('BatchNormalization', { ...BN, name: 'conv1_bn' }, x);
  x = net.layer(
    'ZeroPadding2D',
    {
      padding: [
        [1, 1],
        [1, 1],
      ],
    },
    x,
  );
  x = net.layer('MaxPooling2D', { pool_size: 3, strides: 2, name: 'pool1' }, x);
  blocks.forEach((n, b) => {
    for (let i = 0; i < n; i++) x = convBlock(net, x, 32, `conv${b + 2}_block${i + 1}`);
    if (b < 3) x = transition(net, x, 0.5, `pool${b + 2}`);
  });
  return net.layer('BatchNormalization', { ...BN, name: 'bn' }, x);
}

export const VGG_DENSENET: Readonly<Record<string, (net: Net, x: Shape) => Shape>> = {
  VGG16: (net, x) => vgg(net, x, [2, 2, 3, 3, 3]),
  VGG19: (net, x) => vgg(net, x, [2, 2, 4, 4, 4]),
  DenseNet121: (net, x) => densenet(net, x, [6, 12, 24, 16]),
  DenseNet169: (net, x) => densenet(net, x, [6, 12, 32, 32]),
  DenseNet201: (net, x) => densenet(net, x, [6, 12, 48, 32]),
};
