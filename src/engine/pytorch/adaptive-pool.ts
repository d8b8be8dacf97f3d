// AdaptiveAvgPool1d/2d/3d and AdaptiveMaxPool1d/2d/3d: the output is `output_size` per spatial
// axis (`None` keeps the input's size); leading axes pass through.
import type { Dim, Shape } from '../dim';
import { registerRules, type LayerRule } from '../layer';
import { type ArgValue, type Inference, type LayerSpec, UNKNOWN_INFERENCE, failed, inferred } from '../types';
import { sizesText } from './common';

function rankOf(kind: string): number {
  return Number(/(\d)d$/.exec(kind)?.[1] ?? 2);
}

function targetSizes(v: ArgValue, n: number): (number | null)[] | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return Array<number>(n).fill(v);
  if (Array.isArray(v) && v.length === n && v.every(x => x === null || (typeof x === 'number' && Number.isInteger(x))))
    return v as (number | null)[];
  return undefined;
}

function inferAdaptive(spec: LayerSpec, inputs: readonly Shape[]): Inference {
  const input = inputs[0];
  if (!input) return UNKNOWN_INFERENCE;
  const n = rankOf(spec.kind);
  const max = spec.kind.startsWith('AdaptiveMax');
  const name = `adaptive_${max ? 'max' : 'avg'}_pool${n}d`;
  const target = targetSizes(spec.args.output_size, n);
  // F.adaptive_*_pool*d fills `None` entries from input.size() first.
  if (target?.includes(null) && input.length < n + 1)
    return failed('rank-mismatch', `Input dimension should be at least ${n + 1}`);
  // adaptive_avg_pool2d to 1×1 is a mean over the last two axes: any rank from 3 up.
  const meanOnly = !max && n === 2 && target?.every(t => t === 1) && input.length >= 3;
  if (input.length !== n + 1 && input.length !== n + 2 && !meanOnly) {
    if (n === 1)
      return failed(
        'rank-mismatch',
        `Expected 2 to 3 dimensions, but got ${input.length}-dimensional tensor for argument #1 'self' (while checking arguments for ${name})`,
      );
    return failed(
      'rank-mismatch',
      `${name}(): Expected ${n + 1}D or ${n + 2}D tensor, but got${max ? ':' : ''} ${sizesText(input)}`,
    );
  }
  if (!target) return inferred([...input.slice(0, input.length - n), ...Array<Dim>(n).fill(null)]);
  const spatial = input.slice(input.length - n);
  const out: Dim[] = target.map((t, j) => (t === null ? spatial[j] : t));
  return inferred([...input.slice(0, input.length - n), ...out]);
}

const adaptiveRule: LayerRule = {
  framework: 'pytorch',
  kinds: ['Avg', 'Max'].flatMap(f => [1, 2, 3].map(n => `Adaptive${f}Pool${n}d`)),
  signature: kind =>
    kind.startsWith('AdaptiveMax')
      ? [{ name: 'output_size' }, { name: 'return_indices', default: false }]
      : [{ name: 'output_size' }],
  infer: inferAdaptive,
  params: () => 0,
};

registerRules([adaptiveRule]);
