// The PyTorch models of a document: each nn.Module class run on its own, last defined first, and
// each module-level nn.Sequential, named by its variable.
import type { Shape } from '../../engine';
import type { Context } from '../context';
import { type ModelRun, runContainerModel, runInstanceModel, runModel } from '../forward';
import { forwardOf, type ModelJob, type NamedRun } from '../frontend';
import { forwardParams, modelInputs } from '../inputs';
import { type GivenInputs, firstGiven, givenFor } from '../given-inputs';
import type { Scope } from '../scope';
import type { ClassValue, FunctionValue, ObjectValue } from '../values';
import { builtSite } from './torchvision/models';
import { runsAsInstance, sampledAt } from './samples';
import { builtClasses } from '../builders';
import { runImportedModels } from './imported-models';
import { declaredToShape } from '../inputs';
import { inputShapeComments } from '../../python';

/** The class's input is declared (so it is a model even when it is also a building block):
 *  known before running it, from the same rules as the run's own choice of inputs. */
function declaresInput(ctx: Context, cls: ClassValue, option: GivenInputs | undefined): boolean {
  if (option) return true;
  const source = modelInputs(ctx, cls, forwardOf(ctx, cls), undefined, option).source;
  return source !== 'fallback' && source !== 'none';
}

/**
 * Runs each PyTorch nn.Module class as a model, last defined first, so that a building block is
 * known to be one (a later class instantiated it) before its turn and is not run on its own
 * only to be dropped. Returns the runs in definition order.
 */
export function runPytorchModels(ctx: Context, { inputs, limits, session }: ModelJob): ModelRun[] {
  const runs: (ModelRun | undefined)[] = [];
  // `--input SHAPE` (key `*`) is for the models, not for their building blocks.
  const starred = new Set<number>();
  // A class a builder function returned is that function's model (runBuilderModels), not its own.
  const built = builtClasses(ctx);
  const runOne = (i: number) => {
    runs[i] = undefined;
    const cls = ctx.classes[i];
    if (!cls.isModule || cls.framework !== 'pytorch') return;
    if (built.has(cls) && !inputs?.[cls.def.name]) return;
    const everyModel = !ctx.usedAsSubmodule.has(cls);
    // (The forward's parameters name inputs only when the caller gives some.)
    const option = inputs && givenFor(inputs, cls.def.name, everyModel, forwardParams(forwardOf(ctx, cls)));
    if (option && everyModel && !inputs?.[cls.def.name]) starred.add(i);
    if (ctx.usedAsSubmodule.has(cls) && !declaresInput(ctx, cls, option)) return;
    const exec = () => runModel(ctx, cls, option, limits.maxSteps);
    const run = session ? session.run(cls, option, exec) : exec();
    runs[i] = run.declined ? undefined : run;
  };
  const defined = ctx.classes.length;
  for (let i = defined - 1; i >= 0; i--) runOne(i);
  // Classes defined while running (inside a function) run after, in the order they appeared.
  for (let i = defined; i < ctx.classes.length; i++) runOne(i);
  // A building block found to be one only after its run with `*` runs again without it.
  for (const i of starred) if (ctx.usedAsSubmodule.has(ctx.classes[i]) && !inputs?.[ctx.classes[i].def.name]) runOne(i);
  return runs.filter((r): r is ModelRun => r !== undefined);
}

/** The input a builder function declares in a shape comment on its `def` line (or the line above). */
function builderComment(ctx: Context, fn: FunctionValue): GivenInputs | undefined {
  const declared = inputShapeComments(ctx.text, fn.def);
  if (declared.length === 0) return undefined;
  // `# x: [1, 3, 224, 224]` is the model's first input; `x: …, t: …` names its forward's arguments.
  const named: Record<string, Shape> = {};
  for (const d of declared.slice(1)) if (d.name) named[d.name] = declaredToShape(d.shape);
  return { positional: [declaredToShape(declared[0].shape)], named };
}

/** Models returned by functions the file never calls (builders.ts), named after the function. */
function runBuilderModels(ctx: Context, scope: Scope, { inputs, limits }: ModelJob): NamedRun[] {
  const out: NamedRun[] = [];
  for (const [name, v] of scope.vars) {
    const fn = ctx.builtBy.get(v);
    if (!fn || v.k !== 'object' || v.cls.framework !== 'pytorch') continue;
    const params = forwardParams(forwardOf(ctx, v.cls));
    const option =
      (inputs?.[name] && givenFor(inputs, name, false)) ??
      builderComment(ctx, fn) ??
      givenFor(inputs, name, true, params);
    const { cls: _cls, ...run } = runModel(ctx, v.cls, option, limits.maxSteps, fn);
    out.push({ ...run, name, range: fn.def.nameRange });
  }
  return out;
}

/** A torchvision model held by a module-level variable, as the file left it (its head replaced). */
function runLibraryModel(
  ctx: Context,
  name: string,
  obj: ObjectValue,
  option: Shape | undefined,
  budget: number,
): NamedRun {
  const built = builtSite(obj);
  const entry = sampledAt.get(obj) ?? built?.call;
  const run = runInstanceModel(ctx, name, obj, option, budget, entry);
  const at =
    built?.stmt && ctx.text.startsWith(name, built.stmt.start)
      ? { start: built.stmt.start, end: built.stmt.start + name.length }
      : (built?.call ?? entry ?? { start: 0, end: 0 });
  return { ...run, range: at };
}

/** A script's top-level nn.Sequential is a model too, named by its variable; so is a builder function's model. */
export function runSequentialVariables(ctx: Context, scope: Scope, job: ModelJob): NamedRun[] {
  const { inputs, limits } = job;
  const out: NamedRun[] = [...runBuilderModels(ctx, scope, job), ...runImportedModels(ctx, scope, job)];
  const seenContainers = new Set<unknown>();
  for (const [name, v] of scope.vars) {
    if (v.k === 'object' && runsAsInstance(v) && !seenContainers.has(v)) {
      seenContainers.add(v);
      out.push(runLibraryModel(ctx, name, v, firstGiven(givenFor(inputs, name, true)), limits.maxSteps));
      continue;
    }
    if (v.k !== 'container' || v.kind !== 'Sequential' || seenContainers.has(v)) continue;
    seenContainers.add(v);
    const option = firstGiven(givenFor(inputs, name, true));
    const run = runContainerModel(ctx, name, v, option, limits.maxSteps);
    const at =
      v.site.stmt && ctx.text.startsWith(name, v.site.stmt.start)
        ? { start: v.site.stmt.start, end: v.site.stmt.start + name.length }
        : v.site.call;
    out.push({ ...run, range: at });
  }
  return out;
}
