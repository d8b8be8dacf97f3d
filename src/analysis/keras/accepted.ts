// The input sizes a Keras Sequential or Functional model accepts (docs/design.md, "Accepted input
// sizes"). Keras builds a model on the shape its Input declares, and every layer adapts to what
// it is built on (a Dense after a Flatten takes whatever the Flatten gives): so the question is
// for which declared sizes the model builds. The model is run again on a twin of its input with
// the spatial sizes replaced by symbols (`(None, H, W, 3)`: H at dim 1, as Keras has it), every
// layer unbuilt, and the requirements the rules state are solved as for a PyTorch model.
import { type Dim, type Shape, isKnown } from '../../engine';
import { sym } from '../../engine/dim';
import { BudgetExceeded, type Context, Recorder, noArgs } from '../context';
import {
  type NamedInput,
  type SitedRequirement,
  checkDeclared,
  collectSited,
  runUnderstood,
  settleInputs,
  settleSymbolic,
  subscripted,
} from '../accepted';
import { callValue } from '../calls';
import type { AcceptedInputs, Diagnostic, ImpliedInput } from '../types';
import { type GraphModelValue, type LayerValue, type Value, isGraphTensor } from '../values';
import { reportUnexpected } from '../../common/internal-errors';
import { callKerasModel, kerasInputTensor } from './models';
import { kerasState } from './state';

/** Steps one re-run may take: a model the module level built once more. */
const RERUN_STEPS = 50_000;

const SPATIAL: Record<number, readonly string[]> = { 3: ['L'], 4: ['H', 'W'], 5: ['D', 'H', 'W'] };

export interface KerasAccepted {
  readonly accepted?: AcceptedInputs;
  readonly implied?: ImpliedInput;
  readonly diagnostics: readonly Diagnostic[];
}

/** A Functional model's Input tensors, in order. */
function inputTensors(m: GraphModelValue): readonly Value[] {
  const inputs = m.inputs;
  return !inputs ? [] : inputs.k === 'list' || inputs.k === 'tuple' ? inputs.items : [inputs];
}

/** A Functional model's single Input tensor. */
function inputTensor(m: GraphModelValue): Value | undefined {
  const tensors = inputTensors(m);
  return tensors.length === 1 && isGraphTensor(tensors[0]) ? tensors[0] : undefined;
}

/** The model's one input: a Sequential's built input, a Functional model's single Input. */
function theInput(m: GraphModelValue): Shape | undefined {
  if (m.kind === 'Sequential') return m.input ?? undefined;
  const t = inputTensor(m);
  return t?.k === 'tensor' ? (t.shape ?? undefined) : undefined;
}

/** `(28, 28, 1)` written over the Input's `shape=(None, None, 1)`. */
function declarationOf(ctx: Context, m: GraphModelValue, shape: Shape): ImpliedInput['declaration'] {
  const t = m.kind === 'Functional' ? inputTensor(m) : undefined;
  const at = t?.k === 'tensor' ? t.graph?.declared : undefined;
  const range = at !== undefined ? kerasState(ctx).declaredShapes.get(at)?.r : undefined;
  const dims = shape.slice(1);
  if (!range || !dims.every(isKnown)) return undefined;
  return { range, newText: `(${dims.join(', ')}${dims.length === 1 ? ',' : ''})` };
}

/** Every Keras layer the model reaches (inner models and subclassed layers included). */
function layersOf(v: Value, into: Set<LayerValue>, seen = new Set<Value>()): Set<LayerValue> {
  if (seen.has(v)) return into;
  seen.add(v);
  if (v.k === 'layer') into.add(v);
  else if (v.k === 'kmodel') {
    const parts = v.kind === 'Sequential' ? v.items : (v.nodes ?? []).flatMap(n => (n.callee ? [n.callee] : []));
    for (const p of parts) layersOf(p, into, seen);
  } else if (v.k === 'object') for (const a of v.attrs.values()) layersOf(a, into, seen);
  else if (v.k === 'list' || v.k === 'tuple') for (const i of v.items) layersOf(i, into, seen);
  return into;
}

/** Runs `f` with every layer unbuilt (as a model declared on another size would have them). */
function unbuilt<T>(layers: ReadonlySet<LayerValue>, f: () => T): T {
  const saved = [...layers].map(l => [l, l.firstInput, l.firstInputs] as const);
  for (const l of layers) {
    l.firstInput = undefined;
    l.firstInputs = undefined;
  }
  try {
    return f();
  } finally {
    for (const [l, first, firsts] of saved) {
      l.firstInput = first;
      l.firstInputs = firsts;
    }
  }
}

/**
 * The model built anew on `input` (every layer unbuilt, as a model declared on that size would
 * have them), recorded apart from the analysis; undefined when the run goes over its budget.
 * `around` wraps the run (to collect the size requirements it states).
 */
export function rerunUnbuilt(
  ctx: Context,
  m: GraphModelValue,
  input: Shape | readonly Shape[],
  around: (f: () => void) => void = f => f(),
): { rec: Recorder; output: Shape | null } | undefined {
  // Several inputs go in as a list, as `model([image, mask])`.
  const given: Value = isShapeList(input)
    ? { k: 'list', items: input.map(i => kerasInputTensor(i)) }
    : kerasInputTensor(input);
  const spare = new Recorder();
  const state = kerasState(ctx);
  const saved = { rec: ctx.rec, phase: ctx.phase, stepLimit: ctx.stepLimit, rerunning: state.rerunning };
  let output: Shape | null = null;
  try {
    ctx.rec = spare;
    ctx.phase = 'forward';
    ctx.stepLimit = ctx.steps + RERUN_STEPS;
    state.rerunning = true;
    unbuilt(layersOf(m, new Set()), () =>
      around(() => {
        const out = callKerasModel(ctx, m, noArgs([given]), callValue);
        const first = out.k === 'list' || out.k === 'tuple' ? out.items[0] : out;
        output = first?.k === 'tensor' ? first.shape : null;
      }),
    );
  } catch (e) {
    if (!(e instanceof BudgetExceeded)) reportUnexpected('analysis.kerasAcceptedSizes', e);
    return undefined;
  } finally {
    ctx.rec = saved.rec;
    ctx.phase = saved.phase;
    ctx.stepLimit = saved.stepLimit;
    state.rerunning = saved.rerunning;
  }
  return { rec: spare, output };
}

/**
 * What the model accepts, or undefined when the re-run is not understood. A declared size (an
 * Input of 64×64) gets the sets only; an undeclared one (`shape=(None, None, 1)`) the sets, the
 * input a layer pins (a Reshape to a fixed size), or the error that no size builds.
 */
export function kerasAcceptedSizes(ctx: Context, m: GraphModelValue): KerasAccepted | undefined {
  const format = kerasState(ctx).dataFormat;
  if (format !== undefined && format !== 'channels_last') return undefined;
  if (m.kind === 'Functional' && inputTensors(m).length > 1) return severalInputs(ctx, m);
  const declared = theInput(m);
  if (!declared) return undefined;
  const names = SPATIAL[declared.length];
  if (!names) return undefined;
  const spatial = declared.slice(1, -1);
  const open = spatial.every(d => d === null);
  if (!open && !spatial.every(isKnown)) return undefined;
  // The batch as a symbol too (Keras' None): every size the re-run makes is then followed.
  const batch = declared[0] === null ? sym('N') : declared[0];
  const twin: Dim[] = [batch, ...names.map(n => sym(n)), declared[declared.length - 1]];
  const requirements: SitedRequirement[] = [];
  const run = rerunUnbuilt(ctx, m, twin, f => collectSited(ctx, requirements, f));
  if (!run) return undefined;
  const { rec: spare, output } = run;
  if (spare.diagnostics.some(d => d.severity === 'error') || !runUnderstood(spare, output, twin, requirements))
    return undefined;
  // A requirement is sited at the layer that states it (where it was constructed): the re-run
  // has no statement of its own.
  const defined = new Map(spare.layers.flatMap(l => (l.definition ? [[l.name, l.definition] as const] : [])));
  const sited = requirements.map(r => ({ ...r, range: defined.get(r.site) ?? m.site.call }));
  const rec = new Recorder();
  if (open) settleSymbolic(rec, twin, sited, m.site.call);
  else checkDeclared(rec, declared, twin, sited, undefined);
  const shape = rec.implied && [declared[0], ...rec.implied.shape.slice(1)];
  const declaration = shape && declarationOf(ctx, m, shape);
  const implied = rec.implied && shape && { ...rec.implied, shape, ...(declaration ? { declaration } : {}) };
  return {
    ...(rec.accepted ? { accepted: rec.accepted } : {}),
    ...(implied ? { implied } : {}),
    diagnostics: rec.diagnostics,
  };
}

const isShapeList = (v: Shape | readonly Shape[]): v is readonly Shape[] => v.length > 0 && Array.isArray(v[0]);

/**
 * A Functional model of several Inputs: each Input's twin with symbols of its own (`H`, `W` for
 * the first, `H₂`, `W₂` for the second: the subscript is the Input's position), the model built
 * anew on all of them, and the requirements solved jointly (accepted.ts `settleInputs`). An Input
 * whose sizes are partly written, or not known, leaves the answer unknown.
 */
function severalInputs(ctx: Context, m: GraphModelValue): KerasAccepted | undefined {
  const inputs: NamedInput[] = [];
  for (const [k, t] of inputTensors(m).entries()) {
    const shape = t.k === 'tensor' && isGraphTensor(t) ? t.shape : null;
    const at = t.k === 'tensor' ? t.graph?.declared : undefined;
    const name = at !== undefined ? kerasState(ctx).inputLabels.get(at) : undefined;
    if (!shape || !name || shape.length < 2) return undefined;
    const spatial = shape.slice(1, -1);
    const names = SPATIAL[shape.length];
    // A vector Input (`shape=(16,)`) has no size to vary: it goes in as written.
    if (!names && shape.length > 2) return undefined;
    if (names && !(spatial.every(d => d === null) || spatial.every(isKnown))) return undefined;
    if (!isKnown(shape[shape.length - 1])) return undefined;
    const batch = shape[0] === null ? sym('N') : shape[0];
    const twin: Dim[] = names
      ? [batch, ...names.map(n => sym(subscripted(n, k))), shape[shape.length - 1]]
      : [batch, shape[1]];
    inputs.push({ name, shape: twin });
  }
  const requirements: SitedRequirement[] = [];
  const run = rerunUnbuilt(
    ctx,
    m,
    inputs.map(i => i.shape),
    f => collectSited(ctx, requirements, f),
  );
  if (!run) return undefined;
  const { rec: spare, output } = run;
  if (spare.diagnostics.some(d => d.severity === 'error')) return undefined;
  if (!inputs.every(i => runUnderstood(spare, output, i.shape, requirements))) return undefined;
  const rec = new Recorder();
  settleInputs(rec, inputs, requirements);
  return { ...(rec.accepted ? { accepted: rec.accepted } : {}), diagnostics: [] };
}
