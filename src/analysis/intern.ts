// One object per distinct shape and per distinct symbolic dim across the Analyses of a process:
// model code repeats the same few shapes ([N, 64, H, W] ...) thousands of times, and a symbolic
// dim is a small tree of objects. Sharing them keeps open documents' Analyses small; they stay
// plain data (JSON is unchanged), and nothing mutates a shape. A layer call's spec is shared the
// same way (engine `sharedSpec`).
import { type Dim, type LayerSpec, type Shape, sharedSpec } from '../engine';

const MAX_ENTRIES = 50_000;
/** Shared shapes by a key of their dims (numbers, `?` for unknown, `#id` for a shared dim). */
let shapes = new Map<string, Shape>();
/** Shared symbolic dims by JSON, and their ids. */
let dims = new Map<string, Dim>();
let dimIds = new WeakMap<object, number>();
let nextDimId = 0;
/** Shapes already replaced (the same array flows from a layer's output into the next input). */
let seen = new WeakMap<object, Shape>();

function reset(): void {
  shapes = new Map();
  dims = new Map();
  dimIds = new WeakMap();
  seen = new WeakMap();
}

function internDim(d: Dim): Dim {
  if (d === null || typeof d === 'number' || dimIds.has(d)) return d;
  const key = JSON.stringify(d);
  const known = dims.get(key);
  if (known !== undefined && known !== null) return known;
  dims.set(key, d);
  dimIds.set(d, nextDimId++);
  return d;
}

const dimKey = (d: Dim): string => (d === null ? '?' : typeof d === 'number' ? String(d) : `#${dimIds.get(d)}`);

/** The shared instance of a shape equal to `s`. */
export function internShape(s: Shape): Shape;
export function internShape(s: Shape | null): Shape | null;
export function internShape(s: Shape | null): Shape | null {
  if (s === null) return null;
  const known = seen.get(s);
  if (known) return known;
  if (shapes.size >= MAX_ENTRIES || dims.size >= MAX_ENTRIES) reset();
  const ds = s.map(internDim);
  const key = ds.map(dimKey).join(',');
  let canonical = shapes.get(key);
  if (!canonical) {
    canonical = ds.every((d, i) => d === s[i]) ? s : ds;
    shapes.set(key, canonical);
  }
  seen.set(s, canonical);
  return canonical;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };
type WithShapes = { inputs: readonly (Shape | null)[]; output: Shape | null };
type WithSpec = WithShapes & { spec?: LayerSpec };

/** Replaces, in place, every shape of the layers, hints and models, and every layer's spec, by
 *  its shared instance (layers of a reused model run were done when it was made: pass only new ones). */
export function internShapes(parts: {
  readonly layers: readonly WithSpec[];
  readonly hints: readonly { shape: Shape }[];
  readonly models: readonly WithShapes[];
}): void {
  const inputs = (xs: readonly (Shape | null)[]) => {
    const interned = xs.map(x => internShape(x));
    return interned.every((x, i) => x === xs[i]) ? xs : interned;
  };
  for (const list of [parts.layers, parts.models]) {
    for (const o of list as Writable<WithShapes>[]) {
      o.inputs = inputs(o.inputs);
      o.output = internShape(o.output);
    }
  }
  for (const h of parts.hints as Writable<{ shape: Shape }>[]) h.shape = internShape(h.shape);
  for (const l of parts.layers as Writable<WithSpec>[]) if (l.spec) l.spec = sharedSpec(l.spec);
}

const sameDims = (a: Shape, b: Shape | null | undefined) =>
  !!b && a.length === b.length && a.every((d, i) => d === b[i]);

/** A hint's shape is usually its layer's output, dim for dim: then it becomes that object. */
export function shareLayerOutputs(
  hints: readonly { shape: Shape; readonly layer?: number }[],
  layers: readonly { readonly output: Shape | null }[],
): void {
  for (const h of hints as Writable<{ shape: Shape; readonly layer?: number }>[]) {
    const output = h.layer === undefined ? undefined : layers[h.layer]?.output;
    if (output && h.shape !== output && sameDims(h.shape, output)) h.shape = output;
  }
}
