// The forward signatures of PyTorch modules whose calls pass more than tensors by position
// (`self.attn(q, k, v, key_padding_mask)`): arguments after the inputs are given the names they
// bind to in Python, so the rule reads a mask or a flag passed by position as it reads one passed
// by keyword. PyTorch 1.13's signatures; 2.x appends `is_causal` flags after these.
import type { Args } from '../context';

interface ForwardSignature {
  /** How many leading positional arguments are the layer's inputs. */
  readonly inputs: number;
  /** The names of the parameters after them, in order. */
  readonly rest: readonly string[];
}

const SIGNATURES: Readonly<Record<string, ForwardSignature>> = {
  MultiheadAttention: {
    inputs: 3,
    rest: ['key_padding_mask', 'need_weights', 'attn_mask', 'average_attn_weights', 'is_causal'],
  },
  TransformerEncoderLayer: { inputs: 1, rest: ['src_mask', 'src_key_padding_mask', 'is_causal'] },
  TransformerEncoder: { inputs: 1, rest: ['mask', 'src_key_padding_mask', 'is_causal'] },
  TransformerDecoderLayer: {
    inputs: 2,
    rest: ['tgt_mask', 'memory_mask', 'tgt_key_padding_mask', 'memory_key_padding_mask', 'tgt_is_causal'],
  },
  TransformerDecoder: {
    inputs: 2,
    rest: ['tgt_mask', 'memory_mask', 'tgt_key_padding_mask', 'memory_key_padding_mask', 'tgt_is_causal'],
  },
  Transformer: {
    inputs: 2,
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
 * `args` with the positional arguments after the inputs passed by keyword; undefined when Python
 * would refuse the call (too many, or one also given by keyword): nothing is known of it then.
 * Unchanged for a module with no such signature or with no argument after its inputs.
 */
export function positionalByName(kind: string, args: Args): Args | undefined {
  const signature = SIGNATURES[kind];
  if (!signature || args.pos.length <= signature.inputs) return args;
  const extra = args.pos.slice(signature.inputs);
  if (extra.length > signature.rest.length) return undefined;
  const kw = new Map(args.kw);
  for (let i = 0; i < extra.length; i++) {
    if (kw.has(signature.rest[i])) return undefined;
    kw.set(signature.rest[i], extra[i]);
  }
  return { ...args, pos: args.pos.slice(0, signature.inputs), kw };
}
