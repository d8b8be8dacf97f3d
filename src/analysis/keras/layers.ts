// Keras layers: building them through the engine's registry (with Keras' layer names and the
// file's image data format), and applying one to Keras tensors, which records a LayerCall named
// as Keras names the layer, a definition hint, and Keras' errors as diagnostics. A layer object
// applied again keeps the input spec of its first build (`built_input_shape`).
import { writtenDim, writtenShape } from './written-shape';
import {
  type ArgValue,
  type Shape,
  type TupleOutput,
  UNKNOWN,
  applyLayer,
  bindLayer,
  findRule,
  flatOutputs,
  layerFrozenParams,
  layerTuple,
  signatureOf,
} from '../../engine';
import { snakeCase } from '../../engine/keras/common';
import { applicationInput, applicationName } from '../../engine/keras/applications';
import { type Args, type Context } from '../context';
import { kerasState } from './state';
import { reportLayerError } from '../diagnostics';
import { reportDenseOnFeatureMap } from './diagnostics';
import { mergeRepairs } from './padding-fix';
import { reshapeRepairs } from './reshape-fix';
import { definitionOf, noteModelLayer, paramsOf, recordDefinitionHint, siteOf } from '../layers';
import { extendField, mergeFields, passField } from '../receptive';
import { keepsField } from '../../engine/receptive-field';
import type { LayerCall } from '../types';
import { type LayerValue, UNKNOWN_VALUE, type Value, rfOf, toArg } from '../values';

/** Lower-case merge functions of `keras.layers` and the layer class each one makes. */
export const MERGE_FUNCTIONS: Readonly<Record<string, string>> = {
  add: 'Add',
  subtract: 'Subtract',
  multiply: 'Multiply',
  average: 'Average',
  maximum: 'Maximum',
  minimum: 'Minimum',
  concatenate: 'Concatenate',
};

/** Keyword arguments every Keras layer accepts (base Layer), not part of a rule's signature. */
const BASE_KEYWORDS = new Set([
  'name',
  'dtype',
  'trainable',
  'autocast',
  'input_shape',
  'batch_input_shape',
  'batch_size',
  'input_dim',
  'weights',
  'activity_regularizer',
  'input_length',
]);

/** `keras.layers.<name>(...)`: a layer value with Keras' name, bound when the engine knows the class. */
/** `Context.kerasDataFormat` after `set_image_data_format(...)` with a value not understood. */
export const UNKNOWN_DATA_FORMAT = '?';

export function constructKerasLayer(ctx: Context, name: string, args: Args): Value {
  if (!/^[A-Z]/.test(name) || name === 'Layer') return UNKNOWN_VALUE;
  const found = findRule('keras', name);
  const kind = found?.kind ?? name;
  const given = args.kw.get('name');
  // A model-making rule names itself (`resnet50`) unless told otherwise, as keras.applications do.
  const ownName = found && signatureOf(found.rule, kind).params.find(p => p.name === 'name')?.default;
  const layerName =
    given?.k === 'str' ? given.v : typeof ownName === 'string' ? ownName : kerasState(ctx).uniqueName(snakeCase(kind));
  const site = siteOf(ctx, 'keras', name, args);
  if (!found) return { k: 'layer', framework: 'keras', kind, site, layerName };
  const keywords: Record<string, ArgValue> = {};
  for (const [k, v] of args.kw)
    if (!BASE_KEYWORDS.has(k) || signatureOf(found.rule, kind).params.some(p => p.name === k))
      keywords[k] = kerasArg(v);
  // `keras.backend.set_image_data_format(...)` is read when a layer is constructed.
  const takesFormat = signatureOf(found.rule, kind).params.some(p => p.name === 'data_format');
  const dataFormat = kerasState(ctx).dataFormat;
  if (
    takesFormat &&
    dataFormat &&
    !args.kw.has('data_format') &&
    !(args.pos.length > positionOf(signatureOf(found.rule, kind).params, 'data_format'))
  ) {
    keywords.data_format = dataFormat === UNKNOWN_DATA_FORMAT ? UNKNOWN : dataFormat;
  }
  const bound = bindLayer('keras', name, args.pos.map(kerasArg), keywords, {
    unknownRest: args.unknownRest,
    layerName: layerName,
  });
  const inputShape = inputShapeKeywords(args);
  if (inputShape && !ctx.foreign) noteDeclaredShape(ctx, site.call.start, args);
  const base = {
    k: 'layer' as const,
    framework: 'keras' as const,
    kind,
    site,
    layerName,
    ...(inputShape !== undefined ? { declaredInput: inputShape } : {}),
  };
  if (!bound) return base;
  if (!bound.ok) {
    reportLayerError(ctx, bound.error, site, undefined);
    return base;
  }
  const layer: LayerValue = { ...base, kind: bound.spec.kind, spec: bound.spec };
  if (typeof ownName === 'string') {
    // A backbone (keras.applications) is a model: its own input, and listed among the models.
    const input = applicationInput(bound.spec);
    if (input) Object.assign(layer, { declaredInput: input });
    const named = given?.k === 'str' ? undefined : applicationName(bound.spec);
    if (named) Object.assign(layer, { layerName: named });
    if (ctx.phase === 'module') kerasState(ctx).applications.push(layer);
  }
  return layer;
}

/** An argument as the engine sees it; a bound layer (`Bidirectional(LSTM(64))`) is passed whole. */
function kerasArg(v: Value): ArgValue {
  if (v.k === 'layer' && v.framework === 'keras' && v.spec) return { kind: 'layer', spec: v.spec };
  return toArg(v);
}

function positionOf(signature: readonly { name: string; keywordOnly?: boolean }[], name: string): number {
  const at = signature.filter(p => !p.keywordOnly).findIndex(p => p.name === name);
  return at < 0 ? Infinity : at;
}

/**
 * `input_shape=` (without the batch), `batch_input_shape=`, or Keras 2's `input_dim=`: the shape with
 * the batch axis; null when one is given but not understood (an input is declared, of a shape not
 * known: never the shape of the layer's first call); undefined when none is given.
 */
function inputShapeKeywords(args: Args): Shape | null | undefined {
  for (const [key, batched] of [
    ['batch_input_shape', true],
    ['input_shape', false],
  ] as const) {
    const value = args.kw.get(key);
    if (!value || value.k === 'none') continue;
    const shape = writtenShape(value, args.kwExprs?.get(key));
    return shape ? (batched ? shape : [null, ...shape]) : null;
  }
  const inputDim = args.kw.get('input_dim');
  if (!inputDim || inputDim.k === 'none') return undefined;
  return [null, writtenDim(inputDim, args.kwExprs?.get('input_dim'), 1)];
}

/** Where the input shape a layer declares is written (for the fix that declares another one). */
function noteDeclaredShape(ctx: Context, at: number, args: Args): void {
  // A tuple written out (the last axis is its last item), or `input_dim=`'s number.
  const tuple = ['batch_input_shape', 'input_shape'].map(k => args.kwExprs?.get(k)).find(e => e);
  const written = tuple ?? args.kwExprs?.get('input_dim');
  if (written && (!tuple || tuple.k === 'tuple' || tuple.k === 'list')) kerasState(ctx).declaredShapes.set(at, written);
}

/** The shapes a layer is applied to: one tensor, or a list of them (merge layers). */
export function inputShapes(v: Value | undefined): (Shape | null)[] {
  if (!v) return [];
  if (v.k === 'tensor') return [v.shape];
  if (v.k === 'list' || v.k === 'tuple') return v.items.map(i => (i.k === 'tensor' ? i.shape : null));
  return [null];
}

/** Layers that combine their inputs position by position: their output keeps the largest field. */
const MERGING = new Set(['Add', 'Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum', 'Concatenate']);

/** A merging layer's operands (its list argument), or its one input. */
const operands = (v: Value | undefined): readonly (Value | undefined)[] =>
  v?.k === 'list' || v?.k === 'tuple' ? v.items : [v];

/** Applies a Keras layer; returns the output value and the index of the recorded LayerCall. */
export function callKerasLayer(ctx: Context, layer: LayerValue, args: Args): { value: Value; index: number } {
  const attention = layer.kind === 'MultiHeadAttention';
  const shapes = attention ? attentionInputs(args) : inputShapes(args.pos[0]);
  const first = shapes[0] ?? null;
  const rebuilt = layer.firstInput !== undefined && layer.firstInput !== null ? layer.firstInput : undefined;
  if (layer.firstInput === undefined && shapes.length > 0) {
    layer.firstInput = first;
    if (attention) layer.firstInputs = shapes;
  }
  let output: Shape | null = null;
  let tuple: TupleOutput | undefined;
  let extra: Partial<LayerCall> = {};
  if (layer.spec && shapes.length > 0 && shapes.every(s => s !== null)) {
    const callArgs: Record<string, ArgValue> = rebuilt && !attention ? { built_input_shape: rebuilt } : {};
    if (attention)
      callArgs.return_attention_scores = toArg(args.kw.get('return_attention_scores') ?? { k: 'bool', v: false });
    const inference = applyLayer(layer.spec, shapes as Shape[], callArgs);
    if (inference.ok) {
      output = inference.output;
      tuple = inference.tuple;
      extra = { axes: inference.axes, notes: inference.notes, macs: inference.macs };
      if (layer.spec.kind === 'Dense' && first && first.length >= 4)
        reportDenseOnFeatureMap(ctx, layer, args, first, output);
    } else {
      const fixes = [...mergeRepairs(ctx, layer.spec, shapes, layer.site), ...reshapeRepairs(ctx, layer, args, first)];
      reportLayerError(ctx, inference.error, layer.site, args.range, first, undefined, fixes);
    }
  } else if (!layer.spec && (layer.kind === 'Identity' || layer.kind === 'InputLayer')) {
    output = first;
  }
  const index = ctx.rec.layers.length;
  const inRf = rfOf(args.pos[0]);
  const rf = extra.axes
    ? extendField(inRf, extra.axes)
    : MERGING.has(layer.kind)
      ? mergeFields(operands(args.pos[0]).map(rfOf))
      : keepsField(layer.kind)
        ? passField(inRf, first, output)
        : undefined;
  const call: LayerCall = {
    name: layer.layerName ?? snakeCase(layer.kind),
    kind: layer.kind,
    framework: 'keras',
    ...(layer.spec ? { spec: layer.spec } : {}),
    ...definitionOf(layer.site),
    ...(args.range ? { call: args.range } : {}),
    inputs: shapes,
    output,
    ...(layer.spec ? weightCounts(layer) : {}),
    ...Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined)),
    ...(rf && extra.axes ? { receptiveField: rf } : {}),
  };
  if (call.params === undefined) delete (call as { params?: number }).params;
  if (call.nonTrainableParams === undefined) delete (call as { nonTrainableParams?: number }).nonTrainableParams;
  ctx.rec.layers.push(call);
  ctx.layerSites.set(call, layer.site);
  noteModelLayer(ctx, index, call);
  if (output) recordDefinitionHint(ctx, layer.site, output, index, 'keras');
  // A layer returning several tensors (`return_state`, `return_attention_scores`) returns a list,
  // of known length even when the shapes are not known, so unpacking it is checked.
  if (!tuple && !output && layer.spec) tuple = layerTuple(layer.spec);
  if (tuple) {
    const items = flatOutputs(tuple).map((o, i): Value => ({
      k: 'tensor',
      shape: o.shape,
      ...(i === 0 && rf ? { rf } : {}),
    }));
    return { value: { k: 'list', items }, index };
  }
  return { value: { k: 'tensor', shape: output, ...(rf ? { rf } : {}) }, index };
}

/** A layer's weights as Keras' summary counts them: Param # is all of them, the non-trainable among them. */
export function layerWeights(layer: LayerValue): { trainable: number; frozen: number } | undefined {
  const trainable = paramsOf(layer, layer.firstInput, layer.firstInputs);
  const frozen = layer.spec ? layerFrozenParams(layer.spec, layer.firstInput ?? undefined) : 0;
  if (trainable === undefined || frozen === undefined) return undefined;
  return { trainable, frozen };
}

function weightCounts(layer: LayerValue): { params?: number; nonTrainableParams?: number } {
  const w = layerWeights(layer);
  return w ? { params: w.trainable + w.frozen, nonTrainableParams: w.frozen } : {};
}

/** `MultiHeadAttention`'s tensors: query, value and key, given by position or keyword. */
function attentionInputs(args: Args): (Shape | null)[] {
  const names = ['query', 'value', 'key'];
  const given = names.map((n, i) => args.pos[i] ?? args.kw.get(n));
  const out: (Shape | null)[] = [];
  for (const v of given) {
    if (v === undefined || v.k === 'none') break;
    out.push(v.k === 'tensor' ? v.shape : null);
  }
  return out;
}
