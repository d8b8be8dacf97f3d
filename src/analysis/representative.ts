// Layers on a symbolic input get a diagram drawn for one concrete size (engine/representative.ts),
// so a hover is never without its picture. The formulas stay symbolic; the hover says which size
// the picture shows. A model's layers are all drawn for one input: the one the code implies, else
// one representative size of the model's input that it accepts, so the pictures agree with each
// other (conv2's input is what conv1 drew as its output).
import { type Shape, type SymbolSizes, isExpr, modelRepresentative, representativeDrawing } from '../engine';
import { inSets } from '../engine/accepted-sizes';
import type { AcceptedInputs, LayerCall, ModelInfo } from './types';

interface Drawn {
  readonly sizes: SymbolSizes;
  readonly basis: 'implied' | 'model';
  /** basis and sizes as a string: the key of the layers' copies drawn for them (`drawn` below). */
  readonly key: string;
}

const drawnAs = (sizes: SymbolSizes, basis: Drawn['basis']): Drawn => ({
  sizes,
  basis,
  key: `${basis}:${JSON.stringify(sizes)}`,
});

/** The input's symbols set to the implied input's sizes (`H = 28, W = 28`). */
function impliedSizes(input: Shape | null | undefined, implied: Shape): SymbolSizes | undefined {
  if (!input || input.length !== implied.length) return undefined;
  const sizes: Record<string, number> = {};
  input.forEach((d, i) => {
    const v = implied[i];
    if (isExpr(d) && d.terms.length === 1 && d.constant === 0 && d.terms[0].atoms[0]?.kind === 'sym')
      if (typeof v === 'number') sizes[d.terms[0].atoms[0].name] = v;
  });
  return Object.keys(sizes).length ? sizes : undefined;
}

/** Whether the model accepts H = W = n (every accepted axis, and the coupled pair n×n). */
function acceptsSquare(accepted: AcceptedInputs | undefined): (n: number) => boolean {
  if (!accepted) return () => true;
  return n =>
    accepted.axes.every(a => inSets(a.sets, n)) &&
    (!accepted.coupled || accepted.coupled.pairs.some(([h, w]) => h === n && w === n)) &&
    // Several inputs: every input n×n as well.
    (accepted.links ?? []).every(
      l =>
        l.diagonal.some(d => d.offset === 0 && inSets(d.sets, n)) ||
        l.rows.some(r => r.at === n && inSets(r.sets, n)) ||
        l.columns.some(c => c.at === n && inSets(c.sets, n)),
    );
}

/** A model and every layer call its run made (functional calls too, not only its modules). */
export interface DrawnModel {
  readonly model: ModelInfo;
  readonly layers: readonly number[];
}

function drawnFor({ model, layers: indices }: DrawnModel, layers: readonly LayerCall[]): Drawn | undefined {
  const implied = model.implied && impliedSizes(model.inputs[0], model.implied.shape);
  if (implied) return drawnAs(implied, 'implied');
  const own = indices.map(i => layers[i]).filter((l): l is LayerCall => l !== undefined);
  const first = own[0];
  const known = first && searched.get(first);
  if (known && known.accepted === model.accepted && sameCalls(known.own, own)) return known.drawn;
  const sizes = modelRepresentative(own, acceptsSquare(model.accepted));
  const drawn = sizes ? drawnAs(sizes, 'model') : undefined;
  if (first) searched.set(first, { own, accepted: model.accepted, drawn });
  return drawn;
}

const sameCalls = (a: readonly LayerCall[], b: readonly LayerCall[]) =>
  a.length === b.length && a.every((l, i) => l === b[i]);

/**
 * The size found for a model's layer calls (by its first), with what the search read: the calls
 * (read-only) and the accepted inputs. An edit reuses every model run it did not touch with its
 * calls and accepted inputs (incremental.ts), so the search runs again only for the runs it redid.
 */
const searched = new WeakMap<
  LayerCall,
  { readonly own: readonly LayerCall[]; readonly accepted: AcceptedInputs | undefined; readonly drawn?: Drawn }
>();

/**
 * The layers, each on a symbolic input with `drawnFor` set: the size its model is drawn for when
 * it belongs to one and that size runs it, else the smallest size that shows the layer's windows.
 */
export function withRepresentativeDrawings(
  layers: readonly LayerCall[],
  models: readonly DrawnModel[] = [],
): LayerCall[] {
  const chosen = new Map<number, Drawn>();
  for (const m of models) {
    if (!m.layers.some(i => layers[i]?.axes?.length)) continue;
    const drawn = drawnFor(m, layers);
    if (drawn) for (const i of m.layers) if (!chosen.has(i)) chosen.set(i, drawn);
  }
  return layers.map((layer, i) => {
    if (!onSymbolicInput(layer)) return layer; // nothing to draw for another size
    const given = chosen.get(i);
    const key = given ? given.key : '';
    const known = drawn.get(layer)?.get(key);
    if (known) return known;
    const picture = representativeDrawing(layer.spec, layer.inputs[0], layer.axes, given?.sizes, given?.basis);
    // A call with no picture is remembered as itself: the search for one is the costly case.
    const copy = picture ? { ...layer, drawnFor: picture } : layer;
    let byKey = drawn.get(layer);
    if (!byKey) drawn.set(layer, (byKey = new Map()));
    byKey.set(key, copy);
    return copy;
  });
}

/** What a model run's drawn layers were made from (`drawnRun`), and the layers made. */
interface DrawnRun {
  readonly model: Pick<ModelInfo, 'accepted' | 'implied' | 'inputs'>;
  readonly layers: readonly LayerCall[];
}

/**
 * A model run's layers with their drawings (`withRepresentativeDrawings` over the run alone: a
 * run's layers are drawn for its own model only). An edit reuses every run it did not touch with
 * its list of layer calls (incremental.ts), so the drawn list is reused whole, by that list and
 * the model facts the drawing reads, instead of looking at each of its layers again.
 */
export function drawnRun(layers: readonly LayerCall[], model: ModelInfo): readonly LayerCall[] {
  const known = drawnRuns.get(layers);
  if (
    known &&
    known.model.accepted === model.accepted &&
    known.model.implied === model.implied &&
    known.model.inputs[0] === model.inputs[0]
  )
    return known.layers;
  const drawnLayers = withRepresentativeDrawings(layers, [{ model, layers: layers.map((_, i) => i) }]);
  drawnRuns.set(layers, { model, layers: drawnLayers });
  return drawnLayers;
}

const drawnRuns = new WeakMap<readonly LayerCall[], DrawnRun>();

/** Whether a call's arithmetic involves a size not known (the only calls with a drawing). */
const onSymbolicInput = (layer: LayerCall): boolean =>
  !!layer.spec &&
  !!layer.inputs[0] &&
  !!layer.axes?.some(a => typeof a.input !== 'number' || typeof a.output !== 'number');

/**
 * A layer call's copies with their drawings (the call itself when it has none), by the layer call
 * and the size its model is drawn for: a call is read-only and its drawing depends only on it (its spec, input and axes) and that
 * size, and an edit reuses the calls of every model run it did not touch (incremental.ts), so the
 * search for a size runs once per call, not per edit.
 */
const drawn = new WeakMap<LayerCall, Map<string, LayerCall>>();
