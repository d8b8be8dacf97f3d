// One model run: build the module (its __init__, with the constructor arguments written in the
// file if any), name its submodules as named_modules() would, pick the inputs, run forward, and
// count parameters once per module.
import { reportUnexpected } from '../common/internal-errors';
import { type Dim, type Shape, sym } from '../engine';
import type { Range } from '../python';
import { callValue, instantiate } from './calls';
import { type Args, BudgetExceeded, type Context, Recorder, noArgs } from './context';
import { findInClass } from './attributes';
import { forwardOf } from './frontend';
import {
  type InputSource,
  type ModelInputs,
  alternativeShapes,
  callArgs,
  forwardParams,
  modelInputs,
  probeInput,
  probeInputs,
} from './inputs';
import { type GivenInputs, firstGiven } from './given-inputs';
import {
  type SitedRequirement,
  checkDeclared,
  collectSited,
  type NamedInput,
  bareSymbol,
  runUnderstood,
  settleInputs,
  settleSymbolic,
  subscripted,
  symbolicTwin,
} from './accepted';
import { callFunction } from './interpreter';
import { modelMacs, paramsOf } from './layers';
import { fallbackShape, spatialByRank } from './inputs';
import { builderArgs } from './builders';
import {
  type ClassValue,
  type ContainerValue,
  type FunctionValue,
  type LayerValue,
  type ObjectValue,
  type Value,
  UNKNOWN_VALUE,
  isModuleValue,
  tensor,
  primaryOutputShape,
  freshTensor,
} from './values';
import { isOpaque } from './module-names';
import { mayBeModule } from './unfollowed-bases';

export interface ModelRun {
  readonly cls: ClassValue;
  readonly rec: Recorder;
  readonly inputs: (Shape | null)[];
  readonly inputSource: InputSource;
  readonly output: Shape | null;
  readonly params?: number;
  readonly macs?: number;
  /** Every class this run instantiated as a submodule (replayed when the run is reused). */
  readonly submodules: readonly ClassValue[];
  /** The class is not a module after all (a library base, and its own code built no module). */
  readonly declined?: true;
}

/** Qualified names in named_modules() order (pre-order, each module once, root excluded). */
export function nameModules(root: Value): Map<Value, string> {
  const names = new Map<Value, string>();
  const visit = (m: Value, prefix: string): void => {
    const children: [string, Value][] =
      m.k === 'object'
        ? [...m.attrs].filter(([, v]) => isModuleValue(v))
        : m.k === 'container'
          ? m.keys.map((k, i) => [k, m.items[i]])
          : [];
    for (const [key, child] of children) {
      if (!isModuleValue(child) || names.has(child) || child === root) continue;
      const name = prefix ? `${prefix}.${key}` : key;
      names.set(child, name);
      visit(child, name);
    }
  };
  visit(root, '');
  return names;
}

/**
 * The model's parameter count, or undefined when a module's is not known. The parameters a module
 * holds itself, outside any layer (an nn.Parameter attribute: a ConvNeXt block's layer_scale), are
 * left on `rec` by module name, so a stage's count can include them (render/stages.ts).
 */
function totalParams(root: Value | undefined, names: Map<Value, string>, rec?: Recorder): number | undefined {
  let total = 0;
  const held: Record<string, number> = {};
  for (const m of [...(root ? [root] : []), ...names.keys()]) {
    // A base not read may own parameters of its own.
    if (isOpaque(m) || (m.k === 'object' && m.cls.unfollowedBase)) return undefined;
    if (m.k === 'layer') {
      const p = paramsOf(m, m.firstInput);
      if (p === undefined) return undefined;
      total += p;
    } else if (m.k === 'container') {
      // A child not known (a block cut short where a class builds itself) may hold parameters.
      if (m.items.some(i => i.k === 'unknown')) return undefined;
    } else if (m.k === 'object') {
      for (const v of m.attrs.values()) {
        // An attribute not understood may be a module (an unfollowed class, a recursion cut
        // short): a total without it would be a confident wrong number.
        if (v.k === 'unknown') return undefined;
        // nn.ParameterList / ParameterDict (read as a list or dict; a plain list's are not counted).
        if (holdsParams(v)) return undefined;
        // An instance of a class whose base is not followed (`class Head(BaseModule)` from a library):
        // it may be a module with parameters of its own.
        if (v.k === 'object' && !v.cls.isModule && mayBeModule(v.cls)) return undefined;
        if (v.k === 'tensor' && v.param) {
          if (!v.shape || !v.shape.every(d => typeof d === 'number')) return undefined;
          const count = (v.shape as number[]).reduce((a, b) => a * b, 1);
          total += count;
          const name = names.get(m) ?? '';
          held[name] = (held[name] ?? 0) + count;
        }
      }
    }
  }
  if (rec && Object.keys(held).length) rec.heldParams = held;
  return total;
}

const holdsParams = (v: Value): boolean =>
  (v.k === 'list' && v.items.some(i => i.k === 'tensor' && i.param)) ||
  (v.k === 'dict' && v.values.some(i => i.k === 'tensor' && i.param));

function firstLayerOf(names: Map<Value, string>): LayerValue | undefined {
  for (const m of names.keys()) if (m.k === 'layer' && m.spec) return m;
  return undefined;
}

/**
 * Runs `f` (forward on another input) without recording: its diagnostics are returned, layers
 * keep the first input they had (parameters of Lazy modules depend on it).
 */
function sideRun(ctx: Context, names: Map<Value, string>, f: () => unknown): Recorder {
  const rec = ctx.rec;
  const spare = new Recorder();
  const fresh = [...names.keys()].filter((m): m is LayerValue => m.k === 'layer' && m.firstInput === undefined);
  ctx.rec = spare;
  try {
    f();
  } catch (e) {
    if (e instanceof BudgetExceeded) throw e;
    reportUnexpected('analysis.sideRun', e);
  } finally {
    ctx.rec = rec;
    for (const l of fresh) l.firstInput = undefined;
  }
  return spare;
}

/**
 * The arguments of a model the file never constructs: none, so its `__init__` takes its defaults
 * and leaves required parameters unknown. A framework class without an `__init__` of its own
 * hands them to its base (`class ScaledLinear(nn.Linear)`), whose required ones (`in_features`)
 * nothing gives: unknown, not a "missing argument" error nobody's code raises.
 */
function unconstructedArgs(cls: ClassValue): Args {
  const ownInit = findInClass(cls, '__init__')?.k === 'func';
  return ownInit || cls.container || !cls.framework ? noArgs() : { ...noArgs(), unknownRest: true };
}

/**
 * Runs the class as a model: built with the constructor arguments written in the file, or, with
 * `builder`, by calling that function as builders.ts does (an instance of `cls` it returns).
 */
export function runModel(
  ctx: Context,
  cls: ClassValue,
  option: GivenInputs | undefined,
  budget: number,
  builder?: FunctionValue,
): ModelRun {
  const rec = new Recorder();
  ctx.rec = rec;
  ctx.names = new Map();
  ctx.stepLimit = ctx.steps + budget;
  let inputs: (Shape | null)[] = [];
  let inputSource: InputSource = 'none';
  let output: Shape | null = null;
  const recorded = new Set<ClassValue>();
  const outer = ctx.usedAsSubmodule.recording;
  ctx.usedAsSubmodule.recording = recorded;
  const submodules = () => [...recorded];
  const sample = ctx.samples.get(cls);
  let names = new Map<Value, string>();
  let root: Value | undefined;
  try {
    ctx.phase = 'init';
    const obj = builder
      ? callFunction(ctx, builder, builderArgs(builder))
      : instantiate(ctx, cls, (sample?.ctor as Args | undefined) ?? unconstructedArgs(cls));
    if (obj.k !== 'object' || obj.cls !== cls) {
      // A class whose base is not read and whose own code built no module is no model.
      const declined = !builder && cls.unfollowedBase ? { declined: true as const } : {};
      return { cls, rec, inputs, inputSource, output, submodules: submodules(), ...declined };
    }
    root = obj;
    names = nameModules(obj);
    ctx.names = names;
    const fn = forwardOf(ctx, cls);
    let firstLayer = firstLayerOf(names);
    let chosen = modelInputs(ctx, cls, fn, firstLayer, option);
    ctx.phase = 'forward';
    if (fn && (chosen.source === 'fallback' || chosen.source === 'none')) {
      // The guess comes from the first layer the input reaches in forward, not the first declared.
      const unknownInput = freshTensor(null);
      const reached = probeInput(ctx, unknownInput);
      sideRun(ctx, names, () => callFunction(ctx, fn, callArgs(chosen, unknownInput), obj));
      // Nothing known reached the input itself (a block not understood came first): no guess.
      firstLayer = reached();
      chosen = modelInputs(ctx, cls, fn, firstLayer, option);
    }
    inputs = chosen.shapes;
    inputSource = chosen.source;
    if (!fn && cls.container === 'Sequential') {
      // An nn.Sequential subclass without its own forward: its children on the model's input.
      const sampled = sample?.call?.pos[0];
      const given = sampled?.k === 'tensor' ? (sampled.shape ?? undefined) : undefined;
      const shape = firstGiven(option) ?? given ?? fallbackShape(firstLayer);
      inputs = [shape];
      inputSource = firstGiven(option) ? 'option' : given ? 'sample' : shape ? 'fallback' : 'none';
      const before = rec.diagnostics.length;
      const out = callValue(ctx, obj, noArgs([freshTensor(shape)]));
      output = out.k === 'tensor' ? out.shape : null;
      // No diagnostic rests on a guessed input.
      if (inputSource === 'fallback') rec.diagnostics.splice(before);
    } else if (fn) {
      const before = rec.diagnostics.length;
      const requirements: SitedRequirement[] = [];
      const out = collectSited(ctx, requirements, () => callFunction(ctx, fn, callArgs(chosen), obj));
      output = primaryOutputShape(out);
      // No diagnostic may rest on a guessed rank: keep those that every accepted rank raises
      // (nothing to check, and no other run, when the guess raised none).
      if (chosen.source === 'fallback' && rec.diagnostics.length > before) {
        for (const alt of alternativeShapes(chosen.shapes[0], firstLayer)) {
          const seen = sideRun(ctx, names, () =>
            callFunction(ctx, fn, callArgs(chosen, freshTensor(alt)), obj),
          ).diagnostics;
          const holds = rec.diagnostics
            .slice(before)
            .filter(d => seen.some(o => o.code === d.code && o.range.start === d.range.start));
          rec.diagnostics.splice(before, rec.diagnostics.length - before, ...holds);
        }
      }
      acceptedSizes(ctx, { cls, names, fn, obj, rec, chosen, requirements, output, guess: fallbackShape(firstLayer) });
    }
  } catch (e) {
    // Never throw out of the analysis: whatever was recorded stands, the rest is unknown.
    reportUnexpected(`analysis.runModel ${cls.def.name}`, e);
    rec.callsUncounted = true;
  } finally {
    ctx.phase = 'module';
    ctx.usedAsSubmodule.recording = outer;
  }
  ctx.recordsMade += rec.layers.length + rec.hints.length;
  // No instance (its construction ran out of budget or hit a bug): nothing to count, not zero.
  const params = root ? totalParams(root, names, rec) : undefined;
  return { cls, rec, inputs, inputSource, output, params, macs: modelMacs(rec), submodules: submodules() };
}

interface AcceptedJob {
  readonly cls: ClassValue;
  readonly names: Map<Value, string>;
  readonly fn: FunctionValue;
  readonly obj: Value;
  readonly rec: Recorder;
  readonly chosen: ModelInputs;
  readonly requirements: readonly SitedRequirement[];
  readonly output: Shape | null;
  readonly guess: Shape | null;
}

/** The input sizes the model accepts: from this run when its input was symbolic, else from a
 *  run on the declared input's symbolic twin, which records nothing but its requirements. */
function acceptedSizes(ctx: Context, job: AcceptedJob): void {
  const { rec, chosen } = job;
  const input = chosen.shapes[0];
  if (chosen.shapes.length > 1) return severalInputs(ctx, job);
  if (chosen.shapes.length !== 1 || !input) return;
  if (chosen.source === 'fallback') {
    // A run that raised stops following sizes at the error: its requirements are not all there.
    const raised = rec.diagnostics.some(d => d.severity === 'error');
    if (!raised && runUnderstood(rec, job.output, input, job.requirements))
      settleSymbolic(rec, input, job.requirements, job.cls.def.nameRange);
    return;
  }
  const twin = symbolicTwin(input, job.guess);
  if (!twin) return;
  const requirements: SitedRequirement[] = [];
  let output: Shape | null = null;
  const run = sideRun(ctx, job.names, () =>
    collectSited(ctx, requirements, () => {
      const out = callFunction(ctx, job.fn, callArgs(chosen, freshTensor(twin)), job.obj);
      output = out.k === 'tensor' ? out.shape : null;
    }),
  );
  if (run.diagnostics.some(d => d.severity === 'error') || !runUnderstood(run, output, twin, requirements)) return;
  checkDeclared(rec, input, twin, requirements, chosen.comment);
}

/**
 * A model of several tensor inputs: each gets symbols of its own (its declared shape's twin, else
 * the guess from the first layer it reaches), and one run on all of them, recording nothing but
 * its requirements, is solved jointly. An input not understood (a tuple, an unknown value, no
 * guess, an unknown channel count) leaves the answer unknown.
 */
function severalInputs(ctx: Context, job: AcceptedJob): void {
  const { chosen } = job;
  const names = forwardParams(job.fn);
  const named: [string, Value][] = [...chosen.values.map((v, i): [string, Value] => [names[i], v]), ...chosen.keywords];
  if (named.some(([, v]) => v.k === 'unknown' || v.k === 'tuple' || v.k === 'list')) return;
  const tensors = named.filter(([, v]) => v.k === 'tensor');
  const probes = tensors.map(() => freshTensor(null));
  const reachedBy = probeInputs(ctx, probes);
  const probeArgs = argsWith(chosen, new Map(tensors.map(([n], k) => [n, probes[k]])), names);
  let reached: ReadonlyMap<Value, LayerValue>;
  try {
    sideRun(ctx, job.names, () => callFunction(ctx, job.fn, probeArgs, job.obj));
  } finally {
    // The probe ends with its run, even one cut short by the budget.
    reached = reachedBy();
  }
  const inputs: NamedInput[] = [];
  for (const [k, [name, v]] of tensors.entries()) {
    const shape = symbolicInput(v.k === 'tensor' ? v.shape : null, fallbackShape(reached.get(probes[k])), k);
    if (!shape) return;
    inputs.push({ name, shape });
  }
  const symbolic = new Map(inputs.map(i => [i.name, tensor(i.shape)]));
  const requirements: SitedRequirement[] = [];
  let output: Shape | null = null;
  const run = sideRun(ctx, job.names, () =>
    collectSited(ctx, requirements, () => {
      output = primaryOutputShape(callFunction(ctx, job.fn, argsWith(chosen, symbolic, names), job.obj));
    }),
  );
  if (run.diagnostics.some(d => d.severity === 'error')) return;
  if (!inputs.every(i => runUnderstood(run, output, i.shape, requirements))) return;
  settleInputs(job.rec, inputs, requirements);
}

/** The forward's arguments with some replaced, by parameter name. */
function argsWith(chosen: ModelInputs, by: ReadonlyMap<string, Value>, names: readonly string[]): Args {
  const args = callArgs(chosen);
  return {
    ...args,
    pos: args.pos.map((v, i) => by.get(names[i]) ?? v),
    kw: new Map([...args.kw].map(([n, v]) => [n, by.get(n) ?? v])),
  };
}

/**
 * The symbolic shape an input is solved on: its spatial sizes (axes 2 on) the guess's symbols,
 * subscripted by the input's position. A shape of rank 2 or less has none and stays as it is;
 * an unknown size, or a spatial size the guess does not name, leaves it unknown.
 */
function symbolicInput(shape: Shape | null, guess: Shape | null, k: number): Shape | undefined {
  const given = shape ?? guess;
  if (!given || given.slice(0, 2).some(d => d === null)) return undefined;
  if (given.length <= 2) return given;
  // A declared input no layer reads first (added to another): its axes named as its rank has them.
  guess ??= spatialByRank(given);
  if (!guess || guess.length !== given.length) return undefined;
  const out: Dim[] = [...given.slice(0, 2)];
  for (let i = 2; i < given.length; i++) {
    const s = bareSymbol(guess[i]);
    const d = given[i];
    // A written size is replaced; a symbol is the guess's own (a guessed input) or a comment's.
    if (!s || d === null || (typeof d !== 'number' && !bareSymbol(d))) return undefined;
    out.push(sym(subscripted(s, k)));
  }
  return out;
}

/** A script's top-level `model = nn.Sequential(...)`: a model named by its variable. */
export function runContainerModel(
  ctx: Context,
  name: string,
  c: ContainerValue,
  option: Shape | undefined,
  budget: number,
): Omit<ModelRun, 'cls'> & { name: string } {
  const rec = new Recorder();
  ctx.rec = rec;
  ctx.stepLimit = ctx.steps + budget;
  const names = nameModules(c);
  ctx.names = names;
  const sample = ctx.containerSamples.get(c)?.[0] ?? undefined;
  const fallback = fallbackShape(firstLayerOf(names));
  const input = option ?? sample ?? fallback;
  const inputSource = option ? 'option' : sample ? 'sample' : fallback ? 'fallback' : 'none';
  let output: Shape | null = null;
  try {
    ctx.phase = 'forward';
    const requirements: SitedRequirement[] = [];
    const out = collectSited(ctx, requirements, () => callValue(ctx, c, noArgs([freshTensor(input ?? null)])));
    output = out.k === 'tensor' ? out.shape : null;
    containerAccepted(ctx, c, names, { input, fallback: inputSource === 'fallback', output, requirements });
  } catch (e) {
    reportUnexpected(`analysis.runContainerModel ${name}`, e); // budget or a bug: what was recorded stands
    rec.callsUncounted = true;
  } finally {
    ctx.phase = 'module';
  }
  ctx.recordsMade += rec.layers.length + rec.hints.length;
  return {
    name,
    rec,
    inputs: [input ?? null],
    inputSource,
    output,
    params: totalParams(c, names, rec),
    macs: modelMacs(rec),
    submodules: [],
  };
}

/**
 * Runs a module-level instance as a model, as it stands after the statements that changed it
 * (a library model whose head the file replaced): its forward on the sample input written in the
 * file, the option, or a guess from its first layer.
 */
export function runInstanceModel(
  ctx: Context,
  name: string,
  obj: ObjectValue,
  option: Shape | undefined,
  budget: number,
  /** Where the file calls or builds it (errors its library code raises are reported there). */
  entry?: Range,
): Omit<ModelRun, 'cls'> & { name: string } {
  const rec = new Recorder();
  ctx.rec = rec;
  ctx.stepLimit = ctx.steps + budget;
  const names = nameModules(obj);
  ctx.names = names;
  const sample = ctx.containerSamples.get(obj)?.[0] ?? undefined;
  const fallback = fallbackShape(firstLayerOf(names));
  const input = option ?? sample ?? fallback;
  const inputSource = option ? 'option' : sample ? 'sample' : fallback ? 'fallback' : 'none';
  let output: Shape | null = null;
  const fn = forwardOf(ctx, obj.cls);
  try {
    ctx.phase = 'forward';
    // No error may rest on a guessed input: entered without a range, nothing is reported.
    const args = {
      ...noArgs([freshTensor(input ?? null)]),
      ...(entry && inputSource !== 'fallback' ? { range: entry } : {}),
    };
    const out = fn ? callFunction(ctx, fn, args, obj) : UNKNOWN_VALUE;
    output = out.k === 'tensor' ? out.shape : null;
  } catch (e) {
    reportUnexpected(`analysis.runInstanceModel ${name}`, e); // budget or a bug: what was recorded stands
    rec.callsUncounted = true;
  } finally {
    ctx.phase = 'module';
  }
  ctx.recordsMade += rec.layers.length + rec.hints.length;
  return {
    name,
    rec,
    inputs: [input ?? null],
    inputSource,
    output,
    params: totalParams(obj, names, rec),
    macs: modelMacs(rec),
    submodules: [],
  };
}

interface ContainerRun {
  readonly input: Shape | null | undefined;
  readonly fallback: boolean;
  readonly output: Shape | null;
  readonly requirements: readonly SitedRequirement[];
}

/** A module-level nn.Sequential's accepted sizes, as `acceptedSizes` finds a class model's. */
function containerAccepted(ctx: Context, c: ContainerValue, names: Map<Value, string>, run: ContainerRun): void {
  const { rec } = ctx;
  const { input } = run;
  if (!input) return;
  if (run.fallback) {
    const raised = rec.diagnostics.some(d => d.severity === 'error');
    if (!raised && runUnderstood(rec, run.output, input, run.requirements))
      settleSymbolic(rec, input, run.requirements, c.site.call);
    return;
  }
  const twin = symbolicTwin(input, fallbackShape(firstLayerOf(names)));
  if (!twin) return;
  const requirements: SitedRequirement[] = [];
  let output: Shape | null = null;
  const side = sideRun(ctx, names, () =>
    collectSited(ctx, requirements, () => {
      const out = callValue(ctx, c, noArgs([tensor(twin)]));
      output = out.k === 'tensor' ? out.shape : null;
    }),
  );
  if (side.diagnostics.some(d => d.severity === 'error') || !runUnderstood(side, output, twin, requirements)) return;
  checkDeclared(rec, input, twin, requirements, undefined);
}
