// torch.einsum for equations without an ellipsis: each subscript letter names one size; the
// output lists the letters after `->`, or (implicit form) the letters used once, in sorted order.
// Equations with `...` are left unknown.
import { type Dim, type Shape, dimDiffers, dimText } from '../../dim';
import type { OpArg, OpResult } from '../../types';
import { type Kwargs, UNKNOWN_TENSOR, fail, isList, shapeOf, tensor } from './args';

export function einsumOp(args: readonly OpArg[], _kwargs: Kwargs): OpResult {
  const [equation, ...rest] = args;
  if (typeof equation !== 'string' || equation.includes('.')) return UNKNOWN_TENSOR;
  const operandArgs = rest.length === 1 && isList(rest[0]) ? rest[0] : rest;
  const shapes: Shape[] = [];
  for (const a of operandArgs) {
    const s = shapeOf(a);
    if (!s) return UNKNOWN_TENSOR;
    shapes.push(s);
  }
  const eq = equation.replace(/\s+/g, '');
  const [lhs, rhs] = eq.split('->');
  const inputs = lhs.split(',');
  if (![...lhs.replace(/,/g, ''), ...(rhs ?? '')].every(c => /[a-zA-Z]/.test(c))) return UNKNOWN_TENSOR;
  if (shapes.length > inputs.length)
    return fail('invalid-argument', 'einsum(): more operands were provided than specified in the equation');
  if (shapes.length < inputs.length)
    return fail('invalid-argument', 'einsum(): fewer operands were provided than specified in the equation');
  const sizes = new Map<string, Dim>();
  const counts = new Map<string, number>();
  for (let i = 0; i < inputs.length; i++) {
    const subs = inputs[i],
      shape = shapes[i];
    if (subs.length !== shape.length) {
      return fail(
        'rank-mismatch',
        `einsum(): the number of subscripts in the equation (${subs.length}) does not match the number of dimensions (${shape.length}) for operand ${i} and no ellipsis was given`,
      );
    }
    for (let j = 0; j < subs.length; j++) {
      const c = subs[j],
        d = shape[j];
      counts.set(c, (counts.get(c) ?? 0) + 1);
      if (!sizes.has(c)) {
        sizes.set(c, d);
        continue;
      }
      const seen = sizes.get(c) as Dim;
      if (seen === 1) sizes.set(c, d);
      else if (d !== 1 && dimDiffers(seen, d) && typeof seen === 'number' && typeof d === 'number') {
        return fail(
          'broadcast-mismatch',
          `einsum(): subscript ${c} has size ${dimText(d)} for operand ${i} which does not broadcast with previously seen size ${dimText(seen)}`,
        );
      }
    }
  }
  const output =
    rhs ??
    [...counts.entries()]
      .filter(([, n]) => n === 1)
      .map(([c]) => c)
      .sort(labelOrder)
      .join('');
  if (![...output].every(c => sizes.has(c))) return UNKNOWN_TENSOR;
  return tensor([...output].map(c => sizes.get(c) as Dim));
}

/** PyTorch orders implicit output labels A–Z before a–z (character code order). */
function labelOrder(a: string, b: string): number {
  return a.charCodeAt(0) - b.charCodeAt(0);
}
