// keras/src/applications/inception_v3.py, xception.py and inception_resnet_v2.py on the engine's
// layer rules. InceptionResNetV2's CustomScaleLayer (`x + up * scale`, two tensors of one shape,
// no weights) runs as an Add.
import type { Shape } from '../../dim';
import { type Application, type Net, channels } from './builder';

/** inception_v3.py `conv2d_bn`: Conv2D without bias, BatchNormalization(scale=False), relu. */
function conv2dBn(
  net: Net,
  x: Shape,
  filters: number,
  rows: number,
  cols: number,
  padding = 'same',
  strides = 1,
): Shape {
  x = net.layer('Conv2D', { filters, kernel_size: [rows, cols], strides, padding, use_bias: false }, x);
  x = net.layer('BatchNormalization', { axis: 3, scale: false }, x);
  return net.layer('Activation', { activation: 'relu' }, x);
}

const concat = (net: Net, xs: Shape[], name?: string) =>
  net.layer('Concatenate', name ? { axis: 3, name } : { axis: 3 }, xs);
const avgPool3 = (net: Net, x: Shape) =>
  net.layer('AveragePooling2D', { pool_size: 3, strides: 1, padding: 'same' }, x);
const maxPool3 = (net: Net, x: Shape) => net.layer('MaxPooling2D', { pool_size: 3, strides: 2 }, x);

/** A chain of conv2d_bn on one branch: [filters, rows, cols, padding?, strides?]. */
function chain(net: Net, x: Shape, convs: readonly (readonly [number, number, number, string?, number?])[]): Shape {
  for (const [f, r, c, p, s] of convs) x = conv2dBn(net, x, f, r, c, p ?? 'same', s ?? 1);
  return x;
}

function inceptionV3(net: Net, x: Shape): Shape {
  x = chain(net, x, [
    [32, 3, 3, 'valid', 2],
    [32, 3, 3, 'valid'],
    [64, 3, 3],
  ]);
  x = maxPool3(net, x);
  x = chain(net, x, [
    [80, 1, 1, 'valid'],
    [192, 3, 3, 'valid'],
  ]);
  x = maxPool3(net, x);
  [32, 64, 64].forEach((pool, i) => {
    x = concat(
      net,
      [
        chain(net, x, [[64, 1, 1]]),
        chain(net, x, [
          [48, 1, 1],
          [64, 5, 5],
        ]),
        chain(net, x, [
          [64, 1, 1],
          [96, 3, 3],
          [96, 3, 3],
        ]),
        chain(net, avgPool3(net, x), [[pool, 1, 1]]),
      ],
      `mixed${i}`,
    );
  });
  x = concat(
    net,
    [
      chain(net, x, [[384, 3, 3, 'valid', 2]]),
      chain(net, x, [
        [64, 1, 1],
        [96, 3, 3],
        [96, 3, 3, 'valid', 2],
      ]),
      maxPool3(net, x),
    ],
    'mixed3',
  );
  [128, 160, 160, 192].forEach((f, i) => {
    x = concat(
      net,
      [
        chain(net, x, [[192, 1, 1]]),
        chain(net, x, [
          [f, 1, 1],
          [f, 1, 7],
          [192, 7, 1],
        ]),
        chain(net, x, [
          [f, 1, 1],
          [f, 7, 1],
          [f, 1, 7],
          [f, 7, 1],
          [192, 1, 7],
        ]),
        chain(net, avgPool3(net, x), [[192, 1, 1]]),
      ],
      `mixed${4 + i}`,
    );
  });
  x = concat(
    net,
    [
      chain(net, x, [
        [192, 1, 1],
        [320, 3, 3, 'valid', 2],
      ]),
      chain(net, x, [
        [192, 1, 1],
        [192, 1, 7],
        [192, 7, 1],
        [192, 3, 3, 'valid', 2],
      ]),
      maxPool3(net, x),
    ],
    'mixed8',
  );
  for (let i = 0; i < 2; i++) {
    const b3 = chain(net, x, [[384, 1, 1]]);
    const b3dbl = chain(net, x, [
      [448, 1, 1],
      [384, 3, 3],
    ]);
    x = concat(
      net,
      [
        chain(net, x, [[320, 1, 1]]),
        concat(net, [chain(net, b3, [[384, 1, 3]]), chain(net, b3, [[384, 3, 1]])], `mixed9_${i}`),
        concat(net, [chain(net, b3dbl, [[384, 1, 3]]), chain(net, b3dbl, [[384, 3, 1]])]),
        chain(net, avgPool3(net, x), [[192, 1, 1]]),
      ],
      `mixed${9 + i}`,
    );
  }
  return x;
}

// ---- Xception ----

function bnAct(net: Net, x: Shape, relu: boolean): Shape {
  x = net.layer('BatchNormalization', { axis: -1 }, x);
  return relu ? net.layer('Activation', { activation: 'relu' }, x) : x;
}

const sep = (net: Net, x: Shape, filters: number) =>
  net.layer('SeparableConv2D', { filters, kernel_size: [3, 3], padding: 'same', use_bias: false }, x);

/** Blocks 2–4 and 13: two separable convolutions, a strided max pool, a strided 1×1 residual. */
function xceptionDown(net: Net, x: Shape, f1: number, f2: number, reluFirst: boolean): Shape {
  let residual = net.layer(
    'Conv2D',
    { filters: f2, kernel_size: [1, 1], strides: [2, 2], padding: 'same', use_bias: false },
    x,
  );
  residual = bnAct(net, residual, false);
  if (reluFirst) x = net.layer('Activation', { activation: 'relu' }, x);
  x = bnAct(net, sep(net, x, f1), true);
  x = bnAct(net, sep(net, x, f2), false);
  x = net.layer('MaxPooling2D', { pool_size: [3, 3], strides: [2, 2], padding: 'same' }, x);
  return net.layer('Add', {}, [x, residual]);
}

function xception(net: Net, x: Shape): Shape {
  x = net.layer(
    'Conv2D',
    { filters: 32, kernel_size: [3, 3], strides: [2, 2], use_bias: false, name: 'block1_conv1' },
    x,
  );
  x = bnAct(net, x, true);
  x = net.layer('Conv2D', { filters: 64, kernel_size: [3, 3], use_bias: false, name: 'block1_conv2' }, x);
  x = bnAct(net, x, true);
  x = xceptionDown(net, x, 128, 128, false);
  x = xceptionDown(net, x, 256, 256, true);
  x = xceptionDown(net, x, 728, 728, true);
  for (let i = 0; i < 8; i++) {
    const residual = x;
    for (let j = 0; j < 3; j++)
      x = bnAct(net, sep(net, net.layer('Activation', { activation: 'relu' }, x), 728), false);
    x = net.layer('Add', {}, [x, residual]);
  }
  x = xceptionDown(net, x, 728, 1024, true);
  x = bnAct(net, sep(net, x, 1536), true);
  return bnAct(net, sep(net, x, 2048), true);
}

// ---- InceptionResNetV2 ----

/** inception_resnet_v2.py `conv2d_bn`: BatchNormalization(scale=False) only without bias. */
function convBn(
  net: Net,
  x: Shape,
  filters: number,
  kernel: number | number[],
  o: { strides?: number; padding?: string; act?: boolean; bias?: boolean } = {},
): Shape {
  x = net.layer(
    'Conv2D',
    { filters, kernel_size: kernel, strides: o.strides ?? 1, padding: o.padding ?? 'same', use_bias: o.bias ?? false },
    x,
  );
  if (!o.bias) x = net.layer('BatchNormalization', { axis: 3, scale: false }, x);
  return o.act === false ? x : net.layer('Activation', { activation: 'relu' }, x);
}

const VALID2 = { strides: 2, padding: 'valid' };

function resnetBlock(net: Net, x: Shape, type: 'block35' | 'block17' | 'block8', activation: boolean): Shape {
  const c = (y: Shape, f: number, k: number | number[]) => convBn(net, y, f, k);
  const branches =
    type === 'block35'
      ? [c(x, 32, 1), c(c(x, 32, 1), 32, 3), c(c(c(x, 32, 1), 48, 3), 64, 3)]
      : type === 'block17'
        ? [c(x, 192, 1), c(c(c(x, 128, 1), 160, [1, 7]), 192, [7, 1])]
        : [c(x, 192, 1), c(c(c(x, 192, 1), 224, [1, 3]), 256, [3, 1])];
  const mixed = concat(net, branches);
  const up = convBn(net, mixed, channels(x), 1, { act: false, bias: true });
  x = net.layer('Add', {}, [x, up]);
  return activation ? net.layer('Activation', { activation: 'relu' }, x) : x;
}

function inceptionResNetV2(net: Net, x: Shape): Shape {
  x = convBn(net, x, 32, 3, VALID2);
  x = convBn(net, x, 32, 3, { padding: 'valid' });
  x = convBn(net, x, 64, 3);
  x = net.layer('MaxPooling2D', { pool_size: 3, strides: 2 }, x);
  x = convBn(net, x, 80, 1, { padding: 'valid' });
  x = convBn(net, x, 192, 3, { padding: 'valid' });
  x = net.layer('MaxPooling2D', { pool_size: 3, strides: 2 }, x);
  const c = (y: Shape, f: number, k: number, o = {}) => convBn(net, y, f, k, o);
  x = concat(
    net,
    [c(x, 96, 1), c(c(x, 48, 1), 64, 5), c(c(c(x, 64, 1), 96, 3), 96, 3), c(avgPool3(net, x), 64, 1)],
    'mixed_5b',
  );
  for (let i = 1; i <= 10; i++) x = resnetBlock(net, x, 'block35', true);
  x = concat(net, [c(x, 384, 3, VALID2), c(c(c(x, 256, 1), 256, 3), 384, 3, VALID2), maxPool3(net, x)], 'mixed_6a');
  for (let i = 1; i <= 20; i++) x = resnetBlock(net, x, 'block17', true);
  x = concat(
    net,
    [
      c(c(x, 256, 1), 384, 3, VALID2),
      c(c(x, 256, 1), 288, 3, VALID2),
      c(c(c(x, 256, 1), 288, 3), 320, 3, VALID2),
      maxPool3(net, x),
    ],
    'mixed_7a',
  );
  for (let i = 1; i <= 10; i++) x = resnetBlock(net, x, 'block8', i < 10);
  return convBn(net, x, 1536, 1);
}

const classesMessage = (c: string) =>
  `If using \`weights="imagenet"\` with \`include_top=True\`, \`classes\` should be 1000. Received classes=${c}`;

export const INCEPTIONS: Readonly<Record<string, Application>> = {
  InceptionV3: { body: inceptionV3, defaultSize: 299, minSize: 75, name: 'inception_v3', classesMessage },
  Xception: { body: xception, defaultSize: 299, minSize: 71, name: 'xception' },
  InceptionResNetV2: {
    body: inceptionResNetV2,
    defaultSize: 299,
    minSize: 75,
    name: 'inception_resnet_v2',
    classesMessage,
  },
};
