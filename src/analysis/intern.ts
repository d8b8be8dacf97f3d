// One object per distinct shape and per distinct symbolic dim across the Analyses of a process:
// model code repeats the same few shapes ([N, 64, H, W] ...) thousands of times, and a symbolic
// dim is a small tree of objects. Sharing them keeps open documents' Analyses small; they stay
// plain data (JSON is unchanged), and nothing mutates a shape.
import type { Dim, Shape } from '../engine';

const MAX_ENTRIES = 50_000;
const shapes = new Map<string, Shape>();
const dims = new Map<string, Dim>();
/** Shapes already replaced (the same array flows from a layer's output into the next input and into hints). */
let seen = new WeakMap<object, Shape>();

function internDim(d: Dim): Dim {
  if (d === null || typeof d === 'number') return d;
  const key = JSON.stringify(d);
  const known = dims.get(key);
  if (known !== undefined) return known;
  if (dims.size >= MAX_ENTRIES) dims.clear();
  dims.set(key, d);
  return d;
}

/** The shared instance of a shape equal to `s`. */
export function internShape(s: Shape): Shape;
export function internShape(s: Shape | null): Shape | null;
export function internShape(s: Shape | null): Shape | null {
  if (s === null) return null;
  const done = seen.get(s);
  if (done) return done;
  let canonical: Shape;
  if (s.every(d => d === null || typeof d === 'number')) {
    const key = `${s.length}:${s.join(',')}`;
    canonical = shapes.get(key) ?? s;
    if (canonical === s) add(key, s);
  } else {
    const key = JSON.stringify(s);
    const known = shapes.get(key);
    canonical = known ?? s.map(internDim);
    if (!known) add(key, canonical);
  }
  seen.set(s, canonical);
  return canonical;
}

function add(key: string, s: Shape): void {
  if (shapes.size >= MAX_ENTRIES) {
    shapes.clear();
    seen = new WeakMap();
  }
  shapes.set(key, s);
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Replaces, in place, every shape of the layers, hints and models by its shared instance. */
export function internShapes(parts: {
  readonly layers: readonly { inputs: readonly (Shape | null)[]; output: Shape | null }[];
  readonly hints: readonly { shape: Shape }[];
  readonly models: readonly { inputs: readonly (Shape | null)[]; output: Shape | null }[];
}): void {
  const inputs = (xs: readonly (Shape | null)[]) => {
    const interned = xs.map(x => internShape(x));
    return interned.every((x, i) => x === xs[i]) ? xs : interned;
  };
  for (const o of [...parts.layers, ...parts.models] as Writable<{ inputs: readonly (Shape | null)[]; output: Shape | null }>[]) {
    o.inputs = inputs(o.inputs);
    o.output = internShape(o.output);
  }
  for (const h of parts.hints as Writable<{ shape: Shape }>[]) h.shape = internShape(h.shape);
}
