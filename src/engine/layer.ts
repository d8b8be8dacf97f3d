// The layer registry: one rule per operation, looked up by framework and class name. A rule
// knows its constructor signature (to bind positional and keyword arguments), its construction
// errors, and how it maps input shapes to an output shape. The analysis and the CLI only ever
// go through `bindLayer` and `applyLayer`, so each rule lives in exactly one place.
import { type Shape, dimKey } from './dim';
import { type SizeRequirement, collectRequirements, restate } from './size-requirements';
import { reportInternalError, reportUnexpected } from '../common/internal-errors';
import {
  type ArgValue,
  type Framework,
  type Inference,
  type LayerSpec,
  type ShapeError,
  type TupleOutput,
  UNKNOWN,
  UNKNOWN_INFERENCE,
} from './types';

/** One constructor parameter, in positional order. */
export interface Param {
  readonly name: string;
  /** The default value; a parameter without one is required. */
  readonly default?: ArgValue;
  /** Keyword-only (after `*` in the Python signature). */
  readonly keywordOnly?: boolean;
}

export interface LayerRule {
  readonly framework: Framework;
  /** Canonical class names this rule handles (`Conv1d`, `Conv2d`, `Conv3d`). */
  readonly kinds: readonly string[];
  /** Other spellings mapped to a canonical kind (`Convolution2D` → `Conv2D`). */
  readonly aliases?: Readonly<Record<string, string>>;
  signature(kind: string): readonly Param[];
  /** Errors the constructor itself raises (before any input is seen). */
  validate?(spec: LayerSpec): ShapeError | undefined;
  /**
   * The output for the given inputs (most layers take one), or the framework's error.
   * `callArgs` are extra arguments of the call (e.g. ConvTranspose's `output_size`).
   */
  infer(spec: LayerSpec, inputs: readonly Shape[], callArgs?: Readonly<Record<string, ArgValue>>): Inference;
  /** Trainable parameter count (Lazy modules and Keras layers need the input shape). */
  params?(spec: LayerSpec, input?: Shape, inputs?: readonly Shape[]): number | undefined;
  /** Weights the framework creates non-trainable (Keras BatchNormalization's moving statistics); 0 when absent. */
  frozenParams?(spec: LayerSpec, input?: Shape): number | undefined;
  /**
   * A layer that returns a tuple: its structure with every shape unknown, known before any input
   * is (an LSTM returns two things, whatever its input), so unpacking can be checked.
   */
  tupleOf?(spec: LayerSpec): TupleOutput | undefined;
  /** Its inferences count multiply-accumulates (convolutions, linear maps): a model's total is
   *  the sum over such calls, and one without a count leaves the total unknown. */
  readonly countsMacs?: true;
}

/** Rules by framework, then by class name or alias (a lookup per layer call: no key is built). */
const registry = new Map<Framework, Map<string, { rule: LayerRule; kind: string }>>();

function rulesOf(framework: Framework): Map<string, { rule: LayerRule; kind: string }> {
  let rules = registry.get(framework);
  if (!rules) registry.set(framework, (rules = new Map()));
  return rules;
}

/** Adds rules to the registry; each rule module calls this once at load. */
export function registerRules(rules: readonly LayerRule[]): void {
  for (const rule of rules) {
    const own = rulesOf(rule.framework);
    for (const kind of rule.kinds) own.set(kind, { rule, kind });
    for (const [alias, kind] of Object.entries(rule.aliases ?? {})) own.set(alias, { rule, kind });
  }
}

/** The rule and canonical kind for a class name, if the engine knows it. */
export function findRule(framework: Framework, name: string): { rule: LayerRule; kind: string } | undefined {
  return registry.get(framework)?.get(name);
}

/**
 * A rule's signature for one kind, and its positional parameters (those not keyword-only), made
 * once: a signature is a pure function of the kind, and every constructor call binds to it (some
 * rules build it anew on each call). Shared and read-only, like the defaults in it.
 */
export function signatureOf(rule: LayerRule, kind: string): { params: readonly Param[]; positional: readonly Param[] } {
  let byKind = signatures.get(rule);
  if (!byKind) signatures.set(rule, (byKind = new Map()));
  let found = byKind.get(kind);
  if (!found) {
    const params = rule.signature(kind);
    byKind.set(kind, (found = { params, positional: params.filter(p => !p.keywordOnly) }));
  }
  return found;
}

const signatures = new WeakMap<LayerRule, Map<string, { params: readonly Param[]; positional: readonly Param[] }>>();

/** Whether calls of this class count MACs (the rule's `countsMacs`). */
export const countsMacs = (framework: Framework, name: string): boolean =>
  findRule(framework, name)?.rule.countsMacs === true;

export function knownKinds(framework: Framework): string[] {
  return [...(registry.get(framework)?.keys() ?? [])];
}

export type BindResult = { ok: true; spec: LayerSpec } | { ok: false; error: ShapeError };

/**
 * Binds a constructor call to the rule's signature, like Python does. Arguments the caller could
 * not evaluate are passed as UNKNOWN. A call Python itself would reject (too many positionals, a
 * missing required argument) gives an `invalid-argument` error.
 */
export function bindLayer(
  framework: Framework,
  name: string,
  positional: readonly ArgValue[],
  keywords: Readonly<Record<string, ArgValue>>,
  options: { layerName?: string; unknownRest?: boolean } = {},
): BindResult | undefined {
  const found = findRule(framework, name);
  if (!found) return undefined;
  const key = bindKey(framework, name, positional, keywords, options);
  const known = key === undefined ? undefined : boundSpecs.get(key);
  if (known) return known;
  const bound = bindFresh(found, name, framework, positional, keywords, options);
  if (key !== undefined && bound.ok) {
    if (boundSpecs.size >= MAX_BOUND_SPECS) boundSpecs.clear();
    boundSpecs.set(key, bound);
  }
  return bound;
}

/**
 * Bindings already made, by the written arguments as JSON. A binding is a pure function of the
 * call, and model code writes the same constructor again and again (every block's
 * `nn.BatchNorm2d(64)`, the same model in every analysis of a document): the written arguments
 * are a shorter JSON than the bound spec with its defaults, and the spec returned is one shared
 * object, whose memo key (below) is then made once. Only calls of plain values are kept (numbers
 * JSON writes faithfully, strings, booleans, null, lists of those): a symbolic size, an unknown,
 * a layer or a module argument keeps its own object, as before. Successful bindings only; bounded.
 */
const boundSpecs = new Map<string, BindResult>();
const MAX_BOUND_SPECS = 8192;

/** Empties the bindings' memo: the next binding of every call is made afresh (for tests). */
export function forgetBoundSpecs(): void {
  boundSpecs.clear();
}

function bindKey(
  framework: Framework,
  name: string,
  positional: readonly ArgValue[],
  keywords: Readonly<Record<string, ArgValue>>,
  options: { layerName?: string; unknownRest?: boolean },
): string | undefined {
  if (!positional.every(isPlainArg)) return undefined;
  for (const k in keywords) if (!isPlainArg(keywords[k])) return undefined;
  return JSON.stringify([
    framework,
    name,
    options.layerName ?? null,
    options.unknownRest === true,
    positional,
    keywords,
  ]);
}

/**
 * A value JSON writes and reads back as itself, and whose object no one asks for: a memo may share
 * it. Lists only of scalars (a kernel size, a normalized shape): a module given to a stack's
 * constructor travels as a nested list (pytorch/module-arg.ts) that the analysis finds its site
 * by, as that object.
 */
function isPlainArg(v: ArgValue): boolean {
  return isPlainScalar(v) || (Array.isArray(v) && v.every(isPlainScalar));
}

/** A scalar JSON writes and reads back as itself: a finite number (not −0), a string, a boolean, null. */
function isPlainScalar(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  return typeof v === 'number' && Number.isFinite(v) && !Object.is(v, -0);
}

function bindFresh(
  found: { rule: LayerRule; kind: string },
  name: string,
  framework: Framework,
  positional: readonly ArgValue[],
  keywords: Readonly<Record<string, ArgValue>>,
  options: { layerName?: string; unknownRest?: boolean },
): BindResult {
  const { rule, kind } = found;
  const { params, positional: positionalParams } = signatureOf(rule, kind);
  const args: Record<string, ArgValue> = {};
  if (positional.length > positionalParams.length) {
    return {
      ok: false,
      error: {
        code: 'invalid-argument',
        message: `${name}.__init__() takes ${positionalParams.length + 1} positional arguments but ${positional.length + 1} were given`,
      },
    };
  }
  positional.forEach((v, i) => (args[positionalParams[i].name] = v));
  for (const [k, v] of Object.entries(keywords)) args[k] = v;
  for (const p of params) {
    if (p.name in args) continue;
    if (p.default !== undefined) args[p.name] = p.default;
    else if (options.unknownRest) args[p.name] = UNKNOWN;
    else
      return {
        ok: false,
        error: {
          code: 'invalid-argument',
          message: `${name}.__init__() missing 1 required positional argument: '${p.name}'`,
          argument: p.name,
        },
      };
  }
  const spec: LayerSpec = { framework, kind, args, ...(options.layerName ? { name: options.layerName } : {}) };
  const error = rule.validate?.(spec);
  return error ? { ok: false, error } : { ok: true, spec };
}

/**
 * Inferences already made, by spec, inputs and call arguments written as JSON: a rule is a pure
 * function of those, and model code applies the same layer to the same shapes again and again
 * (repeated blocks, the same model in every analysis of a document). Nested by the three keys,
 * each a string kept per object (below), so a lookup hashes strings V8 has hashed before instead
 * of one long concatenation per call. Bounded; emptied when full. The Inferences are shared, so
 * they must be treated as read-only (as they are typed).
 */
interface Memo {
  readonly result: Inference;
  /** The size requirements the inference stated (size-requirements.ts), stated again on reuse. */
  readonly requirements: readonly SizeRequirement[];
}
let inferred = new Map<string, Map<string, Map<string, Memo>>>();
let inferredCount = 0;
const MAX_INFERRED = 20_000;
// A spec is made once per module and applied at every call; a shape flows from layer to layer:
// the JSON of each is remembered per object (both are read-only) for as long as the object lives.
const specKeys = new WeakMap<LayerSpec, string>();
const shapeKeys = new WeakMap<Shape, string>();

function jsonOf<T extends object>(keys: WeakMap<T, string>, o: T): string {
  let key = keys.get(o);
  if (key === undefined) keys.set(o, (key = JSON.stringify(o)));
  return key;
}

const specKey = (spec: LayerSpec) => jsonOf(specKeys, spec);

/** A shape's key: its dims' canonical keys (each expression's written once, dim.ts), as JSON
 *  strings so that no name can run into the next; far shorter than the expressions' JSON. */
function shapeKey(shape: Shape): string {
  if (!Array.isArray(shape)) return JSON.stringify(shape);
  let key = shapeKeys.get(shape);
  if (key === undefined) shapeKeys.set(shape, (key = JSON.stringify(shape.map(dimKey))));
  return key;
}

/**
 * The one shared spec equal to `spec`, by its JSON (its memo key, usually made already when the
 * layer was applied): model code builds the same layer again and again (every block's
 * `nn.BatchNorm2d(64)`, in every open document), and an Analysis keeps each layer call's spec.
 * Specs are read-only (as typed). Only a spec its JSON describes faithfully is shared (no
 * infinite number, no −0: JSON writes them as null and 0). Bounded; emptied when full.
 */
export function sharedSpec(spec: LayerSpec): LayerSpec {
  if (!faithfulJson(spec.args)) return spec;
  let key: string;
  try {
    key = specKey(spec);
  } catch (e) {
    reportInternalError('engine.sharedSpec', e); // specs are plain data
    return spec;
  }
  const known = sharedSpecs.get(key);
  if (known) return known;
  if (sharedSpecs.size >= MAX_SHARED_SPECS) sharedSpecs.clear();
  sharedSpecs.set(key, spec);
  return spec;
}

const sharedSpecs = new Map<string, LayerSpec>();
const MAX_SHARED_SPECS = 8192;

/** True when JSON.stringify(v) can be read back as v: only finite numbers (not −0), strings,
 *  booleans, null, and arrays and objects of those without undefined members. */
function faithfulJson(v: unknown): boolean {
  if (isPlainScalar(v)) return true;
  if (typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v)) return v.every(faithfulJson);
  if (Object.getPrototypeOf(v) !== Object.prototype) return false;
  for (const k in v) if (!faithfulJson((v as Record<string, unknown>)[k])) return false;
  return true;
}

const inputsKey = (inputs: readonly Shape[]) =>
  inputs.length === 1 ? shapeKey(inputs[0]) : inputs.map(shapeKey).join(';');

/** Call arguments as JSON; most calls have none (`{}`, written without JSON.stringify). */
function callArgsKey(callArgs: Readonly<Record<string, ArgValue>>): string {
  for (const _ in callArgs) return JSON.stringify(callArgs);
  return '{}';
}

/** Applies a bound layer to its inputs. Never throws. */
export function applyLayer(
  spec: LayerSpec,
  inputs: readonly Shape[],
  callArgs?: Readonly<Record<string, ArgValue>>,
): Inference {
  const found = findRule(spec.framework, spec.kind);
  if (!found) return UNKNOWN_INFERENCE;
  const keys = memoKeys(spec, inputs, callArgs);
  const known = keys && inferred.get(keys.spec)?.get(keys.inputs)?.get(keys.call);
  if (known) {
    restate(known.requirements);
    return known.result;
  }
  let result: Inference;
  const requirements: SizeRequirement[] = [];
  try {
    result = collectRequirements(
      r => requirements.push(r),
      () => found.rule.infer(spec, inputs, callArgs),
    );
  } catch (e) {
    // A rule bug must never take the editor down, nor raise a false alarm: unknown, and counted.
    reportUnexpected(`engine.applyLayer ${spec.kind}`, e);
    return UNKNOWN_INFERENCE;
  }
  restate(requirements);
  if (keys) remember(keys, { result, requirements: requirements.length ? requirements : NO_REQUIREMENTS });
  return result;
}

/** The memo's three keys for one application; undefined when they cannot be written. */
function memoKeys(
  spec: LayerSpec,
  inputs: readonly Shape[],
  callArgs: Readonly<Record<string, ArgValue>> | undefined,
): { spec: string; inputs: string; call: string } | undefined {
  try {
    return { spec: specKey(spec), inputs: inputsKey(inputs), call: callArgs ? callArgsKey(callArgs) : '' };
  } catch (e) {
    reportInternalError('engine.applyLayer (memo key)', e); // specs and shapes are plain data
    return undefined; // infer without the memo
  }
}

function remember(keys: { spec: string; inputs: string; call: string }, memo: Memo): void {
  if (inferredCount >= MAX_INFERRED) {
    inferred = new Map();
    inferredCount = 0;
  }
  let byInputs = inferred.get(keys.spec);
  if (!byInputs) inferred.set(keys.spec, (byInputs = new Map()));
  let byCall = byInputs.get(keys.inputs);
  if (!byCall) byInputs.set(keys.inputs, (byCall = new Map()));
  byCall.set(keys.call, memo);
  inferredCount++;
}

const NO_REQUIREMENTS: readonly SizeRequirement[] = [];

/** The tuple a bound layer returns, its shapes unknown; undefined for a layer that returns a tensor. */
export function layerTuple(spec: LayerSpec): TupleOutput | undefined {
  const found = findRule(spec.framework, spec.kind);
  try {
    return found?.rule.tupleOf?.(spec);
  } catch (e) {
    reportUnexpected(`engine.layerTuple ${spec.kind}`, e);
    return undefined;
  }
}

/** Non-trainable weights a bound layer creates (moving statistics), when known; 0 for most layers. */
export function layerFrozenParams(spec: LayerSpec, input?: Shape): number | undefined {
  const found = findRule(spec.framework, spec.kind);
  try {
    return found?.rule.frozenParams ? found.rule.frozenParams(spec, input) : 0;
  } catch (e) {
    reportUnexpected(`engine.layerFrozenParams ${spec.kind}`, e);
    return undefined;
  }
}

/** Trainable parameters of a bound layer, when known. */
export function layerParams(spec: LayerSpec, input?: Shape, inputs?: readonly Shape[]): number | undefined {
  const found = findRule(spec.framework, spec.kind);
  try {
    return found?.rule.params?.(spec, input, inputs);
  } catch (e) {
    reportUnexpected(`engine.layerParams ${spec.kind}`, e);
    return undefined;
  }
}
