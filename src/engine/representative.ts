// A diagram for a layer whose input sizes are symbolic (`[N, 32, ⌊H/2⌋−2, ⌊W/2⌋−2]`): the formulas
// stay symbolic, and the picture is drawn for one concrete size, said to be one. The size is the
// input's symbols set to what the code implies when that is known, else to the smallest equal value
// (H = W = n) at which the layer's own rule runs and every spatial axis reads at least two input
// cells into at least two outputs (so the stride shows). The drawn arithmetic comes from running
// the rule on that input: whatever is drawn is something the layer really does.
import { substitute, symbolsOf, type Shape } from './dim';
import { axisGeometry } from './geometry';
import { applyLayer } from './layer';
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
  for (let n = 1; n <= LARGEST_REPRESENTATIVE; n++) {
    const sizes = Object.fromEntries([...symbols].map(s => [s, n]));
    const drawn = drawnAxes(spec, input, axes.length, sizes, true);
    if (drawn) return { sizes, basis: 'smallest', axes: drawn };
  }
  return undefined;
}

/** The rule's arithmetic on the input with `sizes` substituted, when it runs and can be drawn. */
function drawnAxes(
  spec: LayerSpec,
  input: Shape,
  count: number,
  sizes: SymbolSizes,
  nonDegenerate: boolean,
): readonly AxisArithmetic[] | undefined {
  const shape = input.map(d => substitute(d, sizes));
  const inference = applyLayer(spec, [shape]);
  if (!inference.ok || inference.axes?.length !== count) return undefined;
  const axes = inference.axes;
  // The sizes first: the geometry (every window's taps) is the costly test.
  for (const a of axes) {
    if (typeof a.input !== 'number' || typeof a.output !== 'number') return undefined;
    if (nonDegenerate && (a.input < 2 || a.output < 2)) return undefined;
  }
  return axes.every(a => axisGeometry(a)) ? axes : undefined;
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
