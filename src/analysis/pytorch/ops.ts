// The engine's tensor operations as the interpreter sees them: F.* functional forms, tensor
// methods, torch.* functions and broadcasting. Values are converted to the engine's OpArg
// vocabulary and results back to values. Every rule lives in the engine; this file only adapts.
import {
  type OpArg,
  type OpResult,
  type OpValue,
  type Shape,
  type ShapeError,
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

const kwArgs = (kw: ReadonlyMap<string, Value>): Record<string, OpArg> =>
  Object.fromEntries([...kw].map(([k, v]) => [k, toOpArg(v)]));

export function functionalOp(
  name: string,
  pos: readonly Value[],
  kw: ReadonlyMap<string, Value>,
): OpResult | undefined {
  return guard(() => api.applyFunctional?.(name, pos.map(toOpArg), kwArgs(kw)));
}

export function tensorMethod(
  method: string,
  self: Shape | null,
  pos: readonly Value[],
  kw: ReadonlyMap<string, Value>,
): OpResult | undefined {
  return guard(() => api.applyTensorMethod?.(method, self, pos.map(toOpArg), kwArgs(kw)));
}

export function torchFunction(
  name: string,
  pos: readonly Value[],
  kw: ReadonlyMap<string, Value>,
): OpResult | undefined {
  return guard(() => api.applyTorchFunction?.(name, pos.map(toOpArg), kwArgs(kw)));
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
