// The engine's public surface. Importing it registers every layer rule.
import './pytorch';
import './keras';

export * from './dim';
export * from './types';
export * from './layer';
export { layerParamShape } from './param-shapes';
export * from './window';
export * from './representative';
