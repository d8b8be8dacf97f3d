// What every framework's layers share: where a layer was constructed (with its arguments'
// ranges, for diagnostics and fixes), the hint after its definition, and its parameter count.
import { argumentOrigins } from './option-origins';
import { type Framework, type Shape, countsMacs, findRule, layerParams, signatureOf } from '../engine';
import type { Expr } from '../python';
import { type Args, type Context, type Recorder, lineEndOf } from './context';
import type { LayerCall } from './types';
import type { LayerValue, Site } from './values';

const isLiteral = (e: Expr): boolean => e.k === 'num' || (e.k === 'unop' && e.op === '-' && e.operand.k === 'num');

/** Where a constructor call is, with the range of each argument by parameter name. */
export function siteOf(ctx: Context, framework: Framework, name: string, args: Args): Site {
  const ranges: Record<string, { range: Expr['r']; literal: boolean; expr: Expr }> = {};
  const found = findRule(framework, name);
  const positional = found ? signatureOf(found.rule, found.kind).positional : [];
  args.posExprs?.forEach((e, i) => {
    if (e && positional[i]) ranges[positional[i].name] = { range: e.r, literal: isLiteral(e), expr: e };
  });
  for (const [k, e] of args.kwExprs ?? []) ranges[k] = { range: e.r, literal: isLiteral(e), expr: e };
  const origins = argumentOrigins(ctx, args);
  return {
    call: args.range ?? { start: 0, end: 0 },
    ...(origins.length ? { origins } : {}),
    stmt: ctx.stmt?.r,
    args: ranges,
    callee: args.calleeText,
    tainted: !!ctx.stmt?.error || ctx.foreign !== undefined,
    ...(ctx.foreign ? { from: ctx.foreign, fromRepaired: !!ctx.stmt?.error } : {}),
  };
}

/** Where a layer was constructed in this text (and where its arguments came from); a library's layer (Origin.library) says so instead; another file's has none. */
export const definitionOf = (site: Site): { definition?: Site['call']; origins?: readonly string[]; library?: true } =>
  site.from
    ? site.from.library
      ? { library: true }
      : {}
    : { definition: site.call, ...(site.origins ? { origins: site.origins } : {}) };

/** Trainable parameters of one layer: 0 for a rule without parameters, undefined when unknown. */
export function paramsOf(layer: LayerValue, input?: Shape | null, inputs?: (Shape | null)[]): number | undefined {
  if (!layer.spec) return undefined;
  const found = findRule(layer.spec.framework, layer.spec.kind);
  if (found && !found.rule.params) return 0;
  const all = inputs?.every(s => s !== null) ? (inputs as Shape[]) : undefined;
  const own = layerParams(layer.spec, input ?? undefined, all);
  if (layer.extraParams === undefined || own === undefined) return own;
  return layer.extraParams === null ? undefined : own + layer.extraParams;
}

/** The hint after a layer's definition (`self.conv1 = nn.Conv2d(...)  → [N, 16, 32, 32]`). */
export function recordDefinitionHint(
  ctx: Context,
  site: Site,
  output: Shape,
  layerIndex: number,
  framework?: Framework,
): void {
  if (site.from || ctx.foreign) return; // another file's offsets
  ctx.rec.hints.push({
    offset: lineEndOf(ctx.text, site.call.end),
    shape: output,
    site: 'definition',
    priority: 2,
    range: site.stmt ?? site.call,
    key: `d:${site.call.start}`,
    order: site.call.end,
    layer: layerIndex,
    certain: !ctx.quiet && !site.tainted,
    ...(framework ? { framework } : {}),
  });
}

/** Records the layer call at `index` of the current run as one of its model's layers. */
export function noteModelLayer(ctx: Context, index: number, call: LayerCall): void {
  ctx.rec.modelLayers.push(index);
  // On a path that may not run, or may run again, such a call's count may be in the total no
  // times, once, or many: the calls recorded are not the model's calls.
  if (ctx.uncertain > 0 && countsMacs(call.framework, call.kind)) ctx.rec.callsUncounted = true;
}

/**
 * A model's total MACs: the sum over its calls of layers that count them (convolutions, linear
 * maps; per sample), when those are the calls it makes and each one's count is known. Unknown
 * when such a call was on a path that may not run or may run again, the run ended early, the
 * model raises, or such a call has no count (a size it needs is not known).
 */
export function modelMacs(rec: Recorder, layers: readonly number[] = rec.modelLayers): number | undefined {
  if (rec.callsUncounted || rec.diagnostics.some(d => d.severity === 'error')) return undefined;
  let total: number | undefined;
  for (const i of layers) {
    const call = rec.layers[i];
    if (!call) return undefined;
    if (call.macs !== undefined) total = (total ?? 0) + call.macs;
    else if (countsMacs(call.framework, call.kind)) return undefined;
  }
  return total;
}
