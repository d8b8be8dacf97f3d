// The einops functions on torch tensors (`einops.rearrange(x, 'b c h w -> b (h w) c')`, reduce,
// repeat, einsum, pack, unpack) and the einops.layers.torch modules Rearrange / Reduce. The
// shape rules are in transform.ts; einsum is the torch.einsum einops calls, with the axis names
// spelled as letters in order of first appearance (so its errors are torch's); pack is a cat.
import type { Dim, Shape } from '../../dim';
import { dimText, product } from '../../dim';
import { registerRules, type LayerRule } from '../../layer';
import {
  type ArgValue,
  type Inference,
  type LayerSpec,
  type OpArg,
  type OpResult,
  UNKNOWN_INFERENCE,
  failed,
  inferred,
  isTensorArg,
} from '../../types';
import { catShapes } from '../ops/join';
import { einsumOp } from '../ops/einsum';
import { type Kwargs, UNKNOWN_TENSOR, fail, isList, shapeOf, tensor, tensors } from '../ops/args';
import { ELLIPSIS, EinopsError, parseExpression } from './pattern';
import { einopsTransform } from './transform';

function lengthsOf(kwargs: Kwargs, skip: readonly string[]): Map<string, ArgValue> {
  const out = new Map<string, ArgValue>();
  for (const [k, v] of Object.entries(kwargs))
    if (!skip.includes(k)) out.set(k, isTensorArg(v) ? null : (v as ArgValue));
  return out;
}

/** rearrange/repeat/reduce: a list of tensors is stacked on a new first axis, as einops does. */
function transformOp(op: string, x: OpArg | undefined, pattern: OpArg | undefined, kwargs: Kwargs): OpResult {
  let input = shapeOf(x);
  if (isList(x)) {
    const items = x.map(shapeOf);
    if (items.length === 0 || items.some(s => !s)) return UNKNOWN_TENSOR;
    input = [items.length, ...(items[0] as Shape)];
  }
  if (!input || typeof pattern !== 'string') return UNKNOWN_TENSOR;
  const r = einopsTransform(op, pattern, input, lengthsOf(kwargs, ['tensor', 'pattern', 'reduction']));
  if (!r) return UNKNOWN_TENSOR;
  return r.ok ? tensor(r.shape) : fail('reshape-mismatch', r.message);
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** `einops.einsum(a, b, 'b i d, b j d -> b i j')` as the torch.einsum einops calls. */
function einsumOf(args: readonly OpArg[]): OpResult {
  const pattern = args[args.length - 1];
  if (typeof pattern !== 'string') return UNKNOWN_TENSOR;
  if (!pattern.includes('->')) return fail('invalid-argument', "Einsum pattern must contain '->'.");
  const [lefts, right] = pattern.split('->');
  const letters = new Map<string, string>();
  try {
    const spell = (names: readonly (readonly string[] | string)[], grow: boolean) =>
      names
        .map(g => {
          if (g === ELLIPSIS) return '...';
          if (g.length !== 1) throw new EinopsError('composite');
          const name = g[0];
          if (!letters.has(name)) {
            if (!grow) throw new EinopsError(`Unknown axis ${name} on right side of einsum ${pattern}.`);
            letters.set(name, LETTERS[letters.size]);
          }
          return letters.get(name);
        })
        .join('');
    const left = lefts.split(',').map(l => spell(parseExpression(l).groups, true));
    const equation = `${left.join(',')}->${spell(parseExpression(right).groups, false)}`;
    return einsumOp([equation, ...args.slice(0, -1)], {});
  } catch (e) {
    if (!(e instanceof EinopsError) || e.message === 'composite') return UNKNOWN_TENSOR;
    return fail('invalid-argument', e.message);
  }
}

/** The `*` pattern of pack/unpack: axes before and after it. */
function starPattern(pattern: OpArg | undefined, opname: string): { before: number; after: number } | OpResult {
  if (typeof pattern !== 'string') return UNKNOWN_TENSOR;
  const axes = pattern.split(/\s+/).filter(Boolean);
  if (new Set(axes).size !== axes.length)
    return fail('invalid-argument', `Duplicates in axes names in ${opname}(..., "${pattern}")`);
  if (!axes.includes('*')) return fail('invalid-argument', `No *-axis in ${opname}(..., "${pattern}")`);
  const before = axes.indexOf('*');
  return { before, after: axes.length - before - 1 };
}

/** `packed, ps = pack([a, b], 'b * c')`: the packed tensor (the shapes list is not a tensor). */
function packOp(list: OpArg | undefined, pattern: OpArg | undefined): OpResult {
  const star = starPattern(pattern, 'pack');
  if ('ok' in star) return star;
  if (!isList(list)) return UNKNOWN_TENSOR;
  const shapes = list.map(shapeOf);
  if (shapes.length === 0 || shapes.some(s => !s)) return UNKNOWN_TENSOR;
  const flat: Shape[] = [];
  for (const [i, s] of (shapes as Shape[]).entries()) {
    if (s.length < star.before + star.after)
      return fail(
        'rank-mismatch',
        `packed tensor #${i} (enumeration starts with 0) has shape torch.Size([${s.map(dimText).join(', ')}]), while pattern ${pattern as string} assumes at least ${star.before + star.after} axes`,
      );
    const end = s.length - star.after;
    flat.push([...s.slice(0, star.before), product(s.slice(star.before, end)), ...s.slice(end)]);
  }
  return catShapes(flat, star.before);
}

/** `unpack(packed, ps, 'b * c')` with the packed shapes written out (`[(h, w), (k,)]`). */
function unpackOp(x: OpArg | undefined, ps: OpArg | undefined, pattern: OpArg | undefined): OpResult {
  const star = starPattern(pattern, 'unpack');
  if ('ok' in star) return star;
  const shape = shapeOf(x);
  if (!shape || !isList(ps)) return UNKNOWN_TENSOR;
  if (shape.length !== star.before + 1 + star.after) return UNKNOWN_TENSOR; // message prints the Size: rare
  const parts: Dim[][] = [];
  for (const p of ps) {
    if (!isList(p) || !p.every(d => typeof d === 'number')) return UNKNOWN_TENSOR;
    parts.push(p as number[]);
  }
  const sizes = parts.map(p => product(p));
  const total = sizes.reduce<number>((a, b) => a + (b as number), 0);
  const axis = shape[star.before];
  if (typeof axis === 'number' && total !== axis) {
    const requested = `[${parts.map(p => (p.length === 1 ? `(${p[0]},)` : `(${p.join(', ')})`)).join(', ')}]`;
    return fail(
      'reshape-mismatch',
      `Error during unpack(..., "${pattern as string}"): could not split axis of size ${axis} into requested ${requested}`,
    );
  }
  return tensors(parts.map(p => [...shape.slice(0, star.before), ...p, ...shape.slice(star.before + 1)]));
}

/** `einops.NAME(*args, **kwargs)`; undefined when NAME is not an einops function. */
export function applyEinops(name: string, args: readonly OpArg[], kwargs: Kwargs): OpResult | undefined {
  switch (name) {
    case 'rearrange':
    case 'repeat':
      return transformOp(name, args[0] ?? kwargs.tensor, args[1] ?? kwargs.pattern, kwargs);
    case 'reduce': {
      const reduction = args[2] ?? kwargs.reduction;
      if (typeof reduction !== 'string') return UNKNOWN_TENSOR;
      return transformOp(reduction, args[0] ?? kwargs.tensor, args[1] ?? kwargs.pattern, kwargs);
    }
    case 'einsum':
      return einsumOf(args);
    case 'pack':
      return packOp(args[0] ?? kwargs.tensors, args[1] ?? kwargs.pattern);
    case 'unpack':
      return unpackOp(args[0] ?? kwargs.tensor, args[1] ?? kwargs.packed_shapes, args[2] ?? kwargs.pattern);
    default:
      return undefined;
  }
}

// ---- einops.layers.torch ----

function inferLayer(spec: LayerSpec, inputs: readonly Shape[]): Inference {
  const { pattern, reduction, ...lengths } = spec.args;
  const op = spec.kind === 'Reduce' ? reduction : spec.kind === 'Repeat' ? 'repeat' : 'rearrange';
  if (!inputs[0] || typeof pattern !== 'string' || typeof op !== 'string') return UNKNOWN_INFERENCE;
  const r = einopsTransform(op, pattern, inputs[0], new Map(Object.entries(lengths)));
  if (!r) return UNKNOWN_INFERENCE;
  return r.ok ? inferred(r.shape, { notes: [`einops ${op}: ${pattern}`] }) : failed('reshape-mismatch', r.message, {});
}

const layersRule: LayerRule = {
  framework: 'pytorch',
  kinds: ['Rearrange', 'Reduce', 'Repeat'],
  // Axis lengths are keywords the signature does not name: the binding keeps them.
  signature: kind => (kind === 'Reduce' ? [{ name: 'pattern' }, { name: 'reduction' }] : [{ name: 'pattern' }]),
  infer: inferLayer,
  params: () => 0,
};

registerRules([layersRule]);
