// Receptive field of the chain up to a layer. Filled in from the engine's receptive-field rule.
import type { Shape } from '../engine';
import type { Context } from './context';
import type { LayerCall } from './types';

export function receptiveFieldAfter(_ctx: Context, _input: Shape | null, _call: LayerCall): LayerCall['receptiveField'] {
  return undefined;
}
