// nn.TransformerEncoderLayer / DecoderLayer, nn.TransformerEncoder / Decoder (a stack of copies of
// one layer, then an optional norm) and nn.Transformer. Every one returns its first input's shape;
// what can fail is the attention inside (attention.ts) and the LayerNorms, in the order PyTorch
// 1.13's forward methods call them. Signatures are 2.x's (`bias` from 2.1; 1.13 has none).
import { type AttentionMasks, masksOf } from './attention-masks';
import { type Dim, type Shape, dimDiffers, differsFromInt } from '../dim';
import { applyLayer, bindLayer, layerParams, registerRules, type LayerRule, type Param } from '../layer';
import { type ArgValue, type Inference, type LayerSpec, UNKNOWN_INFERENCE, failed, inferred } from '../types';
import { type AttentionFacts, attend, attentionParams, curedBy, headsError, withArg } from './attention';
import { DEVICE_PARAMS, dimRangeMessage, intArg } from './common';
import { moduleOfArg } from './module-arg';

interface LayerFacts {
  readonly d: number;
  readonly ff: number;
  readonly attention: AttentionFacts;
  readonly normFirst: boolean;
  readonly bias: boolean;
}

const LAYER_SIGNATURE: readonly Param[] = [
  { name: 'd_model' },
  { name: 'nhead' },
  { name: 'dim_feedforward', default: 2048 },
  { name: 'dropout', default: 0.1 },
  { name: 'activation', default: 'relu' },
  { name: 'layer_norm_eps', default: 1e-5 },
  { name: 'batch_first', default: false },
  { name: 'norm_first', default: false },
  { name: 'bias', default: true },
  ...DEVICE_PARAMS,
];

function layerFacts(a: Readonly<Record<string, ArgValue>>): LayerFacts | undefined {
  const d = intArg(a.d_model),
    heads = intArg(a.nhead),
    ff = intArg(a.dim_feedforward);
  if (d === undefined || heads === undefined || ff === undefined || d < 1 || heads < 1 || ff < 1) return undefined;
  if (d % heads !== 0) return undefined;
  const { batch_first: batchFirst, norm_first: normFirst, bias } = a;
  if (typeof batchFirst !== 'boolean' || typeof normFirst !== 'boolean' || typeof bias !== 'boolean') return undefined;
  const attention = { embed: d, heads, kdim: d, vdim: d, bias, biasKv: false, zeroAttn: false, batchFirst };
  return { d, ff, attention, normFirst, bias };
}

function activationError(v: ArgValue | undefined) {
  if (typeof v !== 'string' || v === 'relu' || v === 'gelu') return undefined;
  return {
    code: 'invalid-argument' as const,
    message: `activation should be relu/gelu, not ${v}`,
    argument: 'activation',
  };
}

/** LayerNorm(d) on x, in its own words; undefined when it passes. */
function normError(d: number, x: Shape): Inference | undefined {
  const bound = bindLayer('pytorch', 'LayerNorm', [d], {});
  if (!bound?.ok) return UNKNOWN_INFERENCE;
  const r = applyLayer(bound.spec, [x]);
  return r.ok ? undefined : r;
}

const SELF = { same: 'qkv', needWeights: false, average: true } as const;
const CROSS = { same: 'kv', needWeights: false, average: true } as const;

/** Masks given to a layer call, as its self- and cross-attention see them (the stacks' `mask` is the layer's src_mask). */
function layerMasks(callArgs: Readonly<Record<string, ArgValue>> | undefined, decoder: boolean) {
  const a = callArgs ?? {};
  const pick = (mask: ArgValue | undefined, padding: ArgValue | undefined) =>
    masksOf({
      ...(mask !== undefined ? { attn_mask_shape: mask } : {}),
      ...(padding !== undefined ? { key_padding_mask_shape: padding } : {}),
    });
  return decoder
    ? {
        self: pick(a.tgt_mask_shape, a.tgt_key_padding_mask_shape),
        cross: pick(a.memory_mask_shape, a.memory_key_padding_mask_shape),
      }
    : { self: pick(a.src_mask_shape ?? a.mask_shape, a.src_key_padding_mask_shape), cross: {} };
}

/** The first failing step of an encoder layer on x, or undefined when it passes. */
function encoderError(f: LayerFacts, x: Shape, masks: AttentionMasks = {}): Inference | undefined {
  if (f.normFirst) {
    const n = normError(f.d, x);
    if (n) return n;
  }
  const sa = attend(f.attention, x, x, x, { ...SELF, masks });
  if (!sa.ok || sa.output === null) return sa;
  return undefined;
}

function decoderError(
  f: LayerFacts,
  x: Shape,
  memory: Shape,
  masks: { self: AttentionMasks; cross: AttentionMasks },
): Inference | undefined {
  const self = encoderError(f, x, masks.self);
  if (self) return self;
  const ca = attend(f.attention, x, memory, memory, { ...CROSS, masks: masks.cross });
  if (!ca.ok || ca.output === null) return ca;
  return undefined;
}

function layerParamsOf(f: LayerFacts, decoder: boolean): number {
  const { d, ff, bias } = f;
  const attention = attentionParams(f.attention) * (decoder ? 2 : 1);
  const feedForward = d * ff + ff * d + (bias ? ff + d : 0);
  const norms = (decoder ? 3 : 2) * (bias ? 2 * d : d);
  return attention + feedForward + norms;
}

const layerNote = (f: LayerFacts) =>
  `self-attention with ${f.attention.heads} heads and a ${f.d} → ${f.ff} → ${f.d} feed-forward: the output keeps the input's shape`;

function inferLayer(
  spec: LayerSpec,
  inputs: readonly Shape[],
  callArgs?: Readonly<Record<string, ArgValue>>,
): Inference {
  const f = layerFacts(spec.args);
  const decoder = spec.kind === 'TransformerDecoderLayer';
  if (!f || inputs.length !== (decoder ? 2 : 1)) return UNKNOWN_INFERENCE;
  const masks = layerMasks(callArgs, decoder);
  const error = decoder ? decoderError(f, inputs[0], inputs[1], masks) : encoderError(f, inputs[0], masks.self);
  if (!error) return inferred(inputs[0].slice(), { notes: [layerNote(f)] });
  // With norm_first the input meets a LayerNorm(d_model) before the attention.
  return curedBy(error, ['embed_dim', 'normalized_shape'], 'd_model', spec.args.d_model, inputs[0], d =>
    inferLayer(withArg(spec, 'd_model', d), inputs, callArgs),
  );
}

const layerRule: LayerRule = {
  framework: 'pytorch',
  kinds: ['TransformerEncoderLayer', 'TransformerDecoderLayer'],
  signature: () => LAYER_SIGNATURE,
  validate: spec => headsError(spec.args.d_model, spec.args.nhead) ?? activationError(spec.args.activation),
  infer: inferLayer,
  params: spec => {
    const f = layerFacts(spec.args);
    return f ? layerParamsOf(f, spec.kind === 'TransformerDecoderLayer') : undefined;
  },
};

// ---- stacks of layers ----

interface Stack {
  readonly layer: LayerSpec;
  readonly count: number;
  readonly norm: LayerSpec | null;
}

function stackOf(spec: LayerSpec): Stack | undefined {
  const decoder = spec.kind === 'TransformerDecoder';
  const layer = moduleOfArg(decoder ? spec.args.decoder_layer : spec.args.encoder_layer);
  const count = intArg(spec.args.num_layers);
  const norm = spec.args.norm === null ? null : moduleOfArg(spec.args.norm);
  if (!layer || count === undefined || count < 1 || norm === undefined) return undefined;
  return { layer, count, norm };
}

function inferStack(
  spec: LayerSpec,
  inputs: readonly Shape[],
  callArgs?: Readonly<Record<string, ArgValue>>,
): Inference {
  const stack = stackOf(spec);
  if (!stack) return UNKNOWN_INFERENCE;
  // Every copy maps its input's shape to itself: the first one decides.
  const first = applyLayer(stack.layer, inputs, callArgs);
  const layerArg = spec.kind === 'TransformerDecoder' ? 'decoder_layer' : 'encoder_layer';
  // The layers' errors are their own: their fixes edit the layer given to the stack.
  if (!first.ok) return { ok: false, error: { ...first.error, within: layerArg } };
  if (first.output === null || !stack.norm) return first;
  const normed = applyLayer(stack.norm, [first.output]);
  if (!normed.ok) return { ok: false, error: { ...normed.error, within: 'norm' } };
  return inferred(first.output, {
    notes: [`${stack.count} × ${stack.layer.kind}${stack.norm ? ', then the norm' : ''}`],
  });
}

const stackRule: LayerRule = {
  framework: 'pytorch',
  kinds: ['TransformerEncoder', 'TransformerDecoder'],
  signature: kind => [
    { name: kind === 'TransformerDecoder' ? 'decoder_layer' : 'encoder_layer' },
    { name: 'num_layers' },
    { name: 'norm', default: null },
    ...(kind === 'TransformerEncoder'
      ? [
          { name: 'enable_nested_tensor', default: true },
          { name: 'mask_check', default: true },
        ]
      : []),
  ],
  infer: inferStack,
  params: spec => {
    const stack = stackOf(spec);
    if (!stack) return undefined;
    const layer = layerParams(stack.layer);
    const norm = stack.norm ? layerParams(stack.norm) : 0;
    return layer === undefined || norm === undefined ? undefined : layer * stack.count + norm;
  },
};

// ---- nn.Transformer ----

const TRANSFORMER_SIGNATURE: readonly Param[] = [
  { name: 'd_model', default: 512 },
  { name: 'nhead', default: 8 },
  { name: 'num_encoder_layers', default: 6 },
  { name: 'num_decoder_layers', default: 6 },
  { name: 'dim_feedforward', default: 2048 },
  { name: 'dropout', default: 0.1 },
  { name: 'activation', default: 'relu' },
  { name: 'custom_encoder', default: null },
  { name: 'custom_decoder', default: null },
  { name: 'layer_norm_eps', default: 1e-5 },
  { name: 'batch_first', default: false },
  { name: 'norm_first', default: false },
  { name: 'bias', default: true },
  ...DEVICE_PARAMS,
];

/** PyTorch's `tensor.size(i)` on a tensor of too low a rank. */
function sizeAt(s: Shape, i: number): Dim | Inference {
  return i < s.length ? s[i] : failed('rank-mismatch', dimRangeMessage(i, s.length));
}

function inferTransformer(
  spec: LayerSpec,
  inputs: readonly Shape[],
  callArgs?: Readonly<Record<string, ArgValue>>,
): Inference {
  const f = layerFacts(spec.args);
  const enc = intArg(spec.args.num_encoder_layers),
    dec = intArg(spec.args.num_decoder_layers);
  const custom = spec.args.custom_encoder !== null || spec.args.custom_decoder !== null;
  if (!f || enc === undefined || dec === undefined || enc < 1 || dec < 1 || custom || inputs.length !== 2)
    return UNKNOWN_INFERENCE;
  const [src, tgt] = inputs;
  if (src.length < 2) return UNKNOWN_INFERENCE; // src.size(1) of a 1-D src: not modelled
  const batchAxis = f.attention.batchFirst ? 0 : 1;
  const srcBatch = src[batchAxis];
  const tgtBatch = sizeAt(tgt, batchAxis);
  if (typeof tgtBatch === 'object' && tgtBatch !== null && 'ok' in tgtBatch) return tgtBatch;
  if (src.length === 3 && dimDiffers(srcBatch, tgtBatch as Dim))
    return failed('features-mismatch', 'the batch number of src and tgt must be equal');
  if (differsFromInt(src[src.length - 1], f.d) || differsFromInt(tgt[tgt.length - 1], f.d)) {
    const error = failed('features-mismatch', 'the feature number of src and tgt must be equal to d_model', {
      argument: 'd_model',
    });
    return curedBy(error, ['d_model'], 'd_model', spec.args.d_model, src, d =>
      inferTransformer(withArg(spec, 'd_model', d), inputs, callArgs),
    );
  }
  const a = callArgs ?? {};
  const encoded = encoderError(f, src, layerMasks(a, false).self);
  if (encoded) return encoded;
  // The encoder's output (after its LayerNorm) has src's shape: the decoder's memory.
  const decoded = decoderError(f, tgt, src, layerMasks(a, true));
  if (decoded) return decoded;
  return inferred(tgt.slice(), {
    notes: [`${enc} encoder and ${dec} decoder layers of d_model ${f.d}: the output has the target's shape`],
  });
}

const transformerRule: LayerRule = {
  framework: 'pytorch',
  kinds: ['Transformer'],
  signature: () => TRANSFORMER_SIGNATURE,
  validate: spec => headsError(spec.args.d_model, spec.args.nhead) ?? activationError(spec.args.activation),
  infer: inferTransformer,
  params: spec => {
    const f = layerFacts(spec.args);
    const enc = intArg(spec.args.num_encoder_layers),
      dec = intArg(spec.args.num_decoder_layers);
    if (!f || enc === undefined || dec === undefined || spec.args.custom_encoder !== null) return undefined;
    if (spec.args.custom_decoder !== null) return undefined;
    const norm = f.bias ? 2 * f.d : f.d;
    return enc * layerParamsOf(f, false) + norm + dec * layerParamsOf(f, true) + norm;
  },
};

registerRules([layerRule, stackRule, transformerRule]);
