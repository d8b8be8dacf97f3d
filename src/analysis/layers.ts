// What every framework's layers share: where a layer was constructed (with its arguments'
// ranges, for diagnostics and fixes), the hint after its definition, and its parameter count.
import { argumentOrigins } from './option-origins';
import { type Framework, type Shape, findRule, layerParams, signatureOf } from '../engine';
import type { Expr } from '../python';
import { type Args, type Context, lineEndOf } from './context';
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
