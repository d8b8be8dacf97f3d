// Recurrent layers: nn.RNN, nn.LSTM, nn.GRU over a sequence, and their one-step cells. They return
// tuples: RNN/GRU `(output, h_n)`, LSTM `(output, (h_n, c_n))`, LSTMCell `(h', c')`. Inputs are the
// sequence, then the initial states flattened (`lstm(x, (h0, c0))` gives [x, h0, c0]). Messages
// and the order of the checks are PyTorch 1.13's `RNNBase.forward` and ATen's cell checks.
import { type Dim, type Shape, differsFromInt, dimDiffers, dimEquals, dimText, isExpr } from '../dim';
import { registerRules, type LayerRule, type Param } from '../layer';
import {
  type ArgValue,
  type Inference,
  type LayerSpec,
  type ShapeError,
  type TupleOutput,
  UNKNOWN_INFERENCE,
  failed,
  inferred,
} from '../types';
import { DEVICE_PARAMS, intArg, numArg, sizesText } from './common';

/** Gate blocks stacked in each weight matrix. */
const GATES: Record<string, number> = { RNN: 1, GRU: 3, LSTM: 4, RNNCell: 1, GRUCell: 3, LSTMCell: 4 };

// ---- the sequence layers ----

/**
 * PyTorch 2.x signatures. In 1.13 RNN took `*args, **kwargs` and read `nonlinearity` from the
 * keywords only (a 4th positional was `bias`). RNN and GRU have no `proj_size` parameter and
 * reject the keyword even when it is 0 (the binding keeps keywords a signature does not name).
 */
function sequenceSignature(kind: string): Param[] {
  const head: Param[] = [
    { name: 'input_size' },
    { name: 'hidden_size' },
    { name: 'num_layers', default: 1 },
    ...(kind === 'RNN' ? [{ name: 'nonlinearity', default: 'tanh' }] : []),
    { name: 'bias', default: true },
    { name: 'batch_first', default: false },
    { name: 'dropout', default: 0.0 },
    { name: 'bidirectional', default: false },
  ];
  return [...head, ...(kind === 'LSTM' ? [{ name: 'proj_size', default: 0 }] : []), ...DEVICE_PARAMS];
}

function invalid(message: string, argument: string): ShapeError {
  return { code: 'invalid-argument', message, argument };
}

function validateSequence(spec: LayerSpec): ShapeError | undefined {
  const a = spec.args;
  if (spec.kind !== 'LSTM' && 'proj_size' in a)
    return invalid('proj_size argument is only supported for LSTM, not RNN or GRU', 'proj_size');
  if (spec.kind === 'RNN' && typeof a.nonlinearity === 'string' && !['tanh', 'relu'].includes(a.nonlinearity))
    return invalid(`Unknown nonlinearity '${a.nonlinearity}'`, 'nonlinearity');
  const dropout = numArg(a.dropout);
  if (typeof a.dropout === 'boolean' || (dropout !== undefined && (dropout < 0 || dropout > 1)))
    return invalid(
      'dropout should be a number in range [0, 1] representing the probability of an element being zeroed',
      'dropout',
    );
  const proj = spec.kind === 'LSTM' ? intArg(a.proj_size) : 0;
  const hidden = intArg(a.hidden_size);
  if (proj !== undefined && proj < 0)
    return invalid('proj_size should be a positive integer or zero to disable projections', 'proj_size');
  if (proj !== undefined && hidden !== undefined && proj >= hidden)
    return invalid('proj_size has to be smaller than hidden_size', 'proj_size');
  return undefined;
}

/** The settings every shape depends on, or undefined when one of them is not known. */
interface SequenceFacts {
  readonly inputSize: number;
  readonly hidden: number;
  /** proj_size when projecting, else hidden_size: the size of h and of the output features. */
  readonly real: number;
  readonly stacked: number; // num_layers · num_directions
  readonly directions: number;
  readonly layers: number;
  readonly batchFirst: boolean;
  readonly bias: boolean;
  readonly proj: number;
}

function sequenceFacts(spec: LayerSpec): SequenceFacts | undefined {
  const a = spec.args;
  const inputSize = intArg(a.input_size),
    hidden = intArg(a.hidden_size),
    layers = intArg(a.num_layers);
  const proj = spec.kind === 'LSTM' ? intArg(a.proj_size) : 0;
  if (inputSize === undefined || hidden === undefined || layers === undefined || proj === undefined) return undefined;
  if (typeof a.batch_first !== 'boolean' || typeof a.bidirectional !== 'boolean' || typeof a.bias !== 'boolean')
    return undefined;
  // Zero-sized settings fail inside PyTorch in ways not modelled here: unknown.
  if (inputSize < 1 || hidden < 1 || layers < 1) return undefined;
  const directions = a.bidirectional ? 2 : 1;
  return {
    inputSize,
    hidden,
    real: proj > 0 ? proj : hidden,
    stacked: layers * directions,
    directions,
    layers,
    batchFirst: a.batch_first,
    bias: a.bias,
    proj,
  };
}

/** `(1, 3, 32)`: PyTorch prints the expected size as a Python tuple. */
function tupleText(dims: readonly Dim[]): string {
  return `(${dims.map(dimText).join(', ')})`;
}

function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && !a.some((d, i) => dimDiffers(d, b[i]));
}

/** Some axis certainly differs (or the rank does): PyTorch's `hx.size() != expected`. */
function certainlyDiffers(got: Shape, expected: Shape): boolean {
  return got.length !== expected.length || got.some((d, i) => dimDiffers(d, expected[i]));
}

function inferSequence(
  spec: LayerSpec,
  inputs: readonly Shape[],
  callArgs?: Readonly<Record<string, ArgValue>>,
): Inference {
  const f = sequenceFacts(spec);
  const x = inputs[0];
  const lstm = spec.kind === 'LSTM';
  const states = inputs.slice(1);
  // A keyword `hx=` or a state count other than the layer's: not modelled, unknown.
  if (!f || !x || x.length === 0 || (callArgs && 'hx' in callArgs && callArgs.hx !== null)) return UNKNOWN_INFERENCE;
  if (states.length !== 0 && states.length !== (lstm ? 2 : 1)) return UNKNOWN_INFERENCE;
  if (callArgs && 'packed_batch' in callArgs) return inferPacked(spec, f, x, states, callArgs);
  const batched = x.length === 3;
  if (states.length) {
    const want = batched ? 3 : 2;
    if (states.some(s => s.length !== want)) {
      const [batchWord, hxWord] = batched ? ['batched 3-D', '3-D'] : ['unbatched 2-D', '2-D'];
      return failed(
        'rank-mismatch',
        lstm
          ? `For ${batchWord} input, hx and cx should also be ${hxWord} but got (${states[0].length}-D, ${states[1].length}-D) tensors`
          : `For ${batchWord} input, hx should also be ${hxWord} but got ${states[0].length}-D tensor`,
      );
    }
  }
  // Unbatched input gains a batch axis before PyTorch checks its rank (a 4-D input "got 5").
  const rank = batched ? 3 : x.length + 1;
  if (rank !== 3) return failed('rank-mismatch', `input must have 3 dimensions, got ${rank}`);
  const features = x[x.length - 1];
  if (differsFromInt(features, f.inputSize))
    return failed(
      'features-mismatch',
      `input.size(-1) must be equal to input_size. Expected ${f.inputSize}, got ${features}`,
      { argument: 'input_size', suggested: features },
    );
  const steps = batched ? (f.batchFirst ? x[1] : x[0]) : x[0];
  if (steps === 0) return failed('rank-mismatch', 'Expected sequence length to be larger than 0 in RNN');
  const batch: Dim = batched ? (f.batchFirst ? x[0] : x[1]) : 1;
  const hExpected: Shape = [f.stacked, batch, f.real];
  const cExpected: Shape = [f.stacked, batch, f.hidden];
  // Unbatched states gain the batch axis 1 before the check.
  const asBatched = (s: Shape): Shape => (batched ? s : [s[0], 1, ...s.slice(1)]);
  if (states.length) {
    const h = asBatched(states[0]);
    const label = lstm ? 'hidden[0] size' : 'hidden size';
    if (certainlyDiffers(h, hExpected))
      return failed('features-mismatch', `Expected ${label} ${tupleText(hExpected)}, got ${sizesText(h)}`);
    if (lstm) {
      const c = asBatched(states[1]);
      if (certainlyDiffers(c, cExpected))
        return failed('features-mismatch', `Expected hidden[1] size ${tupleText(cExpected)}, got ${sizesText(c)}`);
    }
    // Equal only on some values of a symbol: nothing certain to say, and no certain shape either.
    if (!sameShape(h, hExpected) || (lstm && !sameShape(asBatched(states[1]), cExpected))) return UNKNOWN_INFERENCE;
  }
  const outFeatures = f.directions * f.real;
  const output: Shape = batched
    ? f.batchFirst
      ? [batch, steps, outFeatures]
      : [steps, batch, outFeatures]
    : [steps, outFeatures];
  const state = (size: number): Shape => (batched ? [f.stacked, batch, size] : [f.stacked, size]);
  const tuple = sequenceTuple(spec.kind, output, state(f.real), state(f.hidden));
  return inferred(output, { tuple, notes: sequenceNotes(spec.kind, f) });
}

/**
 * On a PackedSequence, `x` is its data `(sum of lengths, input_size)` and `batch` its number of
 * sequences (batch_sizes[0]): the output is packed data `(sum of lengths, D·H_out)` (the front end
 * packs it again), the states `(num_layers·D, batch, H)` whatever batch_first says. 1.13 checks
 * the data's rank (2), its size, then each state's whole shape.
 */
function inferPacked(
  spec: LayerSpec,
  f: SequenceFacts,
  x: Shape,
  states: readonly Shape[],
  callArgs: Readonly<Record<string, ArgValue>>,
): Inference {
  const given = callArgs.packed_batch;
  const lstm = spec.kind === 'LSTM';
  const batch: Dim = typeof given === 'number' || isExpr(given as Dim) ? (given as Dim) : null;
  // Packed unsorted, the states are first permuted by index_select along the batch, before any
  // other check: another batch fails there (or is cut), in words not modelled.
  if (callArgs.packed_permuted === true && states.some(s => s.length !== 3 || !dimEquals(s[1], batch)))
    return UNKNOWN_INFERENCE;
  if (x.length !== 2) return failed('rank-mismatch', `input must have 2 dimensions, got ${x.length}`);
  const features = x[1];
  if (differsFromInt(features, f.inputSize))
    return failed(
      'features-mismatch',
      `input.size(-1) must be equal to input_size. Expected ${f.inputSize}, got ${features}`,
      { argument: 'input_size', suggested: features },
    );
  const hExpected: Shape = [f.stacked, batch, f.real];
  const cExpected: Shape = [f.stacked, batch, f.hidden];
  if (states.length) {
    const label = lstm ? 'hidden[0] size' : 'hidden size';
    if (certainlyDiffers(states[0], hExpected))
      return failed('features-mismatch', `Expected ${label} ${tupleText(hExpected)}, got ${sizesText(states[0])}`);
    if (lstm && certainlyDiffers(states[1], cExpected))
      return failed(
        'features-mismatch',
        `Expected hidden[1] size ${tupleText(cExpected)}, got ${sizesText(states[1])}`,
      );
    if (!sameShape(states[0], hExpected) || (lstm && !sameShape(states[1], cExpected))) return UNKNOWN_INFERENCE;
  }
  const output: Shape = [x[0], f.directions * f.real];
  const tuple = sequenceTuple(spec.kind, output, [f.stacked, batch, f.real], [f.stacked, batch, f.hidden]);
  const notes = [
    ...sequenceNotes(spec.kind, f),
    'on a PackedSequence: the output is packed too, its data (sum of the lengths, output features)',
  ];
  return inferred(output, { tuple, notes });
}

/** The rule in words, for explain and the hover: where each size comes from. */
function sequenceNotes(kind: string, f: SequenceFacts): string[] {
  const width = f.proj > 0 ? `proj_size ${f.proj}` : `hidden_size ${f.hidden}`;
  const notes = [
    `output features = num_directions × ${width} = ${f.directions * f.real}`,
    `h_n stacks num_layers × num_directions = ${f.stacked} final states of ${width}`,
  ];
  if (kind === 'LSTM') notes.push(`c_n stacks ${f.stacked} cell states of hidden_size ${f.hidden}`);
  return notes;
}

/** RNN/GRU `(output, h_n)`, LSTM `(output, (h_n, c_n))`. */
function sequenceTuple(kind: string, output: Shape | null, h: Shape | null, c: Shape | null): TupleOutput {
  const hN = { name: 'h_n', shape: h };
  return kind === 'LSTM'
    ? { items: [{ name: 'output', shape: output }, { items: [hN, { name: 'c_n', shape: c }] }] }
    : { items: [{ name: 'output', shape: output }, hN] };
}

function sequenceParams(spec: LayerSpec): number | undefined {
  const f = sequenceFacts(spec);
  if (!f) return undefined;
  const gate = GATES[spec.kind] * f.hidden;
  let total = 0;
  for (let layer = 0; layer < f.layers; layer++) {
    const inputWidth = layer === 0 ? f.inputSize : f.real * f.directions;
    // weight_ih_l{k}, weight_hh_l{k}, bias_ih/bias_hh, weight_hr_l{k}; again for _reverse.
    const perDirection =
      gate * inputWidth + gate * f.real + (f.bias ? 2 * gate : 0) + (f.proj > 0 ? f.proj * f.hidden : 0);
    total += perDirection * f.directions;
  }
  return total;
}

const sequenceRule: LayerRule = {
  framework: 'pytorch',
  kinds: ['RNN', 'LSTM', 'GRU'],
  signature: sequenceSignature,
  validate: validateSequence,
  infer: inferSequence,
  params: sequenceParams,
  tupleOf: spec => sequenceTuple(spec.kind, null, null, null),
};

// ---- the cells ----

function cellSignature(kind: string): Param[] {
  return [
    { name: 'input_size' },
    { name: 'hidden_size' },
    { name: 'bias', default: true },
    ...(kind === 'RNNCell' ? [{ name: 'nonlinearity', default: 'tanh' }] : []),
    ...DEVICE_PARAMS,
  ];
}

/** ATen's checks of one state: batch against the input's, then hidden_size (1.13 labels both LSTMCell states `hidden0`). */
function cellStateError(x: Shape, h: Shape, hidden: number): Inference | undefined {
  if (dimDiffers(x[0], h[0]))
    return failed(
      'features-mismatch',
      `Input batch size ${dimText(x[0])} doesn't match hidden0 batch size ${dimText(h[0])}`,
    );
  if (differsFromInt(h[1], hidden))
    return failed('features-mismatch', `hidden0 has inconsistent hidden_size: got ${h[1]}, expected ${hidden}`, {
      argument: 'hidden_size',
    });
  return undefined;
}

function inferCell(
  spec: LayerSpec,
  inputs: readonly Shape[],
  callArgs?: Readonly<Record<string, ArgValue>>,
): Inference {
  const inputSize = intArg(spec.args.input_size),
    hidden = intArg(spec.args.hidden_size);
  const x = inputs[0];
  const lstm = spec.kind === 'LSTMCell';
  const states = inputs.slice(1);
  if (!x || inputSize === undefined || hidden === undefined || inputSize < 1 || hidden < 1) return UNKNOWN_INFERENCE;
  if (callArgs && 'hx' in callArgs && callArgs.hx !== null) return UNKNOWN_INFERENCE;
  if (states.length !== 0 && states.length !== (lstm ? 2 : 1)) return UNKNOWN_INFERENCE;
  if (x.length !== 1 && x.length !== 2)
    return failed('rank-mismatch', `${spec.kind}: Expected input to be 1-D or 2-D but received ${x.length}-D tensor`);
  const nonlinearity = spec.args.nonlinearity;
  if (spec.kind === 'RNNCell' && typeof nonlinearity !== 'string') return UNKNOWN_INFERENCE;
  if (spec.kind === 'RNNCell' && nonlinearity !== 'tanh' && nonlinearity !== 'relu')
    return failed('invalid-argument', `Unknown nonlinearity: ${String(nonlinearity)}`, { argument: 'nonlinearity' });
  const batched = x.length === 2;
  const x2: Shape = batched ? x : [1, x[0]];
  // The states are unsqueezed like the input; states of another rank fail in ways not modelled.
  if (states.some(s => s.length !== x.length)) return UNKNOWN_INFERENCE;
  const hs = states.map(s => (batched ? s : [1, ...s]));
  if (differsFromInt(x2[1], inputSize))
    return failed('features-mismatch', `input has inconsistent input_size: got ${x2[1]} expected ${inputSize}`, {
      argument: 'input_size',
      suggested: x2[1],
    });
  for (const h of hs) {
    const error = cellStateError(x2, h, hidden);
    if (error) return error;
  }
  if (hs.some(h => !sameShape(h, [x2[0], hidden]))) return UNKNOWN_INFERENCE;
  const out: Shape = batched ? [x[0], hidden] : [hidden];
  const tuple = lstm ? cellTuple(out) : undefined;
  const notes = [`${lstm ? "h' and c' have" : "h' has"} hidden_size ${hidden} features`];
  return inferred(out, tuple ? { tuple, notes } : { notes });
}

/** LSTMCell's `(h', c')`, both of the same shape. */
function cellTuple(shape: Shape | null): TupleOutput {
  return {
    items: [
      { name: "h'", shape },
      { name: "c'", shape },
    ],
  };
}

const cellRule: LayerRule = {
  framework: 'pytorch',
  kinds: ['RNNCell', 'LSTMCell', 'GRUCell'],
  signature: cellSignature,
  infer: inferCell,
  tupleOf: spec => (spec.kind === 'LSTMCell' ? cellTuple(null) : undefined),
  params: spec => {
    const inputSize = intArg(spec.args.input_size),
      hidden = intArg(spec.args.hidden_size);
    if (inputSize === undefined || hidden === undefined || typeof spec.args.bias !== 'boolean') return undefined;
    const gate = GATES[spec.kind] * hidden;
    return gate * (inputSize + hidden) + (spec.args.bias ? 2 * gate : 0);
  },
};

registerRules([sequenceRule, cellRule]);
