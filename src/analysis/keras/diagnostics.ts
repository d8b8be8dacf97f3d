// Keras-only diagnostics: a Dense applied to a feature map (rank ≥ 4). Keras accepts it (Dense
// acts on the last axis), so it is information, not an error; usually a Flatten was forgotten,
// and the fix inserts one where the layer is used: before it in a Sequential list or `.add()`
// chain, or around its input in the functional form.
import type { Shape } from '../../engine';
import { pyTuple } from '../../engine/keras/common';
import type { Args, Context } from '../context';
import { pushDiagnostic } from '../diagnostics';
import type { Fix } from '../types';
import type { LayerValue } from '../values';

/** `layers.` from `layers.Dense`; '' for a bare `Dense` when `Flatten` is imported too; else undefined. */
function flattenCallee(ctx: Context, callee: string | undefined): string | undefined {
  if (callee?.includes('.')) return `${callee.slice(0, callee.lastIndexOf('.') + 1)}Flatten`;
  return /\bFlatten\b/.test(ctx.text) ? 'Flatten' : undefined;
}

function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))?.[0] ?? '';
}

function flattenFixes(ctx: Context, layer: LayerValue, args: Args): Fix[] {
  const flatten = flattenCallee(ctx, layer.site.callee);
  if (!flatten) return [];
  const title = `Insert ${flatten}() before this Dense`;
  const site = layer.site;
  if (site.sequentialArg)
    return [{ title, edits: [{ range: { start: site.call.start, end: site.call.start }, newText: `${flatten}(), ` }] }];
  if (site.sequentialAdd) {
    const at = site.sequentialAdd.stmt.start;
    const newText = `${site.sequentialAdd.receiver}.add(${flatten}())\n${indentAt(ctx.text, at)}`;
    return [{ title, edits: [{ range: { start: at, end: at }, newText }] }];
  }
  const arg = args.posExprs?.[0];
  if (arg && args.range) {
    const text = ctx.text.slice(arg.r.start, arg.r.end);
    return [{ title, edits: [{ range: arg.r, newText: `${flatten}()(${text})` }] }];
  }
  return [];
}

export function reportDenseOnFeatureMap(
  ctx: Context,
  layer: LayerValue,
  args: Args,
  input: Shape,
  output: Shape | null,
): void {
  if (ctx.quiet || layer.site.tainted) return;
  const name = layer.layerName ?? 'dense';
  const result = output ? `, so its output is ${pyTuple(output)}` : '';
  pushDiagnostic(ctx, {
    range: layer.site.call,
    code: 'dense-on-feature-map',
    message:
      `Dense '${name}' is applied to a rank-${input.length} tensor ${pyTuple(input)}: "If the input to the layer has a rank greater than 2, ` +
      `Dense computes the dot product between the inputs and the kernel along the last axis of the inputs"${result}. Insert a Flatten before it if one was meant.`,
    fixes: flattenFixes(ctx, layer, args),
  });
}
