// Helpers shared by the PyTorch rules: reading constructor arguments (ints, tuples, unknowns),
// splitting an input into batch / channels / spatial axes, and printing shapes the way PyTorch's
// messages do.
import { type Dim, type Shape, dimText, isKnown, product } from '../dim';
import { type ArgValue, type Inference, failed, isLayerArg, isUnknown } from '../types';
import type { Param } from '../layer';

/** A plain integer argument, or undefined when it is unknown or not an integer. */
export function intArg(v: ArgValue | undefined): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

/** A plain number (int or float) argument. */
export function numArg(v: ArgValue | undefined): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** True when a value (or any element of a tuple) is unknown or symbolic. */
export function isVague(v: ArgValue | undefined): boolean {
  if (v === undefined || isUnknown(v)) return true;
  if (Array.isArray(v)) return v.some(isVague);
  return typeof v === 'object' && v !== null;
}

/**
 * PyTorch's `_ntuple(n)`: an int repeats n times, a tuple/list of ints is taken as is. Undefined
 * when unknown or of the wrong length (nothing certain can be said then).
 */
export function ntuple(v: ArgValue | undefined, n: number): number[] | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return Array<number>(n).fill(v);
  if (Array.isArray(v) && v.length === n && v.every(x => typeof x === 'number' && Number.isInteger(x)))
    return [...(v as number[])];
  return undefined;
}

/** `[4, 1, 8, 8]` with symbolic dims printed as text (`[N, 1, 8, 8]`). */
export function sizesText(shape: readonly Dim[]): string {
  return `[${shape.map(dimText).join(', ')}]`;
}

/** `torch.Size([5, 5])` */
export function torchSizeText(shape: readonly Dim[]): string {
  return `torch.Size(${sizesText(shape)})`;
}

/** Python's repr of a value as PyTorch prints it in messages. */
export function pyRepr(v: ArgValue): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (isUnknown(v) || isLayerArg(v)) return '?';
  return dimText(v as Dim);
}

/** Python's str() of a float (`0.5`, `1.0`, `-0.1`). */
export function pyFloat(v: number): string {
  return Number.isInteger(v) ? `${v}.0` : String(v);
}

/** An input split into its leading axes and the trailing spatial ones. */
export interface SplitInput {
  readonly batched: boolean;
  /** The batch dim (1 for an unbatched input, as PyTorch unsqueezes it). */
  readonly batch: Dim;
  readonly channels: Dim;
  readonly spatial: Dim[];
  /** The input as PyTorch sees it after unsqueezing an unbatched input. */
  readonly asBatched: Dim[];
}

/** Splits `(N, C, *spatial)` or `(C, *spatial)`; undefined when the rank fits neither. */
export function splitInput(input: Shape, spatialRank: number): SplitInput | undefined {
  if (input.length === spatialRank + 2) {
    return { batched: true, batch: input[0], channels: input[1], spatial: input.slice(2), asBatched: [...input] };
  }
  if (input.length === spatialRank + 1) {
    return { batched: false, batch: 1, channels: input[0], spatial: input.slice(1), asBatched: [1, ...input] };
  }
  return undefined;
}

/** Product of dims when all are known numbers. */
export function knownProduct(dims: readonly Dim[]): number | undefined {
  const p = product(dims);
  return isKnown(p) ? p : undefined;
}

/** The single input a one-input layer expects; undefined for none. */
export function firstInput(inputs: readonly Shape[]): Shape | undefined {
  return inputs.length >= 1 ? inputs[0] : undefined;
}

export function rankError(message: string): Inference {
  return failed('rank-mismatch', message);
}

/** True when every dim is a known number. */
export function allKnown(dims: readonly Dim[]): dims is number[] {
  return dims.every(isKnown);
}

/** Normalises a possibly negative dim index into [0, rank); undefined when out of range. */
export function wrapDim(dim: number, rank: number): number | undefined {
  const r = Math.max(rank, 1);
  if (dim < -r || dim >= r) return undefined;
  return dim < 0 ? dim + r : dim;
}

/** PyTorch's IndexError for a dim out of range. */
export function dimRangeMessage(dim: number, rank: number): string {
  const r = Math.max(rank, 1);
  return `Dimension out of range (expected to be in range of [${-r}, ${r - 1}], but got ${dim})`;
}

/**
 * What can still be said when an argument is unknown: the leading axes (batch, and channels
 * unless given) pass through, every spatial size is unknown. Null when even the rank is unclear.
 */
export function vagueSpatialOutput(input: Shape, spatialRank: number, channels?: Dim): Shape | null {
  const split = splitInput(input, spatialRank);
  if (!split) return null;
  const lead: Dim[] = split.batched
    ? [split.batch, channels === undefined ? split.channels : channels]
    : [channels === undefined ? split.channels : channels];
  return [...lead, ...Array<Dim>(spatialRank).fill(null)];
}

/** The `device` and `dtype` keywords every PyTorch module with weights takes (ignored by the rules). */
export const DEVICE_PARAMS: readonly Param[] = [
  { name: 'device', default: null },
  { name: 'dtype', default: null },
];
