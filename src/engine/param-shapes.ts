// A bound layer's parameter by name (`weight`, `bias`): its shape when the framework's rule for
// its creation is known here, else undefined (the analysis keeps it unknown).
import { pytorchParamShape } from './pytorch/param-shapes';
import type { LayerSpec } from './types';

export function layerParamShape(spec: LayerSpec, name: string): number[] | undefined {
  return spec.framework === 'pytorch' ? pytorchParamShape(spec, name) : undefined;
}
