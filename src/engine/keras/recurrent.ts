// Keras 3 recurrent layers (keras/src/layers/rnn/): SimpleRNN, LSTM, GRU (`RNN.compute_output_shape`
// with the cells' weights) and ConvLSTM1D/2D/3D (`ConvLSTM.compute_output_shape`, the cell's
// convolution through the Conv rule). With `return_state` they return a list: the output, then
// one tensor per state (LSTM's h and c).
import { type Dim, type Shape, isKnown } from '../dim';
import { type LayerRule, applyLayer, bindLayer, layerParams, registerRules } from '../layer';
import { type Inference, type LayerSpec, type NamedOutput, type TupleOutput, inferred } from '../types';
import {
  argBool,
  argInt,
  checkInputSpec,
  dataFormat,
  guarded,
  params,
  pyStr,
  pyTuple,
  raise,
  singleInput,
  standardizeTuple,
  validated,
  KerasError,
  Quiet,
} from './common';

/** Gates (kernel width in units) and states of each cell. */
const CELLS: Readonly<Record<string, { gates: number; states: string[] }>> = {
  SimpleRNN: { gates: 1, states: ['state'] },
  LSTM: { gates: 4, states: ['state_h', 'state_c'] },
  GRU: { gates: 3, states: ['state'] },
};
const CONV_LSTM_RANK: Readonly<Record<string, number>> = { ConvLSTM1D: 1, ConvLSTM2D: 2, ConvLSTM3D: 3 };

/** The cells' `units <= 0` check (SimpleRNNCell, LSTMCell, GRUCell). */
function rnnUnits(spec: LayerSpec): number {
  const units = argInt(spec, 'units');
  if (units <= 0) {
    raise(
      'invalid-argument',
      `Received an invalid value for argument \`units\`, expected a positive integer, got ${units}.`,
      'units',
    );
  }
  return units;
}

/** What an RNN returns: one shape, or [output, ...states] with `return_state`. */
export interface RecurrentShapes {
  readonly output: Shape;
  readonly states: readonly { name: string; shape: Shape }[];
  readonly returnState: boolean;
}

/** `RNN.compute_output_shape` for SimpleRNN/LSTM/GRU, after their InputSpec(ndim=3); `asName` names the layer in errors. */
export function recurrentShapes(spec: LayerSpec, x: Shape, asName?: string): RecurrentShapes {
  const units = rnnUnits(spec);
  checkInputSpec(asName ? { ...spec, name: asName } : spec, x, { ndim: 3 });
  const [batch, length] = x;
  const returnState = argBool(spec, 'return_state');
  const output: Shape = argBool(spec, 'return_sequences') ? [batch, length, units] : [batch, units];
  const states = CELLS[spec.kind].states.map(name => ({ name, shape: [batch, units] as Shape }));
  return { output, states, returnState };
}

function tupleOf(items: readonly NamedOutput[]): TupleOutput {
  return { items };
}

/** An RNN's inference: the output, and the list when it returns states. */
export function recurrentInference(r: RecurrentShapes, notes: string[] = []): Inference {
  if (!r.returnState) return inferred(r.output, { notes });
  return inferred(r.output, {
    tuple: tupleOf([{ name: 'output', shape: r.output }, ...r.states]),
    notes,
  });
}

function rnnParams(spec: LayerSpec, input?: Shape): number | undefined {
  const features = input?.[input.length - 1];
  if (!isKnown(features ?? null)) return undefined;
  try {
    const units = rnnUnits(spec);
    const gates = CELLS[spec.kind].gates;
    const useBias = argBool(spec, 'use_bias');
    const resetAfter = spec.kind === 'GRU' && argBool(spec, 'reset_after');
    const bias = useBias ? (resetAfter ? 2 : 1) * gates * units : 0;
    return gates * units * ((features as number) + units) + bias;
  } catch (e) {
    if (e instanceof Quiet || e instanceof KerasError) return undefined;
    throw e;
  }
}

const RNN_TAIL = params(
  ['kernel_regularizer', null],
  ['recurrent_regularizer', null],
  ['bias_regularizer', null],
  ['activity_regularizer', null],
  ['kernel_constraint', null],
  ['recurrent_constraint', null],
  ['bias_constraint', null],
  ['dropout', 0],
  ['recurrent_dropout', 0],
);
const RNN_FLAGS = params(
  ['return_sequences', false],
  ['return_state', false],
  ['go_backwards', false],
  ['stateful', false],
  ['unroll', false],
);
const INITS = params(
  ['kernel_initializer', 'glorot_uniform'],
  ['recurrent_initializer', 'orthogonal'],
  ['bias_initializer', 'zeros'],
);

function rnnSignature(kind: string) {
  if (kind === 'SimpleRNN')
    return [
      ...params(['units'], ['activation', 'tanh'], ['use_bias', true]),
      ...INITS,
      ...RNN_TAIL,
      ...RNN_FLAGS,
      ...params(['seed', null]),
    ];
  const head = params(['units'], ['activation', 'tanh'], ['recurrent_activation', 'sigmoid'], ['use_bias', true]);
  const forget = kind === 'LSTM' ? params(['unit_forget_bias', true]) : [];
  const tail = kind === 'GRU' ? params(['reset_after', true], ['use_cudnn', 'auto']) : params(['use_cudnn', 'auto']);
  return [...head, ...INITS, ...forget, ...RNN_TAIL, ...params(['seed', null]), ...RNN_FLAGS, ...tail];
}

export const recurrentRule: LayerRule = {
  framework: 'keras',
  kinds: Object.keys(CELLS),
  signature: rnnSignature,
  validate: spec => validated(() => rnnUnits(spec)),
  infer: (spec, inputs) => guarded(() => recurrentInference(recurrentShapes(spec, singleInput(inputs)))),
  params: rnnParams,
  tupleOf(spec) {
    if (spec.args.return_state !== true) return undefined;
    return tupleOf(['output', ...CELLS[spec.kind].states].map(name => ({ name, shape: null })));
  },
};

// ---- ConvLSTM ----

/** The ConvLSTMCell constructor's checks; the cell's convolution as a bound Conv spec. */
function convLstmConv(spec: LayerSpec): LayerSpec {
  const rank = CONV_LSTM_RANK[spec.kind];
  standardizeTuple(spec.args.kernel_size, rank, 'kernel_size');
  const strides = standardizeTuple(spec.args.strides, rank, 'strides', true);
  const padding = spec.args.padding;
  if (typeof padding !== 'string') throw new Quiet();
  if (!['valid', 'same'].includes(padding.toLowerCase())) {
    raise(
      'invalid-padding',
      `The \`padding\` argument must be a list/tuple or one of {'valid', 'same'}. Received: ${padding.toLowerCase()}`,
      'padding',
    );
  }
  dataFormat(spec);
  const dilation = standardizeTuple(spec.args.dilation_rate, rank, 'dilation_rate');
  if (Math.max(...strides) > 1 && Math.max(...dilation) > 1) {
    raise(
      'invalid-argument',
      'Specifying `strides > 1` is not compatible with `dilation_rate > 1`. Please provide `strides=1` or `dilation_rate=1`. ' +
        `Received: strides=${pyStr(strides)} and dilation_rate=${pyStr(dilation)}`,
      'dilation_rate',
    );
  }
  const keywords = Object.fromEntries(
    ['filters', 'kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', 'use_bias'].map(k => [
      k,
      spec.args[k],
    ]),
  );
  const bound = bindLayer('keras', `Conv${rank}D`, [], keywords, { layerName: spec.name });
  if (!bound?.ok) throw new Quiet();
  return bound.spec;
}

function inferConvLstm(spec: LayerSpec, inputs: readonly Shape[]): Inference {
  return guarded(() => {
    const conv = convLstmConv(spec);
    const rank = CONV_LSTM_RANK[spec.kind];
    const x = singleInput(inputs);
    checkInputSpec(spec, x, { ndim: rank + 3 });
    const [batch, steps] = x;
    const step: Shape = [batch, ...x.slice(2)];
    const format = dataFormat(spec);
    const spatial = format === 'channels_first' ? step.slice(2) : step.slice(1, -1);
    const channels = format === 'channels_first' ? step[1] : step[step.length - 1];
    if (spatial.some(d => d === null)) {
      raise(
        'invalid-argument',
        `ConvLSTM layers only support static input shapes for the spatial dimension. Received invalid input shape: input_shape=${pyTuple(step)}`,
      );
    }
    if (channels === null) {
      raise(
        'invalid-argument',
        `The channel dimension of the inputs (last axis) should be defined. Found None. Full input shape received: input_shape=${pyTuple(step)}`,
      );
    }
    const cell = applyLayer(conv, [step]);
    if (!cell.ok) throw new KerasError(cell.error);
    if (!cell.output) throw new Quiet();
    const state: Dim[] = cell.output.slice(1);
    const output: Shape = argBool(spec, 'return_sequences') ? [batch, steps, ...state] : [batch, ...state];
    const states = ['state_h', 'state_c'].map(name => ({ name, shape: [batch, ...state] as Shape }));
    return recurrentInference({ output, states, returnState: argBool(spec, 'return_state') });
  });
}

function convLstmParams(spec: LayerSpec, input?: Shape): number | undefined {
  if (!input) return undefined;
  try {
    const conv = convLstmConv(spec);
    const filters = argInt(spec, 'filters');
    const kernel = standardizeTuple(spec.args.kernel_size, CONV_LSTM_RANK[spec.kind], 'kernel_size');
    const step: Shape = [input[0], ...input.slice(2)];
    const inputConv = layerParams({ ...conv, args: { ...conv.args, filters: 4 * filters } }, step);
    if (inputConv === undefined) return undefined;
    const window = kernel.reduce((a, b) => a * b, 1);
    return inputConv + window * filters * 4 * filters;
  } catch (e) {
    if (e instanceof Quiet || e instanceof KerasError) return undefined;
    throw e;
  }
}

export const convLstmRule: LayerRule = {
  framework: 'keras',
  kinds: Object.keys(CONV_LSTM_RANK),
  signature: () => [
    ...params(
      ['filters'],
      ['kernel_size'],
      ['strides', 1],
      ['padding', 'valid'],
      ['data_format', null],
      ['dilation_rate', 1],
      ['activation', 'tanh'],
      ['recurrent_activation', 'sigmoid'],
      ['use_bias', true],
    ),
    ...INITS,
    ...params(['unit_forget_bias', true]),
    ...RNN_TAIL,
    ...params(
      ['seed', null],
      ['return_sequences', false],
      ['return_state', false],
      ['go_backwards', false],
      ['stateful', false],
    ),
  ],
  validate: spec => validated(() => convLstmConv(spec)),
  infer: inferConvLstm,
  params: convLstmParams,
  tupleOf(spec) {
    if (spec.args.return_state !== true) return undefined;
    return tupleOf(['output', 'state_h', 'state_c'].map(name => ({ name, shape: null })));
  },
};

registerRules([recurrentRule, convLstmRule]);
