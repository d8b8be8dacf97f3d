// Size-keeping padding: a residual add or a torch.cat fails because a stride-1 convolution shrank
// one operand's map. The fix edits that convolution: `padding=d·(k−1)/2` per axis (odd kernels),
// or `padding='same'` where a number cannot keep the size (even kernels). Offered only when the
// engine, re-run on every call of that convolution and of the layers after it that kept the
// smaller size, says the operands then agree.
import { type LayerSpec, type Shape, applyLayer } from '../../engine';
import type { Context } from '../context';
import type { Fix, LayerCall } from '../types';
import type { Site } from '../values';

const CONVS = new Set(['Conv1d', 'Conv2d', 'Conv3d']);

/**
 * The fix for operands that differ only in their spatial sizes (channels-first: axes 2…), or
 * also in `joinAxis` (torch.cat's dim). Exactly one operand may be the smaller one.
 */
export function sizeKeepingPadding(ctx: Context, operands: readonly (Shape | null)[], joinAxis?: number): Fix | undefined {
  const shapes = operands.filter((s): s is Shape => !!s && s.every(d => typeof d === 'number'));
  if (shapes.length !== operands.length || shapes.length < 2) return undefined;
  const rank = shapes[0].length;
  if (rank < 3 || shapes.some(s => s.length !== rank) || (joinAxis !== undefined && joinAxis >= 2)) return undefined;
  const spatial = (s: Shape) => s.slice(2) as number[];
  const same = (a: readonly number[], b: readonly number[]) => a.every((v, i) => v === b[i]);
  const sizes = shapes.map(spatial);
  const large = sizes.reduce((m, s) => (s.every((v, i) => v >= m[i]) ? s : m));
  const small = sizes.filter(s => !same(s, large));
  if (small.length !== 1 || !small[0].every((v, i) => v <= large[i])) return undefined;
  const others = (s: Shape) => s.slice(0, 2).filter((_, i) => i !== joinAxis);
  if (!shapes.every(s => same(others(s) as number[], others(shapes[0]) as number[]))) return undefined;
  return convFix(ctx, small[0], large);
}

/** The latest convolution that turned `large` maps into `small` ones, and its padding fix. */
function convFix(ctx: Context, small: readonly number[], large: readonly number[]): Fix | undefined {
  const layers = ctx.rec.layers;
  const spatialOf = (s: Shape | null | undefined) => (s && s.length === small.length + 2 ? s.slice(2) : undefined);
  const is = (s: Shape | null | undefined, sizes: readonly number[]) => {
    const sp = spatialOf(s);
    return !!sp && sp.every((v, i) => v === sizes[i]);
  };
  let at = layers.length - 1;
  const shrank = (l: LayerCall) => CONVS.has(l.kind) && is(l.output, small) && is(l.inputs[0], large);
  while (at >= 0 && !shrank(layers[at])) at--;
  if (at < 0) return undefined;
  const conv = layers[at];
  const site = ctx.layerSites.get(conv);
  if (!conv.spec || !site || site.tainted || /\*/.test(ctx.text.slice(site.call.start, site.call.end))) return undefined;
  const padding = keepingPadding(conv.spec, small.length);
  if (padding === undefined) return undefined;
  const fixed: LayerSpec = { ...conv.spec, args: { ...conv.spec.args, padding } };
  // Every call of this convolution must come out large; the layers after it that kept the small
  // size must keep the large one too (an adaptive pool would not).
  for (const l of layers) {
    if (!sameRange(l, conv)) continue;
    const again = l.inputs[0] ? applyLayer(fixed, [l.inputs[0]], {}) : undefined;
    if (!again?.ok || !is(again.output, large)) return undefined;
  }
  for (const l of layers.slice(at + 1)) {
    if (!is(l.inputs[0], small) || !is(l.output, small)) continue;
    const input = l.inputs[0]!;
    const again = l.spec ? applyLayer(l.spec, [[...input.slice(0, 2), ...large]], {}) : undefined;
    if (!again?.ok || !is(again.output, large)) return undefined;
  }
  return paddingEdit(ctx, site, padding);
}

const sameRange = (a: LayerCall, b: LayerCall) =>
  a.definition?.start === b.definition?.start && a.definition?.end === b.definition?.end;

/** d·(k−1)/2 per axis when stride is 1 and that is whole on every axis; else 'same' (stride 1). */
function keepingPadding(spec: LayerSpec, n: number): number | readonly number[] | 'same' | undefined {
  const perAxis = (v: unknown): number[] | undefined => {
    if (typeof v === 'number') return Array<number>(n).fill(v);
    return Array.isArray(v) && v.length === n && v.every(x => typeof x === 'number') ? (v as number[]) : undefined;
  };
  const kernel = perAxis(spec.args.kernel_size);
  const stride = perAxis(spec.args.stride ?? 1);
  const dilation = perAxis(spec.args.dilation ?? 1);
  if (!kernel || !stride || !dilation || stride.some(s => s !== 1)) return undefined;
  const total = kernel.map((k, i) => dilation[i] * (k - 1));
  if (total.some(t => t % 2 !== 0)) return 'same';
  const pads = total.map(t => t / 2);
  return pads.every(p => p === pads[0]) ? pads[0] : pads;
}

/** Replaces the written padding, or adds `padding=` as the call's last argument. */
function paddingEdit(ctx: Context, site: Site, padding: number | readonly number[] | 'same'): Fix | undefined {
  const text = typeof padding === 'string' ? `'${padding}'` : typeof padding === 'number' ? String(padding) : `(${padding.join(', ')})`;
  const title = `Set padding=${text} to keep the size`;
  const written = site.args?.padding;
  if (written) return { title, edits: [{ range: written.range, newText: text }] };
  const close = site.call.end - 1;
  if (ctx.text[close] !== ')') return undefined;
  let last = close - 1;
  while (last > site.call.start && /\s/.test(ctx.text[last])) last--;
  const insert = ctx.text[last] === ',' ? ` padding=${text},` : ctx.text[last] === '(' ? `padding=${text}` : `, padding=${text}`;
  return { title, edits: [{ range: { start: last + 1, end: last + 1 }, newText: insert }] };
}
