// A float where a torch.nn module wants an integer (`nn.Linear(dim / 2, 10)`, `nn.Conv2d(3, 16,
// 3.0)`, `nn.MaxPool2d(2.5)`): PyTorch raises a TypeError, at construction or at the call, in
// words that vary by module and argument. The engine's arguments are plain numbers, in which 64.0
// is 64 (and some rules read 2.5 as a size); so such a module is not understood and its calls are
// unknown, never the shape an int would have given.
import { findRule, signatureOf } from '../../engine';
import type { Args } from '../context';
import type { Value } from '../values';

/** torch.nn modules' parameters that take a float; every other one takes ints, bools or strings. */
const FLOAT_PARAMS = new Set([
  'p',
  'eps',
  'layer_norm_eps',
  'momentum',
  'dropout',
  'negative_slope',
  'alpha',
  'beta',
  'lambd',
  'min_val',
  'max_val',
  'threshold',
  'value',
  'lower',
  'upper',
  'init',
  'k',
  'scale_factor',
  'norm_type',
  'max_norm',
  'output_ratio',
  'margin',
  'delta',
  'label_smoothing',
]);

/** A float, itself or inside a tuple or list. */
function holdsFloat(v: Value): boolean {
  if (v.k === 'float') return true;
  if (v.k === 'tuple' || v.k === 'list') return v.items.some(holdsFloat);
  return false;
}

/** Where floats were given: positional indices and keyword names. */
export interface FloatArgs {
  readonly positional: readonly number[];
  readonly keywords: readonly string[];
}

/**
 * The first parameter of the torch.nn module `name` given a float it does not take;
 * undefined: none. One rule for the analysis and `convshape explain`.
 */
export function floatForIntParam(name: string, floats: FloatArgs): string | undefined {
  const found = findRule('pytorch', name);
  if (!found) return undefined;
  const { positional } = signatureOf(found.rule, found.kind);
  const params = [...floats.positional.map(i => positional[i]?.name ?? `#${i}`), ...floats.keywords];
  return params.find(param => !FLOAT_PARAMS.has(param));
}

/** `floatForIntParam` of a call the interpreter evaluated. */
export function floatForInt(name: string, args: Args): string | undefined {
  // Most calls give no float at all: no list to make, no parameter to look up.
  if (!args.pos.some(holdsFloat) && !someValue(args.kw, holdsFloat)) return undefined;
  const positional = args.pos.flatMap((v, i) => (holdsFloat(v) ? [i] : []));
  const keywords = [...args.kw].flatMap(([k, v]) => (holdsFloat(v) ? [k] : []));
  return floatForIntParam(name, { positional, keywords });
}

function someValue<V>(map: ReadonlyMap<string, V>, test: (v: V) => boolean): boolean {
  for (const v of map.values()) if (test(v)) return true;
  return false;
}
