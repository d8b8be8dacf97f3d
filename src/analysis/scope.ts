// Name scopes: a function's locals, the enclosing function's, the module's globals.
import type { Value } from './values';

export class Scope {
  readonly vars = new Map<string, Value>();
  constructor(readonly parent?: Scope) {}

  lookup(name: string): Value | undefined {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the walk up the chain starts here
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  /** The scope that binds `name` (undefined: none does). */
  owner(name: string): Scope | undefined {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the walk up the chain starts here
    for (let s: Scope | undefined = this; s; s = s.parent) if (s.vars.has(name)) return s;
    return undefined;
  }

  set(name: string, value: Value): void {
    this.vars.set(name, value);
  }

  /** A copy of this scope's own names (for running both branches of an unknown `if`). */
  snapshot(): Map<string, Value> {
    return new Map(this.vars);
  }

  restore(vars: ReadonlyMap<string, Value>): void {
    this.vars.clear();
    for (const [k, v] of vars) this.vars.set(k, v);
  }
}
