// Linear (and LazyLinear), Bilinear, Embedding, Identity: rules acting on the last axis.
import { type Dim, type Shape, differsFromInt, dimDiffers, dimText, isKnown, product } from '../dim';
import { requireEqual } from '../size-requirements';
import { registerRules, type LayerRule } from '../layer';
import { type Inference, type LayerSpec, UNKNOWN_INFERENCE, failed, inferred } from '../types';
import { DEVICE_PARAMS, intArg, knownProduct } from './common';

/** Rows of the matrix PyTorch multiplies: the product of all leading axes (1 for a vector). */
function rowsText(input: Shape): string {
  return dimText(product(input.slice(0, -1)));
}

function inferLinear(spec: LayerSpec, inputs: readonly Shape[]): Inference {
  const input = inputs[0];
  if (!input) return UNKNOWN_INFERENCE;
  const lazy = spec.kind === 'LazyLinear';
  const outF = intArg(spec.args.out_features);
  const inF = lazy ? undefined : intArg(spec.args.in_features);
  if (input.length === 0)
    return failed('rank-mismatch', 'both arguments to linear need to be at least 1D, but they are 0D and 2D');
  const last = input[input.length - 1];
  if (inF !== undefined && outF !== undefined) requireEqual(last, inF, spec.kind);
  if (inF !== undefined && outF !== undefined && differsFromInt(last, inF)) {
    return failed(
      'features-mismatch',
      `mat1 and mat2 shapes cannot be multiplied (${rowsText(input)}x${last} and ${inF}x${outF})`,
      { argument: 'in_features', suggested: last },
    );
  }
  const output: Dim[] = [...input.slice(0, -1), outF ?? null];
  const inCount = lazy ? last : inF;
  const rows = knownProduct(input.length >= 2 ? input.slice(1, -1) : []);
  const macs =
    typeof inCount === 'number' && outF !== undefined && rows !== undefined ? rows * inCount * outF : undefined;
  return inferred(output, macs !== undefined ? { macs } : {});
}

const linearRule: LayerRule = {
  framework: 'pytorch',
  kinds: ['Linear', 'LazyLinear'],
  countsMacs: true,
  signature: kind =>
    kind === 'LazyLinear'
      ? [{ name: 'out_features' }, { name: 'bias', default: true }, ...DEVICE_PARAMS]
      : [{ name: 'in_features' }, { name: 'out_features' }, { name: 'bias', default: true }, ...DEVICE_PARAMS],
  infer: inferLinear,
  params: (spec, input) => {
    const inF =
      spec.kind === 'LazyLinear'
        ? input && input.length
          ? input[input.length - 1]
          : null
        : (intArg(spec.args.in_features) ?? null);
    const outF = intArg(spec.args.out_features);
    if (!isKnown(inF) || outF === undefined || typeof spec.args.bias !== 'boolean') return undefined;
    return inF * outF + (spec.args.bias ? outF : 0);
  },
};

/** Bilinear: y = x1ᵀ A x2 + b on the last axes; leading axes must agree. */
function inferBilinear(spec: LayerSpec, inputs: readonly Shape[]): Inference {
  const [a, b] = inputs;
  if (!a || !b) return UNKNOWN_INFERENCE;
  const in1 = intArg(spec.args.in1_features),
    in2 = intArg(spec.args.in2_features),
    outF = intArg(spec.args.out_features);
  const la = a[a.length - 1],
    lb = b[b.length - 1];
  if (a.length !== b.length) {
    return failed('rank-mismatch', `bilinear(): input dimensions do not match: got ${a.length} and ${b.length}`);
  }
  for (let j = 0; j < a.length - 1; j++) {
    if (dimDiffers(a[j], b[j])) {
      return failed(
        'features-mismatch',
        `bilinear(): input batch dimensions do not match at dim ${j}: got ${dimText(a[j])} and ${dimText(b[j])}`,
      );
    }
  }
  if (in1 !== undefined && differsFromInt(la, in1)) {
    return failed(
      'features-mismatch',
      `bilinear(): input1 size does not match weight size: got ${la} but expected ${in1}`,
      { argument: 'in1_features', suggested: la },
    );
  }
  if (in2 !== undefined && differsFromInt(lb, in2)) {
    return failed(
      'features-mismatch',
      `bilinear(): input2 size does not match weight size: got ${lb} but expected ${in2}`,
      { argument: 'in2_features', suggested: lb },
    );
  }
  const rows = knownProduct(a.length >= 2 ? a.slice(1, -1) : []);
  const macs =
    in1 !== undefined && in2 !== undefined && outF !== undefined && rows !== undefined
      ? rows * in1 * in2 * outF
      : undefined;
  return inferred([...a.slice(0, -1), outF ?? null], macs !== undefined ? { macs } : {});
}

const bilinearRule: LayerRule = {
  framework: 'pytorch',
  kinds: ['Bilinear'],
  countsMacs: true,
  signature: () => [
    { name: 'in1_features' },
    { name: 'in2_features' },
    { name: 'out_features' },
    { name: 'bias', default: true },
    ...DEVICE_PARAMS,
  ],
  infer: inferBilinear,
  params: spec => {
    const in1 = intArg(spec.args.in1_features),
      in2 = intArg(spec.args.in2_features),
      outF = intArg(spec.args.out_features);
    if (in1 === undefined || in2 === undefined || outF === undefined || typeof spec.args.bias !== 'boolean')
      return undefined;
    return in1 * in2 * outF + (spec.args.bias ? outF : 0);
  },
};

/** Embedding: indices of any shape → [...shape, embedding_dim]. */
const embeddingRule: LayerRule = {
  framework: 'pytorch',
  kinds: ['Embedding'],
  signature: () => [
    { name: 'num_embeddings' },
    { name: 'embedding_dim' },
    { name: 'padding_idx', default: null },
    { name: 'max_norm', default: null },
    { name: 'norm_type', default: 2.0 },
    { name: 'scale_grad_by_freq', default: false },
    { name: 'sparse', default: false },
    { name: '_weight', default: null },
    { name: '_freeze', default: false },
    ...DEVICE_PARAMS,
  ],
  validate: spec => {
    const num = intArg(spec.args.num_embeddings);
    const idx = intArg(spec.args.padding_idx);
    if (num !== undefined && idx !== undefined) {
      if (idx > 0 && idx >= num)
        return {
          code: 'invalid-argument',
          message: 'Padding_idx must be within num_embeddings',
          argument: 'padding_idx',
        };
      if (idx < 0 && idx < -num)
        return {
          code: 'invalid-argument',
          message: 'Padding_idx must be within num_embeddings',
          argument: 'padding_idx',
        };
    }
    return undefined;
  },
  infer: (spec, inputs) =>
    inputs[0] ? inferred([...inputs[0], intArg(spec.args.embedding_dim) ?? null]) : UNKNOWN_INFERENCE,
  params: spec => {
    const num = intArg(spec.args.num_embeddings),
      dim = intArg(spec.args.embedding_dim);
    return num !== undefined && dim !== undefined ? num * dim : undefined;
  },
};

registerRules([linearRule, bilinearRule, embeddingRule]);
