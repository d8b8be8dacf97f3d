// Keras models: `keras.Input`, `keras.Sequential` (built when its input shape is known: an Input
// in the list, `input_shape=` on the first layer, `.add(keras.Input(...))` or `.build(shape)`),
// `keras.Model(inputs, outputs)` over the graph of Keras tensors, and applying any of them (or a
// subclassed Layer/Model) as a layer, which makes a graph node.
import { FRESH_FIELD } from '../receptive';
import type { Shape } from '../../engine';
import { writtenShape } from './written-shape';
import { binop } from '../arith';
import { type Args, type Context, noArgs } from '../context';
import { kerasState } from './state';
import { callKerasLayer, layerWeights } from './layers';
import { siteOf } from '../layers';
import { offerDeclaredInput } from './declared-input-fix';
import {
  type GraphModelValue,
  type GraphNode,
  type LayerValue,
  type ObjectValue,
  UNKNOWN_VALUE,
  type Value,
  isGraphTensor,
} from '../values';

type Call = (ctx: Context, fn: Value, args: Args) => Value;

/** A Keras tensor with no history (`keras.Input`). */
export const kerasInputTensor = (shape: Shape | null, declared?: number): Value => ({
  k: 'tensor',
  shape,
  rf: FRESH_FIELD,
  graph: declared === undefined ? { framework: 'keras' } : { framework: 'keras', declared },
});

/** The shape the caller's `--input` puts in place of the input declared at `at` (input-override.ts). */
export const replacedAt = (ctx: Context, at: number | undefined): Shape | undefined =>
  at === undefined || ctx.foreign ? undefined : ctx.replacing?.get(at);

/** `keras.Input(shape=None, batch_size=None, dtype=None, sparse=None, batch_shape=None, name=None, tensor=None)`. */
export function kerasInput(ctx: Context, args: Args): Value {
  const auto = kerasState(ctx).uniqueName('input_layer');
  const at = ctx.foreign ? undefined : args.range?.start;
  const name = args.kw.get('name') ?? args.pos[5];
  if (at !== undefined && name?.k === 'str') kerasState(ctx).inputNames.set(at, name.v);
  if (at !== undefined) kerasState(ctx).inputLabels.set(at, name?.k === 'str' ? name.v : auto);
  const replaced = replacedAt(ctx, at);
  if (replaced) return kerasInputTensor(replaced, at);
  const batchShape = writtenShape(
    args.kw.get('batch_shape') ?? args.pos[4],
    args.kwExprs?.get('batch_shape') ?? args.posExprs?.[4],
  );
  if (batchShape) return kerasInputTensor(batchShape, at);
  // Where the shape is written, for a fix that declares another one (an implied input).
  const written = args.kwExprs?.get('shape') ?? args.posExprs?.[0];
  const shape = writtenShape(args.kw.get('shape') ?? args.pos[0], written);
  const batch = args.kw.get('batch_size') ?? args.pos[1];
  const input = kerasInputTensor(shape ? [batch?.k === 'int' ? batch.v : null, ...shape] : null, at);
  if (shape && written?.k === 'tuple' && at !== undefined) kerasState(ctx).declaredShapes.set(at, written);
  return input;
}

/** The Keras tensors inside a call's arguments (a tensor, or tensors in a list/tuple/dict). */
function kerasTensorsIn(values: readonly Value[]): Value[] {
  const out: Value[] = [];
  for (const v of values) {
    if (isGraphTensor(v)) out.push(v);
    else if (v.k === 'list' || v.k === 'tuple') out.push(...kerasTensorsIn(v.items));
    else if (v.k === 'dict') out.push(...kerasTensorsIn(v.values));
  }
  return out;
}

/** Marks the tensors of a call's result as made by one graph node. */
function withNode(v: Value, node: GraphNode, index?: number): Value {
  if (v.k === 'tensor') return { ...v, graph: { framework: 'keras', node, ...(index !== undefined ? { index } : {}) } };
  if ((v.k === 'tuple' || v.k === 'list') && index === undefined) {
    const items = v.items.map((x, i) => withNode(x, node, i));
    return v.k === 'tuple' ? { k: 'tuple', items } : { k: 'list', items };
  }
  return v;
}

/**
 * Applies a Keras layer, model or subclassed Layer/Model to its arguments and records the graph
 * node: the tensors it produced know their history, and which LayerCalls the application made.
 */
export function applyKeras(ctx: Context, fn: Value, args: Args, call: Call): Value {
  const start = ctx.rec.layers.length;
  let out: Value;
  if (fn.k === 'layer') out = callKerasLayer(ctx, fn, args).value;
  else if (fn.k === 'kmodel') out = callKerasModel(ctx, fn, args, call);
  else out = call(ctx, fn, args);
  const layers = Array.from({ length: ctx.rec.layers.length - start }, (_, i) => start + i);
  const node: GraphNode = {
    id: kerasState(ctx).nodeId++,
    callee: fn,
    args: [...args.pos],
    // Keras' node holds every tensor of the call, keywords too (`initial_state=[h, c]`).
    parents: kerasTensorsIn([...args.pos, ...args.kw.values()]),
    layers,
  };
  return withNode(out, node);
}

/** A Keras tensor made by tensor arithmetic (`x + y`) keeps its history for the graph. */
export function derivedKerasTensor(ctx: Context, out: Value, operands: readonly Value[], op: string): Value {
  if (out.k !== 'tensor' || !operands.some(isGraphTensor)) return out;
  const node: GraphNode = {
    id: kerasState(ctx).nodeId++,
    op,
    args: [...operands],
    parents: operands.filter(isGraphTensor),
    layers: [],
  };
  return withNode(out, node);
}

// ---- Sequential ----

export function makeSequential(ctx: Context, args: Args): Value {
  const given = args.kw.get('name') ?? args.pos[2];
  const list = args.kw.get('layers') ?? args.pos[0];
  const site = siteOf(ctx, 'keras', 'Sequential', args);
  const m: GraphModelValue = {
    k: 'kmodel',
    framework: 'keras',
    kind: 'Sequential',
    layerName: given?.k === 'str' ? given.v : kerasState(ctx).uniqueName('sequential'),
    site,
    items: [],
    layers: [],
  };
  if (ctx.phase === 'module') kerasState(ctx).models.push(m);
  const listExpr = args.kwExprs?.get('layers') ?? args.posExprs?.[0];
  const items = list && (list.k === 'list' || list.k === 'tuple') ? list.items : [];
  items.forEach((item, i) => {
    if (item.k === 'layer' && listExpr?.k === 'list' && listExpr.items[i]?.k === 'call') item.site.sequentialArg = true;
  });
  for (const item of items) addToSequential(ctx, m, item, undefined, noCall);
  // An input the caller gives a Sequential that declares none: built on it here, as by `build`.
  const replaced = m.input === undefined ? replacedAt(ctx, site.call.start) : undefined;
  if (replaced) {
    buildSequential(ctx, m, replaced, noCall);
    m.inputAt = site.call.start;
  }
  return m;
}

const noCall: Call = () => UNKNOWN_VALUE;

/** The input shape an item declares when it comes first: an Input tensor, an InputLayer, `input_shape=`. */
function declaredInput(item: Value): Shape | null | undefined {
  if (isGraphTensor(item) && !item.graph?.node) return item.shape;
  if (item.k === 'layer' && item.kind === 'InputLayer') {
    const a = item.spec?.args;
    const dims = (v: unknown): Shape | undefined => (Array.isArray(v) ? (v as Shape) : undefined);
    const batchShape = dims(a?.batch_shape);
    if (batchShape) return batchShape;
    const shape = dims(a?.shape ?? a?.input_shape) ?? item.declaredInput?.slice(1);
    return shape ? [null, ...shape] : null;
  }
  if (item.k === 'layer') return item.declaredInput;
  return undefined;
}

/** `model.add(item)` (and each item of the constructor's list). */
export function addToSequential(
  ctx: Context,
  m: GraphModelValue,
  item: Value,
  addArgs: Args | undefined,
  call: Call,
): void {
  if (item.k === 'layer' && addArgs?.range && addArgs.posExprs?.[0]?.k === 'call' && ctx.stmt) {
    const receiver = addArgs.calleeText?.replace(/\.add$/, '');
    if (receiver) item.site.sequentialAdd = { stmt: ctx.stmt.r, receiver };
  }
  if (m.input === undefined && m.items.length === 0) {
    // A first item not understood may be an Input declaring the model's input, or a layer: the
    // model is built on an input it does not know (never on the input of its first call).
    if (item.k === 'unknown') {
      m.items.push(item);
      buildSequential(ctx, m, null, call);
      return;
    }
    const at = isGraphTensor(item) ? item.graph?.declared : item.k === 'layer' ? item.site.call.start : undefined;
    const declared = replacedAt(ctx, at) ?? declaredInput(item);
    if (declared !== undefined) {
      m.inputAt = at;
      if (isGraphTensor(item) || (item.k === 'layer' && item.kind === 'InputLayer')) {
        buildSequential(ctx, m, declared, call);
        return;
      }
      m.items.push(item);
      buildSequential(ctx, m, declared, call);
      return;
    }
  }
  if (isGraphTensor(item)) return;
  m.items.push(item);
  if (m.input !== undefined && m.output) m.output = applyItem(ctx, item, m.output, call, m.layers);
}

function applyItem(ctx: Context, item: Value, x: Value, call: Call, into: number[], range?: Args['range']): Value {
  const start = ctx.rec.layers.length;
  const args = range ? { ...noArgs([x]), range } : noArgs([x]);
  const out =
    item.k === 'layer' || item.k === 'kmodel' || item.k === 'object'
      ? applyKeras(ctx, item, args, call)
      : UNKNOWN_VALUE;
  for (let i = start; i < ctx.rec.layers.length; i++) into.push(i);
  return out.k === 'tensor' ? out : { k: 'tensor', shape: null, graph: { framework: 'keras' } };
}

/** Builds a Sequential on an input shape: every layer so far, in order (`model.build(...)`). */
export function buildSequential(ctx: Context, m: GraphModelValue, input: Shape | null, call: Call): void {
  if (m.input !== undefined) return;
  m.input = input;
  let x: Value = kerasInputTensor(input);
  for (const item of m.items) x = applyItem(ctx, item, x, call, m.layers);
  m.output = x;
}

function runSequential(ctx: Context, m: GraphModelValue, x: Value, call: Call, range?: Args['range']): Value {
  if (m.input === undefined) {
    // Calling an unbuilt Sequential builds it on that input.
    buildSequential(ctx, m, x.k === 'tensor' ? x.shape : null, call);
    return m.output ?? UNKNOWN_VALUE;
  }
  let out = x;
  for (const item of m.items) out = applyItem(ctx, item, out, call, [], range);
  return out;
}

// ---- Functional ----

/** `keras.Model(inputs, outputs, name=None)`; a subclass's constructor is handled as a class. */
export function makeFunctional(ctx: Context, args: Args): Value {
  const inputs = args.kw.get('inputs') ?? args.pos[0];
  const outputs = args.kw.get('outputs') ?? args.pos[1];
  const given = args.kw.get('name') ?? args.pos[2];
  if (!inputs || !outputs) return UNKNOWN_VALUE;
  const site = siteOf(ctx, 'keras', 'Model', args);
  const inputSet = new Set(kerasTensorsIn([inputs]));
  // The graph between inputs and outputs: walk back from the outputs.
  const nodes = new Map<number, GraphNode>();
  const stack = kerasTensorsIn([outputs]);
  const seen = new Set<Value>();
  while (stack.length) {
    const t = stack.pop()!;
    if (seen.has(t) || inputSet.has(t)) continue;
    seen.add(t);
    const node = t.k === 'tensor' ? t.graph?.node : undefined;
    if (!node || nodes.has(node.id)) continue;
    nodes.set(node.id, node);
    stack.push(...node.parents);
  }
  const ordered = [...nodes.values()].sort((a, b) => a.id - b.id);
  const m: GraphModelValue = {
    k: 'kmodel',
    framework: 'keras',
    kind: 'Functional',
    layerName: given?.k === 'str' ? given.v : kerasState(ctx).uniqueName('functional'),
    site,
    items: [],
    inputs,
    outputs,
    nodes: ordered,
    layers: ordered.flatMap(n => n.layers).sort((a, b) => a - b),
  };
  if (ctx.phase === 'module') kerasState(ctx).models.push(m);
  return m;
}

/** Applies a Functional model to new inputs: its nodes again, in order, on the new tensors. */
function runFunctional(ctx: Context, m: GraphModelValue, args: Args, call: Call): Value {
  const oldInputs = kerasTensorsIn([m.inputs!]);
  const given = args.pos.length === 1 ? kerasTensorsOrValues(args.pos[0]) : args.pos;
  const map = new Map<Value, Value>();
  oldInputs.forEach((t, i) => map.set(t, given[i] ?? { k: 'tensor', shape: null, graph: { framework: 'keras' } }));
  const made = new Map<number, Value>();
  const subst = (v: Value): Value => {
    const direct = map.get(v);
    if (direct) return direct;
    if (v.k === 'tensor') {
      // A tensor the new run did not make (history lost on the way): its shape is not known.
      const out = v.graph?.node ? made.get(v.graph.node.id) : undefined;
      if (!out) return { k: 'tensor', shape: null, graph: { framework: 'keras' } };
      const index = v.graph?.index;
      return index !== undefined && (out.k === 'tuple' || out.k === 'list') ? (out.items[index] ?? UNKNOWN_VALUE) : out;
    }
    if (v.k === 'list') return { k: 'list', items: v.items.map(subst) };
    if (v.k === 'tuple') return { k: 'tuple', items: v.items.map(subst) };
    return v;
  };
  for (const node of m.nodes ?? []) {
    if (node.op && node.args.length === 2) {
      made.set(node.id, binop(ctx, node.op, subst(node.args[0]), subst(node.args[1]), args.range ?? m.site.call));
    } else if (node.callee) {
      // The inner layers are applied at the model's call (where Keras would raise).
      made.set(node.id, applyKeras(ctx, node.callee, { ...noArgs(node.args.map(subst)), range: args.range }, call));
    }
  }
  return subst(m.outputs!);
}

function kerasTensorsOrValues(v: Value): Value[] {
  if (v.k === 'list' || v.k === 'tuple') return [...v.items];
  if (v.k === 'dict') return [...v.values];
  return [v];
}

export function callKerasModel(ctx: Context, m: GraphModelValue, args: Args, call: Call): Value {
  const before = ctx.rec.diagnostics.length;
  const out =
    m.kind === 'Sequential'
      ? runSequential(ctx, m, args.pos[0] ?? UNKNOWN_VALUE, call, args.range)
      : runFunctional(ctx, m, args, call);
  if (ctx.rec.diagnostics.length > before && args.range) offerDeclaredInput(ctx, m, args, before);
  return out;
}

// ---- parameters ----

/** Weights of a Keras layer, model or subclassed object (each layer once), split as model.summary() prints them. */
export interface WeightSplit {
  readonly trainable: number;
  readonly frozen: number;
}

export function kerasWeights(
  v: Value,
  seen = new Set<Value>(),
  frozenAll = false,
  frozenLayers?: ReadonlySet<Value>,
): WeightSplit | undefined {
  if (seen.has(v)) return { trainable: 0, frozen: 0 };
  seen.add(v);
  if (frozenLayers?.has(v)) frozenAll = true;
  const freeze = (w: WeightSplit | undefined, off: boolean): WeightSplit | undefined =>
    w && off ? { trainable: 0, frozen: w.trainable + w.frozen } : w;
  switch (v.k) {
    case 'layer':
      return freeze(layerWeights(v as LayerValue), frozenAll || v.trainable === false);
    case 'kmodel': {
      const off = frozenAll || v.trainable === false;
      const parts =
        v.kind === 'Sequential' ? v.items : (v.nodes ?? []).map(n => n.callee).filter((c): c is Value => !!c);
      return sum(parts.map(p => kerasWeights(p, seen, off, frozenLayers)));
    }
    case 'object':
      return sum([...(v as ObjectValue).attrs.values()].map(a => kerasWeights(a, seen, frozenAll, frozenLayers)));
    case 'list':
    case 'tuple':
      return sum(v.items.map(i => kerasWeights(i, seen, frozenAll, frozenLayers)));
    default:
      return { trainable: 0, frozen: 0 };
  }
}

/**
 * Keras' `trainable` setter reaches every layer inside: the layers of a frozen model are frozen
 * in any other model that uses them too.
 */
export function layersFrozenBy(models: readonly GraphModelValue[]): Set<Value> {
  const out = new Set<Value>();
  const visit = (v: Value, frozen: boolean) => {
    if (v.k !== 'kmodel' && v.k !== 'layer') return;
    if (out.has(v)) return;
    const off = frozen || v.trainable === false;
    if (off) out.add(v);
    if (v.k === 'kmodel') {
      const parts =
        v.kind === 'Sequential' ? v.items : (v.nodes ?? []).map(n => n.callee).filter((c): c is Value => !!c);
      for (const p of parts) visit(p, off);
    }
  };
  for (const m of models) if (m.trainable === false) visit(m, true);
  return out;
}

/** Every weight (trainable or not) of a Keras layer, model or object: the summary's Total params. */
export function kerasParams(v: Value): number | undefined {
  const w = kerasWeights(v);
  return w ? w.trainable + w.frozen : undefined;
}

function sum(parts: (WeightSplit | undefined)[]): WeightSplit | undefined {
  let trainable = 0,
    frozen = 0;
  for (const p of parts) {
    if (p === undefined) return undefined;
    trainable += p.trainable;
    frozen += p.frozen;
  }
  return { trainable, frozen };
}
