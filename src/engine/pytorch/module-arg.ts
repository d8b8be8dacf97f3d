// A module passed to another module's constructor (`nn.TransformerEncoder(layer, 6, norm=ln)`),
// carried as an ArgValue: the engine's specs are plain data, so the inner module's bound spec is
// written as a tagged tuple `['<module>', kind, [[name, value], ...]]` and read back here. Only
// the analysis (a layer value as an argument) and the golden tests make them.
import type { ArgValue, LayerSpec, ShapeError } from '../types';

const TAG = '<module>';

export function moduleArg(spec: LayerSpec): ArgValue {
  return [TAG, spec.kind, Object.entries(spec.args).map(([name, value]) => [name, value])];
}

/** The PyTorch module spec an argument carries, or undefined when it is not one (or unknown). */
export function moduleOfArg(v: ArgValue | undefined): LayerSpec | undefined {
  if (!Array.isArray(v) || v.length !== 3 || v[0] !== TAG || typeof v[1] !== 'string' || !Array.isArray(v[2]))
    return undefined;
  const args: Record<string, ArgValue> = {};
  for (const entry of v[2] as readonly ArgValue[]) {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string') return undefined;
    args[entry[0]] = entry[1] as ArgValue;
  }
  return { framework: 'pytorch', kind: v[1], args };
}

/**
 * The spec as its quick fix would leave it: the error's argument set to the suggested value, in
 * the module given as argument `within` when the error is that module's. Undefined without a
 * suggestion.
 */
export function suggestedSpec(spec: LayerSpec, error: ShapeError): LayerSpec | undefined {
  const { argument, suggested, within } = error;
  if (!argument || suggested === undefined) return undefined;
  const set = (s: LayerSpec): LayerSpec => ({ ...s, args: { ...s.args, [argument]: suggested } });
  if (!within) return set(spec);
  const inner = moduleOfArg(spec.args[within]);
  return inner ? { ...spec, args: { ...spec.args, [within]: moduleArg(set(inner)) } } : undefined;
}
