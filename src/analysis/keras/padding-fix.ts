// Keras' size-keeping padding (size-keeping.ts): padding='same' for a stride-1 convolution with
// padding='valid'.
import type { ArgValue, LayerSpec, Shape } from '../../engine';
import type { Context } from '../context';
import { type PaddingRule, sizeKeepingFix } from '../size-keeping';
import type { Fix } from '../types';
import type { Site } from '../values';
import { concatAxisFix } from './concat-axis-fix';

const CONVS = new Set(['Conv1D', 'Conv2D', 'Conv3D']);

const RULE: PaddingRule = {
  isConv: kind => CONVS.has(kind),
  keeping: keepingPadding,
  text: p => `'${String(p)}'`,
};

/** Merge layers whose inputs must agree on every axis (Concatenate: but its axis). */
const MERGES = new Set(['Add', 'Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum', 'Concatenate']);

export function sizeKeepingPadding(ctx: Context, operands: readonly (Shape | null)[], joinAxis?: number): Fix[] {
  const fix = sizeKeepingFix(ctx, RULE, operands, joinAxis);
  return fix ? [fix] : [];
}

/** A merge layer's fixes: Concatenate joins along its `axis` (default -1), or along the one axis its inputs differ in. */
export function mergeRepairs(ctx: Context, spec: LayerSpec, operands: readonly (Shape | null)[], site: Site): Fix[] {
  if (!MERGES.has(spec.kind)) return [];
  if (spec.kind !== 'Concatenate') return sizeKeepingPadding(ctx, operands);
  const axis = spec.args.axis ?? -1;
  const rank = operands[0]?.length ?? 0;
  if (typeof axis !== 'number') return [];
  const joinAxis = concatAxisFix(site, axis, operands);
  return [...(joinAxis ? [joinAxis] : []), ...sizeKeepingPadding(ctx, operands, axis < 0 ? axis + rank : axis)];
}

function keepingPadding(spec: LayerSpec): ArgValue | undefined {
  const padding = spec.args.padding;
  const strides = spec.args.strides;
  const ones = typeof strides === 'number' ? strides === 1 : Array.isArray(strides) && strides.every(s => s === 1);
  return typeof padding === 'string' && padding.toLowerCase() === 'valid' && ones ? 'same' : undefined;
}
