// Where a model's input shapes come from (docs/design.md, first that applies): --input from the
// caller; a shape comment on/above `def forward`; a jaxtyping annotation; a sample input in the
// file; otherwise symbols: batch N, channels from the first layer, spatial H, W (D for 3-D, L for 1-D).
import { type ArgValue, type Dim, type Shape, sym } from '../engine';
import { type DeclaredShape, type Range, inputShapeComments, jaxtypingShape } from '../python';
import type { Context } from './context';
import { type ClassValue, type FunctionValue, type LayerValue, type Value, tensor } from './values';

export type InputSource = 'option' | 'comment' | 'annotation' | 'sample' | 'fallback' | 'none';

export interface ModelInputs {
  /** Positional values to pass after `self`. */
  readonly values: Value[];
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

/** The input's channel count a layer's argument states: a positive integer or a symbolic size. */
function channelsOf(arg: ArgValue | undefined): Dim {
  // A size the framework would reject (10.5, 0) says nothing about the input.
  if (typeof arg === 'number') return Number.isInteger(arg) && arg > 0 ? arg : null;
  const symbolic =
    typeof arg === 'object' && arg !== null && !Array.isArray(arg) && 'kind' in arg && arg.kind === 'expr';
  return symbolic ? arg : null;
}

/** The symbolic fallback from the first layer of the model (in registration order). */
export function fallbackShape(firstLayer: LayerValue | undefined): Shape | null {
  if (!firstLayer?.spec) return null;
  const { kind, args } = firstLayer.spec;
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
  if (!guess || !firstLayer?.spec) return [];
  const kind = firstLayer.spec.kind;
  if (/^(Lazy)?(Conv|ConvTranspose|MaxPool|AvgPool|InstanceNorm)[123]d$|^BatchNorm1d$/.test(kind))
    return [guess.slice(1)].filter(s => s.length >= 1);
  // Unbatched: a sequence [L, input_size], a cell's [input_size].
  if (/^(RNN|LSTM|GRU)$/.test(kind)) return [[sym('L'), guess[2]]];
  if (/^(RNN|LSTM|GRU)Cell$/.test(kind)) return [[guess[1]]];
  return [];
}

/** While the model runs on an unknown input to find the first layer that input reaches. */
const probes = new WeakMap<Context, { readonly input: Value; reached?: LayerValue }>();

export function probeInput(ctx: Context, input: Value | undefined): () => LayerValue | undefined {
  if (!input) return () => undefined;
  const probe: { input: Value; reached?: LayerValue } = { input };
  probes.set(ctx, probe);
  return () => {
    probes.delete(ctx);
    return probe.reached;
  };
}

/** A layer called during a probe: the first one called on the input itself is the one it reaches. */
export function noteLayerInput(ctx: Context, layer: LayerValue, input: Value | undefined): void {
  const probe = probes.get(ctx);
  if (!probe || !layer.spec) return;
  if (input === probe.input) probe.reached ??= layer;
}

export function modelInputs(
  ctx: Context,
  cls: ClassValue,
  forward: FunctionValue | undefined,
  firstLayer: LayerValue | undefined,
  option: Shape | undefined,
): ModelInputs {
  const params = (forward?.def.params ?? []).slice(1).filter(p => p.kind === 'normal');
  // (A forward inherited from another file has its comments in that file's text.)
  const comments = forward ? inputShapeComments(forward.origin?.text ?? ctx.text, forward.def) : [];
  const sample = ctx.samples.get(cls)?.inputs;
  const values: Value[] = [];
  const shapes: (Shape | null)[] = [];
  let source: InputSource = 'none';
  let declared: Range | undefined;
  params.forEach((p, i) => {
    let shape: Shape | null | undefined;
    let from: InputSource = 'none';
    const comment =
      comments.find(c => c.name === p.name) ?? (i === 0 ? comments.find(c => c.name === undefined) : undefined);
    const annotated = jaxtypingShape(p.annotation);
    if (i === 0 && option) ((shape = option), (from = 'option'));
    else if (comment) ((shape = declaredToShape(comment.shape)), (from = 'comment'));
    else if (annotated) ((shape = declaredToShape(annotated)), (from = 'annotation'));
    else if (sample && i < sample.length && sample[i]) ((shape = sample[i]), (from = 'sample'));
    else if (i === 0) {
      shape = fallbackShape(firstLayer);
      from = shape ? 'fallback' : 'none';
    } else if (p.default) return; // keep Python's default (`mask=None`)
    if (i === 0) source = from;
    if (i === 0 && from === 'comment') declared = comment?.range;
    if (values.length < i) return; // a gap before this parameter: stop passing positionally
    values.push(tensor(shape ?? null));
    shapes.push(shape ?? null);
  });
  return { values, shapes, source, ...(declared ? { comment: declared } : {}) };
}
