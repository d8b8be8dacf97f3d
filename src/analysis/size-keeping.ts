// Size-keeping padding: an elementwise merge (`a + b`, a Keras Add) or a concatenation fails
// because a stride-1 convolution shrank one operand's map. The fix edits that convolution's
// padding, as its front end's rule says (PyTorch: d·(k−1)/2 or 'same'; Keras: 'same'). It is
// offered only when the engine, re-run with the new padding on every call of that convolution
// and on the layers after it that kept the smaller size, gives the larger size.
import { type ArgValue, type Dim, type LayerSpec, type Shape, applyLayer, dimEquals } from '../engine';
import type { Context } from './context';
import type { Fix, LayerCall } from './types';
import type { Site } from './values';

/** What a front end says about its convolutions. */
export interface PaddingRule {
  isConv(kind: string): boolean;
  /** The padding that keeps every spatial size at stride 1 (undefined: none, or a stride). */
  keeping(spec: LayerSpec): ArgValue | undefined;
  /** The padding as the author writes it. */
  text(padding: ArgValue): string;
}

/**
 * The fix for operands that differ only on the axes a convolution shrank (and on `joinAxis`,
 * a concatenation's axis). Exactly one operand may be the smaller one.
 */
export function sizeKeepingFix(
  ctx: Context,
  rule: PaddingRule,
  operands: readonly (Shape | null)[],
  joinAxis?: number,
): Fix | undefined {
  if (operands.length < 2 || operands.some(s => !s)) return undefined;
  const shapes = operands as Shape[];
  const rank = shapes[0].length;
  if (rank < 3 || shapes.some(s => s.length !== rank)) return undefined;
  const key = (s: Shape) => JSON.stringify(s.map((d, i) => (i === joinAxis ? 0 : d)));
  const groups = [...new Set(shapes.map(key))];
  if (groups.length !== 2) return undefined;
  const [a, b] = groups.map(g => shapes.find(s => key(s) === g)!);
  const shrunk = a.map((_, i) => i).filter(i => i !== joinAxis && !same(a[i], b[i]));
  const ints = (s: Shape) => shrunk.every(i => typeof s[i] === 'number');
  if (!ints(a) || !ints(b)) return undefined;
  const smaller = (x: Shape, y: Shape) => shrunk.every(i => (x[i] as number) < (y[i] as number));
  const [small, large] = smaller(a, b) ? [a, b] : smaller(b, a) ? [b, a] : [undefined, undefined];
  if (!small || !large || shapes.filter(s => key(s) === key(small)).length !== 1) return undefined;
  return convFix(ctx, rule, small, large, shrunk);
}

/** The same size: equal, or the same axis left unknown (Keras' batch None). */
const same = (x: Dim, y: Dim) => x === y || dimEquals(x, y);
const equal = (x: Shape | null | undefined, y: Shape) =>
  !!x && x.length === y.length && x.every((d, i) => same(d, y[i]));
const largeOn = (x: Shape | null | undefined, large: Shape, axes: readonly number[]) =>
  !!x && x.length === large.length && axes.every(i => x[i] === large[i]);
const sameRange = (a: LayerCall, b: LayerCall) =>
  !!a.definition && a.definition.start === b.definition?.start && a.definition.end === b.definition.end;

/** The latest convolution that made `small` from maps of `large`'s sizes, and its fix. */
function convFix(
  ctx: Context,
  rule: PaddingRule,
  small: Shape,
  large: Shape,
  shrunk: readonly number[],
): Fix | undefined {
  const layers = ctx.rec.layers;
  let at = layers.length - 1;
  const made = (l: LayerCall) => rule.isConv(l.kind) && equal(l.output, small) && largeOn(l.inputs[0], large, shrunk);
  while (at >= 0 && !made(layers[at])) at--;
  if (at < 0) return undefined;
  const conv = layers[at];
  const site = ctx.layerSites.get(conv);
  if (!conv.spec || !site || site.tainted || ctx.text.slice(site.call.start, site.call.end).includes('*'))
    return undefined;
  const padding = rule.keeping(conv.spec);
  if (padding === undefined) return undefined;
  const fixed: LayerSpec = { ...conv.spec, args: { ...conv.spec.args, padding } };
  for (const l of layers.filter(l => sameRange(l, conv))) {
    const again = l.inputs[0] ? applyLayer(fixed, [l.inputs[0]], {}) : undefined;
    if (!again?.ok || !largeOn(again.output, large, shrunk)) return undefined;
  }
  // The layers after it that kept the small size must keep the large one (an adaptive pool would not).
  for (const l of layers.slice(at + 1)) {
    if (!equal(l.inputs[0], small) || !equal(l.output, small) || l.inputs.length !== 1) continue;
    const grown = small.map((d, i) => (shrunk.includes(i) ? large[i] : d));
    const again = l.spec ? applyLayer(l.spec, [grown], {}) : undefined;
    if (!again?.ok || !largeOn(again.output, large, shrunk)) return undefined;
  }
  return paddingEdit(ctx, site, rule.text(padding));
}

/** Replaces the written padding, or adds `padding=` as the call's last argument; a string is
 *  quoted as the call's other strings are. */
function paddingEdit(ctx: Context, site: Site, written: string): Fix | undefined {
  const quote = /['"]/.exec(ctx.text.slice(site.call.start, site.call.end))?.[0] ?? "'";
  const text = written.replace(/'/g, quote);
  const title = `Set padding=${text} to keep the size`;
  const before = site.args?.padding;
  if (before) return { title, edits: [{ range: before.range, newText: text }] };
  const close = site.call.end - 1;
  if (ctx.text[close] !== ')') return undefined;
  let last = close - 1;
  while (last > site.call.start && /\s/.test(ctx.text[last])) last--;
  const insert =
    ctx.text[last] === ',' ? ` padding=${text},` : ctx.text[last] === '(' ? `padding=${text}` : `, padding=${text}`;
  return { title, edits: [{ range: { start: last + 1, end: last + 1 }, newText: insert }] };
}
