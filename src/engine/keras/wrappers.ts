// Keras 3 wrappers of another layer (keras/src/layers/rnn/bidirectional.py, time_distributed.py):
// the wrapped layer arrives bound, as a `LayerArg`. Bidirectional runs a forward and a backward
// copy of an RNN and merges them (`compute_output_shape`); TimeDistributed applies its layer to
// each step, the shape `(batch, *rest)` without the time axis.
import type { Shape } from '../dim';
import { mul } from '../dim';
import { type LayerRule, applyLayer, layerParams, registerRules } from '../layer';
import { type Inference, type LayerSpec, type NamedOutput, inferred, isLayerArg, isUnknown } from '../types';
import { KerasError, Quiet, guarded, params, pyDim, pyStr, pyTuple, raise, singleInput, validated } from './common';
import { recurrentShapes } from './recurrent';

const RNNS = new Set(['SimpleRNN', 'LSTM', 'GRU']);

function wrapped(spec: LayerSpec): LayerSpec {
  const layer = spec.args.layer;
  if (!isLayerArg(layer)) throw new Quiet();
  return layer.spec;
}

// ---- Bidirectional ----

type MergeMode = 'sum' | 'mul' | 'ave' | 'concat' | null;

function mergeMode(spec: LayerSpec): MergeMode {
  const mode = spec.args.merge_mode;
  if (isUnknown(mode) || mode === undefined) throw new Quiet();
  if (mode === null || mode === 'sum' || mode === 'mul' || mode === 'ave' || mode === 'concat') return mode;
  return raise(
    'invalid-argument',
    `Invalid merge mode. Received: ${pyStr(mode)}. Merge mode should be one of {"sum", "mul", "ave", "concat", None}`,
    'merge_mode',
  );
}

function inferBidirectional(spec: LayerSpec, inputs: readonly Shape[]): Inference {
  return guarded(() => {
    const mode = mergeMode(spec);
    const inner = wrapped(spec);
    if (!RNNS.has(inner.kind)) throw new Quiet();
    const r = recurrentShapes(inner, singleInput(inputs), spec.name ?? 'bidirectional');
    const one = r.output;
    const merged: Shape = mode === 'concat' ? [...one.slice(0, -1), mul(one[one.length - 1], 2)] : one;
    const outputs: NamedOutput[] =
      mode === null
        ? [
            { name: 'forward_output', shape: one },
            { name: 'backward_output', shape: one },
          ]
        : [{ name: 'output', shape: merged }];
    const states = r.returnState
      ? ['forward', 'backward'].flatMap(side => r.states.map(s => ({ name: `${side}_${s.name}`, shape: s.shape })))
      : [];
    const items = [...outputs, ...states];
    const notes = [`a forward and a backward ${inner.kind}, merged by ${mode === null ? 'none (a list)' : mode}`];
    return inferred(items[0].shape, { notes, ...(items.length > 1 ? { tuple: { items } } : {}) });
  });
}

export const bidirectionalRule: LayerRule = {
  framework: 'keras',
  kinds: ['Bidirectional'],
  signature: () => params(['layer'], ['merge_mode', 'concat'], ['weights', null], ['backward_layer', null]),
  validate: spec => validated(() => mergeMode(spec)),
  infer: inferBidirectional,
  params(spec, input) {
    const layer = spec.args.layer;
    if (!isLayerArg(layer)) return undefined;
    const one = layerParams(layer.spec, input);
    return one === undefined ? undefined : 2 * one;
  },
  tupleOf(spec) {
    const layer = spec.args.layer;
    const mode = spec.args.merge_mode;
    if (!isLayerArg(layer) || isUnknown(mode)) return undefined;
    const returnState = layer.spec.args.return_state === true;
    if (mode !== null && !returnState) return undefined;
    const states = layer.spec.kind === 'LSTM' ? ['state_h', 'state_c'] : ['state'];
    const outputs = mode === null ? ['forward_output', 'backward_output'] : ['output'];
    const names = [
      ...outputs,
      ...(returnState ? ['forward', 'backward'].flatMap(s => states.map(n => `${s}_${n}`)) : []),
    ];
    return { items: names.map(name => ({ name, shape: null })) };
  },
};

// ---- TimeDistributed ----

function childInput(x: Shape): Shape {
  if (x.length < 3) {
    raise(
      'rank-mismatch',
      `\`TimeDistributed\` Layer should be passed an \`input_shape\` with at least 3 dimensions, received: ${pyTuple(x)}`,
    );
  }
  return [x[0], ...x.slice(2)];
}

function inferTimeDistributed(spec: LayerSpec, inputs: readonly Shape[]): Inference {
  return guarded(() => {
    const x = singleInput(inputs);
    const child = childInput(x);
    const inner = wrapped(spec);
    const result = applyLayer(inner, [child]);
    if (!result.ok) throw new KerasError(result.error);
    if (!result.output || result.tuple) throw new Quiet();
    const out = result.output;
    return inferred([out[0], x[1], ...out.slice(1)], {
      notes: [`${inner.kind} applied to each of the ${pyDim(x[1])} steps`],
    });
  });
}

export const timeDistributedRule: LayerRule = {
  framework: 'keras',
  kinds: ['TimeDistributed'],
  signature: () => params(['layer']),
  infer: inferTimeDistributed,
  params(spec, input) {
    const layer = spec.args.layer;
    if (!isLayerArg(layer) || !input || input.length < 3) return undefined;
    return layerParams(layer.spec, [input[0], ...input.slice(2)]);
  },
};

registerRules([bidirectionalRule, timeDistributedRule]);
