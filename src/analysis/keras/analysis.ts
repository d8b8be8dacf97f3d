// The Keras models of a document for the Analysis: every Sequential and Functional model built at
// module level (named by the variable it is bound to, else by its Keras name), and each
// subclassed keras.Model, applied at module level or, when it never is, run on its own with
// the inputs its `call` declares (like a PyTorch model).
import { type Shape, applyLayer } from '../../engine';
import type { Range } from '../../python';
import type { Context, Recorder } from '../context';
import { modelMacs } from '../layers';
import { kerasState } from './state';
import { kerasAcceptedSizes } from './accepted';
import { type ModelRun, runModel } from '../forward';
import { isKerasModelClass } from './calls';
import { type WeightSplit, kerasWeights, layersFrozenBy } from './models';
import type { Scope } from '../scope';
import type { ModelInfo } from '../types';
import type { ClassValue, GraphModelValue, Value } from '../values';
import type { GivenInputs } from '../given-inputs';

export function tensorsIn(v: Value | undefined): Value[] {
  if (!v) return [];
  if (v.k === 'tensor') return [v];
  if (v.k === 'list' || v.k === 'tuple') return v.items.flatMap(tensorsIn);
  if (v.k === 'dict') return v.values.flatMap(tensorsIn);
  // Kept in its place (an unknown shape): dropping it would make the next output the first.
  return [v];
}

const shapeOf = (v: Value | undefined): Shape | null => (v?.k === 'tensor' ? v.shape : null);

export function variableOf(scope: Scope, v: Value): string | undefined {
  for (const [name, value] of scope.vars) if (value === v) return name;
  return undefined;
}

/** The variable's name where the model is bound (`model = keras.Model(...)`), else the call. */
export function modelRange(text: string, m: GraphModelValue, name: string | undefined): Range {
  const stmt = m.site.stmt;
  if (name && stmt && text.startsWith(name, stmt.start) && !/\w/.test(text[stmt.start + name.length] ?? ''))
    return { start: stmt.start, end: stmt.start + name.length };
  return m.site.call;
}

export function kerasModelInfos(ctx: Context, scope: Scope, rec: Recorder): ModelInfo[] {
  const out: ModelInfo[] = [];
  const frozen = layersFrozenBy(kerasState(ctx).models);
  for (const m of kerasState(ctx).models) {
    if (m.site.from) continue; // built by another file's code: no range in this document
    const variable = variableOf(scope, m);
    const name = variable ?? m.layerName;
    const inputs = m.kind === 'Sequential' ? [m.input ?? null] : tensorsIn(m.inputs).map(shapeOf);
    const output =
      m.kind === 'Sequential' ? (m.input !== undefined ? shapeOf(m.output) : null) : shapeOf(tensorsIn(m.outputs)[0]);
    const weights =
      m.input !== undefined || m.kind === 'Functional' ? kerasWeights(m, new Set(), false, frozen) : undefined;
    const macs = modelMacs(rec, m.layers);
    const sizes = kerasAcceptedSizes(ctx, m);
    if (sizes) rec.diagnostics.push(...sizes.diagnostics);
    out.push({
      name,
      framework: 'keras',
      range: modelRange(ctx.text, m, variable),
      inputs,
      output,
      ...weightFields(weights),
      ...(macs !== undefined ? { macs } : {}),
      layers: [...m.layers],
      ...(sizes?.accepted ? { accepted: sizes.accepted } : {}),
      ...(sizes?.implied ? { implied: sizes.implied } : {}),
    });
  }
  for (const app of kerasState(ctx).applications) {
    const own = app.spec ? applyLayer(app.spec, []) : undefined;
    const variable = variableOf(scope, app);
    out.push({
      name: variable ?? app.layerName ?? app.kind,
      framework: 'keras',
      range: app.site.call,
      inputs: [app.declaredInput ?? null],
      output: own?.ok ? own.output : null,
      ...weightFields(kerasWeights(app, new Set(), false, frozen)),
      layers: [],
    });
  }
  for (const run of kerasState(ctx).objectRuns) {
    if (run.obj.cls.origin) continue; // another file's class: no range in this document
    const weights = kerasWeights(run.obj, new Set(), false, frozen);
    const macs = modelMacs(rec, run.layers);
    out.push({
      name: run.obj.cls.def.name,
      framework: 'keras',
      range: run.obj.cls.def.nameRange,
      inputs: run.inputs,
      output: run.output,
      ...weightFields(weights),
      ...(macs !== undefined ? { macs } : {}),
      layers: run.layers,
    });
  }
  return out;
}

/** Total params as Keras' summary gives it, with its Trainable / Non-trainable split. */
function weightFields(w: WeightSplit | undefined) {
  if (!w) return {};
  return { params: w.trainable + w.frozen, trainableParams: w.trainable, nonTrainableParams: w.frozen };
}

/**
 * Subclassed keras.Model classes the file never applies at module level: each runs on its own
 * (inputs from a shape comment, an annotation or --input), named as in a fresh Keras session.
 */
export function standaloneKerasRuns(
  ctx: Context,
  inputFor: (cls: ClassValue) => GivenInputs | undefined,
  budget: number,
): ModelRun[] {
  const runs: ModelRun[] = [];
  for (const cls of ctx.classes) {
    if (cls.framework !== 'keras' || !isKerasModelClass(cls)) continue;
    if (kerasState(ctx).objectRuns.some(r => r.obj.cls === cls)) continue;
    const saved = kerasState(ctx).uids;
    kerasState(ctx).uids = new Map();
    try {
      runs.push(runModel(ctx, cls, inputFor(cls), budget));
    } finally {
      kerasState(ctx).uids = saved;
    }
  }
  return runs;
}
