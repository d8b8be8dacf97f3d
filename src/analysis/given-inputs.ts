// The inputs a caller gives the models of a document (`convshape check --input`): per model, shapes
// by position and by forward argument name (docs/cli.md, "Inputs"). A key of the option record is
// a model's name, `*` for every model, or a forward argument's name (`--input t=[1, 10]`), which
// applies where `*` does: to the models, not to their building blocks.
import type { Shape } from '../engine';
import type { ReplacedInput } from './types';

/** Shapes by position (the first is the model's input) and by forward argument name. */
export interface GivenInputs {
  readonly positional: readonly Shape[];
  readonly named: Readonly<Record<string, Shape>>;
}

/** What a caller gives one key: the first input's shape, or shapes by position and by name. */
export type InputOption =
  Shape | { readonly positional?: readonly Shape[]; readonly named?: Readonly<Record<string, Shape>> };

/** Model (or argument) name → what the caller gives it; `*` applies to every model. */
export type InputOptions = Readonly<Record<string, InputOption>>;

function normalized(option: InputOption | undefined): GivenInputs | undefined {
  if (!option) return undefined;
  if (Array.isArray(option)) return { positional: [option as Shape], named: {} };
  const o = option as Exclude<InputOption, Shape>;
  return { positional: o.positional ?? [], named: o.named ?? {} };
}

/**
 * What the caller gives the model `name`: its own entry first, then (when `everyModel`, i.e. it
 * is not a building block) the `*` entry's positions and the argument-named keys among `params`.
 */
export function givenFor(
  inputs: InputOptions | undefined,
  name: string,
  everyModel: boolean,
  params: readonly string[] = [],
): GivenInputs | undefined {
  if (!inputs) return undefined;
  const own = normalized(inputs[name]);
  const star = everyModel ? normalized(inputs['*']) : undefined;
  const named: Record<string, Shape> = {};
  if (everyModel)
    for (const p of params) {
      const byArg = p !== name && p !== '*' ? inputs[p] : undefined;
      // An argument's key holds one shape (`--input t=[1, 10]`).
      if (Array.isArray(byArg)) named[p] = byArg as Shape;
    }
  Object.assign(named, star?.named, own?.named);
  const positional = [...(own?.positional ?? [])];
  (star?.positional ?? []).forEach((s, i) => (positional[i] ??= s));
  if (positional.length === 0 && Object.keys(named).length === 0) return undefined;
  return { positional, named };
}

/** The first input's shape the caller gives, for models that take one (a module-level Sequential). */
export const firstGiven = (given: GivenInputs | undefined): Shape | undefined => given?.positional[0];

/** The declared inputs the caller replaces, by the offset of their declaration, and the notes. */
export interface InputReplacements {
  readonly at: ReadonlyMap<number, Shape>;
  readonly notes: readonly ReplacedInput[];
}
