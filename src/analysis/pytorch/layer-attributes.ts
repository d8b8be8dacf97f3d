// Assignments to a PyTorch layer's attributes after construction: what they leave known.
import { layerParamShape } from '../../engine';
import type { LayerValue, Value } from '../values';

/** Attributes of a PyTorch layer that change neither its output shape nor its parameters. */
const SHAPE_FREE_ATTRIBUTES = new Set(['inplace', 'momentum', 'eps', 'p']);

/**
 * `layer.NAME = value` after construction. A parameter replaced by a tensor of its own shape
 * (`decoder.weight = embedding.weight`, a tied weight) keeps the layer's shapes, but PyTorch counts
 * a shared parameter once: the parameter count is not known. Any other change (`conv.stride = 2`,
 * a weight of another shape) leaves the layer not understood, its calls unknown.
 */
export function setLayerAttribute(layer: LayerValue, name: string, value: Value): void {
  if (SHAPE_FREE_ATTRIBUTES.has(name) || !layer.spec) return;
  const own = (name === 'weight' || name === 'bias') && layerParamShape(layer.spec, name);
  const same =
    own && value.k === 'tensor' && value.shape?.length === own.length && value.shape.every((d, i) => d === own[i]);
  if (same) layer.extraParams = null;
  else layer.spec = undefined;
}
