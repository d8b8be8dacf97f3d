// What an imported module's values hold, as a string: a module kept across analyses
// (ModuleCache) is reused only while it is unchanged. Its values are shared with the analyses that
// import it, and an importer may mutate them (`WIDTHS.append(32)`, `setattr(Block, ...)`, a
// registry's dict): the next analysis must see the module as its own code left it.
import type { Scope } from './scope';

/** Fields that hold no state a run changes (syntax, scopes, ranges, other modules, graphs). */
const STATELESS = new Set(['def', 'closure', 'site', 'origin', 'module', 'graph']);

export function moduleState(scope: Scope): string {
  const ids = new Map<object, number>();
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object') {
      out.push(v === undefined ? '~' : JSON.stringify(v));
      return;
    }
    const seen = ids.get(v);
    if (seen !== undefined) {
      out.push(`#${seen}`);
      return;
    }
    ids.set(v, ids.size);
    if (Array.isArray(v)) {
      out.push('[');
      for (const x of v) walk(x);
      out.push(']');
    } else if (v instanceof Map) {
      out.push('M{');
      for (const [k, x] of v) (out.push(String(k)), walk(x));
      out.push('}');
    } else {
      out.push('{');
      for (const [k, x] of Object.entries(v)) if (!STATELESS.has(k)) (out.push(k), walk(x));
      out.push('}');
    }
  };
  for (const [name, v] of scope.vars) (out.push(name), walk(v));
  return out.join(' ');
}
