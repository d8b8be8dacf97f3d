// torch.einsum: each subscript letter names one size; `...` covers the axes no letter names, which
// broadcast right-aligned across operands. The output lists the letters after `->` (with `...`
// where the ellipsis axes go), or (implicit form) the ellipsis axes then the letters used once,
// in sorted order. Checks in ATen 1.13's order: operand by operand, axis by axis.
import { type Dim, type Shape, dimDiffers, dimText } from '../../dim';
import type { OpArg, OpResult } from '../../types';
import { type Kwargs, UNKNOWN_TENSOR, fail, isList, shapeOf, tensor } from './args';

const ELLIPSIS = '.';

/** `a...b` → ['a', '.', 'b']: letters, with the ellipsis as one '.' item; undefined when malformed. */
function subscripts(term: string): string[] | undefined {
  const out: string[] = [];
  for (let i = 0; i < term.length; i++) {
    if (term.startsWith('...', i)) {
      if (out.includes(ELLIPSIS)) return undefined;
      out.push(ELLIPSIS);
      i += 2;
    } else if (/[a-zA-Z]/.test(term[i])) out.push(term[i]);
    else return undefined;
  }
  return out;
}

export function einsumOp(args: readonly OpArg[], _kwargs: Kwargs): OpResult {
  const [equation, ...rest] = args;
  if (typeof equation !== 'string') return UNKNOWN_TENSOR;
  const operandArgs = rest.length === 1 && isList(rest[0]) ? rest[0] : rest;
  const shapes: Shape[] = [];
  for (const a of operandArgs) {
    const s = shapeOf(a);
    if (!s) return UNKNOWN_TENSOR;
    shapes.push(s);
  }
  const eq = equation.replace(/\s+/g, '');
  const [lhs, rhs, extra] = eq.split('->');
  if (extra !== undefined) return UNKNOWN_TENSOR;
  const inputs = lhs.split(',').map(subscripts);
  const output = rhs === undefined ? undefined : subscripts(rhs);
  if (inputs.some(i => !i) || (rhs !== undefined && !output)) return UNKNOWN_TENSOR;
  if (shapes.length > inputs.length)
    return fail('invalid-argument', 'einsum(): more operands were provided than specified in the equation');
  if (shapes.length < inputs.length)
    return fail('invalid-argument', 'einsum(): fewer operands were provided than specified in the equation');
  const sizes = new Map<string, Dim>();
  const counts = new Map<string, number>();
  // The broadcast ellipsis axes, right-aligned: index 0 is the right-most.
  const ellipsis: Dim[] = [];
  let ellipsisRank = 0;
  for (let i = 0; i < inputs.length; i++) {
    const subs = inputs[i] as string[],
      shape = shapes[i];
    const letters = subs.filter(c => c !== ELLIPSIS).length;
    const hasEllipsis = subs.includes(ELLIPSIS);
    if (!hasEllipsis && letters !== shape.length)
      return fail(
        'rank-mismatch',
        `einsum(): the number of subscripts in the equation (${letters}) does not match the number of dimensions (${shape.length}) for operand ${i} and no ellipsis was given`,
      );
    if (hasEllipsis && letters > shape.length)
      return fail(
        'rank-mismatch',
        `einsum(): the number of subscripts in the equation (${letters}) is more than the number of dimensions (${shape.length}) for operand ${i}`,
      );
    const covered = shape.length - letters;
    ellipsisRank = Math.max(ellipsisRank, hasEllipsis ? covered : 0);
    let axis = 0;
    for (const c of subs) {
      if (c === ELLIPSIS) {
        for (let j = 0; j < covered; j++, axis++) {
          const d = shape[axis];
          const slot = covered - 1 - j;
          const seen = ellipsis[slot] ?? 1;
          if (seen === 1) ellipsis[slot] = d;
          else if (d !== 1 && typeof seen === 'number' && typeof d === 'number' && seen !== d)
            return fail(
              'broadcast-mismatch',
              `einsum(): dimension ${axis} covered by ellipsis in operand ${i}has size ${d} which does not broadcast with previously seen ellipsis with size ${seen} for the respective dimension`,
            );
          else if (d !== 1 && dimDiffers(seen, d)) return UNKNOWN_TENSOR;
        }
        continue;
      }
      const d = shape[axis++];
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
  const ellipsisDims: Dim[] = [];
  for (let slot = ellipsisRank - 1; slot >= 0; slot--) ellipsisDims.push(ellipsis[slot] ?? 1);
  const labels = output ?? [
    ELLIPSIS,
    ...[...counts.entries()]
      .filter(([, n]) => n === 1)
      .map(([c]) => c)
      .sort(labelOrder),
  ];
  if (!labels.every(c => c === ELLIPSIS || sizes.has(c))) return UNKNOWN_TENSOR;
  return tensor(labels.flatMap(c => (c === ELLIPSIS ? ellipsisDims : [sizes.get(c) as Dim])));
}

/** PyTorch orders implicit output labels A–Z before a–z (character code order). */
function labelOrder(a: string, b: string): number {
  return a.charCodeAt(0) - b.charCodeAt(0);
}
