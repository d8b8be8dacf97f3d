// Runs a keras.applications architecture layer by layer through the engine's own Keras rules, as
// Keras builds it: each layer's output shape, its weights (trainable and not) and its errors come
// from the same rule the engine uses for that layer anywhere else. The architectures
// (resnet.ts, vgg.ts, densenet.ts) are ports of keras/src/applications/*.py.
import type { Dim, Shape } from '../../dim';
import { type ArgValue, type ShapeError, isUnknown } from '../../types';
import { applyLayer, bindLayer, layerFrozenParams, layerParams } from '../../layer';
import { KerasError, Quiet } from '../common';

export class Net {
  trainable = 0;
  frozen = 0;

  /** `layers.<kind>(**keywords)(x)`; x is a list for merge layers. */
  layer(kind: string, keywords: Record<string, ArgValue>, x: Shape | Shape[]): Shape {
    const inputs = isShapeList(x) ? x : [x];
    const bound = bindLayer('keras', kind, [], keywords, { layerName: String(keywords.name ?? kind.toLowerCase()) });
    if (!bound) throw new Quiet();
    if (!bound.ok) throw new KerasError(bound.error);
    const result = applyLayer(bound.spec, inputs);
    if (!result.ok) throw new KerasError(result.error);
    if (!result.output) throw new Quiet();
    const params = layerParams(bound.spec, inputs[0]);
    const frozen = layerFrozenParams(bound.spec, inputs[0]);
    if (params === undefined || frozen === undefined) throw new Quiet();
    this.trainable += params;
    this.frozen += frozen;
    return result.output;
  }

  /** Weights a small layer of the application's own adds (ConvNeXt's LayerScale: `gamma`). */
  addWeights(trainable: number): void {
    this.trainable += trainable;
  }
}

function isShapeList(x: Shape | Shape[]): x is Shape[] {
  return x.length > 0 && Array.isArray(x[0]);
}

/** What building an application gives: its output and weights, or Keras' error. */
export type Built = { ok: true; output: Shape; trainable: number; frozen: number } | { ok: false; error: ShapeError };

export function build(body: (net: Net) => Shape): Built | undefined {
  const net = new Net();
  try {
    const output = body(net);
    return { ok: true, output, trainable: net.trainable, frozen: net.frozen };
  } catch (e) {
    if (e instanceof KerasError) return { ok: false, error: e.error };
    if (e instanceof Quiet) return undefined;
    throw e;
  }
}

/** The channel count of a channels_last shape (DenseNet's transition reads `x.shape[bn_axis]`). */
export function channels(x: Shape): number {
  const c: Dim = x[x.length - 1];
  if (typeof c !== 'number') throw new Quiet();
  return c;
}

/** The constructor's keywords, defaults filled in. */
export type Args = Readonly<Record<string, ArgValue>>;

export interface Application {
  /** The architecture up to its top. */
  readonly body: (net: Net, x: Shape, a: Args) => Shape;
  /** `include_top=True`: the classifier, its output last (default: GlobalAveragePooling2D, Dense). */
  readonly top?: (net: Net, x: Shape, a: Args) => Shape;
  /** `include_top=False`: what follows the body (default: the `pooling` asked for, or nothing). */
  readonly noTop?: (net: Net, x: Shape, a: Args) => Shape;
  /** `default_size` of `obtain_input_shape`; the MobileNets take a given square size they have weights for. */
  readonly defaultSize: number | ((given: Dim[] | null) => number);
  readonly minSize: number;
  readonly name: string;
  /** Keywords only this constructor takes (alpha, minimalistic, include_preprocessing...). */
  readonly extra?: ReadonlyArray<readonly [string, ArgValue?]>;
  /** The constructor's other checks with `weights='imagenet'` (MobileNets' alpha), after the input's. */
  readonly imagenetCheck?: (a: Args) => void;
  /** Its words for `classes` other than 1000 with ImageNet weights and a top. */
  readonly classesMessage?: (classes: string) => string;
  /** The model's name when none is given, from its arguments and input (`mobilenetv2_1.00_160`). */
  readonly modelName?: (a: Args, input: Dim[]) => string;
  /** Its own input checks in place of `obtain_input_shape` (MobileNetV3). */
  readonly input?: (a: Args, given: Dim[] | null) => Dim[];
}

/** A number keyword (alpha, dropout_rate); unknown ones make the whole model unknown. */
export function num(a: Args, name: string): number {
  const v = a[name];
  if (typeof v !== 'number') throw new Quiet();
  return v;
}

/** A boolean keyword (minimalistic, include_preprocessing). */
export function flag(a: Args, name: string): boolean {
  const v = a[name];
  if (typeof v !== 'boolean') throw new Quiet();
  return v;
}

/** `_make_divisible` / `_depth` of the MobileNets and EfficientNets: round to a multiple of 8, no less than 90 %. */
export function makeDivisible(v: number, divisor = 8, minValue = divisor): number {
  let out = Math.max(minValue, Math.floor(Math.trunc(v + divisor / 2) / divisor) * divisor);
  if (out < 0.9 * v) out += divisor;
  return out;
}

/** `imagenet_utils.correct_pad`: the ZeroPadding2D before a strided 'valid' depthwise convolution. */
export function correctPad(x: Shape, kernel: number): number[][] {
  const h = x[1];
  const w = x[2];
  const adjust =
    typeof h === 'number' && typeof w === 'number' ? [1 - (h % 2), 1 - (w % 2)] : h === null ? [1, 1] : null;
  if (!adjust) throw new Quiet();
  const c = Math.floor(kernel / 2);
  return [
    [c - adjust[0], c],
    [c - adjust[1], c],
  ];
}

/** Without a top: `pooling='avg'` / `'max'` pools globally; None keeps the 4-D feature map. */
export function poolingOnly(net: Net, x: Shape, a: Args): Shape {
  if (isUnknown(a.pooling)) throw new Quiet();
  if (a.pooling === 'avg') return net.layer('GlobalAveragePooling2D', {}, x);
  if (a.pooling === 'max') return net.layer('GlobalMaxPooling2D', {}, x);
  return x;
}

/** MobileNet's `default_size`: the given square size when one of `sizes`, else 224. */
export function squareSizeIn(sizes: readonly number[]) {
  return (given: Dim[] | null): number =>
    given && given[0] === given[1] && typeof given[0] === 'number' && sizes.includes(given[0]) ? given[0] : 224;
}
