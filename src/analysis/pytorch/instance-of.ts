// `isinstance(m, nn.Linear)` on the analysis' modules: decided where the module's class is known
// exactly and torch.nn's class tree cannot make the answer wrong; else not known.
import { findRule } from '../../engine/layer';
import type { Value } from '../values';

const CONTAINERS = new Set(['Sequential', 'ModuleList', 'ModuleDict']);

/**
 * Public torch.nn classes with a public torch.nn subclass, and those subclasses (PyTorch 1.13), as
 * a module's class: the answer would need the tree (`isinstance(lstm, nn.RNNBase)` is True), and
 * the analysis may name a subclass's module by its base (`UpsamplingNearest2d` as `Upsample`).
 * Linear's one subclass, MultiheadAttention's `out_proj` class, is only asked about by its name.
 */
const IN_A_TREE = new Set(
  'RNNBase GRU LSTM RNN RNNCellBase GRUCell LSTMCell RNNCell Hardtanh ReLU6 Upsample UpsamplingBilinear2d UpsamplingNearest2d ConstantPad2d ZeroPad2d NLLLoss NLLLoss2d NonDynamicallyQuantizableLinear'.split(
    ' ',
  ),
);

/** A class the analysis builds modules of, with no public torch.nn base but nn.Module: Conv2d, Sequential. */
const isLeafClass = (kind: string) =>
  !IN_A_TREE.has(kind) && !kind.startsWith('Lazy') && (CONTAINERS.has(kind) || findRule('pytorch', kind) !== undefined);

export function pytorchInstanceOf(v: Value, q: string): boolean | undefined {
  const m = /^torch\.nn\.([A-Z]\w*)$/.exec(q);
  // A Lazy class's instance changes class on its first call.
  if (!m || m[1].startsWith('Lazy') || m[1] === 'NonDynamicallyQuantizableLinear') return undefined;
  const name = m[1];
  switch (v.k) {
    case 'tensor':
      return false; // no module class is a tensor's
    case 'layer':
    case 'container':
      if (v.framework !== 'pytorch') return undefined;
      if (name === 'Module' || v.kind === name || v.kind === `Lazy${name}`) return true;
      // Its class's only public base is nn.Module: no other torch.nn class is one of its bases.
      return isLeafClass(v.kind) ? false : undefined;
    case 'object':
      return name === 'Module' && v.cls.isModule && v.cls.framework === 'pytorch' ? true : undefined;
    default:
      return undefined;
  }
}
