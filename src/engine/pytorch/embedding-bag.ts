// nn.EmbeddingBag: bags of indices → one embedding_dim vector per bag. A 2-D input (B, N) is B
// bags of N; a 1-D input needs `offsets`, one start per bag (the last one dropped as an end with
// include_last_offset). Checks and messages are PyTorch 1.13's `F.embedding_bag`.
import type { Shape } from '../dim';
import { registerRules, type LayerRule } from '../layer';
import {
  type ArgValue,
  type Inference,
  type LayerSpec,
  UNKNOWN_INFERENCE,
  failed,
  inferred,
  isUnknown,
} from '../types';
import { DEVICE_PARAMS, intArg } from './common';

const MODES = ['sum', 'mean', 'max'];

const invalid = (message: string): Inference => failed('rank-mismatch', message);

/** A call argument given and not None (a tensor the analysis passes as unknown). */
const given = (v: ArgValue | undefined) => v !== undefined && v !== null;

function inferBag(spec: LayerSpec, inputs: readonly Shape[], callArgs?: Readonly<Record<string, ArgValue>>) {
  const dim = intArg(spec.args.embedding_dim);
  const mode = spec.args.mode;
  const [x, offsetsShape, weightsShape] = inputs;
  if (!x || dim === undefined || typeof mode !== 'string' || typeof spec.args.include_last_offset !== 'boolean')
    return UNKNOWN_INFERENCE;
  // Offsets by keyword reach the rule as a value of unknown shape (which may even be None);
  // per_sample_weights is checked only when given positionally.
  const offsetsByKeyword = callArgs !== undefined && given(callArgs.offsets);
  const hasOffsets = offsetsShape !== undefined || offsetsByKeyword;
  const hasWeights = weightsShape !== undefined;
  if (offsetsByKeyword && x.length === 2) return UNKNOWN_INFERENCE;
  let bags;
  if (x.length === 2) {
    if (hasOffsets)
      return invalid(
        "if input is 2D, then offsets has to be None, as input is treated is a mini-batch of fixed length sequences. However, found offsets of type <class 'torch.Tensor'>",
      );
    // include_last_offset on a 2-D input corrupts PyTorch 1.13's memory: not modelled.
    if (spec.args.include_last_offset) return UNKNOWN_INFERENCE;
    bags = x[0];
  } else if (x.length === 1) {
    if (!hasOffsets) return invalid('offsets has to be a 1D Tensor but got None');
    if (offsetsByKeyword && isUnknown(callArgs?.offsets ?? null)) return UNKNOWN_INFERENCE; // may be None
    if (offsetsShape === undefined) bags = null;
    else if (offsetsShape.length !== 1) return invalid('offsets has to be a 1D Tensor');
    else {
      const n = offsetsShape[0];
      bags = !spec.args.include_last_offset ? n : typeof n === 'number' ? n - 1 : null;
      if (bags !== null && typeof bags === 'number' && bags < 1) return UNKNOWN_INFERENCE; // no bag: not modelled
    }
  } else {
    return invalid(`input has to be 1D or 2D Tensor, but got Tensor of dimension ${x.length}`);
  }
  if (!MODES.includes(mode)) return failed('invalid-argument', 'mode has to be one of sum, mean or max');
  if (hasWeights && mode !== 'sum')
    return failed(
      'invalid-argument',
      `embedding_bag: per_sample_weights was not None. per_sample_weights is only supported for mode='sum' (got mode='${mode}'). Please open a feature request on GitHub.`,
    );
  return inferred([bags, dim], { notes: [`one ${mode} of embeddings per bag: ${dim} features each`] });
}

const bagRule: LayerRule = {
  framework: 'pytorch',
  kinds: ['EmbeddingBag'],
  signature: () => [
    { name: 'num_embeddings' },
    { name: 'embedding_dim' },
    { name: 'max_norm', default: null },
    { name: 'norm_type', default: 2.0 },
    { name: 'scale_grad_by_freq', default: false },
    { name: 'mode', default: 'mean' },
    { name: 'sparse', default: false },
    { name: '_weight', default: null },
    { name: 'include_last_offset', default: false },
    { name: 'padding_idx', default: null },
    ...DEVICE_PARAMS,
  ],
  validate: spec => {
    const num = intArg(spec.args.num_embeddings),
      idx = intArg(spec.args.padding_idx);
    if (num === undefined || idx === undefined) return undefined;
    if ((idx >= 0 && idx >= num) || (idx < 0 && idx < -num))
      return {
        code: 'invalid-argument',
        message: 'padding_idx must be within num_embeddings',
        argument: 'padding_idx',
      };
    return undefined;
  },
  infer: inferBag,
  params: spec => {
    const num = intArg(spec.args.num_embeddings),
      dim = intArg(spec.args.embedding_dim);
    return num !== undefined && dim !== undefined ? num * dim : undefined;
  },
};

registerRules([bagRule]);
