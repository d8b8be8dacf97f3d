// The quick fixes for a Keras Reshape whose target does not hold its input's elements (`Dense(100)`
// then `Reshape((8, 8, 2))`: "The total size of the tensor must be unchanged"). Which of the two is
// wrong cannot be told, so both are offered, each where one way is natural:
// - the Dense just before it makes the target's size: its units set so that its output holds
//   them, written as the target's product when the target is written in literals (`8 * 8 * 2`);
// - the target's last axis (channels) absorbs the input's size, when the other axes divide it.
// Either change reaches the layers after it, which have not run: both are tried on the text
// before they are offered (tried-fixes.ts).
import { type LayerSpec, type Shape, isKnown } from '../../engine';
import type { Expr } from '../../python';
import { writtenValueFix } from '../argument-fix';
import type { Args, Context } from '../context';
import { untried } from '../tried-fixes';
import { kerasState } from './state';
import type { Fix } from '../types';
import type { LayerValue } from '../values';

const product = (xs: readonly number[]) => xs.reduce((a, b) => a * b, 1);

/** The sizes `Reshape(target_shape=...)` was given, when all are known and none is -1. */
function targetSizes(spec: LayerSpec): number[] | undefined {
  const t = spec.args.target_shape;
  const sizes = typeof t === 'number' ? [t] : Array.isArray(t) ? t : undefined;
  return sizes?.every(d => typeof d === 'number' && Number.isInteger(d) && d > 0) ? (sizes as number[]) : undefined;
}

/** How the target is written: a tuple or list of items, one per size. */
function targetItems(layer: LayerValue, count: number): readonly Expr[] | undefined {
  const e = layer.site.args?.target_shape?.expr;
  if (!e || (e.k !== 'tuple' && e.k !== 'list') || e.items.length !== count) return undefined;
  return e.items.some(i => i.k === 'starred') ? undefined : e.items;
}

export function reshapeRepairs(ctx: Context, layer: LayerValue, args: Args, input: Shape | null): Fix[] {
  // A model built anew apart from the analysis (accepted.ts) reports nothing of its own.
  if (kerasState(ctx).rerunning) return [];
  if (layer.spec?.kind !== 'Reshape' || !input || ctx.foreign || layer.site.tainted) return [];
  const target = targetSizes(layer.spec);
  const rest = input.slice(1);
  if (!target || !rest.every(d => isKnown(d) && d > 0)) return [];
  const size = product(rest as number[]);
  const wanted = product(target);
  if (size === wanted) return [];
  const fixes = [unitsFix(ctx, layer, args, target, size, wanted), targetFix(ctx, layer, target, size)];
  return fixes.filter((f): f is Fix => !!f).map(untried);
}

/** The Dense that made the input, directly: its units set so that its output holds `wanted`. */
function unitsFix(
  ctx: Context,
  layer: LayerValue,
  args: Args,
  target: readonly number[],
  size: number,
  wanted: number,
): Fix | undefined {
  const x = args.pos[0];
  const graph = x?.k === 'tensor' ? x.graph : undefined;
  const dense = graph?.node?.callee;
  if (graph?.index !== undefined || dense?.k !== 'layer' || dense.spec?.kind !== 'Dense') return undefined;
  const units = dense.spec.args.units;
  const written = dense.site.args?.units;
  if (typeof units !== 'number' || !written || dense.site.tainted || dense.site.from) return undefined;
  // The Dense's output is its input's leading axes times its units: those must divide the target.
  const others = size / units;
  if (!Number.isInteger(others) || wanted % others !== 0) return undefined;
  const value = wanted / others;
  const title = `Set the Dense's units to ${value}`;
  const items = targetItems(layer, target.length);
  const literalTarget = others === 1 && target.length > 1 && items?.every(i => i.k === 'num');
  const plain = written.literal || (written.expr && literalArithmetic(written.expr));
  if (literalTarget && plain)
    return { title, edits: [{ range: written.range, newText: target.join(' * ') }], preferred: false };
  const fix = writtenValueFix(ctx, title, written, value, false);
  return fix && { ...fix, preferred: false };
}

/** The target's last axis set to what the input's size leaves over the others. */
function targetFix(ctx: Context, layer: LayerValue, target: readonly number[], size: number): Fix | undefined {
  const items = targetItems(layer, target.length);
  const others = product(target.slice(0, -1));
  const last = size / others;
  if (!items || !Number.isInteger(last) || last < 1) return undefined;
  const sizes = [...target.slice(0, -1), last];
  const e = layer.site.args!.target_shape!.expr!;
  const shown = e.k === 'list' ? `[${sizes.join(', ')}]` : `(${sizes.join(', ')}${sizes.length === 1 ? ',' : ''})`;
  const item = items[items.length - 1];
  const fix = writtenValueFix(
    ctx,
    `Set target_shape to ${shown}`,
    { range: item.r, literal: item.k === 'num', expr: item },
    last,
    false,
  );
  return fix && { ...fix, preferred: false };
}

function literalArithmetic(e: Expr): boolean {
  if (e.k === 'num') return !e.float;
  return e.k === 'binop' && literalArithmetic(e.left) && literalArithmetic(e.right);
}
