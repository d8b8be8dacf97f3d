// Tensor factories: zeros/ones/empty/rand/randn (sizes as varargs or one tuple), full, randint,
// arange, linspace, eye, tensor(data), and the *_like forms. This is how sample inputs such as
// `torch.randn(1, 3, 32, 32)` get their shape.
import { type Dim, type Shape, dimText } from '../../dim';
import { type OpArg, type OpResult, isTensorArg } from '../../types';
import {
  type Kwargs,
  UNKNOWN_TENSOR,
  bind,
  dimOf,
  fail,
  isList,
  listText,
  numberOf,
  shapeOf,
  sizesOf,
  tensor,
} from './args';

function checkedSizes(sizes: readonly Dim[]): OpResult {
  const negative = sizes.find(d => typeof d === 'number' && d < 0);
  if (negative !== undefined) {
    return fail(
      'invalid-argument',
      `Trying to create tensor with negative dimension ${negative}: ${listText(sizes.map(dimText))}`,
    );
  }
  return tensor(sizes);
}

/** zeros / ones / empty / rand / randn: `f(*size)` or `f(size)` or `f(size=...)`. */
export function sizedFactory(args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const given = args.length > 0 ? args : kwargs.size !== undefined ? [kwargs.size] : [];
  const sizes = sizesOf(given);
  return sizes ? checkedSizes(sizes) : UNKNOWN_TENSOR;
}

/** `torch.full(size, fill_value)`. */
export function fullFactory(args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const size = bind(['size', 'fill_value'], args, kwargs).size;
  const sizes = isList(size) ? sizesOf([size]) : undefined;
  return sizes ? checkedSizes(sizes) : UNKNOWN_TENSOR;
}

/** `torch.randint(high, size)` or `torch.randint(low, high, size)`: the size is the tuple. */
export function randintFactory(args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const size = kwargs.size ?? args.find(isList);
  const sizes = isList(size) ? sizesOf([size]) : undefined;
  return sizes ? checkedSizes(sizes) : UNKNOWN_TENSOR;
}

/** `torch.arange(end)`, `arange(start, end, step=1)`: ⌈(end − start)/step⌉ elements. */
export function arangeFactory(args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const b =
    args.length <= 1 && kwargs.start === undefined
      ? bind(['end'], args, kwargs)
      : bind(['start', 'end', 'step'], args, kwargs);
  const start = b.start === undefined ? 0 : numberOf(b.start);
  const end = numberOf(b.end);
  const step = b.step === undefined ? 1 : numberOf(b.step);
  if (start === undefined || end === undefined || step === undefined || step === 0) return UNKNOWN_TENSOR;
  const n = Math.ceil((end - start) / step);
  return n >= 0 ? tensor([n]) : UNKNOWN_TENSOR;
}

/** `torch.linspace(start, end, steps)` / logspace. */
export function linspaceFactory(args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const steps = bind(['start', 'end', 'steps'], args, kwargs).steps;
  return typeof steps === 'number' && Number.isInteger(steps) && steps >= 0 ? tensor([steps]) : UNKNOWN_TENSOR;
}

/** `torch.eye(n, m=None)`. */
export function eyeFactory(args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const b = bind(['n', 'm'], args, kwargs);
  const sizes = sizesOf(b.m === undefined || b.m === null ? [b.n ?? null] : [b.n ?? null, b.m]);
  if (!sizes) return UNKNOWN_TENSOR;
  return checkedSizes(sizes.length === 1 ? [sizes[0], sizes[0]] : sizes);
}

/** `torch.tensor(data)`: the nesting of literal lists gives the shape. */
export function tensorFactory(args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const data = bind(['data'], args, kwargs).data;
  if (data === undefined) return UNKNOWN_TENSOR;
  const shape = literalShape(data);
  return shape ? tensor(shape) : UNKNOWN_TENSOR;
}

/**
 * The legacy typed constructors (`torch.LongTensor([[0, 1], [2, 3]])`, `torch.FloatTensor(2, 3)`):
 * int arguments are sizes, one nested list is data. A flat list is left unknown: it may be data or
 * a torch.Size (`torch.FloatTensor(x.size())` has x's shape), which the arguments do not tell apart.
 */
export function legacyTensorFactory(args: readonly OpArg[], kwargs: Kwargs): OpResult {
  if (Object.keys(kwargs).length > 0) return UNKNOWN_TENSOR;
  if (args.length === 0) return tensor([0]);
  if (args.every(a => typeof a === 'number' || dimOf(a) !== undefined)) return sizedFactory(args, kwargs);
  const [data] = args;
  if (args.length !== 1 || !isList(data) || !data.some(item => isList(item) || isTensorArg(item)))
    return UNKNOWN_TENSOR;
  const shape = literalShape(data);
  return shape ? tensor(shape) : UNKNOWN_TENSOR;
}

function literalShape(v: OpArg): Dim[] | undefined {
  if (typeof v === 'number' || typeof v === 'boolean') return [];
  if (isTensorArg(v)) return v.shape ? [...v.shape] : undefined;
  if (!isList(v)) return undefined;
  if (v.length === 0) return [0];
  const inner = v.map(literalShape);
  const first = inner[0];
  if (!first || inner.some(s => !s || s.length !== first.length || s.some((d, i) => d !== first[i]))) return undefined;
  return [v.length, ...first];
}

/** zeros_like / ones_like / randn_like / full_like / empty_like: the input's shape. */
export function likeFactory(args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const input = shapeOf(bind(['input'], args, kwargs).input);
  return input === undefined ? UNKNOWN_TENSOR : tensor(input as Shape | null);
}
