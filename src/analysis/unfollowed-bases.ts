// Classes whose base is a library class the analysis does not read: `class Head(BaseModule)` with
// BaseModule from mmcv, `class Net(pl.LightningModule)`, `class Block(timm.layers.SomeBase)`.
//
// Such a class is its front end's module by its own code alone: it defines the front end's
// forward method (PyTorch: `forward`, and no `__call__` of its own, which would be what calling
// it runs), and each instance's own `__init__` assigns at least one of that front end's modules to
// `self` (`instantiate` returns unknown for an instance that does not). What the base brings is
// unknown, never assumed: a member the class's own code does not set or define (an attribute the
// base's `__init__` sets, a method it inherits, `super().anything(...)`) is unknown; the base may
// own parameters, so a model holding such a module has no parameter total (its own layers keep
// theirs). Residual risks, accepted and documented in docs/design.md: a base that overrides
// `__call__` (or registers forward hooks) may make calling the instance do something other than
// its `forward`, and a base method may replace a module the class assigned itself.
import type { ClassDef } from '../python';
import type { ClassValue, ObjectValue, Value } from './values';

/** Libraries whose classes are no modules (a NamedTuple, an Enum, an ABC). */
const PLAIN_BASES = /^(typing|typing_extensions|collections|enum|abc|dataclasses|builtins|argparse)\./;

/** The class derives, directly or through classes of the project, from a class the analysis does not read. */
export function mayBeModule(cls: ClassValue, seen = new Set<ClassValue>()): boolean {
  if (seen.has(cls)) return false;
  seen.add(cls);
  return cls.bases.some(b => (b.k === 'class' ? mayBeModule(b, seen) : isLibraryBase(b)));
}

/** A base value that is a class not read: an imported library name, or a value not understood. */
const isLibraryBase = (b: Value): boolean => b.k === 'unknown' || (b.k === 'extern' && !PLAIN_BASES.test(b.q));

/** One of a class's bases (no front end's known base among them) that the analysis does not read. */
export function isUnfollowedBase(b: Value): boolean {
  return b.k === 'class' ? !b.isModule && mayBeModule(b) : isLibraryBase(b);
}

/** The names a class statement binds in its own body (`def forward`, `forward = _impl`) and that
 *  its bases of the project define. */
export function namesDefined(def: ClassDef, bases: readonly Value[]): Set<string> {
  const names = new Set<string>();
  for (const s of def.body) {
    if (s.k === 'def') names.add(s.def.name);
    else if (s.k === 'assign') for (const t of s.targets) if (t.k === 'name') names.add(t.id);
  }
  const seen = new Set<ClassValue>();
  const inherit = (cls: ClassValue): void => {
    if (seen.has(cls)) return;
    seen.add(cls);
    for (const k of cls.attrs.keys()) names.add(k);
    for (const b of cls.bases) if (b.k === 'class') inherit(b);
  };
  for (const b of bases) if (b.k === 'class') inherit(b);
  return names;
}

/** The instance holds a module of its class's front end that its own code assigned to `self`. */
export function holdsOwnModule(obj: ObjectValue): boolean {
  const framework = obj.cls.framework;
  for (const v of obj.attrs.values()) {
    if ((v.k === 'layer' || v.k === 'container' || v.k === 'kmodel') && v.framework === framework) return true;
    if (v.k === 'object' && v.cls.isModule && v.cls.framework === framework) return true;
  }
  return false;
}
