// Sample inputs written in the document: `model(torch.randn(1, 3, 32, 32))`,
// `summary(model, input_size=(1, 3, 32, 32))` (torchinfo, with the batch axis) and
// `torchsummary.summary(model, (3, 32, 32))` (without it).
import { type Dim, type Shape, sym } from '../../engine';
import type { Args, Context, SampleCall } from '../context';
import { iterate } from '../items';
import { type ObjectValue, type Value, UNKNOWN_VALUE, asDim, freshTensor } from '../values';
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

function remember(ctx: Context, obj: ObjectValue, call: SampleCall): void {
  const prev = ctx.samples.get(obj.cls);
  if (prev?.call) return; // the first sample wins
  ctx.samples.set(obj.cls, { ...prev, call });
}

/** An argument kept for the model runs: a tensor's shape, a constant, a tuple or list of them. */
function plain(v: Value): Value {
  switch (v.k) {
    case 'tensor':
      return freshTensor(v.shape);
    case 'none':
    case 'bool':
    case 'int':
    case 'float':
    case 'str':
    case 'dim':
      return v;
    case 'tuple':
    case 'list':
      return { k: v.k, items: v.items.map(plain) };
    default:
      return UNKNOWN_VALUE;
  }
}

const knowsATensor = (v: Value): boolean =>
  v.k === 'tensor' ? v.shape !== null : (v.k === 'tuple' || v.k === 'list') && v.items.some(knowsATensor);

/**
 * A model run as the instance the file left it (models.ts), on its own first sample: a torchvision
 * model, or one that code of another project file built (`model = deeplabv3_resnet50(...)`, the
 * function imported): its construction was followed there, with arguments this file does not write.
 */
export const runsAsInstance = (obj: ObjectValue): boolean =>
  isTorchvisionClass(obj.cls) || (obj.cls.isModule && obj.site?.from !== undefined);

/** `model(x)`, `model(img, points=(coords, labels))`, `model(x, True)` at module level, some tensor's shape known. */
export function recordSampleCall(ctx: Context, obj: ObjectValue, args: Args): void {
  if (runsAsInstance(obj)) {
    const shapes = args.pos.map(v => (v.k === 'tensor' ? v.shape : null));
    if (!ctx.containerSamples.has(obj) && shapes.some(s => s !== null)) {
      ctx.containerSamples.set(obj, shapes);
      if (args.range) sampledAt.set(obj, args.range);
    }
    return;
  }
  if (args.unknownRest) return; // `model(*batch)`: which argument is which is not known
  const kw = new Map([...args.kw].map(([k, v]) => [k, plain(v)] as const));
  const call: SampleCall = { pos: args.pos.map(plain), kw };
  if ([...call.pos, ...kw.values()].some(knowsATensor)) remember(ctx, obj, call);
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
  if (withBatch.some(s => s !== null)) remember(ctx, model, { pos: withBatch.map(s => freshTensor(s)), kw: new Map() });
}
