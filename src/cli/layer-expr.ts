// Turns the EXPR of `convshape explain` into a bound layer: parse the call, pick the framework
// from its prefix (`nn.`, `torch.nn.`, `layers.`, `keras.layers.`, `tf.keras.layers.`) or from
// --framework, and bind the literal arguments to the layer's signature.
import { bindLayer, findRule, type ArgValue, type BindResult, type Framework } from '../engine';
import { floatForIntParam } from '../analysis/pytorch/float-sizes';
import { parseCallExpression, type PyLiteral } from '../python/call-expression';
import { UsageError } from './io';

const PREFIXES: readonly [RegExp, Framework][] = [
  [/^(?:torch\.nn|nn)\.([A-Za-z_]\w*)$/, 'pytorch'],
  [/^(?:tf\.keras\.layers|tensorflow\.keras\.layers|keras\.layers|layers|tf\.keras|keras)\.([A-Za-z_]\w*)$/, 'keras'],
];

export interface LayerExpr {
  readonly framework: Framework;
  /** The class name as written (`Conv2d`); the bound spec has the canonical kind. */
  readonly name: string;
  readonly bound: BindResult;
}

const FRAMEWORK_TITLE: Record<Framework, string> = { pytorch: 'PyTorch', keras: 'Keras' };

/** The layer an EXPR constructs; UsageError when it cannot be read or names no known layer. */
export function readLayerExpr(expr: string, framework?: Framework): LayerExpr {
  const parsed = parseCallExpression(expr);
  if (!parsed.ok) throw new UsageError(`cannot read EXPR '${expr}': ${parsed.problem}`);
  const { callee, positional, keywords } = parsed.call;
  const { framework: chosen, name } = resolveFramework(callee, framework);
  const kwargs: Record<string, ArgValue> = {};
  for (const k of keywords) kwargs[k.name] = toArgValue(k.value);
  const layerName = chosen === 'keras' && typeof kwargs.name === 'string' ? kwargs.name : undefined;
  const bound = bindLayer(chosen, name, positional.map(toArgValue), kwargs, layerName ? { layerName } : {});
  if (!bound) throw new UsageError(`unknown ${FRAMEWORK_TITLE[chosen]} layer '${callee}'`);
  // A float for an integer (`nn.Linear(64.0, 10)`): the numbers read as ints, but PyTorch raises.
  const floatParam = chosen === 'pytorch' && bound.ok ? floatForIntParam(name, parsed.call.floats) : undefined;
  if (floatParam !== undefined) {
    const message = `${floatParam} is given a float; PyTorch wants an int there and raises a TypeError`;
    return { framework: chosen, name, bound: { ok: false, error: { code: 'invalid-argument', message } } };
  }
  return { framework: chosen, name, bound };
}

function resolveFramework(callee: string, requested?: Framework): { framework: Framework; name: string } {
  for (const [pattern, framework] of PREFIXES) {
    const m = pattern.exec(callee);
    if (!m) continue;
    if (requested && requested !== framework) {
      throw new UsageError(
        `'${callee}' is a ${FRAMEWORK_TITLE[framework]} layer, but --framework ${requested} was given`,
      );
    }
    return { framework, name: m[1] };
  }
  const name = callee.slice(callee.lastIndexOf('.') + 1);
  if (requested) return { framework: requested, name };
  if (callee.includes('.'))
    throw new UsageError(`cannot tell the framework of '${callee}'; write nn.X or layers.X, or pass --framework`);
  const known = (['pytorch', 'keras'] as const).filter(f => findRule(f, name));
  if (known.length === 1) return { framework: known[0], name };
  if (known.length === 0) throw new UsageError(`unknown layer '${callee}'`);
  throw new UsageError(`'${callee}' exists in PyTorch and Keras; pass --framework`);
}

/** Python literals are engine argument values as they are (tuples and lists become arrays). */
function toArgValue(v: PyLiteral): ArgValue {
  return Array.isArray(v) ? v.map(toArgValue) : (v as ArgValue);
}
