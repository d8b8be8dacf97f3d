// Functions that wrap a module and give it back: `spectral_norm(nn.Conv2d(...))`,
// `weight_norm(...)`, `nn.utils.parametrizations.*` keep the layer (weight_norm adds its
// magnitude parameter, of the weight's size along `dim`); `nn.DataParallel(model)` and
// DistributedDataParallel are the model; `nn.parallel.data_parallel(module, inputs, ids)` calls
// the module on the inputs.
import { layerParamShape } from '../../engine';
import type { Args, Context } from '../context';
import type { Call } from '../frontend';
import { iterate } from '../items';
import { UNKNOWN_VALUE, type Value, isModuleValue } from '../values';

const KEEPING = new Set([
  'torch.nn.utils.spectral_norm',
  'torch.nn.utils.parametrizations.spectral_norm',
  'torch.nn.utils.parametrizations.orthogonal',
]);
const WEIGHT_NORM = new Set(['torch.nn.utils.weight_norm', 'torch.nn.utils.parametrizations.weight_norm']);
const PARALLEL = new Set([
  'torch.nn.DataParallel',
  'torch.nn.parallel.DistributedDataParallel',
  'torch.nn.parallel.DataParallel',
]);

/** The wrapped module or the call's result; undefined when `q` is no wrapper. */
export function callWrapper(ctx: Context, q: string, args: Args, call: Call): Value | undefined {
  const module = args.pos[0] ?? args.kw.get('module');
  if (PARALLEL.has(q)) return module && isModuleValue(module) ? module : UNKNOWN_VALUE;
  if (KEEPING.has(q)) return module ?? UNKNOWN_VALUE;
  if (WEIGHT_NORM.has(q)) return module ? weightNormed(module, args) : UNKNOWN_VALUE;
  if (q === 'torch.nn.parallel.data_parallel') {
    const inputs = args.pos[1] ?? args.kw.get('inputs');
    if (!module || !inputs) return UNKNOWN_VALUE;
    const pos = inputs.k === 'tensor' ? [inputs] : inputs.k === 'tuple' ? iterate(inputs) : undefined;
    return pos ? call(ctx, module, { pos, kw: new Map(), unknownRest: false, range: args.range }) : UNKNOWN_VALUE;
  }
  return undefined;
}

/** weight_norm(module, name='weight', dim=0): the magnitude g has the weight's size along dim. */
function weightNormed(module: Value, args: Args): Value {
  // Another module's own `weight` is not known here: its parameters would be counted short.
  if (module.k !== 'layer') return UNKNOWN_VALUE;
  const name = args.pos[1] ?? args.kw.get('name');
  const dim = args.pos[2] ?? args.kw.get('dim');
  const weight = module.spec && layerParamShape(module.spec, name?.k === 'str' ? name.v : 'weight');
  let extra: number | null = null;
  if (weight && (name === undefined || name.k === 'str')) {
    if (dim?.k === 'none') extra = 1;
    else if (dim === undefined || dim.k === 'int') {
      const d = dim ? dim.v : 0;
      extra = weight[d < 0 ? d + weight.length : d] ?? null;
    }
  }
  module.extraParams = extra;
  return module;
}
