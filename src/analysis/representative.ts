// Layers on a symbolic input get a diagram drawn for one concrete size (engine/representative.ts),
// so a hover is never without its picture. The formulas stay symbolic; the hover says which size
// the picture shows.
import { representativeDrawing, type SymbolSizes } from '../engine';
import type { LayerCall } from './types';

/**
 * The layers, each on a symbolic input with `drawnFor` set. `impliedFor(i)` gives the sizes the
 * code implies for the input of layer i's model (H = W = 28 for an MNIST net whose Linear pins the
 * flattened size); the picture is drawn for them when they run. Until an analysis of implied
 * inputs supplies it, every picture is drawn for the smallest size that shows the layer's windows.
 */
export function withRepresentativeDrawings(
  layers: readonly LayerCall[],
  impliedFor: (layer: number) => SymbolSizes | undefined = () => undefined,
): LayerCall[] {
  return layers.map((layer, i) => {
    const implied = impliedFor(i);
    if (implied === undefined) {
      const known = drawn.get(layer);
      if (known) return known;
    }
    const drawnFor = representativeDrawing(layer.spec, layer.inputs[0], layer.axes, implied);
    if (!drawnFor) return layer;
    const copy = { ...layer, drawnFor };
    if (implied === undefined) drawn.set(layer, copy);
    return copy;
  });
}

/**
 * A layer call's copy with its drawing, by the layer call: a call is read-only and its drawing
 * depends only on it (its spec, input and axes), and an edit reuses the calls of every model run
 * it did not touch (incremental.ts), so the search for a size runs once per call, not per edit.
 */
const drawn = new WeakMap<LayerCall, LayerCall>();
