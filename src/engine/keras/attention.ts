// Keras 3 MultiHeadAttention (keras/src/layers/attention/multi_head_attention.py), called as
// `mha(query, value, key=None, ..., return_attention_scores=False)`: the inputs are
// [query, value, key?]. The output is the query's shape with its last axis replaced by
// `output_shape` (default: the query's last axis); with `return_attention_scores` Keras'
// symbolic spec adds `(batch, num_heads, L, L)` with L the query's axis 1.
import { type Dim, type Shape, dimDiffers, isKnown } from '../dim';
import { type LayerRule, registerRules } from '../layer';
import { type ArgValue, type Inference, type LayerSpec, inferred, isUnknown } from '../types';
import { Quiet, argBool, guarded, params, pyTuple, raise, validated } from './common';

function positive(spec: LayerSpec, name: string, message: (v: string) => string, optional = false): number | null {
  const v = spec.args[name];
  if (v === undefined || isUnknown(v)) throw new Quiet();
  if (optional && v === null) return null;
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) throw new Quiet(); // a symbolic size
    raise('invalid-argument', message(typeof v === 'number' ? String(v) : JSON.stringify(v)), name);
  }
  return v;
}

interface MhaConfig {
  readonly heads: number;
  readonly keyDim: number;
  readonly valueDim: number;
  readonly outputShape: number[] | null;
  readonly useBias: boolean;
}

function mhaConfig(spec: LayerSpec): MhaConfig {
  const heads = positive(
    spec,
    'num_heads',
    v => `Received an invalid value for argument \`num_heads\`, expected a positive integer. Received: num_heads=${v}`,
  )!;
  const keyDim = positive(
    spec,
    'key_dim',
    v => `Received an invalid value for argument \`key_dim\`, expected a positive integer. Received: key_dim=${v}`,
  )!;
  const valueDim = positive(
    spec,
    'value_dim',
    v =>
      `Received an invalid value for argument \`value_dim\`, expected a positive integer or \`None\`. Received: value_dim=${v}`,
    true,
  );
  const out = spec.args.output_shape;
  let outputShape: number[] | null = null;
  if (typeof out === 'number' && out !== 0) outputShape = [out];
  else if (Array.isArray(out) && out.length > 0) {
    if (!out.every((d: ArgValue) => typeof d === 'number')) throw new Quiet();
    outputShape = out as number[];
  } else if (out !== null && out !== 0 && !(Array.isArray(out) && out.length === 0)) throw new Quiet();
  return { heads, keyDim, valueDim: valueDim ?? keyDim, outputShape, useBias: argBool(spec, 'use_bias') };
}

/** `value_shape[1:-1] != key_shape[1:-1]` (compared as Python tuples: None equals None). */
function checkValueKey(value: Shape, key: Shape): void {
  const a = value.slice(1, -1);
  const b = key.slice(1, -1);
  const differ =
    a.length !== b.length ||
    a.some((d, i) => (d === null) !== (b[i] === null) || (d !== null && b[i] !== null && dimDiffers(d, b[i])));
  const unsure =
    a.length === b.length && a.some((d, i) => d !== null && b[i] !== null && !isKnown(d) && !isKnown(b[i]));
  if (differ && !unsure) {
    raise(
      'invalid-argument',
      `All dimensions of \`value\` and \`key\`, except the last one, must be equal. Received: value_shape=${pyTuple(value)} and key_shape=${pyTuple(key)}`,
    );
  }
}

function inferMha(spec: LayerSpec, inputs: readonly Shape[], callArgs?: Readonly<Record<string, ArgValue>>): Inference {
  return guarded(() => {
    const c = mhaConfig(spec);
    const [query, value, key] = inputs;
    if (!query || !value) throw new Quiet();
    checkValueKey(value, key ?? value);
    const output: Shape = c.outputShape ? [...query.slice(0, -1), ...c.outputShape] : query;
    const scores = callArgs?.return_attention_scores;
    if (isUnknown(scores)) throw new Quiet();
    if (scores !== true) return inferred(output);
    const length: Dim = query[1] ?? null;
    const scoreShape: Shape = [query[0], c.heads, length, length];
    return inferred(output, {
      tuple: {
        items: [
          { name: 'attention_output', shape: output },
          { name: 'attention_scores', shape: scoreShape },
        ],
      },
    });
  });
}

/** Four EinsumDense projections: query/key to (heads, key_dim), value to (heads, value_dim), back to the output. */
function mhaParams(spec: LayerSpec, query?: Shape, value?: Shape, key?: Shape): number | undefined {
  try {
    const c = mhaConfig(spec);
    const q = query?.[query.length - 1];
    const v = (value ?? query)?.[(value ?? query)!.length - 1];
    const k = (key ?? value ?? query)?.[(key ?? value ?? query)!.length - 1];
    if (!isKnown(q ?? null) || !isKnown(v ?? null) || !isKnown(k ?? null)) return undefined;
    const out = c.outputShape ?? [q as number];
    const outSize = out.reduce((a, b) => a * b, 1);
    const bias = (n: number) => (c.useBias ? n : 0);
    return (
      (q as number) * c.heads * c.keyDim +
      bias(c.heads * c.keyDim) +
      (k as number) * c.heads * c.keyDim +
      bias(c.heads * c.keyDim) +
      (v as number) * c.heads * c.valueDim +
      bias(c.heads * c.valueDim) +
      c.heads * c.valueDim * outSize +
      bias(outSize)
    );
  } catch (e) {
    if (e instanceof Quiet) return undefined;
    throw e;
  }
}

export const multiHeadAttentionRule: LayerRule = {
  framework: 'keras',
  kinds: ['MultiHeadAttention'],
  signature: () =>
    params(
      ['num_heads'],
      ['key_dim'],
      ['value_dim', null],
      ['dropout', 0],
      ['use_bias', true],
      ['output_shape', null],
      ['attention_axes', null],
      ['sliding_window', null],
      ['flash_attention', null],
      ['kernel_initializer', 'glorot_uniform'],
      ['bias_initializer', 'zeros'],
      ['kernel_regularizer', null],
      ['bias_regularizer', null],
      ['activity_regularizer', null],
      ['kernel_constraint', null],
      ['bias_constraint', null],
      ['use_gate', false],
      ['seed', null],
    ),
  validate: spec => validated(() => mhaConfig(spec)),
  infer: inferMha,
  params: (spec, input, inputs) => mhaParams(spec, input, inputs?.[1], inputs?.[2]),
};

registerRules([multiHeadAttentionRule]);
