// A library model's layers folded into its stages for the summary (a ResNet-152's 500 layer calls
// as conv1, bn1, relu, maxpool, layer1–layer4, avgpool, fc): consecutive calls a library's code
// made, grouped by their first name component — or their first two when one component holds
// nearly the whole model (`features.0` … `features.18` of a MobileNet). A hover has room for
// fewer rows: compactStages merges a stage's repeated blocks there (`features.7–10`).
import type { LayerCall } from '../analysis/types';
import { countsMacs } from '../engine/layer';

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

/** Parameters modules hold outside any layer, by module name (ModelInfo.heldParams). */
export type HeldParams = Readonly<Record<string, number>>;

/**
 * The parameters of the modules `layers` were called on and of the modules under them: each
 * module once (a block's shared ReLU is called twice), a leaf module of the file's or a library's
 * (LayerNorm2d) by what it holds, plus what modules without a layer call hold (a ConvNeXt block's
 * `layer_scale`) under `prefix` (every one without). Meant for a model whose total is known: then
 * a layer call without a count is a module whose parameters are all in `held`.
 */
export function modulesParams(layers: readonly LayerCall[], held: HeldParams, prefix?: string): number {
  const byName = new Map<string, LayerCall>();
  for (const l of layers) if (!byName.has(l.name)) byName.set(l.name, l);
  let total = 0;
  for (const [name, l] of byName) total += l.params ?? held[name] ?? 0;
  for (const [name, count] of Object.entries(held))
    if (!byName.has(name) && (prefix === undefined || name === prefix || name.startsWith(`${prefix}.`))) total += count;
  return total;
}

/**
 * The summary's rows: one per stage of library layers, one per layer elsewhere. A stage's
 * parameters are counted only when the layers and what modules hold (`held`) add up to the
 * model's total `modelParams` (a module never called holds some otherwise): unknown, never short.
 */
export function stagesOf(
  layers: readonly LayerCall[],
  modelParams: number | undefined,
  held: HeldParams = {},
): Stage[] {
  const library = layers.filter(l => l.library).length;
  if (library === 0) return layers.map(l => single(l));
  const top = fold(layers, l => head(l.name, 1));
  const groups = top.flatMap(g =>
    g.layers.length > 0.8 * library && g.layers[0].library ? fold(g.layers, l => head(l.name, 2)) : [g],
  );
  const complete = modelParams !== undefined && modulesParams(layers, held) === modelParams;
  return groups.map(g => {
    const params = complete ? modulesParams(g.layers, held, g.key) : undefined;
    return g.layers.length === 1 ? single(g.layers[0], params) : stage(g.key, g.layers, params);
  });
}

function single(l: LayerCall, params = l.params): Stage {
  return { name: l.name, kind: l.kind, last: l, params, macs: l.macs, count: 1 };
}

function stage(name: string, layers: readonly LayerCall[], params: number | undefined): Stage {
  // Layers without MACs (norms, activations) are not counted, as in a layer's own row; a layer
  // that counts them but has no count (a size not known) leaves the stage's total unknown.
  const counted = layers.filter(l => l.macs !== undefined);
  const uncounted = layers.some(l => l.macs === undefined && countsMacs(l.framework, l.kind));
  const macs = counted.length && !uncounted ? counted.reduce((a, l) => a + l.macs!, 0) : undefined;
  return {
    name,
    kind: `${layers.length} layer calls`,
    last: layers[layers.length - 1],
    params,
    macs,
    count: layers.length,
  };
}

const parentOf = (name: string) => name.slice(0, Math.max(0, name.lastIndexOf('.')));
const sameShape = (a: Stage, b: Stage) => JSON.stringify(a.last.output) === JSON.stringify(b.last.output);
const sum = (xs: readonly (number | undefined)[]) =>
  xs.every(x => x !== undefined) ? xs.reduce<number>((a, x) => a + x!, 0) : undefined;

/**
 * At most `max` rows for a hover. Over that, consecutive stages of one parent with the same
 * output (a MobileNet's repeated inverted residuals, `features.4`–`features.6`) become one row
 * `features.4–6`; rows still over it are left out of the middle, as one row saying how many.
 */
export function compactStages(stages: readonly Stage[], max = 12): Stage[] {
  if (stages.length <= max) return [...stages];
  const runs: Stage[][] = [];
  for (const s of stages) {
    const run = runs[runs.length - 1];
    const prev = run?.[run.length - 1];
    const joins =
      prev && prev.count > 1 && s.count > 1 && parentOf(s.name) !== '' && parentOf(s.name) === parentOf(prev.name);
    if (joins && sameShape(prev, s)) run.push(s);
    else runs.push([s]);
  }
  const merged = runs.map(run => (run.length === 1 ? run[0] : mergedStage(run)));
  if (merged.length <= max) return merged;
  const tail = Math.floor((max - 1) / 2);
  const head = max - 1 - tail;
  const left = merged.slice(head, merged.length - tail);
  const elided: Stage = {
    name: `… ${left.length} more`,
    kind: `${sum(left.map(s => s.count))} layer calls`,
    last: left[left.length - 1].last,
    params: sum(left.map(s => s.params)),
    count: sum(left.map(s => s.count))!,
  };
  return [...merged.slice(0, head), elided, ...merged.slice(merged.length - tail)];
}

function mergedStage(run: readonly Stage[]): Stage {
  const first = run[0];
  const lastName = run[run.length - 1].name;
  const count = sum(run.map(s => s.count))!;
  const macs = sum(run.map(s => s.macs));
  const params = sum(run.map(s => s.params));
  return {
    name: `${first.name}–${lastName.slice(lastName.lastIndexOf('.') + 1)}`,
    kind: `${count} layer calls`,
    last: run[run.length - 1].last,
    ...(params !== undefined ? { params } : {}),
    ...(macs !== undefined ? { macs } : {}),
    count,
  };
}
