// einops.rearrange / reduce / repeat (and the einops.layers.torch modules): the output shape of a
// pattern and its axis lengths, following einops' `_prepare_transformation_recipe` and
// `_reconstruct_from_shape`: the input's axes split into elementary axes (one unknown per group,
// found by division), the output's groups multiplied back. Errors in einops' words, wrapped as
// einops wraps them: ` Error while processing rearrange-reduction pattern "…".`
import { type Dim, type Shape, divExact, dimText, isKnown, mul, product } from '../../dim';
import type { ArgValue } from '../../types';
import { ELLIPSIS, EinopsError, type Group, anonymousLength, parseExpression, setText, validAxisName } from './pattern';

export const REDUCTIONS = ['min', 'max', 'sum', 'mean', 'prod', 'any', 'all'];

export type TransformResult = { ok: true; shape: Shape } | { ok: false; message: string } | undefined;

/** Python's repr of the axis lengths, as einops prints `Additional info: {'h': 3}`. */
function lengthsText(lengths: ReadonlyMap<string, ArgValue>): string {
  const value = (v: ArgValue) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? `'${v}'` : '?');
  return `{${[...lengths].map(([k, v]) => `'${k}': ${value(v)}`).join(', ')}}`;
}

/** torch.Size([2, 3]) as einops prints the input's shape. */
function torchSize(shape: Shape): string {
  return `torch.Size([${shape.map(dimText).join(', ')}])`;
}

/**
 * The output shape of `op` ('rearrange', 'repeat' or a reduction) on `input`; undefined when
 * something it depends on is unknown (an axis length not given as an int, a pattern not a string).
 */
export function einopsTransform(
  op: string,
  pattern: string,
  input: Shape,
  lengths: ReadonlyMap<string, ArgValue>,
): TransformResult {
  try {
    return recipe(op, pattern, input, lengths);
  } catch (e) {
    if (!(e instanceof EinopsError)) throw e;
    return {
      ok: false,
      message: ` Error while processing ${op}-reduction pattern "${pattern}".\n Input tensor shape: ${torchSize(input)}. Additional info: ${lengthsText(lengths)}.\n ${e.message}`,
    };
  }
}

function recipe(op: string, pattern: string, input: Shape, given: ReadonlyMap<string, ArgValue>): TransformResult {
  const sides = pattern.split('->');
  if (sides.length !== 2) return undefined;
  const left = parseExpression(sides[0]);
  const right = parseExpression(sides[1]);
  if (!left.hasEllipsis && right.hasEllipsis)
    throw new EinopsError(`Ellipsis found in right side, but not left side of a pattern ${pattern}`);
  if (left.hasEllipsis && left.ellipsisInBrackets)
    throw new EinopsError(`Ellipsis inside parenthesis in the left side is not allowed: ${pattern}`);
  const lset = new Set(left.identifiers),
    rset = new Set(right.identifiers);
  const minus = (a: Set<string>, b: Set<string>) => [...a].filter(x => !b.has(x));
  if (op === 'rearrange') {
    if (left.anonymous || right.anonymous)
      throw new EinopsError('Non-unitary anonymous axes are not supported in rearrange (exception is length 1)');
    const diff = [...minus(lset, rset), ...minus(rset, lset)];
    if (diff.length)
      throw new EinopsError(`Identifiers only on one side of expression (should be on both): ${setText(diff)}`);
  } else if (op === 'repeat') {
    const diff = minus(lset, rset);
    if (diff.length) throw new EinopsError(`Unexpected identifiers on the left side of repeat: ${setText(diff)}`);
    const missing = [...rset].filter(a => anonymousLength(a) === undefined && !lset.has(a) && !given.has(a));
    if (missing.length) throw new EinopsError(`Specify sizes for new axes in repeat: ${setText(missing)}`);
  } else if (REDUCTIONS.includes(op)) {
    const diff = minus(rset, lset);
    if (diff.length)
      throw new EinopsError(`Unexpected identifiers on the right side of reduce ${op}: ${setText(diff)}`);
  } else return undefined; // a callable or unknown reduction
  let leftGroups: (readonly string[])[];
  let rightGroups: (readonly string[])[];
  if (left.hasEllipsis) {
    const others = left.groups.length - 1;
    if (input.length < others)
      throw new EinopsError(`Wrong shape: expected >=${others} dims. Received ${input.length}-dim tensor.`);
    const ell = Array.from({ length: input.length - others }, (_, i) => `${ELLIPSIS}${i}`);
    const expand = (groups: readonly Group[]) =>
      groups.flatMap(g => (g === ELLIPSIS ? ell.map(a => [a]) : [g.flatMap(a => (a === ELLIPSIS ? ell : [a]))]));
    leftGroups = expand(left.groups);
    rightGroups = expand(right.groups);
  } else {
    if (input.length !== left.groups.length)
      throw new EinopsError(`Wrong shape: expected ${left.groups.length} dims. Received ${input.length}-dim tensor.`);
    leftGroups = left.groups as (readonly string[])[];
    rightGroups = right.groups as (readonly string[])[];
  }
  const elementary = leftGroups.flat();
  const added = rightGroups.flat().filter(a => !elementary.includes(a));
  const lengths = new Map<string, Dim>();
  for (const a of [...elementary, ...added]) {
    const n = anonymousLength(a);
    if (n !== undefined) lengths.set(a, n);
  }
  for (const [name, value] of given) {
    if (!validAxisName(name)) return undefined; // einops raises with a tuple of arguments: not modelled
    if (!elementary.includes(name) && !added.includes(name))
      throw new EinopsError(`Axis ${name} is not used in transform`);
    if (typeof value !== 'number' || !Number.isInteger(value)) return undefined;
    lengths.set(name, value);
  }
  for (const g of leftGroups) {
    const unknown = g.filter(a => !lengths.has(a));
    if (unknown.length > 1) throw new EinopsError(`Could not infer sizes for ${setText(unknown)}`);
  }
  leftGroups.forEach((g, i) => {
    const length = input[i];
    const known = product(g.filter(a => lengths.has(a)).map(a => lengths.get(a) as Dim));
    const unknown = g.filter(a => !lengths.has(a));
    if (unknown.length === 0) {
      if (isKnown(length) && isKnown(known) && length !== known)
        throw new EinopsError(`Shape mismatch, ${length} != ${known}`);
      return;
    }
    if (isKnown(length) && isKnown(known) && length % known !== 0)
      throw new EinopsError(`Shape mismatch, can't divide axis of length ${length} in chunks of ${known}`);
    const q = divExact(length, known);
    lengths.set(unknown[0], q === undefined || q === false ? null : q);
  });
  return { ok: true, shape: rightGroups.map(g => g.reduce<Dim>((acc, a) => mul(acc, lengths.get(a) ?? null), 1)) };
}
