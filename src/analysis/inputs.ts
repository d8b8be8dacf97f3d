// Where a model's input shapes come from (docs/design.md, first that applies): --input from the
// caller; a shape comment on/above `def forward`; a jaxtyping annotation; a sample input in the
// file; otherwise symbols: batch N, channels from the first layer, spatial H, W (D for 3-D, L for 1-D).
import { type ArgValue, type Dim, type Shape, findRule, sym } from '../engine';
import { type DeclaredShape, type Range, inputShapeComments, jaxtypingShape } from '../python';
import type { Args, Context } from './context';
import type { GivenInputs } from './given-inputs';
import {
  type ClassValue,
  type FunctionValue,
  type LayerValue,
  UNKNOWN_VALUE,
  type Value,
  tensor,
  freshTensor,
} from './values';
import { lookedUpForwardParams } from './looked-up-classes';

export type InputSource = 'option' | 'comment' | 'annotation' | 'sample' | 'fallback' | 'none';

export interface ModelInputs {
  /** Positional values to pass after `self`. */
  readonly values: Value[];
  /** The values passed by keyword (after a `*`, or after a parameter left to its default). */
  readonly keywords: ReadonlyMap<string, Value>;
  /** The shape of each tensor the inputs hold, in parameter order (constants have none). */
  readonly shapes: (Shape | null)[];
  /** Where the first input came from. */
  readonly source: InputSource;
  /** The first input's shape comment (its shape text), when it came from one. */
  readonly comment?: Range;
}

export function declaredToShape(d: DeclaredShape): Shape {
  return d.map(x => (x === null ? null : typeof x === 'number' ? x : sym(x)));
}

const SPATIAL: Record<string, readonly string[]> = { '1d': ['L'], '2d': ['H', 'W'], '3d': ['D', 'H', 'W'] };

/** `[N, C, H, W]` for a shape of rank 4 (`L` for 3, `D, H, W` for 5): spatial axes named by rank. */
export function spatialByRank(shape: Shape): Shape | null {
  const names = SPATIAL[`${shape.length - 2}d`];
  return names ? [sym('N'), shape[1], ...names.map(s => sym(s))] : null;
}

/** The input's channel count a layer's argument states: a positive integer or a symbolic size. */
function channelsOf(arg: ArgValue | undefined): Dim {
  // A size the framework would reject (10.5, 0) says nothing about the input.
  if (typeof arg === 'number') return Number.isInteger(arg) && arg > 0 ? arg : null;
  const symbolic =
    typeof arg === 'object' && arg !== null && !Array.isArray(arg) && 'kind' in arg && arg.kind === 'expr';
  return symbolic ? arg : null;
}

/** A layer's kind when the engine has its rule, even if its arguments are not understood. */
const ruleKind = (layer: LayerValue | undefined): string | undefined =>
  layer && (layer.spec?.kind ?? findRule(layer.framework, layer.kind)?.kind);

/** The symbolic fallback from the first layer of the model (in registration order). */
export function fallbackShape(firstLayer: LayerValue | undefined): Shape | null {
  const kind = ruleKind(firstLayer);
  if (!firstLayer || !kind) return null;
  // A layer whose arguments are not understood (`nn.Conv2d(10.5, 8, 3)`) still says the rank.
  const args = firstLayer.spec?.args ?? {};
  const channelArg = args.in_channels ?? args.num_features ?? args.in_features;
  const channels = channelsOf(channelArg);
  // A Linear takes (*, in_features): the rank stays open, so no shape is guessed (unknown beats wrong).
  if (/^(Lazy)?Linear$|^Bilinear$/.test(kind)) return null;
  // A recurrent layer reads a sequence [L, N, input_size] ([N, L, …] batch first); a cell [N, input_size].
  const features = typeof args.input_size === 'number' ? args.input_size : null;
  if (/^(RNN|LSTM|GRU)$/.test(kind) && typeof args.batch_first === 'boolean')
    return args.batch_first ? [sym('N'), sym('L'), features] : [sym('L'), sym('N'), features];
  if (/^(RNN|LSTM|GRU)Cell$/.test(kind)) return [sym('N'), features];
  const m = /([123]d)$/.exec(kind);
  if (!m) return null;
  return [sym('N'), channels, ...SPATIAL[m[1]].map(s => sym(s))];
}

/**
 * The other ranks the first layer accepts, beside the fallback's (Conv2d takes an unbatched
 * [C, H, W]; a Linear-first model gets no guess at all): the model is also run on these, and
 * a diagnostic is kept only when it holds for every rank (none may rest on a guessed rank).
 */
export function alternativeShapes(guess: Shape | null, firstLayer: LayerValue | undefined): Shape[] {
  const kind = ruleKind(firstLayer);
  if (!guess || !kind) return [];
  if (/^(Lazy)?(Conv|ConvTranspose|MaxPool|AvgPool|InstanceNorm)[123]d$|^BatchNorm1d$/.test(kind))
    return [guess.slice(1)].filter(s => s.length >= 1);
  // Unbatched: a sequence [L, input_size], a cell's [input_size].
  if (/^(RNN|LSTM|GRU)$/.test(kind)) return [[sym('L'), guess[2]]];
  if (/^(RNN|LSTM|GRU)Cell$/.test(kind)) return [[guess[1]]];
  return [];
}

/** While the model runs on unknown inputs to find the first layer each input reaches. */
const probes = new WeakMap<Context, { readonly inputs: readonly Value[]; readonly reached: Map<Value, LayerValue> }>();

export function probeInput(ctx: Context, input: Value | undefined): () => LayerValue | undefined {
  if (!input) return () => undefined;
  const reached = probeInputs(ctx, [input]);
  return () => reached().get(input);
}

/** Probes several inputs at once: each input's first layer, when one is reached. */
export function probeInputs(ctx: Context, inputs: readonly Value[]): () => ReadonlyMap<Value, LayerValue> {
  const probe = { inputs, reached: new Map<Value, LayerValue>() };
  probes.set(ctx, probe);
  return () => {
    probes.delete(ctx);
    return probe.reached;
  };
}

/** A layer called during a probe: the first one called on an input itself is the one it reaches. */
export function noteLayerInput(ctx: Context, layer: LayerValue, input: Value | undefined): void {
  const probe = probes.get(ctx);
  if (!probe || !ruleKind(layer) || !input || !probe.inputs.includes(input)) return;
  if (!probe.reached.has(input)) probe.reached.set(input, layer);
}

/** The names of a forward's parameters after `self`. */
export const forwardParams = (forward: FunctionValue | undefined): string[] =>
  (forward?.def.params ?? []).slice(1).map(p => p.name);

/** The arguments a model's forward is called with: by position, then by keyword. */
export function callArgs(chosen: ModelInputs, first?: Value): Args {
  const pos = first && chosen.values.length > 0 ? [first, ...chosen.values.slice(1)] : [...chosen.values];
  return { pos, kw: new Map(chosen.keywords), unknownRest: false };
}

/** A sample's value for one run: lists and dicts copied, so a run that mutates one changes no other. */
function fresh(v: Value): Value {
  if (v.k === 'tuple') return { k: 'tuple', items: v.items.map(fresh) };
  if (v.k === 'list') return { k: 'list', items: v.items.map(fresh) };
  if (v.k === 'tensor') return freshTensor(v.shape);
  return v;
}

/** The tensors' shapes an argument holds (a tuple of tensors: each); none for a constant. */
function shapesIn(v: Value): (Shape | null)[] {
  if (v.k === 'tensor') return [v.shape];
  if (v.k === 'tuple' || v.k === 'list') return v.items.flatMap(shapesIn);
  return v.k === 'unknown' ? [null] : [];
}

/**
 * Binds each forward parameter to its input, the first source that has one: the caller's shape
 * (by name or position), a shape comment naming it (an unnamed one: the first), a jaxtyping
 * annotation, the sample call's argument (by keyword or position, tensors, constants and tuples
 * alike), for the first the symbolic guess, else Python's default, else a tensor of unknown shape.
 * Parameters after a `*` (or after one left to its default) are passed by keyword.
 */
export function modelInputs(
  ctx: Context,
  cls: ClassValue,
  forward: FunctionValue | undefined,
  firstLayer: LayerValue | undefined,
  given: GivenInputs | undefined,
): ModelInputs {
  // (A forward inherited from another file has its comments in that file's text.)
  const text = forward?.origin?.text ?? ctx.text;
  const comments = forward ? inputShapeComments(text, forward.def) : [];
  const sample = ctx.samples.get(cls)?.call;
  const values: Value[] = [];
  const keywords = new Map<string, Value>();
  const shapes: (Shape | null)[] = [];
  let source: InputSource = 'none';
  let declared: Range | undefined;
  let positional = true;
  let index = 0;
  let previousEnd = forward?.def.params[0]?.r.end ?? 0;
  let lookedUp: Set<string> | undefined;
  for (const p of (forward?.def.params ?? []).slice(1)) {
    // A bare `*` is not a parameter of its own: the text before this one tells.
    if (text.slice(previousEnd, p.r.start).includes('*')) positional = false;
    previousEnd = p.r.end;
    if (p.kind !== 'normal') {
      if (p.kind === 'star') positional = false;
      continue;
    }
    const i = positional ? index++ : -1;
    let value: Value | undefined;
    let from: InputSource = 'none';
    const comment =
      comments.find(c => c.name === p.name) ?? (i === 0 ? comments.find(c => c.name === undefined) : undefined);
    const annotated = jaxtypingShape(p.annotation);
    const option = given?.named[p.name] ?? (i >= 0 ? given?.positional[i] : undefined);
    let sampled = sample?.kw.get(p.name) ?? (i >= 0 ? sample?.pos[i] : undefined);
    // An unknown first input is better guessed; an unknown later one is passed as it is (not the default).
    if (i === 0 && sampled && (sampled.k === 'unknown' || (sampled.k === 'tensor' && sampled.shape === null)))
      sampled = undefined;
    if (option) ((value = freshTensor(option)), (from = 'option'));
    else if (comment) ((value = freshTensor(declaredToShape(comment.shape))), (from = 'comment'));
    else if (annotated) ((value = freshTensor(declaredToShape(annotated))), (from = 'annotation'));
    else if (sampled) ((value = fresh(sampled)), (from = 'sample'));
    else if (i === 0) {
      const shape = fallbackShape(firstLayer);
      value = freshTensor(shape);
      from = shape ? 'fallback' : 'none';
    } else if (p.default) {
      // Python's default (`mask=None`), unless a call not understood may pass it; later ones go by keyword.
      if (sample || !(lookedUp ??= forward ? lookedUpForwardParams(ctx, forward) : new Set()).has(p.name)) continue;
      value = UNKNOWN_VALUE;
    } else value = tensor(null);
    if (i === 0) source = from;
    if (i === 0 && from === 'comment') declared = comment?.range;
    if (positional && i === values.length) values.push(value);
    else keywords.set(p.name, value);
    shapes.push(...shapesIn(value));
  }
  return { values, keywords, shapes, source, ...(declared ? { comment: declared } : {}) };
}
