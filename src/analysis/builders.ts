// Models built by functions the file never calls: `def vgg16(**kw): return VGG(make_layers(...), **kw)`,
// `def resnet18(num_classes=1000)`, Keras' `def get_model(img_size, num_classes): ... return
// keras.Model(inputs, outputs)`. A library of such functions is how model files are written; the
// caller is elsewhere. Each is called once after the module's top level, as if the file ended
// with `NAME = NAME()`: defaults as written, every required parameter unknown. When it returns a
// model, the model is bound to the function's name (so it is named after it) and remembered in
// `ctx.builtBy`; the class it instantiated is then not also run on its own.
import { reportUnexpected } from '../common/internal-errors';
import type { Stmt } from '../python';
import { type Args, BudgetExceeded, type Context, type Limits } from './context';
import { callFunction } from './interpreter';
import type { Scope } from './scope';
import { type ClassValue, type FunctionValue, UNKNOWN_VALUE, type Value, isModuleValue } from './values';

/** The arguments of a builder's call: every parameter without a default is unknown. */
export function builderArgs(fn: FunctionValue): Args {
  const kw = new Map<string, Value>();
  for (const p of fn.def.params) if (p.kind === 'normal' && !p.default) kw.set(p.name, UNKNOWN_VALUE);
  return { pos: [], kw, unknownRest: false };
}

/** The name appears nowhere but in its `def` and in comment lines: no call, no reference, not even in a string. */
function neverNamed(text: string, name: string): boolean {
  const code = text.replace(/^[ \t]*#.*$/gm, '');
  return (code.match(new RegExp(`(?<![\\w.])${name}(?!\\w)`, 'g')) ?? []).length === 1;
}

/** A function whose body returns a value (a builder), as opposed to a script's `main()` or a helper that only acts. */
function returnsValue(body: readonly Stmt[]): boolean {
  return body.some(
    s => (s.k === 'return' && s.value !== undefined) || (s.k === 'if' && s.branches.some(b => returnsValue(b.body))),
  );
}

/** Calls each module-level builder function the file never calls; see the file comment. */
export function runBuilders(ctx: Context, scope: Scope, body: readonly Stmt[], limits: Limits): void {
  // Classes the top level itself builds or calls stay models of their own.
  const usedAtTopLevel = new Set(ctx.samples.keys());
  for (const stmt of body) {
    if (stmt.k !== 'def' || stmt.def.name.startsWith('_') || !returnsValue(stmt.def.body)) continue;
    const fn = scope.vars.get(stmt.def.name);
    if (fn?.k !== 'func' || fn.def !== stmt.def || !neverNamed(ctx.text, stmt.def.name)) continue;
    ctx.stepLimit = ctx.steps + limits.maxSteps;
    try {
      const built = callFunction(ctx, fn, builderArgs(fn));
      if (isModuleValue(built)) {
        scope.set(stmt.def.name, built);
        ctx.builtBy.set(built, fn);
        if (built.k === 'object' && usedAtTopLevel.has(built.cls)) ctx.keptClasses.add(built.cls);
      }
    } catch (e) {
      if (!(e instanceof BudgetExceeded) && !(e instanceof RangeError)) throw e;
      reportUnexpected('analysis.builder', e); // the budget and the stack are expected
    } finally {
      ctx.phase = 'module';
      ctx.uncertain = 0;
      ctx.depth = 0;
      ctx.frames.length = 0;
      ctx.instStack.length = 0;
    }
  }
}

/** The classes whose instances builders returned: their models are the builders'. */
export function builtClasses(ctx: Context): Set<ClassValue> {
  const out = new Set<ClassValue>();
  for (const v of ctx.builtBy.keys()) if (v.k === 'object' && !ctx.keptClasses.has(v.cls)) out.add(v.cls);
  return out;
}
