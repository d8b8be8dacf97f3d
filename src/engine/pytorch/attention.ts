// nn.MultiheadAttention: `(attn_output, attn_output_weights)` from query, key and value. The checks
// and their order are PyTorch 1.13's `_mha_shape_check` and `multi_head_attention_forward` (2.x
// keeps the same texts); the transformer layers (transformer.ts) attend through `attend` too.
// Masks are checked in attention-masks.ts: a mask's shape never changes the output.
import { type AttentionMasks, maskRanks, maskSizes, masksOf, paddingMaskSize, unbatchedMask } from './attention-masks';
import { type Dim, type Shape, dimDiffers, dimEquals, dimText, differsFromInt, isKnown, product } from '../dim';
import { registerRules, type LayerRule, type Param } from '../layer';
import {
  type ArgValue,
  type Inference,
  type LayerSpec,
  type ShapeError,
  type TupleOutput,
  UNKNOWN_INFERENCE,
  failed,
  inferred,
} from '../types';
import { DEVICE_PARAMS, dimRangeMessage, intArg, torchSizeText } from './common';

/** The settings of one attention block, known. */
export interface AttentionFacts {
  readonly embed: number;
  readonly heads: number;
  readonly kdim: number;
  readonly vdim: number;
  readonly bias: boolean;
  readonly biasKv: boolean;
  readonly zeroAttn: boolean;
  readonly batchFirst: boolean;
}

/** Which of query, key and value are one tensor: PyTorch projects `k is v` with one weight. */
export type SameTensors = 'qkv' | 'kv' | undefined;

/** What the call asks for: `need_weights`, `average_attn_weights`. */
export interface AttentionCall {
  readonly same: SameTensors;
  readonly needWeights: boolean;
  readonly average: boolean;
  /** attn_mask and key_padding_mask, when given. */
  readonly masks?: AttentionMasks;
}

export function attentionFacts(a: Readonly<Record<string, ArgValue>>): AttentionFacts | undefined {
  const embed = intArg(a.embed_dim),
    heads = intArg(a.num_heads);
  const kdim = a.kdim === null ? embed : intArg(a.kdim);
  const vdim = a.vdim === null ? embed : intArg(a.vdim);
  if (embed === undefined || heads === undefined || kdim === undefined || vdim === undefined) return undefined;
  if (embed < 1 || heads < 1 || kdim < 1 || vdim < 1 || embed % heads !== 0) return undefined;
  const flags = [a.bias, a.add_bias_kv, a.add_zero_attn, a.batch_first];
  if (!flags.every(f => typeof f === 'boolean')) return undefined;
  const [bias, biasKv, zeroAttn, batchFirst] = flags as boolean[];
  return { embed, heads, kdim, vdim, bias, biasKv, zeroAttn, batchFirst };
}

const shapeError = (message: string): Inference => failed('features-mismatch', message);

function rankCheck(q: Shape, k: Shape, v: Shape): Inference | undefined {
  if (q.length === 3 && (k.length !== 3 || v.length !== 3))
    return failed(
      'rank-mismatch',
      `For batched (3-D) \`query\`, expected \`key\` and \`value\` to be 3-D but found ${k.length}-D and ${v.length}-D tensors respectively`,
    );
  if (q.length === 2 && (k.length !== 2 || v.length !== 2))
    return failed(
      'rank-mismatch',
      `For unbatched (2-D) \`query\`, expected \`key\` and \`value\` to be 2-D but found ${k.length}-D and ${v.length}-D tensors respectively`,
    );
  if (q.length !== 2 && q.length !== 3)
    return failed(
      'rank-mismatch',
      `query should be unbatched 2D or batched 3D tensor but received ${q.length}-D query tensor`,
    );
  return undefined;
}

/** Two shapes that are certainly equal, certainly different, or undecided (undefined). */
function compare(a: Shape, b: Shape): boolean | undefined {
  if (a.length !== b.length) return false;
  if (a.some((d, i) => dimDiffers(d, b[i]))) return false;
  return a.every((d, i) => dimEquals(d, b[i])) ? true : undefined;
}

/**
 * The attention's tensors after PyTorch's layout step: (L, N, E) sequence-first, an unbatched
 * input with its batch axis 1. Returns the output and weights in the caller's layout.
 */
export function attend(f: AttentionFacts, query: Shape, key: Shape, value: Shape, call: AttentionCall): Inference {
  // 1.13's forward transposes a batched query's key and value before any check.
  if (f.batchFirst && query.length === 3)
    for (const t of [key, value]) if (t.length < 2) return failed('rank-mismatch', dimRangeMessage(1, t.length));
  const rank = rankCheck(query, key, value);
  if (rank) return rank;
  const batched = query.length === 3;
  const masks = call.masks ?? {};
  const maskRank = maskRanks(masks, batched) ?? (batched ? undefined : unbatchedMask(masks, f.heads, query[0], key[0]));
  if (maskRank) return maskRank;
  // batch_first transposes a batched input; an unbatched one gains the batch axis 1.
  const layout = (s: Shape): Shape => (!batched ? [s[0], 1, s[1]] : f.batchFirst ? [s[1], s[0], s[2]] : s);
  const [q, k, v] = [query, key, value].map(layout);
  const [tgtLen, bsz, e] = q;
  if (differsFromInt(e, f.embed))
    return failed('features-mismatch', `was expecting embedding dimension of ${f.embed}, but got ${e}`, {
      argument: 'embed_dim',
    });
  if (!isKnown(e)) return UNKNOWN_INFERENCE;
  const separate = f.kdim !== f.embed || f.vdim !== f.embed;
  if (separate) {
    const same = compare(k.slice(0, 2), v.slice(0, 2));
    if (same === false)
      return shapeError(
        `key's sequence and batch dims ${torchSizeText(k.slice(0, 2))} do not match value's ${torchSizeText(v.slice(0, 2))}`,
      );
    if (same === undefined) return UNKNOWN_INFERENCE;
    for (const [name, t, dim] of [
      ['key', k, f.kdim],
      ['value', v, f.vdim],
    ] as const) {
      if (differsFromInt(t[2], dim))
        return shapeError(
          `expecting ${name} weights shape of (${f.embed}, ${t[2]}), but got torch.Size([${f.embed}, ${dim}])`,
        );
      if (!isKnown(t[2])) return UNKNOWN_INFERENCE;
    }
  } else {
    const same = compare(k, v);
    if (same === false)
      return shapeError(`key shape ${torchSizeText(k)} does not match value shape ${torchSizeText(v)}`);
    if (same === undefined) return UNKNOWN_INFERENCE;
    if (call.same !== 'qkv' && differsFromInt(k[2], f.embed)) {
      // One weight of 2·E rows projects key and value when they are one tensor; an unbatched
      // input is unsqueezed first, which makes them two.
      const rows = call.same === 'kv' && batched ? 2 * f.embed : f.embed;
      const flat = product([k[0], k[1]]);
      return failed(
        'features-mismatch',
        `mat1 and mat2 shapes cannot be multiplied (${dimText(flat)}x${k[2]} and ${f.embed}x${rows})`,
      );
    }
    if (!isKnown(k[2])) return UNKNOWN_INFERENCE;
  }
  const maskSize = maskSizes(masks, f.heads, tgtLen, k[0], bsz);
  if (maskSize) return maskSize;
  let srcLen: Dim = k[0];
  const kBatch = k[1];
  if (f.biasKv) {
    // bias_k.repeat(1, bsz, 1) is concatenated to the key along the sequence.
    if (dimDiffers(kBatch, bsz))
      return failed(
        'cat-mismatch',
        `Sizes of tensors must match except in dimension 0. Expected size ${dimText(kBatch)} but got size ${dimText(bsz)} for tensor number 1 in the list.`,
      );
    srcLen = isKnown(srcLen) ? srcLen + 1 : null;
  }
  if (dimDiffers(kBatch, bsz)) {
    // k.view(src_len, bsz * num_heads, head_dim) fails on the key's element count.
    if (!isKnown(srcLen) || !isKnown(bsz) || !isKnown(kBatch)) return UNKNOWN_INFERENCE;
    return failed(
      'reshape-mismatch',
      `shape '[${srcLen}, ${bsz * f.heads}, ${f.embed / f.heads}]' is invalid for input of size ${srcLen * kBatch * f.embed}`,
    );
  }
  if (!dimEquals(kBatch, bsz)) return UNKNOWN_INFERENCE;
  if (f.zeroAttn) srcLen = isKnown(srcLen) ? srcLen + 1 : null;
  // The padding mask is padded too with add_bias_kv / add_zero_attn, and printed so: not modelled.
  const padding = paddingMaskSize(masks, batched, bsz, k[0]);
  if (padding) return f.biasKv || f.zeroAttn ? UNKNOWN_INFERENCE : padding;
  const output: Shape = !batched ? query.slice() : f.batchFirst ? [bsz, tgtLen, f.embed] : [tgtLen, bsz, f.embed];
  const perHead = call.average ? [] : [f.heads];
  const weights: Shape | null = !call.needWeights
    ? null
    : batched
      ? [bsz, ...perHead, tgtLen, srcLen]
      : [...perHead, tgtLen, srcLen];
  const notes = [
    `${f.heads} heads of ${f.embed / f.heads} features: output keeps the query's ${tgtLen === null ? '' : `${dimText(tgtLen)} `}positions and embed_dim ${f.embed}`,
    call.needWeights
      ? `weights over ${dimText(srcLen)} key positions${call.average ? ', averaged over heads' : ' per head'}`
      : 'need_weights=False: no weights',
  ];
  return inferred(output, { tuple: attentionTuple(output, weights), notes });
}

export function attentionTuple(output: Shape | null, weights: Shape | null): TupleOutput {
  return {
    items: [
      { name: 'attn_output', shape: output },
      { name: 'attn_output_weights', shape: weights },
    ],
  };
}

export function attentionParams(f: AttentionFacts): number {
  const e = f.embed;
  const inProj = f.kdim === e && f.vdim === e ? 3 * e * e : e * e + e * f.kdim + e * f.vdim;
  return inProj + (f.bias ? 3 * e : 0) + e * e + (f.bias ? e : 0) + (f.biasKv ? 2 * e : 0);
}

export const ATTENTION_SIGNATURE: readonly Param[] = [
  { name: 'embed_dim' },
  { name: 'num_heads' },
  { name: 'dropout', default: 0.0 },
  { name: 'bias', default: true },
  { name: 'add_bias_kv', default: false },
  { name: 'add_zero_attn', default: false },
  { name: 'kdim', default: null },
  { name: 'vdim', default: null },
  { name: 'batch_first', default: false },
  ...DEVICE_PARAMS,
];

/** The construction check people trip on: an AssertionError in PyTorch's words. */
export function headsError(embedArg: ArgValue, headsArg: ArgValue): ShapeError | undefined {
  const embed = intArg(embedArg),
    heads = intArg(headsArg);
  if (embed === undefined || heads === undefined || heads < 1) return undefined;
  if (Math.floor(embed / heads) * heads !== embed)
    return { code: 'invalid-argument', message: 'embed_dim must be divisible by num_heads', argument: 'num_heads' };
  return undefined;
}

/** `need_weights` and `average_attn_weights` of a call, when known; a keyword `is_causal` etc. is fine. */
function callOf(callArgs: Readonly<Record<string, ArgValue>> | undefined): AttentionCall | undefined {
  const needWeights = callArgs?.need_weights ?? true;
  const average = callArgs?.average_attn_weights ?? true;
  if (typeof needWeights !== 'boolean' || typeof average !== 'boolean') return undefined;
  const same = callArgs?.same_tensors;
  return { needWeights, average, same: same === 'qkv' || same === 'kv' ? same : undefined, masks: masksOf(callArgs) };
}

function inferAttention(
  spec: LayerSpec,
  inputs: readonly Shape[],
  callArgs?: Readonly<Record<string, ArgValue>>,
): Inference {
  const f = attentionFacts(spec.args);
  const call = callOf(callArgs);
  // Self-attention written `attn(x)`: PyTorch needs key and value; not modelled, unknown.
  if (!f || !call || inputs.length !== 3) return UNKNOWN_INFERENCE;
  const result = attend(f, inputs[0], inputs[1], inputs[2], call);
  return curedBy(result, ['embed_dim'], 'embed_dim', spec.args.embed_dim, inputs[0], embed =>
    inferAttention(withArg(spec, 'embed_dim', embed), inputs, callArgs),
  );
}

/**
 * A query whose embedding differs from embed_dim (a transformer layer's d_model) fails at the
 * query, in the attention or in the LayerNorm that first sees it (`atFault`): setting `argument`
 * to the query's last axis is the fix, offered only when the layer then runs on these very inputs
 * (the size divides by the heads; a key or value of a kdim/vdim left to follow embed_dim agrees).
 * Otherwise no fix is obvious: the error names the argument and suggests nothing. (A query that
 * already has the `current` size failed on another input: no fix either.)
 */
export function curedBy(
  result: Inference,
  atFault: readonly string[],
  argument: string,
  current: ArgValue,
  query: Shape,
  retry: (embed: number) => Inference,
): Inference {
  if (result.ok || !atFault.includes(result.error.argument ?? '')) return result;
  const embed = query[query.length - 1];
  const error: ShapeError = { ...result.error, argument };
  delete (error as { suggested?: number }).suggested;
  if (!isKnown(embed) || embed < 1 || embed === current) return { ok: false, error };
  const again = retry(embed);
  return again.ok && again.output !== null
    ? { ok: false, error: { ...error, suggested: embed } }
    : { ok: false, error };
}

export const withArg = (spec: LayerSpec, name: string, value: number): LayerSpec => ({
  ...spec,
  args: { ...spec.args, [name]: value },
});

const attentionRule: LayerRule = {
  framework: 'pytorch',
  kinds: ['MultiheadAttention'],
  signature: () => ATTENTION_SIGNATURE,
  validate: spec => headsError(spec.args.embed_dim, spec.args.num_heads),
  infer: inferAttention,
  params: spec => {
    const f = attentionFacts(spec.args);
    return f ? attentionParams(f) : undefined;
  },
  tupleOf: () => attentionTuple(null, null),
};

registerRules([attentionRule]);
