// keras/src/applications/convnext.py on the engine's layer rules: a patchify stem, four stages of
// ConvNeXt blocks (7×7 depthwise convolution as Conv2D(groups=dim), LayerNormalization, two Dense,
// LayerScale's `gamma` of dim weights), LayerNormalization + 2×2 downsampling between stages.
// StochasticDepth is the identity at inference and drop_path_rate is 0 in every constructor.
import type { Shape } from '../../dim';
import { Quiet, raise } from '../common';
import { type Application, type Args, type Net, flag, poolingOnly } from './builder';

const LN = { epsilon: 1e-6 };

function block(net: Net, inputs: Shape, dim: number, name: string): Shape {
  let x = net.layer(
    'Conv2D',
    { filters: dim, kernel_size: 7, padding: 'same', groups: dim, name: `${name}_depthwise_conv` },
    inputs,
  );
  x = net.layer('LayerNormalization', { ...LN, name: `${name}_layernorm` }, x);
  x = net.layer('Dense', { units: 4 * dim, name: `${name}_pointwise_conv_1` }, x);
  x = net.layer('Activation', { activation: 'gelu', name: `${name}_gelu` }, x);
  x = net.layer('Dense', { units: dim, name: `${name}_pointwise_conv_2` }, x);
  net.addWeights(dim); // LayerScale(1e-6, dim): `x * gamma`, gamma of shape (dim,)
  return net.layer('Add', {}, [inputs, x]);
}

function convnext(depths: readonly number[], dims: readonly number[]) {
  return (net: Net, x: Shape, a: Args): Shape => {
    const name = String(a.name);
    // PreStem: Normalization with its mean and variance given (no weights), for 3 channels only.
    if (flag(a, 'include_preprocessing') && x[3] === 3)
      x = net.layer('Normalization', { mean: [0.485 * 255, 0.456 * 255, 0.406 * 255], variance: [1, 1, 1] }, x);
    x = net.layer('Conv2D', { filters: dims[0], kernel_size: 4, strides: 4, name: `${name}_stem_conv` }, x);
    x = net.layer('LayerNormalization', { ...LN, name: `${name}_stem_layernorm` }, x);
    depths.forEach((depth, i) => {
      if (i > 0) {
        x = net.layer('LayerNormalization', { ...LN, name: `${name}_downsampling_layernorm_${i - 1}` }, x);
        x = net.layer(
          'Conv2D',
          { filters: dims[i], kernel_size: 2, strides: 2, name: `${name}_downsampling_conv_${i - 1}` },
          x,
        );
      }
      for (let j = 0; j < depth; j++) x = block(net, x, dims[i], `${name}_stage_${i}_block_${j}`);
    });
    return x;
  };
}

/** `Head`: global average pooling, LayerNormalization, Dense. */
function head(net: Net, x: Shape, a: Args): Shape {
  x = net.layer('GlobalAveragePooling2D', {}, x);
  x = net.layer('LayerNormalization', LN, x);
  return net.layer('Dense', { units: a.classes, activation: a.classifier_activation }, x);
}

/** Without a top, a LayerNormalization follows the pooling (or the 4-D map when there is none). */
function noTop(net: Net, x: Shape, a: Args): Shape {
  return net.layer('LayerNormalization', LN, poolingOnly(net, x, a));
}

const SIZES: readonly (readonly [string, readonly number[], readonly number[]])[] = [
  ['Tiny', [3, 3, 9, 3], [96, 192, 384, 768]],
  ['Small', [3, 3, 27, 3], [96, 192, 384, 768]],
  ['Base', [3, 3, 27, 3], [128, 256, 512, 1024]],
  ['Large', [3, 3, 27, 3], [192, 384, 768, 1536]],
  ['XLarge', [3, 3, 27, 3], [256, 512, 1024, 2048]],
];

const classesMessage = (c: string) =>
  `If using \`weights="imagenet"\` with \`include_top=True\`, \`classes\` should be 1000. Received classes=${c}`;

/** With ImageNet weights the model's name must contain the variant's (`convnext_tiny`). */
function nameCheck(variant: string) {
  return (a: Args): void => {
    if (typeof a.name !== 'string') throw new Quiet();
    if (!a.name.includes(`convnext_${variant}`))
      raise(
        'invalid-argument',
        `Model name "${a.name}" does not match weights variant "convnext_${variant}". When using imagenet weights, model name must contain the weights variant (e.g., "convnext_${variant}").`,
        'name',
      );
  };
}

export const CONVNEXTS: Readonly<Record<string, Application>> = Object.fromEntries(
  SIZES.map(([size, depths, dims]) => [
    `ConvNeXt${size}`,
    {
      body: convnext(depths, dims),
      top: head,
      noTop,
      defaultSize: 224,
      minSize: 32,
      name: `convnext_${size.toLowerCase()}`,
      classesMessage,
      imagenetCheck: nameCheck(size.toLowerCase()),
      extra: [['include_preprocessing', true]],
    },
  ]),
);
