// Coordinates and resampling: torch.meshgrid and F.grid_sample (ATen 1.13's grid_sampler checks).
import type { Dim, Shape } from '../../dim';
import { dimDiffers, dimText } from '../../dim';
import type { OpArg, OpResult } from '../../types';
import { type Kwargs, UNKNOWN_TENSOR, bind, fail, isList, listText, shapeOf, tensor, tensors } from './args';

/** `torch.meshgrid(*tensors, indexing='ij')`: n tensors of shape (len₀, len₁, …); 'xy' swaps the first two. */
export function meshgridOp(args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const list = args.length === 1 && isList(args[0]) ? args[0] : args;
  const indexing = kwargs.indexing ?? 'ij';
  if (indexing !== 'ij' && indexing !== 'xy') return UNKNOWN_TENSOR;
  const sizes: Dim[] = [];
  for (const a of list) {
    const s = shapeOf(a);
    // A tensor of 2 or more axes fails with its values in the message: unknown here.
    if (!s || s.length > 1) return UNKNOWN_TENSOR;
    sizes.push(s.length === 0 ? 1 : s[0]);
  }
  if (sizes.length === 0) return UNKNOWN_TENSOR;
  const shape = [...sizes];
  if (indexing === 'xy' && shape.length >= 2) [shape[0], shape[1]] = [shape[1], shape[0]];
  return tensors(sizes.map(() => shape));
}

const text = (s: Shape) => listText(s.map(dimText));

/** `F.grid_sample(input, grid)`: (N, C, *grid's spatial sizes). */
export function gridSampleOp(args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const b = bind(['input', 'grid', 'mode', 'padding_mode', 'align_corners'], args, kwargs);
  const x = shapeOf(b.input),
    grid = shapeOf(b.grid);
  if (!x || !grid) return UNKNOWN_TENSOR;
  const mode = b.mode ?? 'bilinear';
  const padding = b.padding_mode ?? 'zeros';
  if (!['bilinear', 'nearest', 'bicubic'].includes(mode as string)) return UNKNOWN_TENSOR;
  if (!['zeros', 'border', 'reflection'].includes(padding as string)) return UNKNOWN_TENSOR;
  // ATen compares the batch sizes before the ranks.
  if (dimDiffers(x[0], grid[0]))
    return fail(
      'features-mismatch',
      `grid_sampler(): expected grid and input to have same batch size, but got input with sizes ${text(x)} and grid with sizes ${text(grid)}`,
    );
  if (x.length !== grid.length || (x.length !== 4 && x.length !== 5)) {
    if (x.length !== grid.length)
      return fail(
        'rank-mismatch',
        `grid_sampler(): expected 4D or 5D input and grid with same number of dimensions, but got input with sizes ${text(x)} and grid with sizes ${text(grid)}`,
      );
    return UNKNOWN_TENSOR;
  }
  if (dimDiffers(grid[grid.length - 1], x.length - 2))
    return fail(
      'features-mismatch',
      `grid_sampler(): expected grid to have size ${x.length - 2} in last dimension, but got grid with sizes ${text(grid)}`,
    );
  if (x.length === 5 && mode === 'bicubic') return UNKNOWN_TENSOR;
  return tensor([x[0], x[1], ...grid.slice(1, -1)]);
}
