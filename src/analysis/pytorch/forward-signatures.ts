// The forward signatures of PyTorch modules whose calls pass more than tensors by position, or
// their tensors by keyword (`self.attn(q, k, v, key_padding_mask)`, `attn(query=x, key=x,
// value=x)`): the call is bound as Python binds it — inputs by position, every later argument by
// its name — so the rule reads a mask or a flag however it was passed. PyTorch 1.13's signatures;
// 2.x appends `is_causal` flags after these.
import type { Args } from '../context';

interface ForwardSignature {
  /** The inputs' parameter names, in order: the rule takes them by position. */
  readonly inputs: readonly string[];
  /** The names of the parameters after them, in order. */
  readonly rest: readonly string[];
}

const SIGNATURES: Readonly<Record<string, ForwardSignature>> = {
  MultiheadAttention: {
    inputs: ['query', 'key', 'value'],
    rest: ['key_padding_mask', 'need_weights', 'attn_mask', 'average_attn_weights', 'is_causal'],
  },
  TransformerEncoderLayer: { inputs: ['src'], rest: ['src_mask', 'src_key_padding_mask', 'is_causal'] },
  TransformerEncoder: { inputs: ['src'], rest: ['mask', 'src_key_padding_mask', 'is_causal'] },
  TransformerDecoderLayer: {
    inputs: ['tgt', 'memory'],
    rest: ['tgt_mask', 'memory_mask', 'tgt_key_padding_mask', 'memory_key_padding_mask', 'tgt_is_causal'],
  },
  TransformerDecoder: {
    inputs: ['tgt', 'memory'],
    rest: ['tgt_mask', 'memory_mask', 'tgt_key_padding_mask', 'memory_key_padding_mask', 'tgt_is_causal'],
  },
  Transformer: {
    inputs: ['src', 'tgt'],
    rest: [
      'src_mask',
      'tgt_mask',
      'memory_mask',
      'src_key_padding_mask',
      'tgt_key_padding_mask',
      'memory_key_padding_mask',
    ],
  },
};

/**
 * `args` bound as Python binds the module's forward: the inputs by position, the arguments after
 * them by keyword. Undefined when Python would refuse the call (too many arguments, one given
 * twice, an input given by keyword after a gap): nothing is known of it then. Unchanged for a
 * module with no such signature.
 */
export function bindForward(kind: string, args: Args): Args | undefined {
  const signature = SIGNATURES[kind];
  if (!signature) return args;
  const { inputs, rest } = signature;
  const pos = args.pos.slice(0, inputs.length);
  const kw = new Map(args.kw);
  for (const name of inputs.slice(pos.length)) {
    const value = kw.get(name);
    if (value === undefined) break;
    pos.push(value);
    kw.delete(name);
  }
  if (inputs.some(name => kw.has(name))) return undefined;
  const extra = args.pos.slice(inputs.length);
  if (extra.length > rest.length) return undefined;
  for (let i = 0; i < extra.length; i++) {
    if (kw.has(rest[i])) return undefined;
    kw.set(rest[i], extra[i]);
  }
  return { ...args, pos, kw };
}
