// Flatten and Unflatten as modules (nn.Flatten defaults to start_dim=1).
import { type Dim, type Shape, dimText, differsFromInt, divExact, product } from '../dim';
import { registerRules, type LayerRule } from '../layer';
import { type Inference, type LayerSpec, UNKNOWN_INFERENCE, failed, inferred } from '../types';
import { dimRangeMessage, intArg, wrapDim } from './common';

function inferFlatten(spec: LayerSpec, inputs: readonly Shape[]): Inference {
  const input = inputs[0];
  if (!input) return UNKNOWN_INFERENCE;
  const start = intArg(spec.args.start_dim),
    end = intArg(spec.args.end_dim);
  if (start === undefined || end === undefined) return inferred(null);
  const r = input.length;
  const s = wrapDim(start, r);
  if (s === undefined) return failed('invalid-argument', dimRangeMessage(start, r), { argument: 'start_dim' });
  const e = wrapDim(end, r);
  if (e === undefined) return failed('invalid-argument', dimRangeMessage(end, r), { argument: 'end_dim' });
  if (s > e)
    return failed('invalid-argument', 'flatten() has invalid args: start_dim cannot come after end_dim', {
      argument: 'start_dim',
    });
  if (r === 0) return inferred([1]);
  return inferred([...input.slice(0, s), product(input.slice(s, e + 1)), ...input.slice(e + 1)]);
}

function inferUnflatten(spec: LayerSpec, inputs: readonly Shape[]): Inference {
  const input = inputs[0];
  if (!input) return UNKNOWN_INFERENCE;
  const dim = intArg(spec.args.dim);
  const sizes = spec.args.unflattened_size;
  if (dim === undefined || !Array.isArray(sizes) || !sizes.every(x => typeof x === 'number')) return inferred(null);
  const d = wrapDim(dim, input.length);
  if (d === undefined) return failed('invalid-argument', dimRangeMessage(dim, input.length), { argument: 'dim' });
  const want = sizes as number[];
  const size = input[d];
  const known = want.filter(x => x !== -1);
  const knownProd = known.reduce((a, b) => a * b, 1);
  const inferredIdx = want.indexOf(-1);
  let out: Dim[] = [...want];
  if (inferredIdx >= 0) {
    const q = divExact(size, knownProd);
    if (q === false)
      return failed(
        'reshape-mismatch',
        `unflatten: Provided sizes ${sizesRepr(want)} don't multiply up to the size of dim ${d} (${dimText(size)}) in the input tensor`,
        { argument: 'unflattened_size' },
      );
    out = want.map(x => (x === -1 ? (q === undefined ? null : q) : x));
  } else if (differsFromInt(size, knownProd)) {
    return failed(
      'reshape-mismatch',
      `unflatten: Provided sizes ${sizesRepr(want)} don't multiply up to the size of dim ${d} (${size}) in the input tensor`,
      { argument: 'unflattened_size' },
    );
  }
  return inferred([...input.slice(0, d), ...out, ...input.slice(d + 1)]);
}

function sizesRepr(v: number[]): string {
  return `[${v.join(', ')}]`;
}

const flattenRule: LayerRule = {
  framework: 'pytorch',
  kinds: ['Flatten'],
  signature: () => [
    { name: 'start_dim', default: 1 },
    { name: 'end_dim', default: -1 },
  ],
  infer: inferFlatten,
  params: () => 0,
};
const unflattenRule: LayerRule = {
  framework: 'pytorch',
  kinds: ['Unflatten'],
  signature: () => [{ name: 'dim' }, { name: 'unflattened_size' }],
  infer: inferUnflatten,
  params: () => 0,
};

registerRules([flattenRule, unflattenRule]);
