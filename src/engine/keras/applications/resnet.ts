// keras/src/applications/resnet.py and resnet_v2.py: ResNet50/101/152 (residual_block_v1) and
// their V2 (pre-activation, residual_block_v2), on the engine's layer rules.
import type { Shape } from '../../dim';
import type { Net } from './builder';

const BN = { axis: 3, epsilon: 1.001e-5 };

function blockV1(net: Net, x: Shape, filters: number, stride: number, convShortcut: boolean, name: string): Shape {
  let shortcut = x;
  if (convShortcut) {
    shortcut = net.layer(
      'Conv2D',
      { filters: 4 * filters, kernel_size: 1, strides: stride, name: `${name}_0_conv` },
      x,
    );
    shortcut = net.layer('BatchNormalization', { ...BN, name: `${name}_0_bn` }, shortcut);
  }
  x = net.layer('Conv2D', { filters, kernel_size: 1, strides: stride, name: `${name}_1_conv` }, x);
  x = net.layer('BatchNormalization', { ...BN, name: `${name}_1_bn` }, x);
  x = net.layer('Conv2D', { filters, kernel_size: 3, padding: 'SAME', name: `${name}_2_conv` }, x);
  x = net.layer('BatchNormalization', { ...BN, name: `${name}_2_bn` }, x);
  x = net.layer('Conv2D', { filters: 4 * filters, kernel_size: 1, name: `${name}_3_conv` }, x);
  x = net.layer('BatchNormalization', { ...BN, name: `${name}_3_bn` }, x);
  return net.layer('Add', { name: `${name}_add` }, [shortcut, x]);
}

function stackV1(net: Net, x: Shape, filters: number, blocks: number, stride1: number, name: string): Shape {
  x = blockV1(net, x, filters, stride1, true, `${name}_block1`);
  for (let i = 2; i <= blocks; i++) x = blockV1(net, x, filters, 1, false, `${name}_block${i}`);
  return x;
}

function blockV2(net: Net, x: Shape, filters: number, stride: number, convShortcut: boolean, name: string): Shape {
  const preact = net.layer('BatchNormalization', { ...BN, name: `${name}_preact_bn` }, x);
  const shortcut = convShortcut
    ? net.layer('Conv2D', { filters: 4 * filters, kernel_size: 1, strides: stride, name: `${name}_0_conv` }, preact)
    : stride > 1
      ? net.layer('MaxPooling2D', { pool_size: 1, strides: stride }, x)
      : x;
  x = net.layer('Conv2D', { filters, kernel_size: 1, strides: 1, use_bias: false, name: `${name}_1_conv` }, preact);
  x = net.layer('BatchNormalization', { ...BN, name: `${name}_1_bn` }, x);
  x = net.layer(
    'ZeroPadding2D',
    {
      padding: [
        [1, 1],
        [1, 1],
      ],
      name: `${name}_2_pad`,
    },
    x,
  );
  x = net.layer('Conv2D', { filters, kernel_size: 3, strides: stride, use_bias: false, name: `${name}_2_conv` }, x);
  x = net.layer('BatchNormalization', { ...BN, name: `${name}_2_bn` }, x);
  x = net.layer('Conv2D', { filters: 4 * filters, kernel_size: 1, name: `${name}_3_conv` }, x);
  return net.layer('Add', { name: `${name}_out` }, [shortcut, x]);
}

function stackV2(net: Net, x: Shape, filters: number, blocks: number, stride1: number, name: string): Shape {
  x = blockV2(net, x, filters, 1, true, `${name}_block1`);
  for (let i = 2; i < blocks; i++) x = blockV2(net, x, filters, 1, false, `${name}_block${i}`);
  return blockV2(net, x, filters, stride1, false, `${name}_block${blocks}`);
}

/** `ResNet(stack_fn, preact, use_bias, ...)` up to (not including) the top. */
function resnet(net: Net, x: Shape, blocks: readonly number[], preact: boolean): Shape {
  x = net.layer(
    'ZeroPadding2D',
    {
      padding: [
        [3, 3],
        [3, 3],
      ],
      name: 'conv1_pad',
    },
    x,
  );
  x = net.layer('Conv2D', { filters: 64, kernel_size: 7, strides: 2, use_bias: true, name: 'conv1_conv' }, x);
  if (!preact) x = net.layer('BatchNormalization', { ...BN, name: 'conv1_bn' }, x);
  x = net.layer(
    'ZeroPadding2D',
    {
      padding: [
        [1, 1],
        [1, 1],
      ],
      name: 'pool1_pad',
    },
    x,
  );
  x = net.layer('MaxPooling2D', { pool_size: 3, strides: 2, name: 'pool1_pool' }, x);
  const filters = [64, 128, 256, 512];
  blocks.forEach((n, i) => {
    if (preact) x = stackV2(net, x, filters[i], n, i === 3 ? 1 : 2, `conv${i + 2}`);
    else x = stackV1(net, x, filters[i], n, i === 0 ? 1 : 2, `conv${i + 2}`);
  });
  if (preact) x = net.layer('BatchNormalization', { ...BN, name: 'post_bn' }, x);
  return x;
}

export const RESNETS: Readonly<Record<string, (net: Net, x: Shape) => Shape>> = {
  ResNet50: (net, x) => resnet(net, x, [3, 4, 6, 3], false),
  ResNet101: (net, x) => resnet(net, x, [3, 4, 23, 3], false),
  ResNet152: (net, x) => resnet(net, x, [3, 8, 36, 3], false),
  ResNet50V2: (net, x) => resnet(net, x, [3, 4, 6, 3], true),
  ResNet101V2: (net, x) => resnet(net, x, [3, 4, 23, 3], true),
  ResNet152V2: (net, x) => resnet(net, x, [3, 8, 36, 3], true),
};
