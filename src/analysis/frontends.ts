// The one registration list of front ends. Adding a framework is its folder plus one line here.
// The first is the framework of plain tensors (their methods, attributes and arithmetic).
import type { Frontend } from './frontend';
import { KERAS } from './keras/frontend';
import { PYTORCH } from './pytorch/frontend';

export const FRONTENDS: readonly Frontend[] = [PYTORCH, KERAS];
