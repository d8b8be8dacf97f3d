// Attribute access: `nn.Conv2d` (a qualified name), `self.conv1` (a module attribute),
// `self.fc.in_features` (a constructor argument), `x.shape`, `layers.append`, `super().__init__`.
import { libraryConstant } from './scalar-libraries';
import type { ArgValue } from '../engine';
import { isUnknown, layerParamShape } from '../engine';
import { canonicalName } from '../python';
import type { Context } from './context';
import { namespaceView } from './namespace-view';
import { moduleAttr } from './project-imports';
import { type ClassValue, type FunctionValue, NONE, UNKNOWN_VALUE, type Value, freshTensor } from './values';
import { instanceDict, isInstanceDict } from './instance-dict';

/** Looks a name up on a class and its bases of this file (depth first, like a simple MRO). */
export function findInClass(cls: ClassValue, name: string, seen = new Set<ClassValue>()): Value | undefined {
  if (seen.has(cls)) return undefined;
  seen.add(cls);
  const own = cls.attrs.get(name);
  if (own !== undefined) return own;
  for (const base of cls.bases) {
    if (base.k === 'class') {
      const found = findInClass(base, name, seen);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

export function argToValue(a: ArgValue): Value {
  if (a === null) return NONE;
  if (typeof a === 'number') return Number.isInteger(a) ? { k: 'int', v: a } : { k: 'float', v: a };
  if (typeof a === 'string') return { k: 'str', v: a };
  if (typeof a === 'boolean') return { k: 'bool', v: a };
  if (Array.isArray(a)) return { k: 'tuple', items: (a as readonly ArgValue[]).map(argToValue) };
  if (isUnknown(a)) return UNKNOWN_VALUE;
  return { k: 'dim', d: a as Extract<ArgValue, { kind: 'expr' }> };
}

/** Methods of nn.Module that return the module itself (`model.to(device).eval()`). */
export const SELF_RETURNING = new Set([
  'to',
  'eval',
  'train',
  'cuda',
  'cpu',
  'float',
  'double',
  'half',
  'requires_grad_',
  'apply',
  'type',
]);

const bind = (fn: FunctionValue, self: Value): Value => ({ k: 'bound', fn, self });

export function getAttr(ctx: Context, obj: Value, name: string): Value {
  switch (obj.k) {
    case 'extern': {
      const q = canonicalName(`${obj.q}.${name}`);
      return libraryConstant(q) ?? { k: 'extern', q };
    }
    case 'module':
      return name === '__dict__' ? namespaceView(obj) : moduleAttr(ctx, obj.module, name);
    case 'kmodel':
    case 'tensor':
      return frontendAttr(ctx, obj, name);
    case 'builtin':
      // `object.__setattr__(self, name, value)`: how a frozen dataclass sets a field.
      return obj.name === 'object' && name === '__setattr__' ? { k: 'builtin', name: 'setattr' } : UNKNOWN_VALUE;
    case 'object': {
      const own = obj.attrs.get(name);
      const inClass = findInClass(obj.cls, name);
      // Its own attributes as a dict, written through by config classes (instance-dict.ts).
      if (name === '__dict__' && own === undefined && inClass === undefined) return instanceDict(obj);
      // After a member set under an unknown name, any member but a method may be that one.
      if (obj.opaque && inClass?.k !== 'func') return UNKNOWN_VALUE;
      if (own !== undefined) return own;
      if (inClass?.k === 'func') return bind(inClass, obj);
      if (inClass !== undefined) return inClass;
      // A base not read may set or define anything: what the class's own code does not is unknown.
      if (obj.cls.unfollowedBase || name === 'training') return UNKNOWN_VALUE;
      return { k: 'method', self: obj, name };
    }
    case 'class': {
      if (name === '__dict__') return namespaceView(obj);
      const found = findInClass(obj, name);
      // `block.__name__`: names built from a class (`"{}_{}".format(block.__name__, i)`).
      if (found === undefined && (name === '__name__' || name === '__qualname__')) return { k: 'str', v: obj.def.name };
      return found ?? UNKNOWN_VALUE;
    }
    case 'func':
      return name === '__name__' || name === '__qualname__' ? { k: 'str', v: obj.def.name } : UNKNOWN_VALUE;
    case 'super': {
      for (const base of obj.cls.bases) {
        if (base.k === 'class') {
          const found = findInClass(base, name);
          if (found?.k === 'func') return bind(found, obj.self);
          if (found !== undefined) return found;
        }
      }
      // The library base's own methods (its __init__, a forward it defines) are not read.
      if (obj.self.k === 'object' && obj.self.cls.unfollowedBase) return UNKNOWN_VALUE;
      // nn.Module.__init__ and friends: nothing to interpret.
      return { k: 'method', self: obj.self, name: `super.${name}` };
    }
    case 'layer': {
      // `bias` names both a constructor argument and the parameter; the attribute is the parameter.
      if (name === 'weight' || name === 'bias') {
        if (name === 'bias' && obj.spec?.args.bias === false) return NONE;
        const shape = obj.spec && layerParamShape(obj.spec, name);
        // A view of a parameter the layer counts already (a second name for it adds none).
        return freshTensor(shape ?? null);
      }
      if (obj.spec && name in obj.spec.args) return argToValue(obj.spec.args[name]);
      return { k: 'method', self: obj, name };
    }
    case 'container': {
      const at = obj.keys.indexOf(name);
      if (at >= 0) return obj.opaque ? UNKNOWN_VALUE : obj.items[at];
      return { k: 'method', self: obj, name };
    }
    case 'list':
    case 'dict':
    case 'str':
    case 'tuple':
      return { k: 'method', self: obj, name };
    case 'method':
      // `self.__dict__.update`: a method of an instance's own attributes.
      return isInstanceDict(obj) ? { k: 'method', self: obj, name } : UNKNOWN_VALUE;
    default:
      return UNKNOWN_VALUE;
  }
}

/** An attribute of a tensor or a graph model: the front end that answers it. */
function frontendAttr(ctx: Context, obj: Value, name: string): Value {
  for (const f of ctx.frontends) {
    const answered = f.getAttr?.(ctx, obj, name);
    if (answered) return answered;
  }
  return UNKNOWN_VALUE;
}
