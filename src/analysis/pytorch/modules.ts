// torch.nn modules: building layers through the engine's registry (bindLayer), the containers
// (nn.Sequential with positional or OrderedDict children, nn.ModuleList, nn.ModuleDict), and
// calling a layer on tensors (applyLayer), which records a LayerCall and a definition hint.
import { floatForInt } from './float-sizes';
import {
  type ArgValue,
  type LayerSpec,
  type Shape,
  type ShapeError,
  type TupleOutput,
  UNKNOWN,
  applyLayer,
  bindLayer,
  isTupleOutput,
  layerTuple,
} from '../../engine';
import { moduleArg, suggestedSpec } from '../../engine/pytorch/module-arg';
import { recordModuleHint } from '../calls';
import { allotRecord } from '../budget';
import { type Args, type Context, noArgs } from '../context';
import type { Range } from '../../python';
import { reportDroppedInput, reportLayerError } from '../diagnostics';
import { iterate } from '../items';
import { noteModelLayer, paramsOf, recordDefinitionHint, siteOf } from '../layers';
import { callValue } from '../calls';
import { FRESH_FIELD, extendField, passField } from '../receptive';
import { keepsField } from '../../engine/receptive-field';
import type { LayerCall } from '../types';
import {
  type ContainerValue,
  type LayerValue,
  type Site,
  NONE,
  UNKNOWN_VALUE,
  type Value,
  asDim,
  rfOf,
  tensor,
  toArg,
} from '../values';
import { addModule, isOpaque } from '../module-names';
import { forgetContents } from '../forget';
import { hasExactLength, markExactLength } from '../python-errors';
import { noteMethodMutation } from '../heap';
import { noteLayerInput } from '../inputs';
import { recordLeafCall } from './leaf-modules';
import { packedValue } from './packed';
import { bindForward } from './forward-signatures';

function container(
  ctx: Context,
  kind: ContainerValue['kind'],
  keys: string[],
  items: Value[],
  args: Args,
): ContainerValue {
  return { k: 'container', framework: 'pytorch', kind, keys, items, site: siteOf(ctx, 'pytorch', kind, args) };
}

/** Modules whose constructors take other modules. */
const MODULE_TAKING = new Set(['TransformerEncoder', 'TransformerDecoder']);

function moduleOrArg(ctx: Context, v: Value): ArgValue {
  if (v.k !== 'layer' || !v.spec) return toArg(v);
  const arg = moduleArg(v.spec);
  // Where it was built: the stack's errors that are this module's are reported (and fixed) there.
  ctx.moduleArgSites.set(arg as object, v.site);
  return arg;
}

/** Which of query, key and value are one tensor: PyTorch projects `key is value` with one weight. */
function sameTensors(layer: LayerValue, args: Args): Record<string, ArgValue> {
  if (layer.kind !== 'MultiheadAttention') return {};
  const [q, k, v] = args.pos;
  if (!k || k !== v) return {};
  return { same_tensors: q === k ? 'qkv' : 'kv' };
}

/** `nn.<name>(...)`. */
export function constructNn(ctx: Context, name: string, args: Args): Value {
  if (args.unknownRest && (name === 'Sequential' || name === 'ModuleList' || name === 'ModuleDict')) {
    // `nn.Sequential(*layers)` with layers not known: a container whose children are not known.
    const built = constructNn(ctx, name, { ...args, unknownRest: false });
    if (built.k === 'container') built.opaque = true;
    return built;
  }
  const [first] = args.pos;
  switch (name) {
    case 'Sequential': {
      if (args.pos.length === 1 && first.k === 'dict') {
        return container(
          ctx,
          'Sequential',
          first.keys.map(k => (k.k === 'str' ? k.v : '?')),
          [...first.values],
          args,
        );
      }
      args.pos.forEach((v, i) => {
        if (v.k === 'layer' && args.posExprs?.[i]?.k === 'call') v.site.sequentialArg = true;
      });
      return markExactLength(
        container(
          ctx,
          'Sequential',
          args.pos.map((_, i) => String(i)),
          [...args.pos],
          args,
        ),
      );
    }
    case 'ModuleList': {
      const items = first ? iterate(first) : [];
      if (!items) {
        // `nn.ModuleList(blocks)` with blocks not known: a container whose children are not known.
        return { ...container(ctx, 'ModuleList', [], [], args), opaque: true };
      }
      const list = container(
        ctx,
        'ModuleList',
        items.map((_, i) => String(i)),
        items,
        args,
      );
      return !first || hasExactLength(first) ? markExactLength(list) : list;
    }
    case 'ModuleDict': {
      if (first && first.k !== 'dict') return UNKNOWN_VALUE;
      return container(
        ctx,
        'ModuleDict',
        first ? first.keys.map(k => (k.k === 'str' ? k.v : '?')) : [],
        first ? [...first.values] : [],
        args,
      );
    }
    case 'Parameter':
      return { k: 'tensor', shape: first?.k === 'tensor' ? first.shape : null, param: true, rf: FRESH_FIELD };
    case 'Buffer':
      // nn.Buffer (PyTorch 2.x): a tensor registered as a buffer, not a parameter.
      return { k: 'tensor', shape: first?.k === 'tensor' ? first.shape : null, rf: FRESH_FIELD };
    case 'ParameterList': {
      // Indexed like a list; its parameters make the model's total unknown (forward.ts).
      const items = first ? iterate(first) : [];
      return items ? { k: 'list', items: [...items] } : UNKNOWN_VALUE;
    }
    case 'ParameterDict':
      return first?.k === 'dict' ? { k: 'dict', keys: [...first.keys], values: [...first.values] } : UNKNOWN_VALUE;
    case 'Module':
      return UNKNOWN_VALUE;
    case 'Transformer.generate_square_subsequent_mask':
      return squareSubsequentMask(first);
  }
  if (!/^[A-Z]/.test(name)) return UNKNOWN_VALUE;
  // A module given to a stack (`nn.TransformerEncoder(layer, 6, norm=ln)`) travels as its spec.
  const arg = MODULE_TAKING.has(name) ? (v: Value) => moduleOrArg(ctx, v) : toArg;
  const keywords: Record<string, ArgValue> = Object.fromEntries([...args.kw].map(([k, v]) => [k, arg(v)]));
  const bound = bindLayer('pytorch', name, args.pos.map(arg), keywords, { unknownRest: args.unknownRest });
  const site = siteOf(ctx, 'pytorch', name, args);
  if (!bound) return { k: 'layer', framework: 'pytorch', kind: name, site };
  if (!bound.ok) {
    reportLayerError(ctx, bound.error, site, undefined);
    return { k: 'layer', framework: 'pytorch', kind: name, site };
  }
  // A float for an integer (`nn.Linear(dim / 2, 10)`): PyTorch raises; not understood here.
  if (floatForInt(name, args) !== undefined) return { k: 'layer', framework: 'pytorch', kind: bound.spec.kind, site };
  return { k: 'layer', framework: 'pytorch', kind: bound.spec.kind, spec: bound.spec, site };
}

/** `nn.Transformer.generate_square_subsequent_mask(sz)`: a float mask `(sz, sz)` (-inf above the diagonal). */
export function squareSubsequentMask(size: Value | undefined): Value {
  const d = size ? asDim(size) : null;
  return tensor(d === null ? null : [d, d]);
}

/**
 * After a mismatch that its quick fix would cure (in_channels → the incoming channel count), go on
 * as if it were fixed, like a compiler's error recovery: the bugs further down are still found in
 * the same pass, and each is reported once. Anything else leaves the output unknown.
 */
function recovered(
  spec: LayerSpec,
  error: ShapeError,
  inputs: readonly Shape[],
  callArgs: Readonly<Record<string, ArgValue>>,
): { output: Shape | null; tuple?: TupleOutput; macs?: number } {
  const fixed = suggestedSpec(spec, error);
  if (!fixed) return { output: null };
  const again = applyLayer(fixed, inputs, callArgs);
  return again.ok ? { output: again.output, tuple: again.tuple, macs: again.macs } : { output: null };
}

/**
 * The shapes of a call's tensor arguments. A tuple after the input is a recurrent layer's state
 * `(h0, c0)`, flattened (the rule reads [x, h0, c0]). Any other value after the input but `None`
 * is a tensor we lost track of: the output is then unknown.
 */
function tensorShapes(args: Args): (Shape | null)[] {
  const [first, ...rest] = args.pos;
  // An unknown value in the input's position is a tensor we lost track of.
  if (first?.k === 'unknown') return [null];
  if (first?.k !== 'tensor') return [];
  // A packed sequence: the rule reads its data (modules' `packed_batch` says it is packed).
  const shapes: (Shape | null)[] = [first.packed ? first.packed.data : first.shape];
  // A recurrent layer's state may come by keyword: `self.lstm(x, hx=(h0, c0))`.
  const hx = args.kw.get('hx');
  for (const v of rest.length === 0 && hx ? [hx] : rest) {
    if (v.k === 'none') break;
    if (v.k === 'tensor') shapes.push(v.shape);
    else if (v.k === 'tuple') shapes.push(...v.items.map(i => (i.k === 'tensor' ? i.shape : null)));
    else shapes.push(null);
  }
  // `self.lstm(x, *states)`: arguments not known may be states; the output is then unknown.
  if (args.unknownRest) shapes.push(null);
  return shapes;
}

/** Masks given by keyword (`attn_mask=`, `src_key_padding_mask=`, ...): their shapes as `NAME_shape`, for the attention rules' checks. */
function maskArgs(args: Args): Record<string, ArgValue> {
  const out: Record<string, ArgValue> = {};
  for (const [k, v] of args.kw) {
    if (!k.endsWith('mask') || v.k === 'none') continue;
    out[`${k}_shape`] = v.k === 'tensor' && v.shape && !v.packed ? v.shape.map(d => d ?? UNKNOWN) : UNKNOWN;
  }
  return out;
}

/** What a recurrent layer is told of a packed input: its number of sequences, and whether it was packed unsorted. */
function packedArgs(input: Value | undefined): Record<string, ArgValue> {
  const packed = input?.k === 'tensor' ? input.packed : undefined;
  if (!packed) return {};
  return { packed_batch: packed.batch ?? UNKNOWN, ...(packed.permuted ? { packed_permuted: true } : {}) };
}

/** A recurrent layer's output on a packed input is packed the same way: its first tensor becomes that sequence. */
function repacked(result: Value, input: Value | undefined): Value {
  const packed = input?.k === 'tensor' ? input.packed : undefined;
  if (!packed || result.k !== 'tuple' || result.items[0]?.k !== 'tensor') return result;
  const data = result.items[0].shape;
  return markExactLength({ k: 'tuple', items: [packedValue({ ...packed, data }), ...result.items.slice(1)] });
}

/** Where a layer called without a call range of its own (inside nn.Sequential) was built, in this text. */
function ownSite(layer: LayerValue): Range | undefined {
  return layer.site.from || layer.site.call.end === 0 ? undefined : layer.site.call;
}

/** A layer's tuple output as the Python tuple it returns: exact length, so unpacking is checked. */
function tupleValue(t: TupleOutput, rf: ReturnType<typeof rfOf>): Value {
  return markExactLength({
    k: 'tuple',
    items: t.items.map(i =>
      isTupleOutput(i) ? tupleValue(i, undefined) : tensor(i.shape, i.name === 'output' ? rf : undefined),
    ),
  });
}

const NO_EXTRA: Extra = {};

/** What a rule said of one call beyond its output. */
interface Extra {
  readonly axes?: LayerCall['axes'];
  readonly notes?: LayerCall['notes'];
  readonly macs?: number;
}

/**
 * The record of one layer call. Written member by member, in the order the record has always had
 * (its JSON is compared): a layer call is recorded at every call of every run, and building it
 * from spreads of small objects cost more than the rest of the call. No member is set to undefined
 * but `spec` and `call`, which every record has.
 */
function layerRecord(
  layer: LayerValue,
  name: string,
  range: Range | undefined,
  shapes: (Shape | null)[],
  output: Shape | null,
  tuple: TupleOutput | undefined,
  params: number | undefined,
  extra: Extra,
): LayerCall {
  const call: { -readonly [K in keyof LayerCall]?: LayerCall[K] } = {
    name,
    kind: layer.kind,
    framework: layer.framework,
    spec: layer.spec,
  };
  const site = layer.site;
  if (site.from) {
    if (site.from.library) call.library = true;
  } else {
    call.definition = site.call;
    if (site.origins) call.origins = site.origins;
  }
  call.call = range;
  call.inputs = shapes;
  call.output = output;
  if (tuple) call.tuple = tuple;
  call.params = params;
  if (extra.axes !== undefined) call.axes = extra.axes;
  if (extra.notes !== undefined) call.notes = extra.notes;
  if (extra.macs !== undefined) call.macs = extra.macs;
  return call as LayerCall;
}

/**
 * The error and the site it belongs to: an error of a module given to this one's constructor (a
 * stack's layer) is that module's, reported and fixed where it was built; when that is not known,
 * this layer's without the argument (which is not this layer's).
 */
function ownError(ctx: Context, layer: LayerValue, error: ShapeError): [ShapeError, Site] {
  if (error.within === undefined) return [error, layer.site];
  const arg = layer.spec?.args[error.within];
  const inner = typeof arg === 'object' && arg !== null ? ctx.moduleArgSites.get(arg) : undefined;
  return inner ? [{ ...error, within: undefined }, inner] : [{ code: error.code, message: error.message }, layer.site];
}

/** A call without keywords, packing or attention: most layer calls (`self.conv1(x)`). Shared, read-only. */
const NO_CALL_ARGS: Readonly<Record<string, ArgValue>> = Object.freeze({});

/** What a layer's rule is told of its call besides the input shapes: keywords, packing, masks. */
function callArgsOf(layer: LayerValue, args: Args): Readonly<Record<string, ArgValue>> {
  const input = args.pos[0];
  if (args.kw.size === 0 && !(input?.k === 'tensor' && input.packed) && layer.kind !== 'MultiheadAttention')
    return NO_CALL_ARGS;
  const callArgs: Record<string, ArgValue> = Object.fromEntries(
    [...args.kw].filter(([k]) => k !== 'hx' || args.pos.length > 1).map(([k, v]) => [k, toArg(v)]),
  );
  return Object.assign(callArgs, sameTensors(layer, args), packedArgs(input), maskArgs(args));
}

/** `self.conv1(x)`: applies the layer's rule and records the call. */
export function callLayer(ctx: Context, layer: LayerValue, written: Args): Value {
  const args = bindForward(layer.kind, written);
  if (!args) return UNKNOWN_VALUE;
  const shapes = tensorShapes(args);
  if (shapes.length === 0) return layer.kind === 'Identity' && args.pos[0] ? args.pos[0] : tensor(null);
  noteLayerInput(ctx, layer, args.pos[0]);
  if (layer.firstInput === undefined) layer.firstInput = shapes[0];
  let output: Shape | null = null;
  let tuple: TupleOutput | undefined;
  let extra: Extra = NO_EXTRA;
  if (!layer.spec) {
    output = layer.kind === 'Identity' ? shapes[0] : null;
  } else if (shapes.every(s => s !== null)) {
    const callArgs = callArgsOf(layer, args);
    const outer = ctx.applying;
    ctx.applying = { layerName: ctx.names.get(layer), kind: layer.kind, range: args.range ?? ownSite(layer) };
    const inference = applyLayer(layer.spec, shapes as Shape[], callArgs);
    ctx.applying = outer;
    if (inference.ok) {
      output = inference.output;
      tuple = inference.tuple;
      extra = { axes: inference.axes, notes: inference.notes, macs: inference.macs };
      if (inference.axes?.some(a => a.unusedInput > 0)) reportDroppedInput(ctx, layer.kind, inference.axes, layer.site);
    } else {
      reportLayerError(ctx, ...ownError(ctx, layer, inference.error), args.range, shapes[0]);
      const fixed = recovered(layer.spec, inference.error, shapes as Shape[], callArgs);
      output = inference.error.otherwise ?? fixed.output;
      tuple = fixed.tuple;
      extra = { macs: fixed.macs };
    }
  }
  const named = ctx.names.get(layer);
  const index = ctx.rec.layers.length;
  const call = layerRecord(
    layer,
    named ?? layer.kind,
    args.range,
    shapes,
    output,
    tuple,
    paramsOf(layer, shapes[0]),
    extra,
  );
  const inRf = rfOf(args.pos[0]);
  const rf = extra.axes
    ? extendField(inRf, extra.axes)
    : keepsField(layer.kind)
      ? passField(inRf, shapes[0], output)
      : undefined;
  // Unknown shapes still come in the layer's tuple: an LSTM on a packed sequence returns two things.
  if (!tuple && !output && layer.spec) tuple = layerTuple(layer.spec);
  const result = repacked(tuple ? tupleValue(tuple, rf) : tensor(output, rf), args.pos[0]);
  if (!allotRecord(ctx)) return result;
  // Set on the record just made (its last field, as a copy with it would have it), not copied.
  if (rf && extra.axes) (call as { receptiveField?: LayerCall['receptiveField'] }).receptiveField = rf;
  const recorded = call;
  ctx.rec.layers.push(recorded);
  ctx.layerSites.set(recorded, layer.site);
  if (named !== undefined) noteModelLayer(ctx, index, recorded);
  const isPacked = args.pos[0]?.k === 'tensor' && args.pos[0].packed !== undefined;
  if (output && !isPacked && ctx.phase === 'forward') recordDefinitionHint(ctx, layer.site, output, index);
  return result;
}

/** nn.Sequential: each child on the previous output. ModuleList/ModuleDict are not callable. */
export function callContainer(ctx: Context, c: ContainerValue, args: Args): Value {
  if (c.kind !== 'Sequential') return UNKNOWN_VALUE;
  if (ctx.phase === 'module') {
    // A script's `model(x)`: remember x as the model's input; the model runs on its own later.
    const shapes = args.pos.map(v => (v.k === 'tensor' ? v.shape : null));
    if (!ctx.containerSamples.has(c) && shapes.some(s => s !== null)) ctx.containerSamples.set(c, shapes);
    return UNKNOWN_VALUE;
  }
  if (isOpaque(c)) return UNKNOWN_VALUE;
  let x: Value | undefined;
  c.items.forEach((item, i) => {
    x = callValue(ctx, item, i === 0 ? args : noArgs([x ?? UNKNOWN_VALUE]));
  });
  const out = x ?? args.pos[0] ?? UNKNOWN_VALUE;
  recordModuleHint(ctx, c.site, out);
  if (c.items.length === 0) recordLeafCall(ctx, c, 'Sequential', args, out);
  return out;
}

function renumber(c: ContainerValue): void {
  if (c.kind === 'ModuleDict') return;
  c.keys.splice(0, c.keys.length, ...c.items.map((_, i) => String(i)));
}

/** Container methods whose result depends on every child. */
const READS_CHILDREN = new Set(['keys', 'values', 'children', 'items', 'named_children', 'forward']);

export function callContainerMethod(ctx: Context, c: ContainerValue, name: string, args: Args): Value {
  const [a, b] = args.pos;
  noteMethodMutation(ctx, c, name);
  if (isOpaque(c) && READS_CHILDREN.has(name)) return UNKNOWN_VALUE;
  switch (name) {
    case 'append':
      if (a) (c.items.push(a), c.keys.push(String(c.items.length - 1)));
      return c;
    case 'extend': {
      const items = a && iterate(a);
      if (items) (c.items.push(...items), renumber(c));
      else forgetContents(c);
      return c;
    }
    case 'insert':
      if (a?.k === 'int' && b) (c.items.splice(a.v < 0 ? c.items.length + a.v : a.v, 0, b), renumber(c));
      else forgetContents(c);
      return NONE;
    case 'add_module':
    case 'register_module':
      addModule(c, args);
      return NONE;
    case 'update':
      if (a?.k === 'str' && b) (c.keys.push(a.v), c.items.push(b));
      else forgetContents(c);
      return NONE;
    case 'keys':
      return { k: 'list', items: c.keys.map(v => ({ k: 'str', v })) };
    case 'values':
    case 'children':
      return { k: 'list', items: [...c.items] };
    case 'items':
    case 'named_children':
      return { k: 'list', items: c.keys.map((key, i) => ({ k: 'tuple', items: [{ k: 'str', v: key }, c.items[i]] })) };
    case 'forward':
      return callContainer(ctx, c, args);
    default:
      return UNKNOWN_VALUE;
  }
}
