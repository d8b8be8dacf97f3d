// Forgetting what a mutable value holds, in place, so that every alias sees it: after a mutation
// the interpreter cannot follow (`xs.extend(unknown)`), or a loop that may run any number of
// times. A list or dict becomes unknown; a module container becomes opaque (still a module of
// the model, so its parameters are unknown rather than silently not counted).
import { forgetExactLength } from './python-errors';
import type { Value } from './values';

export function forgetContents(v: Value): void {
  forgetExactLength(v);
  const loose = v as unknown as Record<string, unknown>;
  if (v.k === 'list' || v.k === 'tuple' || v.k === 'dict') {
    for (const key of Object.keys(loose)) delete loose[key];
    loose.k = 'unknown';
  } else if (v.k === 'container') {
    // Its children are no longer known: none are listed, and whatever reads them is unknown.
    v.keys.length = 0;
    v.items.length = 0;
    v.opaque = true;
  }
}
