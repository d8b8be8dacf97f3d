// einops on PyTorch tensors: `einops.rearrange(x, 'b c h w -> b (h w) c')` and the other einops
// functions through the engine's einops rules; `einops.layers.torch.Rearrange/Reduce/Repeat` are
// modules built like nn layers. `pack` returns (packed, packed_shapes): the shapes list is a
// Python value the analysis does not follow.
import { applyEinops } from '../../engine/pytorch/einops/ops';
import type { Args, Context } from '../context';
import { reportOpError } from '../diagnostics';
import { markExactLength } from '../python-errors';
import { UNKNOWN_VALUE, type Value, tensor } from '../values';
import { reportUnexpected } from '../../common/internal-errors';
import { constructNn } from './modules';
import { fromOpValue, toOpArg } from './ops';

const LAYERS = 'einops.layers.torch.';

export const isEinopsName = (q: string) => q === 'einops' || q.startsWith('einops.');

export function callEinops(ctx: Context, q: string, args: Args): Value {
  if (q.startsWith(LAYERS)) return constructNn(ctx, q.slice(LAYERS.length), args);
  const name = q.slice('einops.'.length);
  const anyTensor = args.pos.some(v => v.k === 'tensor' || v.k === 'list' || v.k === 'tuple');
  if (args.unknownRest) return anyTensor ? tensor(null) : UNKNOWN_VALUE;
  let r;
  try {
    const kw = Object.fromEntries([...args.kw].map(([k, v]) => [k, toOpArg(v)]));
    r = applyEinops(name, args.pos.map(toOpArg), kw);
  } catch (e) {
    reportUnexpected('analysis.einops', e); // rules return unknown, never throw
    r = undefined;
  }
  if (!r) return UNKNOWN_VALUE;
  if (!r.ok) {
    if (args.range) reportOpError(ctx, r.error, args.range);
    return name === 'pack' ? markExactLength({ k: 'tuple', items: [tensor(null), UNKNOWN_VALUE] }) : tensor(null);
  }
  const value = fromOpValue(r.value);
  // unpack returns a list of tensors; pack a (tensor, shapes) pair.
  if (name === 'unpack' && value.k === 'tuple') return markExactLength({ k: 'list', items: [...value.items] });
  if (name === 'pack') return markExactLength({ k: 'tuple', items: [value, UNKNOWN_VALUE] });
  return value;
}
