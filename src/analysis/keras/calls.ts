// `keras.*` names as the interpreter calls them (imports resolve `tf.keras`, `tensorflow.keras`
// and `from keras import layers` to canonical `keras.` names): Input, Sequential, Model, layer
// classes, the lower-case merge functions, set_image_data_format; and the methods of Keras
// models (`add`, `build`, `summary`, ...).
import { type Args, type Context, noArgs } from '../context';
import { kerasState } from './state';
import { findRule } from '../../engine';
import { MERGE_FUNCTIONS, UNKNOWN_DATA_FORMAT, constructKerasLayer } from './layers';
import {
  addToSequential,
  applyKeras,
  buildSequential,
  replacedAt,
  kerasInput,
  kerasInputTensor,
  makeFunctional,
  makeSequential,
} from './models';
import { type GraphModelValue, NONE, type ObjectValue, UNKNOWN_VALUE, type Value } from '../values';

type Call = (ctx: Context, fn: Value, args: Args) => Value;

const INPUT = new Set(['keras.Input', 'keras.layers.Input']);
const SEQUENTIAL = new Set(['keras.Sequential', 'keras.models.Sequential']);
const MODEL = new Set(['keras.Model', 'keras.models.Model']);
const DATA_FORMAT = new Set(['keras.backend.set_image_data_format', 'keras.config.set_image_data_format']);

/** Bases that make a class a Keras model (not just a layer). */
const MODEL_BASES = new Set(['keras.Model', 'keras.models.Model']);

export function isKerasModelClass(cls: ObjectValue['cls']): boolean {
  return cls.bases.some(b => (b.k === 'extern' && MODEL_BASES.has(b.q)) || (b.k === 'class' && isKerasModelClass(b)));
}

export function callKeras(ctx: Context, q: string, args: Args, call: Call): Value {
  if (INPUT.has(q)) return kerasInput(ctx, args);
  if (SEQUENTIAL.has(q)) return makeSequential(ctx, args);
  if (MODEL.has(q)) return makeFunctional(ctx, args);
  if (DATA_FORMAT.has(q)) {
    const [format] = args.pos;
    if (format?.k === 'str' && (format.v === 'channels_first' || format.v === 'channels_last'))
      kerasState(ctx).dataFormat = format.v;
    // Set to a format not understood: layers' format is unknown, not the default channels_last.
    else kerasState(ctx).dataFormat = UNKNOWN_DATA_FORMAT;
    return NONE;
  }
  if (q.startsWith('keras.applications.')) {
    // `keras.applications.ResNet50(...)`, `keras.applications.resnet50.ResNet50(...)`: a backbone
    // the engine builds; `<module>.preprocess_input(x)` scales values and keeps the shape.
    const name = q.slice(q.lastIndexOf('.') + 1);
    if (name === 'preprocess_input') return args.pos[0] ?? args.kw.get('x') ?? UNKNOWN_VALUE;
    if (/^[A-Z]/.test(name) && findRule('keras', name)) return constructKerasLayer(ctx, name, args);
    return UNKNOWN_VALUE;
  }
  if (q.startsWith('keras.layers.')) {
    const name = q.slice('keras.layers.'.length);
    if (name in MERGE_FUNCTIONS) return mergeFunction(ctx, MERGE_FUNCTIONS[name], args, call);
    return constructKerasLayer(ctx, name, args);
  }
  return UNKNOWN_VALUE;
}

/** `layers.add([a, b])` = `layers.Add()([a, b])`: one rule, named as Keras names the layer it makes. */
function mergeFunction(ctx: Context, kind: string, args: Args, call: Call): Value {
  const [inputs] = args.pos;
  const kw = new Map(args.kw);
  kw.delete('inputs');
  const layer = constructKerasLayer(ctx, kind, {
    pos: [],
    kw,
    unknownRest: args.unknownRest,
    kwExprs: args.kwExprs,
    range: args.range,
    calleeText: args.calleeText,
  });
  const given = inputs ?? args.kw.get('inputs');
  if (!given) return UNKNOWN_VALUE;
  const expr = args.posExprs?.[0] ?? args.kwExprs?.get('inputs');
  return applyKeras(
    ctx,
    layer,
    { pos: [given], kw: new Map(), unknownRest: false, posExprs: [expr], range: args.range },
    call,
  );
}

function shapeArg(v: Value | undefined) {
  if (!v || (v.k !== 'tuple' && v.k !== 'list')) return undefined;
  return v.items.map(i => (i.k === 'int' ? i.v : i.k === 'dim' ? i.d : null));
}

/** Methods of a Keras Sequential/Functional model. */
export function callKerasModelMethod(ctx: Context, m: GraphModelValue, name: string, args: Args, call: Call): Value {
  const [a] = args.pos;
  switch (name) {
    case 'add':
      if (m.kind === 'Sequential' && a) addToSequential(ctx, m, a, args, call);
      return NONE;
    case 'build': {
      const at = args.range?.start;
      const shape = replacedAt(ctx, at) ?? shapeArg(a ?? args.kw.get('input_shape'));
      if (m.kind === 'Sequential' && shape && m.input === undefined) {
        buildSequential(ctx, m, shape, call);
        m.inputAt = at;
      }
      return NONE;
    }
    case 'pop':
      if (m.kind === 'Sequential' && m.input === undefined) return m.items.pop() ?? UNKNOWN_VALUE;
      return UNKNOWN_VALUE;
    case 'summary':
    case 'compile':
      return NONE;
    case '__call__':
    case 'call':
      return applyKeras(ctx, m, args, call);
    default:
      return UNKNOWN_VALUE;
  }
}

/** `model.build((None, 28, 28, 1))` on a subclassed model: Keras runs `call` on that shape. */
export function buildKerasObject(ctx: Context, obj: ObjectValue, args: Args, call: Call): Value {
  const shape = shapeArg(args.pos[0] ?? args.kw.get('input_shape'));
  if (shape) call(ctx, obj, noArgs([kerasInputTensor(shape)]));
  return NONE;
}

/** Attributes of a Keras model: `model.layers`, `model.input`, `model.output`, `model.name`. */
export function kerasModelAttr(m: GraphModelValue, name: string): Value {
  switch (name) {
    case 'layers':
      return {
        k: 'list',
        items:
          m.kind === 'Sequential' ? [...m.items] : (m.nodes ?? []).map(n => n.callee).filter((c): c is Value => !!c),
      };
    case 'input':
    case 'inputs':
      return m.inputs ?? (m.input !== undefined ? kerasInputTensor(m.input) : UNKNOWN_VALUE);
    case 'output':
    case 'outputs':
      return m.outputs ?? m.output ?? UNKNOWN_VALUE;
    case 'name':
      return { k: 'str', v: m.layerName };
    default:
      return { k: 'method', self: m, name };
  }
}
