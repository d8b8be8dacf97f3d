// The quick fix for a built Keras model called on a tensor whose last axis differs from the one
// its input declares (`keras.Input(shape=(512,))`, a first layer's `input_shape=(512,)` or
// `input_dim=512`): declare the incoming size, written as the author wrote it (a module constant
// used only there is changed at its definition). Keras builds every layer on the declared input,
// so the call fails at the first layer that infers its weights from it. The fix is offered only
// when the model, built anew on the incoming shape, runs without an error: a Reshape or a Dense
// pinned to the old size would make the new declaration just as wrong.
import { type Shape, dimEquals, isKnown } from '../../engine';
import type { Expr } from '../../python';
import { writtenValueFix } from '../argument-fix';
import type { Args, Context } from '../context';
import type { GraphModelValue, Value } from '../values';
import { rerunUnbuilt } from './accepted';
import { kerasState } from './state';

/** The model's one declared input: its shape and the offset of its declaration. */
function declaration(m: GraphModelValue): { shape: Shape; at: number } | undefined {
  if (m.kind === 'Sequential')
    return m.input && m.inputAt !== undefined ? { shape: m.input, at: m.inputAt } : undefined;
  const inputs = m.inputs;
  const tensors: readonly Value[] = !inputs
    ? []
    : inputs.k === 'list' || inputs.k === 'tuple'
      ? inputs.items
      : [inputs];
  const [t] = tensors;
  if (tensors.length !== 1 || t.k !== 'tensor' || !t.shape || t.graph?.declared === undefined) return undefined;
  return { shape: t.shape, at: t.graph.declared };
}

/** Where the declared last axis is written: a tuple's last item, or `input_dim=`'s expression. */
function lastAxisExpr(written: Expr): Expr | undefined {
  if (written.k === 'tuple' || written.k === 'list') {
    const last = written.items[written.items.length - 1];
    return last && last.k !== 'starred' ? last : undefined;
  }
  return written;
}

/** The shape the model was called on, when it is one tensor. */
function givenShape(args: Args): Shape | undefined {
  const [x] = args.pos;
  return args.pos.length === 1 && x?.k === 'tensor' && x.shape ? x.shape : undefined;
}

/**
 * Adds the fix to the errors the call `args` of model `m` raised (the diagnostics from index
 * `from` on, at the call).
 */
export function offerDeclaredInput(ctx: Context, m: GraphModelValue, args: Args, from: number): void {
  const state = kerasState(ctx);
  if (state.rerunning || ctx.foreign) return;
  const declared = declaration(m);
  const given = givenShape(args);
  const written = declared && state.declaredShapes.get(declared.at);
  const expr = written && lastAxisExpr(written);
  if (!declared || !given || !expr || given.length !== declared.shape.length) return;
  const last = given.length - 1;
  const size = given[last];
  const old = declared.shape[last];
  if (!isKnown(size) || !isKnown(old) || size === old || size < 1) return;
  // Only the last axis is off: the other declared sizes are the incoming ones, or free (None).
  if (declared.shape.slice(1, last).some((d, i) => d !== null && !dimEquals(d, given[i + 1]))) return;
  const anew = [...declared.shape.slice(0, last), size];
  const run = rerunUnbuilt(ctx, m, anew);
  if (!run || run.output === null || run.rec.diagnostics.some(d => d.severity === 'error')) return;
  const literal = expr.k === 'num';
  const fix = writtenValueFix(
    ctx,
    `Declare the input's last axis as ${size}`,
    { range: expr.r, literal, expr },
    size,
    false,
  );
  if (!fix) return;
  const at = args.range!;
  const diagnostics = ctx.rec.diagnostics;
  for (let i = from; i < diagnostics.length; i++) {
    const d = diagnostics[i];
    if (d.severity === 'error' && d.range.start === at.start && d.range.end === at.end)
      diagnostics[i] = { ...d, fixes: [...d.fixes, fix] };
  }
}
