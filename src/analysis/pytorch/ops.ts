// The engine's tensor operations as the interpreter sees them: F.* functional forms, tensor
// methods, torch.* functions and broadcasting. Values are converted to the engine's OpArg
// vocabulary and results back to values. Every rule lives in the engine; this file only adapts.
import {
  type OpArg,
  type OpResult,
  type OpValue,
  type Shape,
  type ShapeError,
  UNKNOWN,
  isTensorArg,
  tensorArg,
} from '../../engine';
import { broadcastShapes } from '../../engine/broadcast';
import { applyFunctional } from '../../engine/pytorch/functional';
import { applyTensorMethod, applyTorchFunction } from '../../engine/pytorch/tensor-ops';
import { UNKNOWN_VALUE, type Value, dimValue, tensor, toArg } from '../values';
import { reportUnexpected } from '../../common/internal-errors';
import { markExactLength } from '../python-errors';

type Broadcast = { ok: true; shape: Shape } | { ok: false; error: ShapeError };

interface OpsApi {
  applyFunctional?(name: string, args: readonly OpArg[], kwargs: Record<string, OpArg>): OpResult | undefined;
  applyTensorMethod?(
    method: string,
    self: Shape | null,
    args: readonly OpArg[],
    kwargs: Record<string, OpArg>,
  ): OpResult | undefined;
  applyTorchFunction?(name: string, args: readonly OpArg[], kwargs: Record<string, OpArg>): OpResult | undefined;
  broadcastShapes?(a: Shape, b: Shape): Broadcast;
}

const api: OpsApi = { applyFunctional, applyTensorMethod, applyTorchFunction, broadcastShapes };

/** Calls an engine op; a throwing rule means "unknown", never an error. */
function guard(f: () => OpResult | undefined): OpResult | undefined {
  try {
    return f();
  } catch (e) {
    reportUnexpected('analysis.ops', e);
    return undefined;
  }
}

export function toOpArg(v: Value): OpArg {
  if (v.k === 'tensor') return tensorArg(v.shape);
  if (v.k === 'tuple' || v.k === 'list') return v.items.map(toOpArg);
  return toArg(v);
}

/**
 * Ops whose integer arguments (sizes, dims, kernel sizes) make the output's shape. A float is
 * unknown to them: the engine's numbers cannot tell 2.0 from 2, and PyTorch raises a TypeError
 * there (`x.view(-1, 256 / 2)`, `F.max_pool2d(x, 2.5)`, `torch.zeros(2.0, 3)`). Other ops read it
 * as before (`torch.pow(x, 3.0)`, `x.clamp(0.0, 1.0)`).
 */
const INT_SHAPED = new Set([
  ...['view', 'reshape', 'flatten', 'unflatten', 'permute', 'transpose', 'swapaxes', 'movedim', 'squeeze'],
  ...['unsqueeze', 'expand', 'repeat', 'tile', 'narrow', 'select', 'split', 'chunk', 'unbind', 'new_zeros'],
  ...['new_ones', 'new_empty', 'new_full', 'zeros', 'ones', 'empty', 'full', 'rand', 'randn', 'randint'],
  ...['max_pool1d', 'max_pool2d', 'max_pool3d', 'avg_pool1d', 'avg_pool2d', 'avg_pool3d', 'lp_pool1d'],
  ...['lp_pool2d', 'adaptive_avg_pool1d', 'adaptive_avg_pool2d', 'adaptive_avg_pool3d', 'adaptive_max_pool1d'],
  ...['adaptive_max_pool2d', 'adaptive_max_pool3d', 'pixel_shuffle', 'pixel_unshuffle', 'unfold', 'fold'],
]);

/** Ops that take a float `scale_factor` beside an integer `size` (the second positional argument). */
const RESIZING = new Set(['interpolate', 'upsample', 'upsample_nearest', 'upsample_bilinear']);

/** `toOpArg` for an integer argument: a float is unknown. */
function toIntShapedArg(v: Value): OpArg {
  if (v.k === 'float') return UNKNOWN;
  if (v.k === 'tuple' || v.k === 'list') return v.items.map(toIntShapedArg);
  return toOpArg(v);
}

/** The op's arguments as the engine takes them. */
function opArgs(name: string, pos: readonly Value[], kw: ReadonlyMap<string, Value>): [OpArg[], Record<string, OpArg>] {
  const resizing = RESIZING.has(name);
  const convert = INT_SHAPED.has(name) ? toIntShapedArg : toOpArg;
  const positional = pos.map((v, i) => (resizing && i === 1 ? toIntShapedArg(v) : convert(v)));
  const kwargs = Object.fromEntries(
    [...kw].map(([k, v]) => [k, resizing && k === 'size' ? toIntShapedArg(v) : convert(v)]),
  );
  return [positional, kwargs];
}

export function fromOpValue(v: OpValue): Value {
  switch (v.kind) {
    case 'tensor':
      return tensor(v.shape);
    case 'dim':
      return dimValue(v.dim);
    case 'dims':
      return markExactLength({ k: 'tuple', items: v.dims.map(dimValue) });
    case 'tensors':
      return markExactLength({ k: 'tuple', items: v.items.map(t => tensor(t.shape)) });
    default:
      return UNKNOWN_VALUE;
  }
}

export function functionalOp(
  name: string,
  pos: readonly Value[],
  kw: ReadonlyMap<string, Value>,
): OpResult | undefined {
  return guard(() => api.applyFunctional?.(name, ...opArgs(name, pos, kw)));
}

export function tensorMethod(
  method: string,
  self: Shape | null,
  pos: readonly Value[],
  kw: ReadonlyMap<string, Value>,
): OpResult | undefined {
  return guard(() => api.applyTensorMethod?.(method, self, ...opArgs(method, pos, kw)));
}

export function torchFunction(
  name: string,
  pos: readonly Value[],
  kw: ReadonlyMap<string, Value>,
): OpResult | undefined {
  return guard(() => api.applyTorchFunction?.(name, ...opArgs(name, pos, kw)));
}

export function broadcast(a: Shape, b: Shape): Broadcast | undefined {
  try {
    return api.broadcastShapes?.(a, b);
  } catch (e) {
    reportUnexpected('analysis.broadcast', e);
    return undefined;
  }
}

export { isTensorArg };
