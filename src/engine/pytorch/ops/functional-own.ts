// Functional forms with no module of the same semantics, so their rule lives here: F.batch_norm
// and F.group_norm (whose checks differ from the modules'), F.one_hot, losses.
import { dimDiffers, dimText, isKnown } from '../../dim';
import { broadcastShapes } from '../../broadcast';
import type { OpArg, OpResult } from '../../types';
import { type Kwargs, UNKNOWN_TENSOR, bind, fail, intOf, shapeOf, tensor } from './args';

/** `F.batch_norm(input, running_mean, running_var, weight, bias, training, ...)`. */
export function batchNormOp(args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const b = bind(
    ['input', 'running_mean', 'running_var', 'weight', 'bias', 'training', 'momentum', 'eps'],
    args,
    kwargs,
  );
  const input = shapeOf(b.input);
  if (!input) return UNKNOWN_TENSOR;
  if (b.training === true && input.length >= 2) {
    const perChannel = input
      .filter((_, i) => i !== 1)
      .reduce<number | null>((acc, d) => (acc === null || !isKnown(d) ? null : acc * d), 1);
    if (perChannel === 1) {
      return fail(
        'invalid-argument',
        `Expected more than 1 value per channel when training, got input size torch.Size([${input.map(dimText).join(', ')}])`,
      );
    }
  }
  const channels = input.length >= 2 ? input[1] : null;
  for (const name of ['running_mean', 'running_var', 'weight', 'bias'] as const) {
    const s = shapeOf(b[name]);
    if (!s || s.length !== 1) continue;
    if (dimDiffers(s[0], channels))
      return fail('channel-mismatch', `${name} should contain ${dimText(channels)} elements not ${dimText(s[0])}`);
  }
  return tensor(input);
}

/** `F.group_norm(input, num_groups, weight, bias, eps)`: channels must divide into groups. */
export function groupNormOp(args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const b = bind(['input', 'num_groups', 'weight', 'bias', 'eps'], args, kwargs);
  const input = shapeOf(b.input);
  const groups = intOf(b.num_groups);
  if (!input || groups === undefined) return UNKNOWN_TENSOR;
  if (input.length < 2) return UNKNOWN_TENSOR;
  const c = input[1];
  if (isKnown(c) && groups > 0 && c % groups !== 0) {
    return fail(
      'invalid-groups',
      `Expected number of channels in input to be divisible by num_groups, but got input of shape [${input.map(dimText).join(', ')}] and num_groups=${groups}`,
    );
  }
  return tensor(input);
}

/** `F.one_hot(tensor, num_classes=-1)`: with -1 the size depends on the data (unknown). */
export function oneHotOp(args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const b = bind(['input', 'num_classes'], args, kwargs);
  const input = shapeOf(b.input ?? kwargs.tensor);
  const n = b.num_classes === undefined ? -1 : intOf(b.num_classes);
  if (input === undefined) return UNKNOWN_TENSOR;
  if (input === null) return tensor(null);
  return tensor([...input, n === undefined || n < 0 ? null : n]);
}

/**
 * Losses: a scalar for reduction 'mean'/'sum'; with 'none', element-wise losses broadcast their
 * operands and the others are left unknown.
 */
export function lossOp(args: readonly OpArg[], kwargs: Kwargs, elementwise: boolean): OpResult {
  const b = bind(['input', 'target'], args, kwargs);
  const reduction = kwargs.reduction ?? 'mean';
  if (reduction === 'mean' || reduction === 'sum') return tensor([]);
  if (reduction !== 'none' || !elementwise) return UNKNOWN_TENSOR;
  const x = shapeOf(b.input),
    y = shapeOf(b.target);
  if (!x || !y) return UNKNOWN_TENSOR;
  const r = broadcastShapes(x, y);
  return r.ok ? tensor(r.shape) : { ok: false, error: r.error };
}
