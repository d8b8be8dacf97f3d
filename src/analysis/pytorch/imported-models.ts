// A model the document only instantiates, its class imported from another file of the project
// (`from models import Net; model = Net(); model(torch.randn(1, 3, 32, 32))`): run as a model of
// this document, named after its class and placed at the constructor call, with the sample
// input and constructor arguments written here.
import type { Context } from '../context';
import { runModel } from '../forward';
import { forwardOf, type ModelJob, type NamedRun } from '../frontend';
import { givenFor } from '../given-inputs';
import { forwardParams } from '../inputs';
import type { Scope } from '../scope';
import type { ClassValue } from '../values';

export function runImportedModels(ctx: Context, scope: Scope, { inputs, limits }: ModelJob): NamedRun[] {
  const out: NamedRun[] = [];
  const seen = new Set<ClassValue>();
  for (const [name, v] of scope.vars) {
    if (v.k !== 'object' || !v.cls.isModule || v.cls.framework !== 'pytorch' || !v.cls.origin || v.cls.origin.library)
      continue;
    // A builder function's model is named after the function (models.ts); another file's site has no range here.
    if (ctx.builtBy.has(v) || !v.site || v.site.from || v.site.tainted || seen.has(v.cls)) continue;
    seen.add(v.cls);
    const option =
      givenFor(inputs, name, false) ?? givenFor(inputs, v.cls.def.name, true, forwardParams(forwardOf(ctx, v.cls)));
    const { cls: _cls, ...run } = runModel(ctx, v.cls, option, limits.maxSteps);
    out.push({ ...run, name: v.cls.def.name, range: v.site.call });
  }
  return out;
}
