// Receptive field of a chain of sliding-window layers along one axis: how many input cells one
// output cell sees (`size`) and how far apart, in input cells, neighbouring outputs are (`jump`).
// The standard recurrence r ← r + (k̂ − 1)·j, j ← j·s; a transposed convolution divides the jump
// by its stride instead (it is a unit-stride convolution on an input stretched s times, so its
// k̂ taps span (k̂ − 1)/s cells of its real input).
import type { AxisArithmetic } from './types';
import { effectiveKernel } from './window';

export interface ReceptiveField {
  /** Input cells seen by one output cell (may be fractional after transposed layers). */
  readonly size: number;
  /** Input cells between neighbouring output cells. */
  readonly jump: number;
}

/** The receptive field of no layer at all: one cell, unit jump. */
export const IDENTITY_FIELD: ReceptiveField = Object.freeze({ size: 1, jump: 1 });

/** The field after one more layer. */
export function extendReceptiveField(field: ReceptiveField, axis: AxisArithmetic): ReceptiveField {
  const span = effectiveKernel(axis.kernel, axis.dilation) - 1;
  if (axis.transposed) {
    const jump = field.jump / axis.stride;
    return { size: field.size + span * jump, jump };
  }
  return { size: field.size + span * field.jump, jump: field.jump * axis.stride };
}

/** The field of a whole chain (first layer first). */
export function receptiveField(chain: readonly AxisArithmetic[]): ReceptiveField {
  return chain.reduce(extendReceptiveField, IDENTITY_FIELD);
}

/**
 * Layers whose output position reads the same position of their input, so it keeps the input's
 * field: activations, dropout, normalisations (their statistics counted as constants, as the
 * receptive-field literature does), padding (it shifts positions, not sizes or jumps), identity.
 * Any other layer without sliding-window axes leaves the field unknown (an upsampling changes the
 * jump, attention and recurrence read every position).
 */
const POSITION_WISE = new Set([
  // PyTorch
  ...['ReLU', 'ReLU6', 'ELU', 'SELU', 'CELU', 'LeakyReLU', 'PReLU', 'RReLU', 'GELU', 'SiLU', 'Mish'],
  ...['Hardswish', 'Hardsigmoid', 'Hardtanh', 'Softplus', 'Sigmoid', 'Tanh', 'LogSigmoid', 'Softsign'],
  ...['Tanhshrink', 'Softshrink', 'Hardshrink', 'Threshold', 'Softmax2d', 'ChannelShuffle', 'Identity'],
  ...['Dropout', 'Dropout1d', 'Dropout2d', 'Dropout3d', 'AlphaDropout', 'FeatureAlphaDropout'],
  ...['BatchNorm1d', 'BatchNorm2d', 'BatchNorm3d', 'SyncBatchNorm', 'LazyBatchNorm1d', 'LazyBatchNorm2d'],
  ...['LazyBatchNorm3d', 'InstanceNorm1d', 'InstanceNorm2d', 'InstanceNorm3d', 'LazyInstanceNorm1d'],
  ...['LazyInstanceNorm2d', 'LazyInstanceNorm3d', 'GroupNorm', 'LayerNorm', 'LocalResponseNorm', 'RMSNorm'],
  ...[1, 2, 3].flatMap(n => ['Zero', 'Constant', 'Reflection', 'Replication', 'Circular'].map(p => `${p}Pad${n}d`)),
  // Keras
  ...['Activation', 'ThresholdedReLU', 'SpatialDropout1D', 'SpatialDropout2D', 'SpatialDropout3D'],
  ...['GaussianNoise', 'GaussianDropout', 'BatchNormalization', 'LayerNormalization', 'GroupNormalization'],
  ...['ZeroPadding1D', 'ZeroPadding2D', 'ZeroPadding3D', 'Rescaling', 'Normalization'],
]);

/** Whether a layer of this class keeps its input's receptive field (see POSITION_WISE). */
export const keepsField = (kind: string): boolean => POSITION_WISE.has(kind);
