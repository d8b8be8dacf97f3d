// The seam between the interpreter core and one framework (PyTorch, Keras, ...): everything the
// core asks a framework. The core (this folder's files) names no framework; each front end lives
// in its own folder and is listed once in frontends.ts. A value says whose it is by its
// `framework` tag (a front end's id); the core asks that front end to call it.
import type { Framework, IndexPart, Shape, ShapeError } from '../engine';
import type { Range } from '../python';
import { findInClass } from './attributes';
import type { Args, Context, Limits, Recorder } from './context';
import type { ModelRun } from './forward';
import type { InputOptions, InputReplacements } from './given-inputs';
import type { RunSession } from './incremental';
import type { Scope } from './scope';
import type { Fix, ModelInfo } from './types';
import type {
  ClassValue,
  ContainerValue,
  FunctionValue,
  GraphModelValue,
  LayerValue,
  ObjectValue,
  Value,
} from './values';

/** How the core calls any value (front ends call back into it for what they hold). */
export type Call = (ctx: Context, fn: Value, args: Args) => Value;

/** What subclassing one of the framework's base classes makes a class. */
export interface ModuleBase {
  /** The base is a container (its children are given to `super().__init__`). */
  readonly container?: ContainerValue['kind'];
}

export type Broadcast =
  { readonly ok: true; readonly shape: Shape } | { readonly ok: false; readonly error: ShapeError };

/** Tensor arithmetic (`a + b`, `a @ b`) in the framework's rule and words. */
export interface TensorArithmetic {
  /** The operands are this framework's (its graph tensors, or inside one of its modules). */
  claims(ctx: Context, a: Value, b: Value): boolean;
  broadcast(a: Shape, b: Shape): Broadcast | undefined;
  /** `a @ b`; absent: the plain tensors' framework's rule. */
  matmul?(ctx: Context, a: Value, b: Value, range: Range): Value;
  /** The result of arithmetic on its tensors (a graph tensor keeps its history). */
  derived?(ctx: Context, out: Value, operands: readonly Value[], op: string): Value;
  /** `x[...]` on one of its tensors: the result's shape, or the framework's error; absent: the plain tensors' rule, quiet. */
  index?(shape: Shape, parts: readonly IndexPart[]): Broadcast | undefined;
  /** Quick fixes for operands that do not broadcast (a convolution that shrank one of them). */
  repairs?(ctx: Context, a: Shape, b: Shape): Fix[];
}

/** How the framework's users write a shape: `[N, 3, 32, 32]` (unknown `?`), or Python's tuple `(None, 28, 28, 1)`. */
export type ShapeNotation = 'list' | 'tuple';

/** The notation of a hint's framework (none: a plain tensor). */
export type NotationOf = (framework: Framework | undefined) => ShapeNotation;

/** What a front end's model runs are given. */
export interface ModelJob {
  /** Model (class or variable) name → input shape; the key `*` applies to every model. */
  readonly inputs?: InputOptions;
  readonly limits: Limits;
  readonly session?: RunSession;
}

/** A model run not of a class (a module-level variable's model), named and placed. */
export type NamedRun = Omit<ModelRun, 'cls'> & { readonly name: string; readonly range: Range };

/** State one analysis keeps for a front end (its naming counters, the models it saw). */
export interface FrontendState {
  /** Changes whenever a run changed the state (incremental.ts reuses only runs that did not). */
  stamp(): string;
  /** Settings a run depends on, set before models run (Keras' image data format); part of a cached run's key. */
  settingsKey?(): string;
}

export interface Frontend {
  readonly id: Framework;
  /** Canonical names of the base classes that make a class a module/layer of this framework. */
  readonly moduleBases: Readonly<Record<string, ModuleBase>>;
  /** A layer class users also subclass (`class TokenEmbedding(nn.Embedding)`): a module base too. */
  isLayerBase?(q: string): boolean;
  /**
   * A class whose base is a library class the analysis does not read, and that defines these
   * names (its own and its project bases'), is one of its modules (PyTorch: `forward`, no `__call__`).
   */
  adoptsUnfollowedClass?(names: ReadonlySet<string>): boolean;
  /** The method a module instance runs when called (`forward`, `call`). */
  readonly forwardMethod: string;
  /** How its users write shapes (stale shape comments are rewritten in it). */
  readonly notation: ShapeNotation;
  /** Its tensor arithmetic; the first registered front end's is that of plain tensors. */
  readonly arithmetic: TensorArithmetic;
  /** A new state for one analysis. */
  createState?(): FrontendState;
  /** The canonical imported names it calls (`torch.…`, `keras.…`). */
  owns(q: string): boolean;
  callName(ctx: Context, q: string, args: Args, call: Call): Value;
  /** A new instance of one of its classes, before its `__init__` runs. */
  instantiated?(ctx: Context, obj: ObjectValue, args: Args): void;
  /** Calling an instance of one of its classes; `forward` runs the instance's forward method. */
  callInstance(ctx: Context, obj: ObjectValue, args: Args, forward: Call): Value;
  /** `super().METHOD(...)` in a subclass of one of its classes that it answers (a layer subclass); undefined if not. */
  superCall?(ctx: Context, self: ObjectValue, method: string, args: Args): Value | undefined;
  /** A container of this kind (`super().__init__(*modules)` of a container subclass). */
  buildContainer?(ctx: Context, kind: ContainerValue['kind'], args: Args): Value;
  /** Calling one of its layers, containers or graph models. */
  callModule(ctx: Context, fn: LayerValue | ContainerValue | GraphModelValue, args: Args, call: Call): Value;
  /** A method call it answers (tensor methods, `model.add`); undefined when not its own. */
  callMethod?(ctx: Context, self: Value, name: string, args: Args, call: Call): Value | undefined;
  /**
   * True when `base` is one of its base classes whose members are all known and `member` is not
   * among them (so `getattr(self, member, default)` takes the default and `hasattr` is False).
   */
  lacksMember?(base: string, member: string): boolean;
  /** `isinstance(v, q)` for one of its classes `q` (canonical name); undefined when not known. */
  instanceOf?(v: Value, q: string): boolean | undefined;
  /** `layer.NAME = value` on one of its layers after construction (`conv.stride = 2`, a tied weight). */
  setLayerAttr?(layer: LayerValue, name: string, value: Value): void;
  /** An attribute it answers (`x.shape`, `model.layers`); undefined when not its own. */
  getAttr?(ctx: Context, obj: Value, name: string): Value | undefined;
  /** The module's top level built or ran these models (their layers index the module recorder). */
  moduleModels?(ctx: Context, scope: Scope, moduleRec: Recorder): ModelInfo[];
  /**
   * After a first run of the top level: the inputs its module-level models declare that the
   * caller's inputs replace (by the declaration's offset, for a second run), with what to say.
   */
  replacedInputs?(ctx: Context, scope: Scope, inputs: InputOptions): InputReplacements | undefined;
  /** Runs its model classes on their own, in definition order (after the module's top level). */
  runClassModels(ctx: Context, job: ModelJob): ModelRun[];
  /** Models bound to module-level variables, each run on its own (a script's `nn.Sequential`). */
  runVariableModels?(ctx: Context, scope: Scope, job: ModelJob): NamedRun[];
}

/** The method a module class runs when called (its front end's `forward`/`call`), if defined. */
export function forwardOf(ctx: Context, cls: ClassValue): FunctionValue | undefined {
  const name = cls.framework ? ctx.frontend(cls.framework).forwardMethod : '__call__';
  const found = findInClass(cls, name);
  return found?.k === 'func' ? found : undefined;
}
