// Abstract values of the interpreter: Python literals and containers, symbolic sizes, tensors
// (a shape, or unknown), functions, classes and their instances, framework layers, and unknown.
import { FRESH_FIELD, joinFields } from './receptive';
import {
  type ArgValue,
  type Dim,
  type Framework,
  type LayerSpec,
  type PackedShape,
  type Shape,
  type SymExpr,
  UNKNOWN,
  dimEquals,
  isExpr,
} from '../engine';
import type { ReceptiveField } from '../engine/receptive-field';
import type { ClassDef, Expr, FunctionDef, Range, Stmt } from '../python';
import type { LoadedModule, Origin } from './project';
import type { Scope } from './scope';

export interface ClassValue {
  readonly k: 'class';
  readonly def: ClassDef;
  readonly bases: readonly Value[];
  /** Class-level names: methods and class attributes. */
  readonly attrs: Map<string, Value>;
  /** Subclasses a framework's module or layer class (directly or through a class of this file). */
  readonly isModule: boolean;
  /** The front end whose base class it subclasses. */
  readonly framework: Framework | undefined;
  /** Subclasses a container (nn.Sequential / nn.ModuleList / nn.ModuleDict): children given to super().__init__. */
  readonly container?: 'Sequential' | 'ModuleList' | 'ModuleDict';
  /** Defined in another file of the project (imports). */
  readonly origin?: Origin;
  /** A module by its own code only: a base is a library class not read (unfollowed-bases.ts). */
  readonly unfollowedBase?: true;
}

export interface FunctionValue {
  readonly k: 'func';
  readonly def: FunctionDef;
  readonly closure: Scope;
  /** The class whose body defined it (for `super()`). */
  readonly owner?: ClassValue;
  /** Defined in another file of the project (imports). */
  readonly origin?: Origin;
}

/** Where a module was constructed, for ranges and definition hints. */
export interface Site {
  readonly call: Range;
  /** Arguments whose value is a command-line option's default: `ngf = 64, the default of --ngf`. */
  readonly origins?: readonly string[];
  /** The innermost statement being executed when it was built. */
  readonly stmt?: Range;
  /** Constructor argument ranges by parameter name (for diagnostics and fixes). */
  readonly args?: Readonly<Record<string, { readonly range: Range; readonly literal: boolean; readonly expr?: Expr }>>;
  /** The callee text as written (`nn.Linear`), for fixes that insert a sibling layer. */
  readonly callee?: string;
  /** The statement was repaired by the parser: never report from here. */
  readonly tainted: boolean;
  /** Built by code of another file (its ranges are that file's): never shown here; its errors
   *  are reported at this document's call that led there (foreign-diagnostics.ts). */
  readonly from?: Origin;
  /** Built by a statement of that other file the parser repaired: never reported at all. */
  readonly fromRepaired?: boolean;
  /** Set when constructed as a direct positional argument of nn.Sequential(...) / an item of keras.Sequential([...]). */
  sequentialArg?: boolean;
  /** Set when constructed inside `model.add(...)` (Keras): the statement and the receiver's text. */
  sequentialAdd?: { readonly stmt: Range; readonly receiver: string };
}

/** A framework layer (`nn.Conv2d(...)`): a bound spec, or an opaque module the engine does not know. */
export interface LayerValue {
  readonly k: 'layer';
  readonly framework: Framework;
  readonly kind: string;
  /** Absent: not understood (or changed after construction, `conv.stride = 2`): calls are unknown. */
  spec?: LayerSpec;
  readonly site: Site;
  /** Input of its first call (Lazy modules' parameters depend on it; a Keras layer is built with it). */
  firstInput?: Shape | null;
  /** Every input of its first call, for a layer whose weights depend on more than one (attention). */
  firstInputs?: (Shape | null)[];
  /** The layer's own name where the framework names layers (`name=` or an automatic name). */
  readonly layerName?: string;
  /** `input_shape=`/`batch_input_shape=`/`input_dim=` given to it (with the batch axis); null: given, not understood. */
  readonly declaredInput?: Shape | null;
  /** `layer.trainable = False` (Keras): its weights count as non-trainable. */
  trainable?: boolean;
  /**
   * Parameters a wrapper added to the layer's own (weight_norm's magnitude); null when not known
   * (a parameter replaced after construction, perhaps by another layer's: a tied weight).
   */
  extraParams?: number | null;
}

/** nn.Sequential / nn.ModuleList / nn.ModuleDict: named children in order. */
export interface ContainerValue {
  readonly k: 'container';
  readonly framework: Framework;
  readonly kind: 'Sequential' | 'ModuleList' | 'ModuleDict';
  readonly keys: string[];
  readonly items: Value[];
  readonly site: Site;
  /** A child was added under a name that is not known: its children are not all known. */
  opaque?: boolean;
}

/** An instance of a class of this file (an nn.Module subclass or any helper class). */
export interface ObjectValue {
  readonly k: 'object';
  readonly cls: ClassValue;
  readonly attrs: Map<string, Value>;
  readonly site?: Site;
  /** The layer/model name where the framework names layers (`name=` or automatic). */
  layerName?: string;
  /** A member was set under a name that is not known: its members are not all known. */
  opaque?: boolean;
}

/** One application of a layer (or model) in a framework's functional graph (Keras). */
export interface GraphNode {
  readonly id: number;
  /** What was called: a layer, a graph model, or a subclassed Layer/Model; absent for tensor arithmetic. */
  readonly callee?: Value;
  /** Tensor arithmetic (`x + y`): the operator. */
  readonly op?: string;
  /** The positional arguments as given (tensors inside lists for merge layers). */
  readonly args: readonly Value[];
  /** The graph tensors the arguments hold. */
  readonly parents: readonly Value[];
  /** Indices into the recorder's layers of the LayerCalls this application made. */
  readonly layers: readonly number[];
}

/** Where a symbolic tensor of a functional graph came from. */
export interface GraphTensor {
  readonly framework: Framework;
  /** An input (`keras.Input(...)`): the offset of the call that declared it. */
  readonly declared?: number;
  readonly node?: GraphNode;
  /** Its position in the node's output tuple. */
  readonly index?: number;
}

/** A model the file builds from layers (Keras): a Sequential (its layers) or a Functional (its graph). */

export interface GraphModelValue {
  readonly k: 'kmodel';
  readonly framework: Framework;
  readonly kind: 'Sequential' | 'Functional';
  readonly layerName: string;
  readonly site: Site;
  /** Sequential: the layers in order. */
  readonly items: Value[];
  /** Sequential: the input shape once known (undefined: not built). */
  input?: Shape | null;
  /** Sequential: the offset of what declared its input (an Input, a layer's `input_shape=`, `build`). */
  inputAt?: number;
  /** Sequential: the output of the last application, for `.add()` after the build. */
  output?: Value;
  /** Functional: the input and output structures (graph tensors). */
  readonly inputs?: Value;
  readonly outputs?: Value;
  /** Functional: the graph's applications, in execution order. */
  readonly nodes?: readonly GraphNode[];
  /** Indices of the LayerCalls of the model's first application (its layers). */
  layers: number[];
  /** `model.trainable = False`: every weight inside counts as non-trainable. */
  trainable?: boolean;
}

export type Value =
  | { readonly k: 'none' }
  | { readonly k: 'bool'; readonly v: boolean }
  | { readonly k: 'int'; readonly v: number }
  | { readonly k: 'float'; readonly v: number }
  | { readonly k: 'str'; readonly v: string }
  /** A symbolic integer (`x.size(2)` with a symbolic H). */
  | { readonly k: 'dim'; readonly d: SymExpr }
  | { readonly k: 'tuple'; readonly items: readonly Value[] }
  | { readonly k: 'list'; readonly items: Value[] }
  | { readonly k: 'dict'; readonly keys: Value[]; readonly values: Value[] }
  /** `param`: made by nn.Parameter (counted in the model's parameters). */
  /** `rf`: receptive field per spatial axis of the chain that made it (absent: none yet). */
  /** `graph`: a symbolic tensor of a framework's functional graph, with the application that made it (none for an input). */
  | {
      readonly k: 'tensor';
      readonly shape: Shape | null;
      readonly param?: boolean;
      readonly rf?: readonly ReceptiveField[];
      readonly graph?: GraphTensor;
      /** Its elements' kind when known: integers or booleans (what an index or a mask needs). */
      readonly dtype?: 'int' | 'bool';
      /** A packed batch of sequences (its shape is then null: it is not a tensor to operate on). */
      readonly packed?: PackedShape;
    }
  | FunctionValue
  | { readonly k: 'bound'; readonly fn: FunctionValue; readonly self: Value }
  | ClassValue
  | ObjectValue
  | LayerValue
  | ContainerValue
  | GraphModelValue
  /** A name from an import (`torch.nn.Conv2d`), canonical. */
  | { readonly k: 'extern'; readonly q: string }
  /** A module of the project (imports across files). */
  | { readonly k: 'module'; readonly module: LoadedModule }
  /** A Python builtin (`range`, `len`, `zip`, ...). */
  | { readonly k: 'builtin'; readonly name: string }
  /** A method of a built-in value (`xs.append`, `x.view`, `self.layers.append`). */
  | { readonly k: 'method'; readonly self: Value; readonly name: string }
  | { readonly k: 'super'; readonly self: Value; readonly cls: ClassValue }
  | { readonly k: 'slice'; readonly lower: Value; readonly upper: Value; readonly step: Value }
  /** Not known; `truth` when its truthiness is (`unknown and False` is falsy either way). */
  | { readonly k: 'unknown'; readonly truth?: boolean };

export const UNKNOWN_VALUE: Value = Object.freeze({ k: 'unknown' as const });
export const NONE: Value = Object.freeze({ k: 'none' as const });
export const tensor = (shape: Shape | null, rf?: readonly ReceptiveField[]): Value => {
  const dims = shape && onlyDims(shape);
  return rf ? { k: 'tensor', shape: dims, rf } : { k: 'tensor', shape: dims };
};

/** A size as the Analysis may show it: a whole number, a symbolic size, or unknown. */
export function isDim(d: unknown): d is Dim {
  if (d === null) return true;
  if (typeof d === 'number') return Number.isInteger(d);
  return typeof d === 'object' && (d as { kind?: unknown }).kind === 'expr';
}

/** A shape holds only dims: anything else a rule let through (a tensor, a float) is unknown. */
export function onlyDims(shape: Shape): Shape {
  return shape.every(d => isDim(d)) ? shape : shape.map(d => (isDim(d) ? d : null));
}

/** The receptive field a value carries, if it is a tensor that has one. */
/** A tensor computed from no other (a model's input, a factory's, a buffer): its own field. */
export const freshTensor = (shape: Shape | null): Value => tensor(shape, FRESH_FIELD);

export function rfOf(v: Value | undefined): readonly ReceptiveField[] | undefined {
  return v?.k === 'tensor' ? v.rf : undefined;
}
export const int = (v: number): Value => ({ k: 'int', v });

/** A dim as a value: a plain int, a symbolic int, or unknown. */
export function dimValue(d: Dim): Value {
  if (d === null || !isDim(d)) return UNKNOWN_VALUE;
  return typeof d === 'number' ? { k: 'int', v: d } : { k: 'dim', d };
}

/** A value as a dim (ints and symbolic ints), or null. */
export function asDim(v: Value): Dim {
  if (v.k === 'int') return v.v;
  if (v.k === 'bool') return v.v ? 1 : 0;
  if (v.k === 'dim') return v.d;
  return null;
}

/**
 * The child modules of a container-like object (a subclass of nn.Sequential), in order: like
 * `_modules`, every module attribute, numbered or named (`add_module('norm', ...)`). A numbered
 * child not understood is kept, as unknown: running, indexing or iterating past it must not skip
 * it. Children not known at all make the object opaque (module-names.ts).
 */
export function containerChildren(v: ObjectValue): [string, Value][] {
  return [...v.attrs].filter(([k, c]) => isModuleValue(c) || (/^\d+$/.test(k) && c.k === 'unknown'));
}

export function isModuleValue(v: Value): v is LayerValue | ContainerValue | ObjectValue | GraphModelValue {
  return v.k === 'layer' || v.k === 'container' || v.k === 'kmodel' || (v.k === 'object' && v.cls.isModule);
}

/** A graph tensor: made by a framework's input (`keras.Input`) or by applying a layer to one. */
/**
 * The shape a model reports as its output: the tensor it returns, or the first item of a returned
 * tuple or list. The first item that is not a tensor makes it unknown — never the next tensor,
 * which would be a different output known confidently.
 */
export function primaryOutputShape(out: Value): Shape | null {
  const first =
    out.k === 'tuple' || out.k === 'list' ? out.items.find(v => v.k === 'tensor' || v.k === 'unknown') : out;
  return first?.k === 'tensor' ? first.shape : null;
}

export function isGraphTensor(v: Value | undefined): v is Extract<Value, { k: 'tensor' }> {
  return v?.k === 'tensor' && v.graph !== undefined;
}

/** A value as the engine's argument vocabulary. */
export function toArg(v: Value): ArgValue {
  switch (v.k) {
    case 'none':
      return null;
    case 'bool':
    case 'int':
    case 'float':
    case 'str':
      return v.v;
    case 'dim':
      return v.d;
    case 'tuple':
    case 'list':
      return v.items.map(toArg);
    default:
      return UNKNOWN;
  }
}

/** Python truthiness, when it can be known. */
export function truthy(v: Value): boolean | undefined {
  switch (v.k) {
    case 'unknown':
      return v.truth;
    case 'none':
      return false;
    case 'bool':
      return v.v;
    case 'int':
    case 'float':
      return v.v !== 0;
    case 'str':
      return v.v.length > 0;
    case 'tuple':
    case 'list':
      return v.items.length > 0;
    case 'dict':
      return v.keys.length > 0;
    case 'dim':
      return undefined;
    case 'func':
    case 'class':
    case 'object':
    case 'layer':
    case 'container':
    case 'kmodel':
    case 'extern':
    case 'module':
    case 'builtin':
      return true;
    default:
      return undefined;
  }
}

function joinShapes(a: Shape | null, b: Shape | null): Shape | null {
  if (!a || !b || a.length !== b.length) return null;
  return a.map((d, i) => (dimEquals(d, b[i]) || d === b[i] ? d : null));
}

const NO_SITE: Site = { call: { start: 0, end: 0 }, tainted: true };

/** The value that describes both `a` and `b` (after an `if` whose condition is unknown). */
export function join(a: Value, b: Value): Value {
  if (a === b) return a;
  if (a.k === 'tensor' && b.k === 'tensor') return tensor(joinShapes(a.shape, b.shape), joinFields(a.rf, b.rf));
  if ((a.k === 'int' || a.k === 'float' || a.k === 'str' || a.k === 'bool') && a.k === b.k)
    return a.v === b.v ? a : UNKNOWN_VALUE;
  if (a.k === 'none' && b.k === 'none') return a;
  if (a.k === 'dim' && b.k === 'dim') return dimEquals(a.d, b.d) ? a : UNKNOWN_VALUE;
  if ((a.k === 'tuple' || a.k === 'list') && a.k === b.k && a.items.length === b.items.length) {
    const items = a.items.map((x, i) => join(x, b.items[i]));
    return a.k === 'tuple' ? { k: 'tuple', items } : { k: 'list', items };
  }
  // One of two modules: still a module of the model (its parameters unknown, not uncounted).
  if (isModuleValue(a) && isModuleValue(b) && a.k !== 'kmodel' && b.k !== 'kmodel') {
    const frameworkOf = (m: typeof a) => (m.k === 'object' ? m.cls.framework : m.framework);
    const framework = frameworkOf(a) ?? frameworkOf(b);
    if (framework) return { k: 'layer', framework, kind: 'Module', site: a.site ?? b.site ?? NO_SITE };
  }
  return UNKNOWN_VALUE;
}

/** A stable key for dict lookups on simple keys. */
export function keyOf(v: Value): string | undefined {
  switch (v.k) {
    case 'int':
    case 'float':
      return `n:${v.v}`;
    case 'bool':
      return `n:${v.v ? 1 : 0}`;
    case 'str':
      return `s:${v.v}`;
    case 'none':
      return 'None';
    case 'tuple': {
      const parts = v.items.map(keyOf);
      return parts.every(p => p !== undefined) ? `t:(${parts.join(',')})` : undefined;
    }
    default:
      return undefined;
  }
}

export function isSymbolic(v: Value): boolean {
  return v.k === 'dim' && isExpr(v.d);
}

export type { Stmt };
