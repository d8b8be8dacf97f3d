// Decorators of a `def`: a decorator that is a function of the project is called with the
// function and its result bound, as Python does (`@add_to_class(Net)` that does
// `setattr(Net, fn.__name__, fn)` adds a method to Net and binds None). d2l's `add_to_class`,
// a library the analysis does not read, is known by name. Any other decorator (`torch.no_grad()`,
// `staticmethod`, a library's) leaves the function as written, as does one whose result is not
// understood: the function as written is what the analysis read before decorators were followed.
import type { Args } from './context';
import type { Expr } from '../python';
import { setMember } from './module-names';
import type { Scope } from './scope';
import { type FunctionValue, NONE, type Value } from './values';

type Evaluate = (e: Expr, scope: Scope) => Value;
type Call = (fn: Value, args: Args) => Value;

/** d2l's decorator that sets the function as a method of a class: `@d2l.add_to_class(Net)`. */
const isLibraryAddToClass = (q: string) => /^d2l(\.\w+)*\.add_to_class$/.test(q);

const argsOf = (pos: Value[]): Args => ({ pos, kw: new Map(), unknownRest: false });

/** The value a decorated `def` binds (the function itself when no decorator is followed). */
export function decorate(fn: FunctionValue, scope: Scope, evaluate: Evaluate, call: Call): Value {
  let bound: Value = fn;
  const decorators = fn.def.decorators;
  for (let i = decorators.length - 1; i >= 0; i--) {
    const d = decorators[i];
    const libraryAdd = d.k === 'call' ? addToClassTarget(d, scope, evaluate) : undefined;
    if (libraryAdd) {
      setMember(libraryAdd, { k: 'str', v: fn.def.name }, bound);
      bound = NONE;
      continue;
    }
    const deco = evaluate(d, scope);
    if (deco.k !== 'func' && deco.k !== 'bound') continue;
    const result = call(deco, argsOf([bound]));
    if (result.k !== 'unknown') bound = result;
  }
  return bound;
}

/** The class of `@d2l.add_to_class(Cls)`; undefined for any other decorator. */
function addToClassTarget(d: Extract<Expr, { k: 'call' }>, scope: Scope, evaluate: Evaluate): Value | undefined {
  if (d.args.length !== 1 || d.args[0].star || d.args[0].name) return undefined;
  const callee = evaluate(d.fn, scope);
  if (callee.k !== 'extern' || !isLibraryAddToClass(callee.q)) return undefined;
  const target = evaluate(d.args[0].value, scope);
  return target.k === 'class' ? target : undefined;
}
