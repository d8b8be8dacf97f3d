// A library model's layers folded into its stages for the summary (a ResNet-152's 500 layer calls
// as conv1, bn1, relu, maxpool, layer1–layer4, avgpool, fc): consecutive calls a library's code
// made, grouped by their first name component — or their first two when one component holds
// nearly the whole model (`features.0` … `features.18` of a MobileNet).
import type { LayerCall } from '../analysis/types';

export interface Stage {
  readonly name: string;
  /** The class of a single layer, or how many layer calls the stage folds. */
  readonly kind: string;
  readonly last: LayerCall;
  readonly params?: number;
  readonly macs?: number;
  readonly count: number;
}

const head = (name: string, parts: number) => name.split('.').slice(0, parts).join('.');

function fold(layers: readonly LayerCall[], key: (l: LayerCall) => string): { key: string; layers: LayerCall[] }[] {
  const groups: { key: string; layers: LayerCall[] }[] = [];
  for (const l of layers) {
    const k = l.library ? key(l) : `\u0000${groups.length}`;
    const last = groups[groups.length - 1];
    if (last && last.key === k) last.layers.push(l);
    else groups.push({ key: k, layers: [l] });
  }
  return groups;
}

/** The summary's rows: one per stage of library layers, one per layer elsewhere. */
export function stagesOf(layers: readonly LayerCall[]): Stage[] {
  const library = layers.filter(l => l.library).length;
  if (library === 0) return layers.map(l => single(l));
  const top = fold(layers, l => head(l.name, 1));
  const groups = top.flatMap(g =>
    g.layers.length > 0.8 * library && g.layers[0].library ? fold(g.layers, l => head(l.name, 2)) : [g],
  );
  return groups.map(g => (g.layers.length === 1 ? single(g.layers[0]) : stage(g.key, g.layers)));
}

function single(l: LayerCall): Stage {
  return { name: l.name, kind: l.kind, last: l, params: l.params, macs: l.macs, count: 1 };
}

function stage(name: string, layers: readonly LayerCall[]): Stage {
  // Layers without MACs (norms, activations) are not counted, as in a layer's own row.
  const counted = layers.filter(l => l.macs !== undefined);
  const macs = counted.length ? counted.reduce((a, l) => a + l.macs!, 0) : undefined;
  // A module called twice (a block's shared ReLU) has its weights once.
  const seen = new Set<string>();
  const once = layers.filter(l => (seen.has(l.name) ? false : (seen.add(l.name), true)));
  const params = once.every(l => l.params !== undefined) ? once.reduce((a, l) => a + l.params!, 0) : undefined;
  return {
    name,
    kind: `${layers.length} layer calls`,
    last: layers[layers.length - 1],
    params,
    macs,
    count: layers.length,
  };
}
