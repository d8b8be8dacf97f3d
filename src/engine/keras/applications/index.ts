// keras.applications backbones as one rule each: the constructor's checks and
// `imagenet_utils.obtain_input_shape` (keras/src/applications/imagenet_utils.py) in Keras' words,
// then the architecture run through the engine's layer rules (builder.ts), then the top:
// `include_top` adds the classifier, else `pooling` ('avg' / 'max') or the 4-D feature map.
// Called on a tensor, the application acts as the Functional model it is.
import { type Dim, type Shape, dimDiffers } from '../../dim';
import { type LayerRule, registerRules } from '../../layer';
import { type ArgValue, type Inference, type LayerSpec, type ShapeError, inferred, isUnknown } from '../../types';
import { KerasError, Quiet, guarded, params, pyStr, pyTuple, raise } from '../common';
import { type Application, type Args, type Built, type Net, build, poolingOnly } from './builder';
import { RESNETS } from './resnet';
import { MORE_APPLICATIONS } from './more';
import { VGG_DENSENET, vggTop } from './vgg-densenet';

/** The default top: `GlobalAveragePooling2D(name="avg_pool")`, then `Dense(classes, name="predictions")`. */
function defaultTop(net: Net, x: Shape, a: Args): Shape {
  x = net.layer('GlobalAveragePooling2D', { name: 'avg_pool' }, x);
  return net.layer('Dense', { units: a.classes as number, name: 'predictions' }, x);
}

const denseNetClasses = () => 'If using `weights` as `"imagenet"` with `include_top` as true, `classes` should be 1000';

const APPLICATIONS: Readonly<Record<string, Application>> = Object.fromEntries([
  ...Object.entries(RESNETS).map(([k, body]) => [k, { body, defaultSize: 224, minSize: 32, name: k.toLowerCase() }]),
  ...Object.entries(VGG_DENSENET).map(([k, body]) => [
    k,
    {
      body,
      defaultSize: 224,
      minSize: 32,
      name: k.toLowerCase(),
      ...(k.startsWith('VGG') ? { top: vggTop } : { classesMessage: denseNetClasses }),
    },
  ]),
  ...Object.entries(MORE_APPLICATIONS),
]);

/** `input_shape`: sizes and None. Anything else, a float among them, is not followed (Keras
 *  refuses a size that is not an integer when it builds the Input). */
function shapeArg(v: ArgValue | undefined): Dim[] | null {
  if (v === null || v === undefined) return null;
  if (!Array.isArray(v)) throw new Quiet();
  return v.map(d => {
    if (d !== null && !(typeof d === 'number' && Number.isInteger(d))) throw new Quiet();
    return d;
  });
}

/** The constructor's checks and `obtain_input_shape` (channels_last): the model's input, batch excluded. */
function modelInput(spec: LayerSpec, app: Application): Dim[] {
  const a = spec.args;
  const weights = a.weights;
  const includeTop = a.include_top;
  const classes = a.classes;
  if (isUnknown(weights) || isUnknown(includeTop) || isUnknown(classes) || typeof includeTop !== 'boolean')
    throw new Quiet();
  if (weights !== null && weights !== 'imagenet') throw new Quiet(); // a weights file: Keras checks it exists
  if (weights === 'imagenet' && includeTop && classes !== 1000) {
    const message =
      app.classesMessage?.(pyStr(classes)) ??
      `If using \`weights='imagenet'\` with \`include_top=True\`, \`classes\` should be 1000.  Received classes=${pyStr(classes)}`;
    raise('invalid-argument', message, 'classes');
  }
  if (weights !== null && a.classifier_activation !== 'softmax' && a.classifier_activation !== null) throw new Quiet();
  const given = shapeArg(a.input_shape);
  const shape = app.input ? app.input(a, given) : obtainInputShape(app, a, given);
  if (weights === 'imagenet') app.imagenetCheck?.(a);
  return shape;
}

/** `imagenet_utils.obtain_input_shape` (channels_last, weights None or 'imagenet'). */
function obtainInputShape(app: Application, a: Args, given: Dim[] | null): Dim[] {
  const { weights } = a;
  const includeTop = a.include_top === true;
  const size = typeof app.defaultSize === 'number' ? app.defaultSize : app.defaultSize(given);
  const defaultShape: Dim[] =
    weights !== 'imagenet' && given && given.length === 3 ? [size, size, given[2]] : [size, size, 3];
  if (weights === 'imagenet' && includeTop) {
    if (given !== null && (given.length !== 3 || given.some((d, i) => d !== defaultShape[i]))) {
      raise(
        'invalid-argument',
        `When setting \`include_top=True\` and loading \`imagenet\` weights, \`input_shape\` should be ${pyTuple(defaultShape)}.  Received: input_shape=${pyTuple(given)}`,
        'input_shape',
      );
    }
    return defaultShape;
  }
  let shape: Dim[];
  if (given && given.length > 0) {
    if (given.length !== 3)
      raise('invalid-argument', '`input_shape` must be a tuple of three integers.', 'input_shape');
    if (given[2] !== 3 && weights === 'imagenet')
      raise(
        'invalid-argument',
        `The input must have 3 channels; Received \`input_shape=${pyTuple(given)}\``,
        'input_shape',
      );
    const m = app.minSize;
    if ((given[0] !== null && (given[0] as number) < m) || (given[1] !== null && (given[1] as number) < m)) {
      raise(
        'invalid-argument',
        `Input size must be at least ${m}x${m}; Received: input_shape=${pyTuple(given)}`,
        'input_shape',
      );
    }
    shape = given;
  } else shape = includeTop ? defaultShape : [null, null, 3];
  if (includeTop && shape.includes(null)) {
    raise(
      'invalid-argument',
      `If \`include_top\` is True, you should specify a static \`input_shape\`. Received: input_shape=${pyTuple(shape)}`,
      'input_shape',
    );
  }
  return shape;
}

/** The whole model on an input: body, then the top or the pooling. */
function run(spec: LayerSpec, app: Application, x: Shape): Built | undefined {
  const a = spec.args;
  return build(net => {
    const y = app.body(net, x, a);
    if (a.include_top === true) return (app.top ?? defaultTop)(net, y, a);
    return (app.noTop ?? poolingOnly)(net, y, a);
  });
}

const memo = new Map<string, Built | undefined>();

function ownBuild(spec: LayerSpec): Built | undefined {
  const key = JSON.stringify(spec);
  if (memo.has(key)) return memo.get(key);
  const app = APPLICATIONS[spec.kind];
  let result: Built | undefined;
  try {
    result = run(spec, app, [null, ...modelInput(spec, app)]);
  } catch (e) {
    if (e instanceof KerasError) result = { ok: false, error: e.error };
    else if (e instanceof Quiet) result = undefined;
    else throw e;
  }
  if (memo.size > 200) memo.clear();
  memo.set(key, result);
  return result;
}

/** The model called on an input: its own build when that is the input it was built on, else cached per input. */
function rerun(spec: LayerSpec, x: Shape): Built | undefined {
  const key = JSON.stringify([spec, x]);
  if (memo.has(key)) return memo.get(key);
  const result = run(spec, APPLICATIONS[spec.kind], x);
  if (memo.size > 200) memo.clear();
  memo.set(key, result);
  return result;
}

function constructionError(spec: LayerSpec): ShapeError | undefined {
  const built = ownBuild(spec);
  return built && !built.ok ? built.error : undefined;
}

function inferApplication(spec: LayerSpec, inputs: readonly Shape[]): Inference {
  return guarded(() => {
    const own = ownBuild(spec);
    if (!own) throw new Quiet();
    if (!own.ok) throw new KerasError(own.error);
    const x = inputs[0];
    if (!x) return inferred(own.output);
    const expected = modelInput(spec, APPLICATIONS[spec.kind]);
    // On another input the graph runs again; a fixed size it does not have is Keras' input check.
    if (x.length !== 4 || expected.some((d, i) => d !== null && (x[i + 1] === null || dimDiffers(x[i + 1], d))))
      throw new Quiet();
    const again = JSON.stringify(x) === JSON.stringify([null, ...expected]) ? own : rerun(spec, x);
    if (!again) throw new Quiet();
    if (!again.ok) throw new KerasError(again.error);
    return inferred(again.output, {
      notes: [`keras.applications.${spec.kind}, ${own.trainable + own.frozen} weights`],
    });
  });
}

export const applicationRule: LayerRule = {
  framework: 'keras',
  kinds: Object.keys(APPLICATIONS),
  signature: kind =>
    params(
      ['include_top', true],
      ['weights', 'imagenet'],
      ['input_tensor', null],
      ['input_shape', null],
      ['pooling', null],
      ['classes', 1000],
      ['classifier_activation', 'softmax'],
      ...(APPLICATIONS[kind].extra ?? []),
      ['name', APPLICATIONS[kind].name],
    ),
  validate: constructionError,
  infer: inferApplication,
  params(spec) {
    const built = ownBuild(spec);
    return built?.ok ? built.trainable : undefined;
  },
  frozenParams(spec) {
    const built = ownBuild(spec);
    return built?.ok ? built.frozen : undefined;
  },
};

/** The input an application builds itself on (with the batch axis), when its arguments are known. */
export function applicationInput(spec: LayerSpec): Shape | undefined {
  try {
    return [null, ...modelInput(spec, APPLICATIONS[spec.kind])];
  } catch (e) {
    if (e instanceof Quiet || e instanceof KerasError) return undefined;
    throw e;
  }
}

/** The name Keras gives the model when the call names none, where it depends on the arguments. */
export function applicationName(spec: LayerSpec): string | undefined {
  const app = APPLICATIONS[spec.kind];
  if (!app.modelName) return undefined;
  try {
    return app.modelName(spec.args, modelInput(spec, app));
  } catch (e) {
    if (e instanceof Quiet || e instanceof KerasError) return undefined;
    throw e;
  }
}

registerRules([applicationRule]);
