// Where a model's input shapes come from (docs/design.md, first that applies): --input from the
// caller; a shape comment on/above `def forward`; a jaxtyping annotation; a sample input in the
// file; otherwise symbols: batch N, channels from the first layer, spatial H, W (D for 3-D, L for 1-D).
import { type Dim, type Shape, sym } from '../engine';
import { type DeclaredShape, inputShapeComments, jaxtypingShape } from '../python';
import type { Context } from './context';
import { type ClassValue, type FunctionValue, type LayerValue, type Value, tensor } from './values';

export type InputSource = 'option' | 'comment' | 'annotation' | 'sample' | 'fallback' | 'none';

export interface ModelInputs {
  /** Positional values to pass after `self`. */
  readonly values: Value[];
  readonly shapes: (Shape | null)[];
  /** Where the first input came from. */
  readonly source: InputSource;
}

export function declaredToShape(d: DeclaredShape): Shape {
  return d.map(x => (x === null ? null : typeof x === 'number' ? x : sym(x)));
}

const SPATIAL: Record<string, readonly string[]> = { '1d': ['L'], '2d': ['H', 'W'], '3d': ['D', 'H', 'W'] };

/** The symbolic fallback from the first layer of the model (in registration order). */
export function fallbackShape(firstLayer: LayerValue | undefined): Shape | null {
  if (!firstLayer?.spec) return null;
  const { kind, args } = firstLayer.spec;
  const channelArg = args.in_channels ?? args.num_features ?? args.in_features;
  const channels: Dim = typeof channelArg === 'number' ? channelArg : typeof channelArg === 'object' && channelArg !== null && !Array.isArray(channelArg) && 'kind' in channelArg && channelArg.kind === 'expr' ? channelArg : null;
  if (/^(Lazy)?Linear$|^Bilinear$/.test(kind)) return [sym('N'), channels];
  const m = /([123]d)$/.exec(kind);
  if (!m) return null;
  return [sym('N'), channels, ...SPATIAL[m[1]].map(s => sym(s))];
}

export function modelInputs(
  ctx: Context,
  cls: ClassValue,
  forward: FunctionValue | undefined,
  firstLayer: LayerValue | undefined,
  option: Shape | undefined,
): ModelInputs {
  const params = (forward?.def.params ?? []).slice(1).filter(p => p.kind === 'normal');
  const comments = forward ? inputShapeComments(ctx.text, forward.def) : [];
  const sample = ctx.samples.get(cls)?.inputs;
  const values: Value[] = [];
  const shapes: (Shape | null)[] = [];
  let source: InputSource = 'none';
  params.forEach((p, i) => {
    let shape: Shape | null | undefined;
    let from: InputSource = 'none';
    const comment = comments.find(c => c.name === p.name) ?? (i === 0 ? comments.find(c => c.name === undefined) : undefined);
    const annotated = jaxtypingShape(p.annotation);
    if (i === 0 && option) (shape = option), (from = 'option');
    else if (comment) (shape = declaredToShape(comment.shape)), (from = 'comment');
    else if (annotated) (shape = declaredToShape(annotated)), (from = 'annotation');
    else if (sample && i < sample.length && sample[i]) (shape = sample[i]), (from = 'sample');
    else if (i === 0) {
      shape = fallbackShape(firstLayer);
      from = shape ? 'fallback' : 'none';
    } else if (p.default) return; // keep Python's default (`mask=None`)
    if (i === 0) source = from;
    if (values.length < i) return; // a gap before this parameter: stop passing positionally
    values.push(tensor(shape ?? null));
    shapes.push(shape ?? null);
  });
  return { values, shapes, source };
}
