// `--input` for a Keras model built at module level: the caller's shapes take the place of the
// inputs the code declares (`keras.Input(shape=...)`, `input_shape=` on the first layer,
// `model.build(...)`), by position or by an Input's `name=` (docs/cli.md, "Inputs"). Found after a first run of the top
// level; the analysis then runs again with them (context.ts `replacing`). A shape whose rank
// differs from the declared one is refused, not applied: the CLI says so.
import type { Shape } from '../../engine';
import type { Context } from '../context';
import { type InputOptions, type InputReplacements, givenFor } from '../given-inputs';
import type { Scope } from '../scope';
import type { ReplacedInput } from '../types';
import type { GraphModelValue, Value } from '../values';
import { kerasState } from './state';
import { modelRange, tensorsIn, variableOf } from './analysis';

/** Each input of the model: the offset of its declaration (if any) and the shape declared there. */
function declarations(m: GraphModelValue): { at?: number; shape: Shape | null | undefined }[] {
  if (m.kind === 'Sequential')
    return [m.input === undefined ? { at: m.site.call.start, shape: undefined } : { at: m.inputAt, shape: m.input }];
  return tensorsIn(m.inputs).map((t: Value) => ({
    at: t.k === 'tensor' ? t.graph?.declared : undefined,
    shape: t.k === 'tensor' ? t.shape : null,
  }));
}

const text = (s: Shape | null) =>
  s ? `(${s.map(d => (d === null ? 'None' : typeof d === 'number' ? d : '…')).join(', ')})` : '?';

export function kerasReplacedInputs(ctx: Context, scope: Scope, inputs: InputOptions): InputReplacements | undefined {
  const at = new Map<number, Shape>();
  const notes: ReplacedInput[] = [];
  for (const m of kerasState(ctx).models) {
    if (m.site.from) continue; // another file's model
    const variable = variableOf(scope, m);
    const model = variable ?? m.layerName;
    const declared = declarations(m);
    // An Input's `name=` is an argument name (`--input image=...`, `--input model.image=...`), as
    // Keras takes a dict of inputs by those names.
    const names = declared.map(d => (d.at === undefined ? undefined : kerasState(ctx).inputNames.get(d.at)));
    const given = givenFor(
      inputs,
      model,
      true,
      names.filter((n): n is string => n !== undefined),
    );
    if (!given) continue;
    const range = modelRange(ctx.text, m, variable);
    declared.forEach((d, i) => {
      const named = names[i] !== undefined ? given.named[names[i]!] : undefined;
      const shape = named ?? given.positional[i];
      const byName = named !== undefined || inputs[model] !== undefined;
      if (!shape) return;
      const declared = d.shape ?? null;
      let refused: string | undefined;
      if (d.at === undefined) refused = 'its input is not declared where --input can replace it';
      else if (declared && declared.length !== shape.length)
        refused = `its input ${text(declared)} has rank ${declared.length} (with the batch), --input gives rank ${shape.length}`;
      if (!refused) at.set(d.at!, shape);
      // A Sequential that declares no input is simply built on it: nothing replaced, nothing to say.
      if (d.shape !== undefined || refused)
        notes.push({ model, range, given: shape, declared, byName, ...(refused ? { refused } : {}) });
    });
  }
  return at.size || notes.length ? { at, notes } : undefined;
}
