// The PyTorch front end: nn.Module subclasses run `forward`; `torch.*`, `F.*` and `nn.*` names;
// layers and containers; tensor methods and attributes (of every plain tensor); sample inputs
// written in the file; broadcasting; the models a document defines.
import { findRule } from '../../engine/layer';
import { indexShape } from '../../engine/pytorch/ops/indexing';
import { baseLayerOf, callBaseLayer, initWithoutOwnInit, layerSuperCall } from './layer-subclasses';
import { isLeafObject, recordLeafCall, recordedSince } from './leaf-modules';
import { type Frontend, forwardOf } from '../frontend';
import { reportOpError } from '../diagnostics';
import { SELF_RETURNING } from '../attributes';
import { NONE, type ObjectValue, UNKNOWN_VALUE, tensor } from '../values';
import { callTensorMethod, callTorch, tensorAttribute } from './calls';
import { runPytorchModels, runSequentialVariables } from './models';
import { callEinops, isEinopsName } from './einops';
import { callPacking, isPackingName } from './packed';
import { callContainer, callContainerMethod, callLayer, constructNn, squareSubsequentMask } from './modules';
import { broadcast, fromOpValue, torchFunction } from './ops';
import { sizeKeepingPadding } from './padding-fix';
import { callWrapper } from './wrappers';
import { setLayerAttribute } from './layer-attributes';
import { pytorchInstanceOf } from './instance-of';
import { callTorchvision, isTorchvisionClass, isTorchvisionName, libraryModelMethod } from './torchvision/models';
import { recordSampleCall, recordSummary } from './samples';

/** `torch.nn.X` that constructs a module (not `torch.nn.functional`, `init`, `utils`). */
const isModuleName = (q: string) =>
  q.startsWith('torch.nn.') &&
  !q.startsWith('torch.nn.functional.') &&
  !q.startsWith('torch.nn.init.') &&
  !q.startsWith('torch.nn.utils.');

const SUMMARIES = new Set(['torchsummary.summary', 'torchinfo.summary']);

/** What nn.Module itself defines on every module (a missing attribute may be one of these). */
const MODULE_MEMBERS = new Set([
  'training',
  'forward',
  'parameters',
  'named_parameters',
  'buffers',
  'named_buffers',
  'modules',
  'named_modules',
  'children',
  'named_children',
  'state_dict',
  'load_state_dict',
  'apply',
  'to',
  'cuda',
  'cpu',
  'train',
  'eval',
  'zero_grad',
  'half',
  'float',
  'double',
  'type',
  'requires_grad_',
  'register_buffer',
  'register_parameter',
  'add_module',
  'register_module',
  'get_submodule',
  'get_parameter',
  'get_buffer',
  'extra_repr',
  'dump_patches',
  'call_super_init',
]);

/** An instance of a module class of the project whose members are all known (no library base). */
const isPlainModule = (obj: ObjectValue) =>
  obj.cls.isModule && obj.cls.framework === 'pytorch' && !obj.cls.unfollowedBase && !obj.opaque;

export const PYTORCH: Frontend = {
  id: 'pytorch',
  moduleBases: {
    'torch.nn.Module': {},
    'torch.nn.Sequential': { container: 'Sequential' },
    'torch.nn.ModuleList': { container: 'ModuleList' },
    'torch.nn.ModuleDict': { container: 'ModuleDict' },
  },
  isLayerBase: q => /^torch\.nn\.[A-Z]\w*$/.test(q) && findRule('pytorch', q.slice('torch.nn.'.length)) !== undefined,
  // `class Head(BaseModule)` from a library: a module by its own forward (its own `__call__`
  // would be what calling it runs).
  adoptsUnfollowedClass: names => names.has('forward') && !names.has('__call__'),
  forwardMethod: 'forward',
  lacksMember: (base, member) => base === 'torch.nn.Module' && !MODULE_MEMBERS.has(member),
  notation: 'list',
  arithmetic: {
    // The plain tensors' rule: it claims nothing, it is what is left.
    claims: () => false,
    broadcast,
    index: (shape, parts) => {
      const r = indexShape(shape, parts);
      return r.ok ? (r.shape ? { ok: true, shape: r.shape } : undefined) : r;
    },
    repairs: (ctx, a, b) => sizeKeepingPadding(ctx, [a, b]),
    matmul(ctx, a, b, range) {
      const r = torchFunction('matmul', [a, b], new Map());
      if (!r) return tensor(null);
      if (!r.ok) return (reportOpError(ctx, r.error, range), tensor(null));
      return fromOpValue(r.value);
    },
  },
  owns: q => q.startsWith('torch.') || SUMMARIES.has(q) || isEinopsName(q) || isTorchvisionName(q),
  callName(ctx, q, args, call) {
    const wrapped = callWrapper(ctx, q, args, call);
    if (wrapped) return wrapped;
    if (isPackingName(q)) return callPacking(ctx, q, args);
    if (isModuleName(q)) return constructNn(ctx, q.slice('torch.nn.'.length), args);
    if (q.startsWith('torch.nn.init.')) return NONE;
    if (isEinopsName(q)) return callEinops(ctx, q, args);
    if (isTorchvisionName(q)) return callTorchvision(ctx, q, args);
    if (q.startsWith('torch.')) return callTorch(ctx, q, args);
    if (SUMMARIES.has(q)) recordSummary(ctx, q, args);
    return UNKNOWN_VALUE;
  },
  buildContainer: (ctx, kind, args) => constructNn(ctx, kind, args),
  superCall: layerSuperCall,
  instantiated: initWithoutOwnInit,
  callInstance(ctx, obj, args, forward) {
    // A module called at module level is a sample input; the model runs on its own later.
    if (ctx.phase !== 'module') {
      const base = baseLayerOf(obj);
      if (base && !forwardOf(ctx, obj.cls)) return callBaseLayer(ctx, obj, base, args);
      const before = ctx.rec.layers.length;
      const out = forward(ctx, obj, args);
      // A layer subclass whose forward calls super().forward() was recorded by that call.
      if (isLeafObject(obj, base !== undefined) && !(base && recordedSince(ctx, before, obj)))
        recordLeafCall(ctx, obj, obj.cls.def.name, args, out);
      return out;
    }
    recordSampleCall(ctx, obj, args);
    return UNKNOWN_VALUE;
  },
  callModule(ctx, fn, args) {
    if (fn.k === 'layer') return callLayer(ctx, fn, args);
    if (fn.k === 'container') return callContainer(ctx, fn, args);
    return UNKNOWN_VALUE;
  },
  callMethod(ctx, self, name, args) {
    // Every tensor has the tensor methods (a graph tensor's `.shape` too).
    if (self.k === 'tensor') return callTensorMethod(ctx, self, name, args);
    if (self.k === 'layer' && name === 'generate_square_subsequent_mask') return squareSubsequentMask(args.pos[0]);
    if (self.k === 'container' && self.framework === 'pytorch')
      return SELF_RETURNING.has(name) ? self : callContainerMethod(ctx, self, name, args);
    if (self.k === 'object' && (isTorchvisionClass(self.cls) || isPlainModule(self)))
      return libraryModelMethod(self, name);
    return undefined;
  },
  getAttr: (_ctx, obj, name) => (obj.k === 'tensor' ? tensorAttribute(obj, name) : undefined),
  setLayerAttr: setLayerAttribute,
  instanceOf: pytorchInstanceOf,
  runClassModels: runPytorchModels,
  runVariableModels: runSequentialVariables,
};
