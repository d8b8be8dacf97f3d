// Sample inputs written in the document: `model(torch.randn(1, 3, 32, 32))`,
// `summary(model, input_size=(1, 3, 32, 32))` (torchinfo, with the batch axis) and
// `torchsummary.summary(model, (3, 32, 32))` (without it).
import { type Dim, type Shape, sym } from '../../engine';
import type { Args, Context } from '../context';
import { iterate } from '../items';
import { type ObjectValue, type Value, asDim } from '../values';
import type { Range } from '../../python';
import { isTorchvisionClass } from './torchvision/models';

/** Where a library model's sample call is written (its errors are reported there). */
export const sampledAt = new WeakMap<ObjectValue, Range>();

function shapeFromSizes(v: Value | undefined): Shape | null {
  const items = v && iterate(v);
  if (!items || items.length === 0) return null;
  const dims: Dim[] = items.map(asDim);
  return dims.every(d => d !== null) ? dims : null;
}

function remember(ctx: Context, obj: ObjectValue, inputs: (Shape | null)[]): void {
  const prev = ctx.samples.get(obj.cls);
  if (prev?.inputs) return; // the first sample wins
  ctx.samples.set(obj.cls, { ...prev, inputs });
}

/** `model(x)` at module level, with x a tensor of known shape. */
export function recordSampleCall(ctx: Context, obj: ObjectValue, args: Args): void {
  const shapes = args.pos.map(v => (v.k === 'tensor' ? v.shape : null));
  if (isTorchvisionClass(obj.cls)) {
    // A library model is run as the instance it is (models.ts), on its own first sample.
    if (!ctx.containerSamples.has(obj) && shapes.some(s => s !== null)) {
      ctx.containerSamples.set(obj, shapes);
      if (args.range) sampledAt.set(obj, args.range);
    }
    return;
  }
  if (shapes.length > 0 && shapes.some(s => s !== null)) remember(ctx, obj, shapes);
}

/** `summary(model, input_size)` from torchinfo or torchsummary. */
export function recordSummary(ctx: Context, q: string, args: Args): void {
  const model = args.pos[0] ?? args.kw.get('model');
  if (model?.k !== 'object') return;
  const size = args.kw.get('input_size') ?? args.pos[1];
  if (!size) return;
  const items = iterate(size);
  if (!items) return;
  // Several inputs are written as a list of size tuples.
  const many = items.length > 0 && items.every(i => i.k === 'tuple' || i.k === 'list');
  const shapes = (many ? items : [size]).map(shapeFromSizes);
  const withBatch = q === 'torchsummary.summary' ? shapes.map(s => (s ? [sym('N'), ...s] : null)) : shapes;
  if (withBatch.some(s => s !== null)) remember(ctx, model, withBatch);
}
