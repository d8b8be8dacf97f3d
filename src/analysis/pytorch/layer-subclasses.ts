// Subclasses of an nn layer (`class TokenEmbedding(nn.Embedding)`): `super().__init__(...)`
// builds the layer through the registry, and calling the instance (or `super().forward(x)` in
// its own forward) applies that layer's rule under the instance's name. The layer's arguments
// become attributes (`self.embedding_dim`); its parameters are counted when their shapes are
// known (param-shapes.ts: convolutions, Linear, Embedding, the norms) and make the total unknown
// otherwise.
import { FRESH_FIELD } from '../receptive';
import type { Args, Context } from '../context';
import { argToValue, findInClass } from '../attributes';
import { type ClassValue, type LayerValue, NONE, type ObjectValue, UNKNOWN_VALUE, type Value } from '../values';
import { callLayer, constructNn } from './modules';
import { pytorchParamShapes } from '../../engine/pytorch/param-shapes';

const baseLayers = new WeakMap<ObjectValue, LayerValue>();

/** The nn layer each class derives from (null: none), found once per class: every instance's
 *  `super().__init__` asks, and a class's bases never change once it is defined. */
const layerBases = new WeakMap<ClassValue, string | null>();

/** The nn layer the class derives from, directly or through classes of this file. */
function layerBase(cls: ClassValue): string | undefined {
  let base = layerBases.get(cls);
  if (base === undefined) layerBases.set(cls, (base = findLayerBase(cls, new Set()) ?? null));
  return base ?? undefined;
}

function findLayerBase(cls: ClassValue, seen: Set<ClassValue>): string | undefined {
  if (seen.has(cls)) return undefined;
  seen.add(cls);
  for (const b of cls.bases) {
    if (b.k === 'class') {
      const found = findLayerBase(b, seen);
      if (found) return found;
    } else if (b.k === 'extern' && /^torch\.nn\.[A-Z]\w*$/.test(b.q)) {
      const name = b.q.slice('torch.nn.'.length);
      if (!['Module', 'Sequential', 'ModuleList', 'ModuleDict'].includes(name)) return name;
    }
  }
  return undefined;
}

/** The layer an instance's `super().__init__` built, if its class derives from one. */
export const baseLayerOf = (obj: ObjectValue): LayerValue | undefined => baseLayers.get(obj);

const paramTensor = (shape: number[]): Value => ({ k: 'tensor', shape, param: true, rf: FRESH_FIELD });

/** `super().__init__(...)` / `super().forward(...)` of a layer subclass; undefined when not one. */
export function layerSuperCall(ctx: Context, self: ObjectValue, method: string, args: Args): Value | undefined {
  if (method === 'forward') {
    const layer = baseLayers.get(self);
    return layer ? callBaseLayer(ctx, self, layer, args) : undefined;
  }
  if (method !== '__init__') return undefined;
  const base = layerBase(self.cls);
  if (!base) return undefined;
  const layer = constructNn(ctx, base, args);
  if (layer.k !== 'layer' || !layer.spec) {
    self.opaque = true; // what the base holds is not known
    return NONE;
  }
  baseLayers.set(self, layer);
  const a = layer.spec.args;
  for (const [k, v] of Object.entries(a)) if (!self.attrs.has(k)) self.attrs.set(k, argToValue(v));
  const shapes = pytorchParamShapes(layer.spec);
  if (!shapes)
    self.attrs.set('weight', UNKNOWN_VALUE); // parameters whose shapes are not known here
  else
    for (const name of ['weight', 'bias'] as const) {
      const shape = shapes[name];
      self.attrs.set(name, shape ? paramTensor(shape) : NONE);
    }
  return NONE;
}

/** An instance of a layer subclass without an `__init__` of its own: the layer's, with the call's arguments. */
export function initWithoutOwnInit(ctx: Context, self: ObjectValue, args: Args): void {
  if (!findInClass(self.cls, '__init__')) layerSuperCall(ctx, self, '__init__', args);
}

/** Applies the base layer under the instance's qualified name. */
export function callBaseLayer(ctx: Context, self: ObjectValue, layer: LayerValue, args: Args): Value {
  const named = ctx.names.get(self);
  // Named for this call only: the instance is the module (its parameters are its attributes).
  if (named === undefined || ctx.names.has(layer)) return callLayer(ctx, layer, args);
  ctx.names.set(layer, named);
  try {
    return callLayer(ctx, layer, args);
  } finally {
    ctx.names.delete(layer);
  }
}
