// torchvision.models constructors (`resnet50(weights=...)`, `models.vgg16_bn(num_classes=10)`):
// each is a builder written in Python (the prelude-*.ts files) that the interpreter runs like a
// project file, so the model it returns is made of real nn modules: its shapes come from the
// engine's rules, its parameters are counted as for any model, and the surgery people do
// (`m.fc = nn.Linear(m.fc.in_features, 10)`, `m.classifier[-1] = ...`, `list(m.children())[:-1]`)
// works as on a model written in the file. Weights are never read: `weights`, `pretrained` and
// `progress` change nothing the analysis sees.
import type { Range } from '../../../python';
import { ParsedDocument } from '../../../python';
import { type Args, Context } from '../../context';
import { callFunction, execBody } from '../../interpreter';
import type { Origin } from '../../project';
import { Scope } from '../../scope';
import { UNKNOWN_VALUE, type ClassValue, type ObjectValue, type Value, isModuleValue } from '../../values';
import { COMMON } from './prelude-common';
import { CONVNEXT_REGNET } from './prelude-convnext-regnet';
import { INCEPTION_VIT } from './prelude-inception-vit';
import { MOBILE_DENSE } from './prelude-mobile-dense';
import { RESNET_VGG } from './prelude-resnet-vgg';

const TEXT = [COMMON, RESNET_VGG, MOBILE_DENSE, CONVNEXT_REGNET, INCEPTION_VIT].join('\n');

/** Where the builders' code comes from (its layer calls keep no offsets of the analysed file). */
export const TORCHVISION_ORIGIN: Origin = {
  path: 'convshape:torchvision/models.py',
  display: 'torchvision.models',
  text: TEXT,
  version: 'torchvision-0.14',
  library: true,
};

/** The submodules of torchvision.models a constructor may be imported from. */
const SUBMODULES = new Set([
  'resnet',
  'vgg',
  'alexnet',
  'mobilenet',
  'mobilenetv2',
  'mobilenetv3',
  'efficientnet',
  'densenet',
  'squeezenet',
  'convnext',
  'regnet',
  'googlenet',
  'inception',
  'vision_transformer',
  'shufflenetv2',
  'mnasnet',
]);

/** The builders' module scope: run once (its top level only defines classes and functions). */
let prelude: Scope | undefined;

function preludeScope(ctx: Context): Scope {
  if (prelude) return prelude;
  const doc = ParsedDocument.parse(TEXT);
  const run = new Context(TEXT, ctx.limits, ctx.frontends);
  run.foreign = TORCHVISION_ORIGIN;
  const scope = new Scope();
  scope.set('__name__', { k: 'str', v: 'torchvision.models' });
  // Where torchvision raises and ConvShape reports nothing (prelude-inception-vit.ts).
  scope.set('_STOPS', UNKNOWN_VALUE);
  execBody(run, doc.module.body, scope);
  prelude = scope;
  return scope;
}

/** The constructor a qualified name calls (`torchvision.models.resnet.resnet50` → `resnet50`). */
function constructorName(q: string): string | undefined {
  const parts = q.split('.');
  if (parts[0] !== 'torchvision' || parts[1] !== 'models') return undefined;
  const rest = parts.slice(2);
  if (rest.length === 2 && SUBMODULES.has(rest[0])) rest.shift();
  // Lower-case names are the constructors; classes and weight enums are not followed.
  return rest.length === 1 && /^[a-z]\w*$/.test(rest[0]) && !rest[0].startsWith('_') ? rest[0] : undefined;
}

export const isTorchvisionName = (q: string): boolean => q.startsWith('torchvision.models.');

/** Where each model a constructor returned was built in the analysed file. */
const builtAt = new WeakMap<ObjectValue, { readonly call: Range; readonly stmt?: Range }>();

export function builtSite(obj: ObjectValue): { readonly call: Range; readonly stmt?: Range } | undefined {
  return builtAt.get(obj);
}

/** True for an instance of a class the builders define (a torchvision model or block). */
export const isTorchvisionClass = (cls: ClassValue): boolean => cls.origin === TORCHVISION_ORIGIN;

/** `children()` / `named_children()` of a library model or a project module: its submodules in registration order. */
export function libraryModelMethod(obj: ObjectValue, name: string): Value | undefined {
  if (name !== 'children' && name !== 'named_children') return undefined;
  const kids = [...obj.attrs].filter(([, v]) => isModuleValue(v));
  if (kids.length === 0 || [...obj.attrs.values()].some(v => v.k === 'unknown')) return undefined;
  return {
    k: 'list',
    items: kids.map(([key, v]) => (name === 'children' ? v : { k: 'tuple', items: [{ k: 'str', v: key }, v] })),
  };
}

/**
 * The `weights` argument as the builders read it: None, or the name of the weights (`"DEFAULT"`,
 * `"IMAGENET1K_V1"`), whether written as a string or as a member of a `*_Weights` enum; any other
 * value is unknown. Given `weights`, `pretrained` is not read (torchvision's legacy interface).
 */
function withWeightsNamed(args: Args): Args {
  const given = args.kw.get('weights') ?? args.pos[0];
  if (given === undefined) return args;
  const named = weightsName(given);
  const kw = new Map(args.kw);
  kw.delete('pretrained');
  if (args.kw.has('weights')) kw.set('weights', named);
  return { ...args, kw, pos: args.kw.has('weights') ? args.pos : [named, ...args.pos.slice(1)] };
}

function weightsName(v: Value): Value {
  if (v.k === 'none' || v.k === 'str') return v;
  const member = v.k === 'extern' ? /^torchvision\.models\.(?:\w+\.)?\w+_Weights\.(\w+)$/.exec(v.q) : null;
  return member ? { k: 'str', v: member[1] } : UNKNOWN_VALUE;
}

/** Calls `torchvision.models.<name>(...)`: the model it builds, or unknown for one not written. */
export function callTorchvision(ctx: Context, q: string, args: Args): Value {
  const name = constructorName(q);
  const fn = name ? preludeScope(ctx).vars.get(name) : undefined;
  if (fn?.k !== 'func') return UNKNOWN_VALUE;
  const model = callFunction(ctx, fn, withWeightsNamed(args));
  if (model.k === 'object' && args.range && !ctx.foreign)
    builtAt.set(model, { call: args.range, ...(ctx.stmt ? { stmt: ctx.stmt.r } : {}) });
  return model;
}
