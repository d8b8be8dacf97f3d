// Runs a keras.applications architecture layer by layer through the engine's own Keras rules, as
// Keras builds it: each layer's output shape, its weights (trainable and not) and its errors come
// from the same rule the engine uses for that layer anywhere else. The architectures
// (resnet.ts, vgg.ts, densenet.ts) are ports of keras/src/applications/*.py.
import type { Dim, Shape } from '../../dim';
import { type ArgValue, type ShapeError } from '../../types';
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
