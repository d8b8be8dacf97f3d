// Shared machinery of the Keras 3 rules: reading constructor arguments the way Keras
// standardizes them, printing values the way Python prints them (Keras' error texts are
// f-strings), the automatic layer names, and the InputSpec checks of
// `keras/src/layers/input_spec.py`.
import { type Dim, type Shape, dimDiffers, dimText } from '../dim';
import { requireEqual } from '../size-requirements';
import {
  type ArgValue,
  type DiagnosticCode,
  type Inference,
  type LayerSpec,
  type ShapeError,
  failed,
  isLayerArg,
  isUnknown,
  UNKNOWN_INFERENCE,
} from '../types';
import { ExpectedCondition, reportUnexpected } from '../../common/internal-errors';

/** Thrown when Keras would certainly raise: carries the error in Keras' words. */
export class KerasError extends ExpectedCondition {
  constructor(readonly error: ShapeError) {
    super(error.message);
  }
}

/** Thrown when an argument the rule needs is unknown: the answer is quietly "unknown". */
export class Quiet extends ExpectedCondition {}

export function raise(code: DiagnosticCode, message: string, argument?: string): never {
  throw new KerasError(argument ? { code, message, argument } : { code, message });
}

/** Runs a rule body: Keras errors become failures, unknown arguments become the quiet answer. */
export function guarded(body: () => Inference): Inference {
  try {
    return body();
  } catch (e) {
    if (e instanceof KerasError)
      return failed(e.error.code, e.error.message, e.error.argument ? { argument: e.error.argument } : {});
    if (e instanceof Quiet) return UNKNOWN_INFERENCE;
    throw e;
  }
}

/** Runs a constructor check: the error, or undefined (also when arguments are unknown). */
export function validated(body: () => void): ShapeError | undefined {
  try {
    body();
    return undefined;
  } catch (e) {
    if (e instanceof KerasError) return e.error;
    reportUnexpected('engine.keras.validated', e); // Quiet: unknown arguments, no error to give
    return undefined;
  }
}

// ---- Python printing ----

export function pyDim(d: Dim): string {
  return d === null ? 'None' : typeof d === 'number' ? String(d) : dimText(d);
}

/** Python's tuple repr: `(None, 28)`, `(12,)`, `()`. */
export function pyTuple(items: readonly Dim[]): string {
  return items.length === 1 ? `(${pyDim(items[0])},)` : `(${items.map(pyDim).join(', ')})`;
}

/** A list of shapes as Python prints `[(None, 3), (None, 4)]`. */
export function pyShapeList(shapes: readonly Shape[]): string {
  return `[${shapes.map(pyTuple).join(', ')}]`;
}

/** NumPy's array str: `[1 1]`, `[None 5 5 3]`. */
export function npArray(items: readonly Dim[]): string {
  return `[${items.map(pyDim).join(' ')}]`;
}

/** str() of an argument value; sequences print as tuples (Keras standardizes them to tuples). */
export function pyStr(v: ArgValue): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number' || typeof v === 'string') return String(v);
  if (isUnknown(v)) return '?';
  if (Array.isArray(v)) return v.length === 1 ? `(${pyStr(v[0])},)` : `(${v.map(pyStr).join(', ')})`;
  // A layer given where a number belongs (`Conv2D(8, layers.Dense(3))`): Keras 3's repr of it.
  if (isLayerArg(v)) return `<${v.spec.kind} name=${layerName(v.spec)}, built=False>`;
  return dimText(v as Dim);
}

// ---- layer names ----

/** Keras' `to_snake_case`: `Conv2D` → `conv2d`, `LeakyReLU` → `leaky_re_lu`. */
export function snakeCase(name: string): string {
  let s = name.replace(/\W+/g, '');
  s = s.replace(/(.)([A-Z][a-z]+)/g, '$1_$2');
  return s.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

export function layerName(spec: LayerSpec): string {
  return spec.name ?? snakeCase(spec.kind);
}

// ---- reading arguments ----

function need(v: ArgValue | undefined): ArgValue {
  if (v === undefined || isUnknown(v)) throw new Quiet();
  return v;
}

export function argInt(spec: LayerSpec, name: string): number {
  const v = need(spec.args[name]);
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new Quiet();
  return v;
}

export function argNumber(spec: LayerSpec, name: string): number {
  const v = need(spec.args[name]);
  if (typeof v !== 'number') throw new Quiet();
  return v;
}

export function argString(spec: LayerSpec, name: string): string {
  const v = need(spec.args[name]);
  if (typeof v !== 'string') throw new Quiet();
  return v;
}

export function argBool(spec: LayerSpec, name: string): boolean {
  const v = need(spec.args[name]);
  if (typeof v !== 'boolean') throw new Quiet();
  return v;
}

/** `argument_validation.standardize_tuple`: an int or a sequence of n ints, each > 0 (or ≥ 0). */
export function standardizeTuple(value: ArgValue | undefined, n: number, name: string, allowZero = false): number[] {
  const v = need(value);
  let items: number[];
  let msg = `The \`${name}\` argument must be a tuple of ${n} integers. Received ${name}=${pyStr(v)}`;
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new Quiet();
    items = Array(n).fill(v);
  } else if (Array.isArray(v)) {
    if (v.length !== n) raise('invalid-argument', msg, name);
    items = v.map(x => {
      const known = need(x);
      if (typeof known !== 'number' || !Number.isInteger(known)) throw new Quiet();
      return known;
    });
  } else {
    throw new Quiet();
  }
  const bad = [...new Set(items.filter(x => (allowZero ? x < 0 : x <= 0)))];
  if (bad.length > 0) {
    msg += `, including values {${bad.join(', ')}} that do not satisfy \`value ${allowZero ? '>= 0' : '> 0'}\``;
    raise('invalid-argument', msg, name);
  }
  return items;
}

export type DataFormat = 'channels_last' | 'channels_first';

/** `backend.standardize_data_format`: None means the config default, channels_last. */
export function dataFormat(spec: LayerSpec): DataFormat {
  const v = need(spec.args.data_format ?? null);
  if (v === null) return 'channels_last';
  if (typeof v !== 'string') throw new Quiet();
  const f = v.toLowerCase();
  if (f !== 'channels_last' && f !== 'channels_first') {
    raise(
      'invalid-argument',
      `The \`data_format\` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=${f}`,
      'data_format',
    );
  }
  return f;
}

// ---- input specs (keras/src/layers/input_spec.py) ----

export interface InputSpec {
  readonly ndim?: number;
  readonly minNdim?: number;
  readonly maxNdim?: number;
  /** Axis → expected size (from the shape the layer was built with). */
  readonly axes?: ReadonlyMap<number, Dim>;
}

/** `assert_input_compatibility` for one input, with the text of Keras 3 (and tf.keras 2.7+). */
export function checkInputSpec(
  spec: LayerSpec,
  shape: Shape,
  inputSpec: InputSpec,
  index = 0,
  axisCode: DiagnosticCode = 'channel-mismatch',
): void {
  const head = `Input ${index} of layer "${layerName(spec)}" is incompatible with the layer: `;
  const ndim = shape.length;
  if (inputSpec.ndim !== undefined && ndim !== inputSpec.ndim) {
    raise(
      'rank-mismatch',
      `${head}expected ndim=${inputSpec.ndim}, found ndim=${ndim}. Full shape received: ${pyTuple(shape)}`,
    );
  }
  if (inputSpec.maxNdim !== undefined && ndim > inputSpec.maxNdim) {
    raise('rank-mismatch', `${head}expected max_ndim=${inputSpec.maxNdim}, found ndim=${ndim}`);
  }
  if (inputSpec.minNdim !== undefined && ndim < inputSpec.minNdim) {
    raise(
      'rank-mismatch',
      `${head}expected min_ndim=${inputSpec.minNdim}, found ndim=${ndim}. Full shape received: ${pyTuple(shape)}`,
    );
  }
  for (const [axis, value] of inputSpec.axes ?? []) {
    if (value === null) continue;
    const actual = shape[axis < 0 ? ndim + axis : axis];
    if (actual === undefined) continue;
    requireEqual(actual, value, layerName(spec));
    if (dimDiffers(actual, value)) {
      raise(
        axisCode,
        `${head}expected axis ${axis} of input shape to have value ${pyDim(value)}, but received input with shape ${pyTuple(shape)}`,
      );
    }
  }
}

/**
 * A layer object called a second time keeps the input spec of its first build. The analysis
 * passes that first input as the call argument `built_input_shape` (an array of dims).
 */
export function builtInputShape(callArgs?: Readonly<Record<string, ArgValue>>): Shape | undefined {
  const v = callArgs?.built_input_shape;
  if (!Array.isArray(v)) return undefined;
  return v.map(d =>
    typeof d === 'number' || d === null || (typeof d === 'object' && d !== null && 'kind' in d && d.kind === 'expr')
      ? (d as Dim)
      : null,
  );
}

/** The one input of a single-input layer; unknown rank means nothing can be said. */
export function singleInput(inputs: readonly Shape[]): Shape {
  const x = inputs[0];
  if (!x) throw new Quiet();
  return x;
}

/** Product of known sizes, or undefined. */
export function knownProduct(dims: readonly Dim[]): number | undefined {
  let p = 1;
  for (const d of dims) {
    if (typeof d !== 'number') return undefined;
    p *= d;
  }
  return p;
}

/** The channel axis index for a data format and rank. */
export function channelAxis(format: DataFormat, rank: number): number {
  return format === 'channels_last' ? rank - 1 : 1;
}

/** Indices of the spatial axes for a data format and rank. */
export function spatialAxes(format: DataFormat, rank: number): number[] {
  const out: number[] = [];
  for (let i = format === 'channels_last' ? 1 : 2; i < (format === 'channels_last' ? rank - 1 : rank); i++) out.push(i);
  return out;
}

/** Signature helper: parameters in positional order, `[name, default]` (no default = required). */
export function params(...items: ReadonlyArray<readonly [string, ArgValue?]>): { name: string; default?: ArgValue }[] {
  return items.map(([name, ...rest]) => (rest.length > 0 ? { name, default: rest[0] } : { name }));
}

/** Spatial-axis names for notes: rows/columns for 2-D, steps for 1-D, depth/rows/columns for 3-D. */
export function axisNoun(rank: number, i: number): string {
  if (rank === 1) return 'steps';
  if (rank === 2) return ['rows', 'columns'][i];
  return ['depth slices', 'rows', 'columns'][i];
}
