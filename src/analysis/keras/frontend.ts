// The Keras front end: subclassed Layer/Model run `call`; `keras.*` names (layers, Input,
// Sequential, Model); applying layers and models builds the functional graph; Keras' own
// broadcasting and layer names; the models a document builds or applies.
import { snakeCase } from '../../engine/keras/common';
import type { Context } from '../context';
import { type Call, type Frontend, forwardOf } from '../frontend';
import { givenFor } from '../given-inputs';
import { forwardParams } from '../inputs';
import type { Args } from '../context';
import { type ObjectValue, type Value, isGraphTensor, primaryOutputShape } from '../values';
import { kerasModelInfos, standaloneKerasRuns } from './analysis';
import { kerasBroadcastShapes } from './arith';
import { buildKerasObject, callKeras, callKerasModelMethod, isKerasModelClass, kerasModelAttr } from './calls';
import { applyKeras, derivedKerasTensor } from './models';
import { KerasState, kerasState } from './state';
import { sizeKeepingPadding } from './padding-fix';
import { kerasReplacedInputs } from './input-override';

/** A subclassed Keras Layer/Model applied to tensors: a graph node; at module level, a model run. */
function callKerasObject(ctx: Context, obj: ObjectValue, args: Args, forward: Call): Value {
  const topLevel = ctx.phase === 'module';
  const start = ctx.rec.layers.length;
  const out = applyKeras(ctx, obj, args, forward);
  const state = kerasState(ctx);
  if (topLevel && isKerasModelClass(obj.cls) && !state.objectRuns.some(r => r.obj === obj)) {
    state.objectRuns.push({
      obj,
      inputs: args.pos.filter(v => v.k === 'tensor').map(v => (v.k === 'tensor' ? v.shape : null)),
      output: primaryOutputShape(out),
      layers: Array.from({ length: ctx.rec.layers.length - start }, (_, i) => start + i),
    });
  }
  return out;
}

export const KERAS: Frontend = {
  id: 'keras',
  moduleBases: { 'keras.Model': {}, 'keras.models.Model': {}, 'keras.layers.Layer': {}, 'keras.Layer': {} },
  forwardMethod: 'call',
  notation: 'tuple',
  arithmetic: {
    // Keras tensors, or tensors inside a Keras layer's or model's `call`: Keras' broadcasting rule and words.
    claims: (ctx, a, b) =>
      isGraphTensor(a) || isGraphTensor(b) || ctx.frames.some(f => f.fn.owner?.framework === 'keras'),
    broadcast: kerasBroadcastShapes,
    derived: derivedKerasTensor,
    repairs: (ctx, a, b) => sizeKeepingPadding(ctx, [a, b]),
  },
  createState: () => new KerasState(),
  owns: q => q.startsWith('keras.'),
  callName: callKeras,
  instantiated(ctx, obj, args) {
    // Keras names a layer in Layer.__init__, before the layers its own __init__ makes.
    const named = args.kw.get('name');
    obj.layerName = named?.k === 'str' ? named.v : kerasState(ctx).uniqueName(snakeCase(obj.cls.def.name));
  },
  callInstance: callKerasObject,
  callModule: (ctx, fn, args, call) => applyKeras(ctx, fn, args, call),
  callMethod(ctx, self, name, args, call) {
    if (self.k === 'kmodel') return callKerasModelMethod(ctx, self, name, args, call);
    if (self.k === 'object' && self.cls.framework === 'keras' && name === 'build')
      return buildKerasObject(ctx, self, args, call);
    return undefined;
  },
  getAttr: (_ctx, obj, name) => (obj.k === 'kmodel' ? kerasModelAttr(obj, name) : undefined),
  moduleModels: kerasModelInfos,
  replacedInputs: kerasReplacedInputs,
  runClassModels: (ctx, { inputs, limits }) =>
    standaloneKerasRuns(
      ctx,
      cls => givenFor(inputs, cls.def.name, true, forwardParams(forwardOf(ctx, cls))),
      limits.maxSteps,
    ),
};
