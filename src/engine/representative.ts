// A diagram for a layer whose input sizes are symbolic (`[N, 32, ⌊H/2⌋−2, ⌊W/2⌋−2]`): the formulas
// stay symbolic, and the picture is drawn for one concrete size, said to be one. The size is the
// input's symbols set to what the code implies when that is known, else to the smallest equal value
// (H = W = n) at which the layer's own rule runs and every spatial axis reads at least two input
// cells into at least two outputs (so the stride shows). The drawn arithmetic comes from running
// the rule on that input: whatever is drawn is something the layer really does.
import { internalErrorCount } from '../common/internal-errors';
import { substitute, symbolsOf, type Shape } from './dim';
import { axisGeometry } from './geometry';
import { applyLayer } from './layer';
import { collectingRequirements } from './size-requirements';
import type { AxisArithmetic, LayerSpec } from './types';

/** Values of the input's symbols: `{ H: 8, W: 8 }`. */
export type SymbolSizes = Readonly<Record<string, number>>;

export interface RepresentativeDrawing {
  /** The symbol values the diagram is drawn for. */
  readonly sizes: SymbolSizes;
  /** `implied`: the size the code implies for the input; `model`: one size its whole model is
   *  drawn for; `smallest`: the search's first size for this layer alone. */
  readonly basis: 'implied' | 'model' | 'smallest';
  /** The layer's arithmetic on that input, all sizes numbers. */
  readonly axes: readonly AxisArithmetic[];
}

/** The largest H = W the search tries; a layer that needs more is left without a picture. */
export const LARGEST_REPRESENTATIVE = 128;

/**
 * The drawing for a layer on a symbolic input, or undefined when the layer's own arithmetic can
 * be drawn (all sizes known) or no size up to LARGEST_REPRESENTATIVE gives a picture. `implied`
 * (the size the code implies for the model's input, or the one its model is drawn for: `basis`)
 * is used when it names every symbol and runs.
 */
export function representativeDrawing(
  spec: LayerSpec | undefined,
  input: Shape | null | undefined,
  axes: readonly AxisArithmetic[] | undefined,
  implied?: SymbolSizes,
  basis: 'implied' | 'model' = 'implied',
): RepresentativeDrawing | undefined {
  if (!spec || !input || !axes?.length) return undefined;
  if (axes.every(a => typeof a.input === 'number' && typeof a.output === 'number')) return undefined;
  const symbols = new Set<string>();
  for (const a of axes) symbolsOf(a.input, symbols);
  if (symbols.size === 0) return undefined;
  if (implied && [...symbols].every(s => s in implied)) {
    const sizes = Object.fromEntries([...symbols].map(s => [s, implied[s]]));
    const drawn = drawnAxes(spec, input, axes.length, sizes, false);
    if (drawn) return { sizes, basis, axes: drawn };
  }
  return smallestDrawing(spec, input, axes.length, [...symbols]);
}

/** The drawing at the smallest H = W (every symbol n) that runs the layer with two windows per axis. */
function smallestDrawing(
  spec: LayerSpec,
  input: Shape,
  count: number,
  symbols: readonly string[],
): RepresentativeDrawing | undefined {
  return remembered(smallest, spec, input, `${count}:${symbols.join(',')}`, () => {
    for (let n = 1; n <= LARGEST_REPRESENTATIVE; n++) {
      const sizes = Object.fromEntries(symbols.map(s => [s, n]));
      const drawn = drawnAxes(spec, input, count, sizes, true);
      if (drawn) return { sizes, basis: 'smallest', axes: drawn };
    }
    return undefined;
  });
}

/** The rule's arithmetic on the input with `sizes` substituted, when it runs and can be drawn. */
function drawnAxes(
  spec: LayerSpec,
  input: Shape,
  count: number,
  sizes: SymbolSizes,
  nonDegenerate: boolean,
): readonly AxisArithmetic[] | undefined {
  const axes = remembered(numeric, spec, input, `${count}:${JSON.stringify(sizes)}`, () =>
    numericAxes(spec, input, count, sizes),
  );
  if (!axes) return undefined;
  // The sizes first: the geometry (every window's taps) is the costly test.
  if (nonDegenerate && axes.some(a => (a.input as number) < 2 || (a.output as number) < 2)) return undefined;
  let drawable = geometryShown.get(axes);
  if (drawable === undefined) geometryShown.set(axes, (drawable = axes.every(a => axisGeometry(a))));
  return drawable ? axes : undefined;
}

/** The rule's arithmetic on the input with `sizes` substituted, when it runs and every size is a number. */
function numericAxes(
  spec: LayerSpec,
  input: Shape,
  count: number,
  sizes: SymbolSizes,
): readonly AxisArithmetic[] | undefined {
  const shape = input.map(d => substitute(d, sizes));
  const inference = applyLayer(spec, [shape]);
  if (!inference.ok || inference.axes?.length !== count) return undefined;
  const axes = inference.axes;
  for (const a of axes) if (typeof a.input !== 'number' || typeof a.output !== 'number') return undefined;
  return axes;
}

/**
 * What the searches found, by the layer's spec and input, then by what else they read (as a
 * string): the search for one layer tries up to LARGEST_REPRESENTATIVE sizes, the search for a
 * model tries them again for every layer, and layers repeat (the branches of an Inception block
 * share their input, a spec its blocks). Specs are shared and shapes interned (both read-only), so
 * every analysis of a document meets the same ones; kept weakly by them, and at most
 * MAX_PER_LAYER answers per spec and input. An answer whose making reported an internal error is
 * not kept (a rule that throws is reported at every call), nor is anything made while a collector
 * hears the size requirements the rules state (applyLayer states them again on each call).
 */
type Answers<T> = WeakMap<LayerSpec, WeakMap<Shape, Map<string, T | null>>>;
const numeric: Answers<readonly AxisArithmetic[]> = new WeakMap();
const smallest: Answers<RepresentativeDrawing> = new WeakMap();
/** Whether every axis of an inference's arithmetic has a geometry (a pure function of its numbers). */
const geometryShown = new WeakMap<readonly AxisArithmetic[], boolean>();
const MAX_PER_LAYER = 1024;

function remembered<T>(
  answers: Answers<T>,
  spec: LayerSpec,
  input: Shape,
  key: string,
  make: () => T | undefined,
): T | undefined {
  if (collectingRequirements()) return make();
  let byInput = answers.get(spec);
  if (!byInput) answers.set(spec, (byInput = new WeakMap()));
  let byKey = byInput.get(input);
  if (!byKey) byInput.set(input, (byKey = new Map()));
  const known = byKey.get(key);
  if (known !== undefined) return known ?? undefined;
  const bugs = internalErrorCount();
  const made = make();
  if (internalErrorCount() === bugs) {
    if (byKey.size >= MAX_PER_LAYER) byKey.clear();
    byKey.set(key, made ?? null);
  }
  return made;
}

/** A layer as the model-wide search sees it. */
export interface DrawableLayer {
  readonly spec?: LayerSpec;
  readonly inputs: readonly (Shape | null)[];
  readonly axes?: readonly AxisArithmetic[];
}

/**
 * One size for a whole model on a symbolic input, so every layer's picture follows from the same
 * input: the smallest H = W (= n for every symbol) that `accepts` allows at which every layer on
 * a symbolic input runs and shows two windows per axis; failing that, the smallest at which they
 * all run. Undefined when no layer is on a symbolic input or no size up to the limit serves.
 */
export function modelRepresentative(
  layers: readonly DrawableLayer[],
  accepts: (n: number) => boolean = () => true,
): SymbolSizes | undefined {
  const drawable = layers.flatMap(l => {
    const input = l.inputs[0];
    if (!l.spec || !input || !l.axes?.length) return [];
    const symbols = new Set<string>();
    for (const a of l.axes) symbolsOf(a.input, symbols);
    return symbols.size ? [{ spec: l.spec, input, count: l.axes.length, symbols }] : [];
  });
  if (!drawable.length) return undefined;
  const symbols = [...new Set(drawable.flatMap(l => [...l.symbols]))];
  // The layer that failed the last size is asked first: it most likely fails the next one too (a
  // deep layer's map is the smallest), so a size that fails costs one layer, not all before it.
  let failed = 0;
  const allDrawn = (sizes: SymbolSizes, nonDegenerate: boolean): boolean => {
    const { spec, input, count } = drawable[failed];
    if (!drawnAxes(spec, input, count, sizes, nonDegenerate)) return false;
    for (let i = 0; i < drawable.length; i++) {
      if (i === failed) continue;
      const l = drawable[i];
      if (!drawnAxes(l.spec, l.input, l.count, sizes, nonDegenerate)) {
        failed = i;
        return false;
      }
    }
    return true;
  };
  for (const nonDegenerate of [true, false]) {
    for (let n = 1; n <= LARGEST_REPRESENTATIVE; n++) {
      if (!accepts(n)) continue;
      const sizes = Object.fromEntries(symbols.map(s => [s, n]));
      if (allDrawn(sizes, nonDegenerate)) return sizes;
    }
  }
  return undefined;
}
