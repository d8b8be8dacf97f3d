// The masks of nn.MultiheadAttention (and the transformer layers that pass theirs to it):
// `attn_mask` and `key_padding_mask`, checked as PyTorch 1.13's `_mha_shape_check` (their
// ranks, before anything else) and `multi_head_attention_forward` (their sizes, after the
// projections) check them. A mask's shape never changes the output; a wrong one is an error.
import { type Dim, type Shape, dimDiffers, dimText, isKnown } from '../dim';
import { type ArgValue, type Inference, failed, isUnknown } from '../types';
import { torchSizeText } from './common';

export interface AttentionMasks {
  /** The shape when given and known; null: given, its shape not known; undefined: None. */
  readonly attnMask?: Shape | null;
  readonly keyPaddingMask?: Shape | null;
}

/** A mask as the front end passes it: `[dims]` (a dim may be unknown), UNKNOWN, or absent/None. */
function maskShape(v: ArgValue | undefined): Shape | null | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) return null;
  return (v as readonly ArgValue[]).map(d =>
    typeof d === 'number'
      ? d
      : d !== null && typeof d === 'object' && !isUnknown(d) && !Array.isArray(d) && 'kind' in d && d.kind === 'expr'
        ? (d as Dim)
        : null,
  );
}

export function masksOf(callArgs: Readonly<Record<string, ArgValue>> | undefined): AttentionMasks {
  return {
    attnMask: maskShape(callArgs?.attn_mask_shape),
    keyPaddingMask: maskShape(callArgs?.key_padding_mask_shape),
  };
}

const tuple = (dims: readonly Dim[]) => `(${dims.map(dimText).join(', ')})`;

/** `_mha_shape_check`'s mask ranks, after the query/key/value ranks (`batched`: a 3-D query). */
export function maskRanks(m: AttentionMasks, batched: boolean): Inference | undefined {
  const [word, kpmRank] = batched ? ['batched (3-D)', 2] : ['unbatched (2-D)', 1];
  const kpm = m.keyPaddingMask;
  if (kpm && kpm.length !== kpmRank)
    return failed(
      'rank-mismatch',
      `For ${word} \`query\`, expected \`key_padding_mask\` to be \`None\` or ${kpmRank}-D but found ${kpm.length}-D tensor instead`,
    );
  const mask = m.attnMask;
  if (mask && mask.length !== 2 && mask.length !== 3)
    return failed(
      'rank-mismatch',
      `For ${word} \`query\`, expected \`attn_mask\` to be \`None\`, 2-D or 3-D but found ${mask.length}-D tensor instead`,
    );
  return undefined;
}

/** Some size certainly differs; the shape printed only when every size is known. */
function mismatch(got: Shape, want: readonly Dim[]): boolean | undefined {
  if (got.length !== want.length || got.some((d, i) => dimDiffers(d, want[i]))) return true;
  return got.every((d, i) => isKnown(d) && d === want[i]) ? false : undefined;
}

/**
 * The unbatched 3-D attn_mask's shape (checked in `_mha_shape_check`), then after the
 * projections the attn_mask's sizes against `(L, S)` or `(N·heads, L, S)`, S the key's length.
 * Undefined when they fit or cannot be decided.
 */
export function maskSizes(m: AttentionMasks, heads: number, tgtLen: Dim, srcLen: Dim, bsz: Dim): Inference | undefined {
  const mask = m.attnMask;
  if (!mask) return undefined;
  const want2 = [tgtLen, srcLen];
  const want3 = [isKnown(bsz) ? bsz * heads : null, tgtLen, srcLen];
  if (mask.length === 2 && mismatch(mask, want2) === true && [...mask, ...want2].every(isKnown))
    return failed(
      'invalid-argument',
      `The shape of the 2D attn_mask is ${torchSizeText(mask)}, but should be ${tuple(want2)}.`,
    );
  if (mask.length === 3 && mismatch(mask, want3) === true && [...mask, ...want3].every(isKnown))
    return failed(
      'invalid-argument',
      `The shape of the 3D attn_mask is ${torchSizeText(mask)}, but should be ${tuple(want3)}.`,
    );
  return undefined;
}

/** The unbatched query's 3-D attn_mask must be `(heads, L, S)`, checked with the ranks. */
export function unbatchedMask(m: AttentionMasks, heads: number, tgtLen: Dim, srcLen: Dim): Inference | undefined {
  const mask = m.attnMask;
  if (!mask || mask.length !== 3) return undefined;
  const want = [heads, tgtLen, srcLen];
  if (mismatch(mask, want) === true && [...mask, ...want].every(isKnown))
    return failed(
      'invalid-argument',
      `Expected \`attn_mask\` shape to be ${tuple(want)} but got ${torchSizeText(mask)}`,
    );
  return undefined;
}

/** key_padding_mask against `(N, S)` (an unbatched one gained its batch axis). */
export function paddingMaskSize(m: AttentionMasks, batched: boolean, bsz: Dim, srcLen: Dim): Inference | undefined {
  const kpm = m.keyPaddingMask;
  if (!kpm) return undefined;
  const got = batched ? kpm : [1, ...kpm];
  const want = [bsz, srcLen];
  if (mismatch(got, want) === true && [...got, ...want].every(isKnown))
    return failed(
      'invalid-argument',
      `expecting key_padding_mask shape of ${tuple(want)}, but got ${torchSizeText(got)}`,
    );
  return undefined;
}
