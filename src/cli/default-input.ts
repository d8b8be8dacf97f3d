// The input `convshape explain` assumes when --input is not given, as the editor does when no
// shape is declared (docs/design.md, "Where input shapes come from", 6): the batch is N (None for
// Keras), channels come from the layer, spatial sizes are symbols D, H, W (L for 1-D).
import { sym, type Dim, type LayerSpec, type Shape } from '../engine';

const SPATIAL: Record<number, string[]> = { 1: ['L'], 2: ['H', 'W'], 3: ['D', 'H', 'W'] };

function intArg(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;
}

/** A sensible symbolic input for the layer, or undefined when there is none to guess. */
export function defaultInput(spec: LayerSpec): Shape | undefined {
  const rank = Number(/([123])[dD](?:Transpose)?$/.exec(spec.kind)?.[1] ?? 0);
  const spatial = (SPATIAL[rank] ?? []).map(sym);
  if (spec.framework === 'pytorch') {
    if (/Linear$/.test(spec.kind)) {
      return [sym('N'), intArg(spec.args.in_features) ?? sym('F')];
    }
    // Recurrent layers: a sequence [L, N, input_size] ([N, L, ...] batch first); a cell's [N, input_size].
    if (/^(RNN|LSTM|GRU)$/.test(spec.kind)) {
      const features = intArg(spec.args.input_size) ?? sym('F');
      return spec.args.batch_first === true ? [sym('N'), sym('L'), features] : [sym('L'), sym('N'), features];
    }
    if (/Cell$/.test(spec.kind)) return [sym('N'), intArg(spec.args.input_size) ?? sym('F')];
    // Attention and transformers: a sequence of embed_dim / d_model features; EmbeddingBag: bags of indices.
    if (spec.kind === 'MultiheadAttention' || /^Transformer(Encoder|Decoder)?(Layer)?$/.test(spec.kind)) {
      const features = intArg(spec.args.embed_dim ?? spec.args.d_model) ?? sym('E');
      return spec.args.batch_first === true ? [sym('N'), sym('L'), features] : [sym('L'), sym('N'), features];
    }
    if (spec.kind === 'EmbeddingBag') return [sym('N'), sym('L')];
    if (rank === 0) return undefined;
    const channels: Dim = intArg(spec.args.in_channels) ?? intArg(spec.args.num_features) ?? sym('C');
    return [sym('N'), channels, ...spatial];
  }
  const declared = spec.args.input_shape;
  if (Array.isArray(declared) && declared.every(d => d === null || intArg(d) !== undefined)) {
    return [null, ...(declared as (number | null)[])];
  }
  if (spec.kind === 'Dense') return [null, sym('F')];
  if (rank === 0) return undefined;
  return spec.args.data_format === 'channels_first' ? [null, sym('C'), ...spatial] : [null, ...spatial, sym('C')];
}
