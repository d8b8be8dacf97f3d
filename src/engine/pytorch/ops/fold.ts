// F.unfold (im2col) and F.fold (col2im): sliding blocks as columns and back, with ATen 1.13's
// shape checks. unfold: (N, C, H, W) → (N, C·kh·kw, L), L the number of blocks; fold the reverse.
import { type Dim, type Shape, dimDiffers, isKnown, mul } from '../../dim';
import type { OpArg, OpResult } from '../../types';
import { ntuple } from '../common';
import { type Kwargs, UNKNOWN_TENSOR, bind, fail, shapeOf, tensor } from './args';

interface Window {
  readonly k: number[];
  readonly d: number[];
  readonly p: number[];
  readonly s: number[];
}

function windowOf(b: Record<string, OpArg | undefined>): Window | undefined {
  const pair = (v: OpArg | undefined, dflt: number) => ntuple((v ?? dflt) as never, 2);
  const k = pair(b.kernel_size, NaN),
    d = pair(b.dilation, 1),
    p = pair(b.padding, 0),
    s = pair(b.stride, 1);
  if (!k || !d || !p || !s || k.some(Number.isNaN)) return undefined;
  if ([...k, ...d, ...s].some(v => v < 1) || p.some(v => v < 0)) return undefined;
  return { k, d, p, s };
}

const pairText = (v: readonly (number | string)[]) => `(${v.join(', ')})`;

/** Blocks along one axis: ⌊(i + 2p − d·(k − 1) − 1)/s⌋ + 1. */
function blocks(i: number, w: Window, axis: number): number {
  return Math.floor((i + 2 * w.p[axis] - (w.d[axis] * (w.k[axis] - 1) + 1)) / w.s[axis]) + 1;
}

export function unfoldOp(args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const b = bind(['input', 'kernel_size', 'dilation', 'padding', 'stride'], args, kwargs);
  const x = shapeOf(b.input);
  const w = windowOf(b);
  if (!x || !w || (x.length !== 3 && x.length !== 4)) return UNKNOWN_TENSOR;
  const [h, wd] = x.slice(-2);
  const c = x[x.length - 3];
  const columns = mul(c, w.k[0] * w.k[1]);
  if (!isKnown(h) || !isKnown(wd)) return tensor([...x.slice(0, -3), columns, null]);
  const bh = blocks(h, w, 0),
    bw = blocks(wd, w, 1);
  // ATen 1.13 prints the input's height twice as its spatial size.
  if (bh < 1 || bw < 1)
    return fail(
      'kernel-too-large',
      `Given input with spatial size ${pairText([h, h])}, kernel_size=${pairText(w.k)}, dilation=${pairText(w.d)}, padding=${pairText(w.p)}, calculated shape of the array of sliding blocks as ${pairText([bh, bw])}, but its components must be at least one.`,
    );
  return tensor([...x.slice(0, -3), columns, bh * bw]);
}

export function foldOp(args: readonly OpArg[], kwargs: Kwargs): OpResult {
  const b = bind(['input', 'output_size', 'kernel_size', 'dilation', 'padding', 'stride'], args, kwargs);
  const x = shapeOf(b.input);
  const w = windowOf(b);
  const out = ntuple((b.output_size ?? null) as never, 2);
  if (!x || !w || !out || (x.length !== 2 && x.length !== 3)) return UNKNOWN_TENSOR;
  const [planes, length] = x.slice(-2);
  const kk = w.k[0] * w.k[1];
  if (isKnown(planes) && planes % kk !== 0)
    return fail(
      'features-mismatch',
      `Expected size of input's dimension 1 to be divisible by the product of kernel_size, but got input.size(1)=${planes} and kernel_size=${pairText(w.k)}.`,
    );
  const bh = blocks(out[0], w, 0),
    bw = blocks(out[1], w, 1);
  const settings = `Given output_size=${pairText(out)}, kernel_size=${pairText(w.k)}, dilation=${pairText(w.d)}, padding=${pairText(w.p)}, stride=${pairText(w.s)}`;
  if (bh < 1 || bw < 1) return UNKNOWN_TENSOR; // "too small (non-positive)": not generated
  if (dimDiffers(length, bh * bw))
    return fail(
      'features-mismatch',
      `${settings}, expected size of input's dimension 2 to match the calculated number of sliding blocks ${bh} * ${bw} = ${bh * bw}, but got input.size(2)=${length}.`,
    );
  const channels: Dim = isKnown(planes) ? planes / kk : null;
  return tensor([...x.slice(0, -2), channels, out[0], out[1]] as Shape);
}
