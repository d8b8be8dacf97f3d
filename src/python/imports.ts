// Import forms and aliases: which local name stands for which qualified name, so that a dotted
// callee (`nn.Conv2d`, `F.relu`, `layers.Conv2D`) resolves to a canonical name
// (`torch.nn.Conv2d`, `torch.nn.functional.relu`, `keras.layers.Conv2D`).
import type { Expr, ImportedName } from './syntax';

/** Spellings that name the same thing; the canonical one is used everywhere downstream. */
const CANONICAL_PREFIXES: readonly [string, string][] = [
  ['tensorflow.keras', 'keras'],
  ['tf.keras', 'keras'],
  ['tensorflow.python.keras', 'keras'],
  ['torch.nn.modules', 'torch.nn'],
];

/** `tensorflow.keras.layers.Conv2D` → `keras.layers.Conv2D`; `torch.nn.modules.conv.Conv2d` → `torch.nn.Conv2d`.
 *  Asked at every call of a dotted callee: each name is worked out once (bounded; emptied when full). */
export function canonicalName(qname: string): string {
  let canonical = canonicalNames.get(qname);
  if (canonical === undefined) {
    if (canonicalNames.size >= MAX_CANONICAL_NAMES) canonicalNames.clear();
    canonicalNames.set(qname, (canonical = canonicalOf(qname)));
  }
  return canonical;
}

const canonicalNames = new Map<string, string>();
const MAX_CANONICAL_NAMES = 4096;

function canonicalOf(qname: string): string {
  for (const [prefix, canonical] of CANONICAL_PREFIXES) {
    if (qname === prefix || qname.startsWith(prefix + '.')) {
      let rest = qname.slice(prefix.length);
      // torch.nn.modules.<file>.<Class>: drop the file part.
      if (prefix === 'torch.nn.modules') rest = rest.replace(/^\.[a-z_]+(?=\.[A-Z])/, '');
      return legacyKeras(canonical + rest);
    }
  }
  return legacyKeras(qname);
}

/** Keras 2's module files under keras.layers, where its layers used to be imported from. */
const LEGACY_KERAS_LAYER_MODULES =
  /^keras\.layers\.(convolutional|convolutional_recurrent|core|pooling|normalization|merge|recurrent|advanced_activations|embeddings|noise|wrappers|local)(?=\.)/;

/** `keras.layers.convolutional.Conv2D` → `keras.layers.Conv2D`. */
function legacyKeras(qname: string): string {
  return qname.replace(LEGACY_KERAS_LAYER_MODULES, 'keras.layers');
}

/** The local names an import statement binds, each with the qualified name it stands for. */
export function importBindings(names: readonly ImportedName[]): { local: string; qname: string }[] {
  const out: { local: string; qname: string }[] = [];
  for (const n of names) {
    if (n.name === undefined) {
      // `import torch.nn as nn` binds nn; `import torch.nn` binds torch.
      if (n.alias) out.push({ local: n.alias, qname: canonicalName(n.module) });
      else {
        const head = n.module.split('.')[0];
        out.push({ local: head, qname: canonicalName(head) });
      }
    } else if (n.name !== '*') {
      const module = n.module.replace(/^\.+/, '');
      const qname = module ? `${module}.${n.name}` : n.name;
      out.push({ local: n.alias ?? n.name, qname: canonicalName(qname) });
    }
  }
  return out;
}

/** The dotted text of a name/attribute chain (`nn.functional.relu`), or undefined for anything else. */
export function dottedName(e: Expr): string | undefined {
  if (e.k === 'name') return e.id;
  if (e.k === 'attr') {
    const head = dottedName(e.obj);
    return head === undefined ? undefined : `${head}.${e.name}`;
  }
  return undefined;
}

/** Resolves a dotted expression through import bindings (local name → qualified name). */
export function resolveDotted(e: Expr, bindings: ReadonlyMap<string, string>): string | undefined {
  const dotted = dottedName(e);
  if (dotted === undefined) return undefined;
  const [head, ...rest] = dotted.split('.');
  const q = bindings.get(head);
  if (q === undefined) return undefined;
  return canonicalName([q, ...rest].join('.'));
}
