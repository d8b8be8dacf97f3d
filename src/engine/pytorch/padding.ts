// ZeroPad1d/2d/3d, ConstantPad1d/2d/3d, ReflectionPad1d/2d/3d, ReplicationPad1d/2d/3d: each is
// F.pad with the module's padding expanded to (left, right, top, bottom, front, back).
import type { Shape } from '../dim';
import { registerRules, type LayerRule } from '../layer';
import { type Inference, type LayerSpec, UNKNOWN_INFERENCE, inferred } from '../types';
import { ntuple } from './common';
import { fpad, type PadMode } from './pad';

const FAMILIES: Record<string, PadMode> = {
  Zero: 'constant',
  Constant: 'constant',
  Reflection: 'reflect',
  Replication: 'replicate',
};

function parse(kind: string): { mode: PadMode; n: number } {
  const m = /^(Zero|Constant|Reflection|Replication)Pad(\d)d$/.exec(kind);
  return { mode: FAMILIES[m?.[1] ?? 'Zero'], n: Number(m?.[2] ?? 2) };
}

function inferPad(spec: LayerSpec, inputs: readonly Shape[]): Inference {
  const input = inputs[0];
  if (!input) return UNKNOWN_INFERENCE;
  const { mode, n } = parse(spec.kind);
  const pad = ntuple(spec.args.padding, 2 * n);
  if (!pad) return inferred(null);
  const result = fpad(input, pad, mode);
  return result.ok ? inferred(result.output) : { ok: false, error: result.error };
}

const kinds = ['Zero', 'Constant', 'Reflection', 'Replication'].flatMap(f => [1, 2, 3].map(n => `${f}Pad${n}d`));

const paddingRule: LayerRule = {
  framework: 'pytorch',
  kinds,
  signature: kind => (kind.startsWith('Constant') ? [{ name: 'padding' }, { name: 'value' }] : [{ name: 'padding' }]),
  infer: inferPad,
  params: () => 0,
};

registerRules([paddingRule]);
