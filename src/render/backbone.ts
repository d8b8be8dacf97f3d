// The hover of a library backbone (`m = models.resnet50()`, `m(x)`, `self.backbone(x)`): a
// compact table of its stages — the summary's folding (stages.ts), merged to a hover's rows — with
// the output and the parameter total, instead of hundreds of layers.
import type { Analysis, LayerCall, ModelInfo } from '../analysis/types';
import { compactStages, type HeldParams, modulesParams, stagesOf } from './stages';
import { formatShape, type ShapeStyle } from './shape-format';
import { withCommas } from './summary';

const escape = (t: string) => t.replace(/[\\`*_[\]<>|]/g, c => `\\${c}`);

/** The model's layers under `prefix` (`backbone`), named from there; all of them without one. */
function layersUnder(analysis: Analysis, model: ModelInfo, prefix: string | undefined): LayerCall[] {
  const all = model.layers.map(i => analysis.layers[i]);
  if (prefix === undefined) return all;
  const start = `${prefix}.`;
  return all.filter(l => l.name.startsWith(start)).map(l => ({ ...l, name: l.name.slice(start.length) }));
}

/** What modules under `prefix` hold outside layers, named from there. */
function heldUnder(model: ModelInfo, prefix: string | undefined): HeldParams {
  const held = model.heldParams ?? {};
  if (prefix === undefined) return held;
  const start = `${prefix}.`;
  return Object.fromEntries(
    Object.entries(held)
      .filter(([name]) => name.startsWith(start))
      .map(([name, count]) => [name.slice(start.length), count]),
  );
}

/** True when a library built some of the model's layers (under `prefix`, when given). */
export function hasLibraryLayers(analysis: Analysis, model: ModelInfo, prefix?: string): boolean {
  return layersUnder(analysis, model, prefix).some(l => l.library);
}

/**
 * The backbone's stage table: the whole model, or its submodule `prefix` (a backbone a model of
 * the file holds as `self.backbone`). Undefined when no library layer is there.
 */
export function backboneMarkdown(
  analysis: Analysis,
  model: ModelInfo,
  prefix?: string,
  style: ShapeStyle = 'auto',
): string | undefined {
  const layers = layersUnder(analysis, model, prefix);
  if (!layers.some(l => l.library)) return undefined;
  const held = heldUnder(model, prefix);
  // A submodule's count is known when the whole model's modules add up to its known total.
  const complete =
    model.params !== undefined &&
    modulesParams(
      model.layers.map(i => analysis.layers[i]),
      model.heldParams ?? {},
    ) === model.params;
  const own = prefix === undefined ? model.params : complete ? modulesParams(layers, held) : undefined;
  const stages = compactStages(stagesOf(layers, own, held));
  const fw = model.framework;
  const title = prefix === undefined ? model.name : `${model.name}.${prefix}`;
  const first = layers[0].inputs[0] ?? null;
  const out = [
    `**${escape(title)}** ${escape(`${formatShape(first, style, fw)} → ${formatShape(layers[layers.length - 1].output, style, fw)}`)}`,
    '',
    '| Stage | Output shape | Params |',
    '|---|---|--:|',
  ];
  for (const s of stages) {
    const params = s.params === undefined ? '?' : withCommas(s.params);
    out.push(`| ${escape(s.name)} | ${escape(formatShape(s.last.output, style, fw))} | ${params} |`);
  }
  const total = own === undefined ? '? params' : `${withCommas(own)} params`;
  out.push('', escape(`${total} · ${layers.length} layer calls`));
  return out.join('\n');
}
