// Modules without children are leaves of named_modules(), like a Conv2d: an empty nn.Sequential
// (a residual block's identity `shortcut`) and a user module that builds no submodule (a
// hand-written LayerNorm, a channel shuffle), and a subclass of an nn layer with a forward of its
// own (torchvision's LayerNorm2d). Their calls are recorded as layer calls, so the model's table
// lists every module PyTorch calls.
import { allotRecord } from '../budget';
import type { Args, Context } from '../context';
import { isOpaque } from '../module-names';
import { noteModelLayer } from '../layers';
import type { LayerCall } from '../types';
import { type ClassValue, type ContainerValue, type ObjectValue, type Value, isModuleValue } from '../values';

/**
 * Every base of the class is a class of this file or nn.Module itself (or, for a layer subclass,
 * an nn layer, which has no child): no child comes from elsewhere.
 */
function basesKnown(cls: ClassValue, layerBased: boolean, seen = new Set<ClassValue>()): boolean {
  if (seen.has(cls)) return true;
  seen.add(cls);
  return cls.bases.every(b =>
    b.k === 'class'
      ? basesKnown(b, layerBased, seen)
      : b.k === 'extern' && (b.q === 'torch.nn.Module' || (layerBased && /^torch\.nn\.[A-Z]\w*$/.test(b.q))),
  );
}

/** A user module whose every attribute is known and none of them a module (`layerBased`: an nn layer subclass). */
export function isLeafObject(obj: ObjectValue, layerBased = false): boolean {
  if (isOpaque(obj) || !basesKnown(obj.cls, layerBased)) return false;
  for (const v of obj.attrs.values()) if (v.k === 'unknown' || isModuleValue(v)) return false;
  return true;
}

/** Records a call of a leaf module (`kind` its class) that returned `out`. */
export function recordLeafCall(
  ctx: Context,
  module: ObjectValue | ContainerValue,
  kind: string,
  args: Args,
  out: Value,
): void {
  const named = ctx.names.get(module);
  if (named === undefined || ctx.phase !== 'forward' || !allotRecord(ctx)) return;
  const input = args.pos[0];
  const call: LayerCall = {
    name: named,
    kind,
    framework: 'pytorch',
    ...(module.site ? { definition: module.site.call } : {}),
    ...(args.range ? { call: args.range } : {}),
    inputs: [input?.k === 'tensor' ? input.shape : null],
    output: out.k === 'tensor' ? out.shape : null,
  };
  noteModelLayer(ctx, ctx.rec.layers.length, call);
  ctx.rec.layers.push(call);
}

/** True when a layer call under the module's name was recorded since record `index` (its `super().forward`). */
export function recordedSince(ctx: Context, index: number, module: ObjectValue): boolean {
  const named = ctx.names.get(module);
  return ctx.rec.layers.slice(index).some(l => l.name === named);
}
