// PyTorch's size-keeping padding (size-keeping.ts): d·(k−1)/2 per axis when that is whole on
// every axis, else padding='same' (even kernels); both only at stride 1.
import type { ArgValue, LayerSpec, Shape } from '../../engine';
import type { Context } from '../context';
import { type PaddingRule, sizeKeepingFix } from '../size-keeping';
import type { Fix } from '../types';

const CONVS = new Set(['Conv1d', 'Conv2d', 'Conv3d']);

const RULE: PaddingRule = {
  isConv: kind => CONVS.has(kind),
  keeping: keepingPadding,
  text: p => (typeof p === 'string' ? `'${p}'` : Array.isArray(p) ? `(${p.join(', ')})` : String(p)),
};

export function sizeKeepingPadding(ctx: Context, operands: readonly (Shape | null)[], joinAxis?: number): Fix[] {
  const fix = sizeKeepingFix(ctx, RULE, operands, joinAxis);
  return fix ? [fix] : [];
}

function keepingPadding(spec: LayerSpec): ArgValue | undefined {
  const n = CONVS.has(spec.kind) ? Number(spec.kind[4]) : 0;
  const perAxis = (v: unknown): number[] | undefined => {
    if (typeof v === 'number') return Array<number>(n).fill(v);
    return Array.isArray(v) && v.length === n && v.every(x => typeof x === 'number') ? (v as number[]) : undefined;
  };
  const kernel = perAxis(spec.args.kernel_size);
  const stride = perAxis(spec.args.stride ?? 1);
  const dilation = perAxis(spec.args.dilation ?? 1);
  if (!kernel || !stride || !dilation || stride.some(s => s !== 1)) return undefined;
  const total = kernel.map((k, i) => dilation[i] * (k - 1));
  if (total.some(t => t % 2 !== 0)) return 'same';
  const pads = total.map(t => t / 2);
  return pads.every(p => p === pads[0]) ? pads[0] : pads;
}
