// The engine's vocabulary: argument values, layer specs, the result of applying a layer, and the
// structured errors that mirror the frameworks' own messages. Plain data throughout: the CLI's
// JSON and the editor's hovers are built from these objects.
import type { Dim, Shape, SymExpr } from './dim';
import type { DiagnosticCode } from './diagnostic-catalogue';

export type Framework = 'pytorch' | 'keras';

/** Marks an argument whose value the analysis could not determine. */
export interface UnknownValue {
  readonly kind: 'unknown';
}
export const UNKNOWN: UnknownValue = Object.freeze({ kind: 'unknown' as const });
export function isUnknown(v: unknown): v is UnknownValue {
  return typeof v === 'object' && v !== null && (v as { kind?: string }).kind === 'unknown';
}

/**
 * A constructor or call argument as the engine sees it: Python literals (numbers, strings,
 * booleans, None as null, tuples/lists as arrays), symbolic sizes, or unknown.
 */
export type ArgValue = number | string | boolean | null | SymExpr | UnknownValue | LayerArg | readonly ArgValue[];

/** A layer passed to another layer's constructor (Keras' `Bidirectional(LSTM(64))`), bound. */
export interface LayerArg {
  readonly kind: 'layer';
  readonly spec: LayerSpec;
}
export function isLayerArg(v: unknown): v is LayerArg {
  return typeof v === 'object' && v !== null && (v as { kind?: string }).kind === 'layer' && 'spec' in v;
}

/** The stable codes of the diagnostic catalogue (diagnostic-catalogue.ts). */
export type { DiagnosticCode } from './diagnostic-catalogue';

/**
 * An error the framework would certainly raise, in its own words. `argument` names the
 * constructor/call argument at fault (for the diagnostic's range); `suggested` is the value that
 * would make it right (for the quick fix), when there is one: a number, or the sizes of an
 * argument written as a sequence (LayerNorm's `normalized_shape=(C, H, W)`).
 */
export interface ShapeError {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly argument?: string;
  readonly suggested?: number | readonly number[];
  /** Raised by the module given as this constructor argument (a stack's `encoder_layer`): `argument`
   *  and `suggested` are that module's. */
  readonly within?: string;
  /** Raised only in this mode (BatchNorm's per-channel check in training): a warning naming it. */
  readonly onlyWhen?: 'training';
  /** With `onlyWhen`: the output in the other mode, where the operation succeeds. */
  readonly otherwise?: Shape;
}

/** A layer constructor bound to its signature: every parameter by name, defaults filled in. */
export interface LayerSpec {
  readonly framework: Framework;
  /** Canonical class name, e.g. `Conv2d`, `Conv2D`, `MaxPool2d`. */
  readonly kind: string;
  readonly args: Readonly<Record<string, ArgValue>>;
  /** Keras layer name (`name=` or automatic); PyTorch modules are named by the analysis. */
  readonly name?: string;
}

/**
 * The arithmetic of one spatial axis of a sliding-window layer, in the guide's notation. Enough
 * to print the formula with numbers, draw the diagram and explain notes.
 */
export interface AxisArithmetic {
  readonly input: Dim;
  readonly kernel: number;
  readonly stride: number;
  readonly dilation: number;
  /** Zero padding before and after (asymmetric for `same` with even kernels, Keras `same`, `causal`). */
  readonly padBefore: number;
  readonly padAfter: number;
  readonly output: Dim;
  /** Transposed convolution: the output_padding `a` of relationship 14 (0 otherwise). */
  readonly outputPadding: number;
  readonly transposed: boolean;
  readonly ceilMode: boolean;
  /** The guide's relationship number (1–15) that describes this axis. */
  readonly relationship: number;
  /** The formula with numbers substituted, e.g. `⌊(32 + 2·1 − 3)/2⌋ + 1 = 16`. */
  readonly formula: string;
  /** Trailing input cells (of the padded input) that no window covers (relationship 6). */
  readonly unusedInput: number;
}

/** One tensor of a layer's tuple output, named as the framework's documentation names it. */
export interface NamedOutput {
  readonly name: string;
  readonly shape: Shape | null;
}

/** A (possibly nested) Python tuple of tensors: an LSTM's `(output, (h_n, c_n))`. */
export interface TupleOutput {
  readonly items: readonly (NamedOutput | TupleOutput)[];
}

export function isTupleOutput(v: NamedOutput | TupleOutput): v is TupleOutput {
  return 'items' in v;
}

/** The tuple's tensors in order, nesting flattened. */
export function flatOutputs(t: TupleOutput): NamedOutput[] {
  return t.items.flatMap(i => (isTupleOutput(i) ? flatOutputs(i) : [i]));
}

/** What applying a layer to an input gives: an output shape, or the framework's error. */
export type Inference =
  | {
      readonly ok: true;
      /** `null` when the output cannot be known (unknown rank): propagate quietly. */
      readonly output: Shape | null;
      /**
       * For layers that return a tuple (recurrent layers): all of it; `output` is then its first
       * tensor, the one hints and summaries show.
       */
      readonly tuple?: TupleOutput;
      /** Per spatial axis, for sliding-window layers. */
      readonly axes?: readonly AxisArithmetic[];
      /** Human notes: dropped input rows, asymmetric padding, what ceil_mode changed. */
      readonly notes?: readonly string[];
      /** Multiply-accumulates for one sample (batch excluded), when known. */
      readonly macs?: number;
    }
  | { readonly ok: false; readonly error: ShapeError };

export function inferred(
  output: Shape | null,
  extra: Omit<Extract<Inference, { ok: true }>, 'ok' | 'output'> = {},
): Inference {
  return { ok: true, output, ...extra };
}
export function failed(
  code: DiagnosticCode,
  message: string,
  extra: Omit<ShapeError, 'code' | 'message'> = {},
): Inference {
  return { ok: false, error: { code, message, ...extra } };
}

/** Nothing can be said about the output: the quiet answer. */
export const UNKNOWN_INFERENCE: Inference = Object.freeze({ ok: true as const, output: null });

/**
 * A batch of sequences packed without padding (PyTorch's PackedSequence), by what its shapes
 * depend on: its `data` `(sum of the lengths, *features)`, the number of sequences
 * (batch_sizes[0]) and the longest length (batch_sizes' length).
 */
export interface PackedShape {
  /** `(sum of the lengths, *features)`; null when even its rank is unknown. */
  readonly data: Shape | null;
  readonly batch: Dim;
  readonly steps: Dim;
  /** Packed unsorted: it carries sorted_indices, by which a recurrent layer first permutes a given state. */
  readonly permuted?: boolean;
}

/**
 * One part of a subscript `x[...]`: basic (None, Ellipsis, an int, a slice, whose length on an axis
 * the caller computes) or advanced (an integer tensor or list of that shape, with its values when
 * written; a boolean mask, with its count of True when written), or anything not understood.
 */
export type IndexPart =
  | { readonly kind: 'none' }
  | { readonly kind: 'ellipsis' }
  | { readonly kind: 'int'; readonly value?: number }
  | { readonly kind: 'slice'; readonly length: (size: Dim) => Dim }
  | { readonly kind: 'ints'; readonly shape: Shape; readonly values?: readonly number[] }
  | { readonly kind: 'mask'; readonly shape: Shape; readonly count: Dim }
  | { readonly kind: 'unknown' };

/** A tensor passed to a functional form or tensor operation (`F.conv2d(x, w)`, `torch.cat`). */
export interface TensorArg {
  readonly kind: 'tensor';
  /** `null` when the tensor's shape (even its rank) is unknown. */
  readonly shape: Shape | null;
}
export function tensorArg(shape: Shape | null): TensorArg {
  return { kind: 'tensor', shape };
}
export function isTensorArg(v: unknown): v is TensorArg {
  return typeof v === 'object' && v !== null && (v as { kind?: string }).kind === 'tensor';
}

/** An argument of a functional form or tensor operation: a value or a tensor. */
export type OpArg = ArgValue | TensorArg | readonly OpArg[];

/**
 * What a tensor operation yields: a tensor, a dim (`x.size(0)`), a tuple of dims (`x.shape`),
 * or several tensors (`chunk`, `split`).
 */
export type OpValue =
  | TensorArg
  | { readonly kind: 'dim'; readonly dim: Dim }
  | { readonly kind: 'dims'; readonly dims: Shape }
  | { readonly kind: 'tensors'; readonly items: readonly TensorArg[] };

/** The result of a functional form or tensor operation; `undefined` from a lookup means "not an op we know". */
export type OpResult =
  | { readonly ok: true; readonly value: OpValue; readonly inference?: Inference; readonly spec?: LayerSpec }
  | { readonly ok: false; readonly error: ShapeError };
