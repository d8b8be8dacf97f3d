// Opaque-value mutants of a Python file for the metamorphic property (tools/fuzz/metamorphic.js):
// one to three expressions replaced by calls of functions nobody defined, `__opaque_0()`, …, so
// the mutant only knows less than the original. Seeded: the same seed gives the same mutant.
//
// Which expressions may be replaced (a *site*): a literal (number, string, True/False/None) or
// a name read (`x`, `self.x`, `cfg.hidden`, `x[0]`: a VariableName or a whole MemberExpression)
// where the replacement keeps the program well-formed and changes what is *known*, not what the
// program *does*. Not replaced, because the mutant would be ill-formed or would mean something else:
// - names being bound: assignment, augmented-assignment, for/comprehension, with/except `as`,
//   walrus and del targets (the whole target, `self.x` and `x[i]` included: storing into an
//   opaque object leaves the real one unchanged), def/class names, parameters, import names,
//   global/nonlocal names, keyword-argument names;
// - decorators (`@dataclass` opaque makes a different class, not a less-known one);
// - the callee of a call whose value is discarded (`layers.append(m)`, `self.add_module(...)`,
//   `super().__init__()`): such a call is made for its effect on an object, and an opaque callee
//   or receiver drops that effect instead of hiding it;
// - anything inside an f-string, an implicitly concatenated string, or a match statement;
// - `...` (Ellipsis) and a lone docstring (replacing them hides nothing).
// Its arguments stay sites: appending an opaque module is knowing less about what was appended.
'use strict';
const { parser } = require('@lezer/python');
const { seededRandom } = require('../bench/random');

const LITERALS = new Set(['Number', 'String', 'Boolean', 'None']);
const NAMES = new Set(['VariableName', 'MemberExpression']);
/** Subtrees never entered. */
const SKIPPED = new Set([
  'ImportStatement',
  'ScopeStatement',
  'Decorator',
  'DeleteStatement',
  'FormatString',
  'ContinuedString',
  'MatchStatement',
]);
const COMPREHENSIONS = new Set([
  'ArrayComprehensionExpression',
  'DictionaryComprehensionExpression',
  'SetComprehensionExpression',
  'ComprehensionExpression',
]);

/** The children of a syntax node, as an array. */
function childrenOf(node) {
  const out = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

/** Indices of the children of `node` that bind names (are stored into) rather than read. */
function boundChildren(node, kids) {
  const bound = new Set();
  const named = k => kids[k].name;
  if (node.name === 'AssignStatement') {
    // Everything before the last `=` is a target (`a = b = c`); an annotation's TypeDef is read.
    let last = -1;
    kids.forEach((k, i) => k.name === 'AssignOp' && (last = i));
    if (last < 0) last = kids.findIndex(k => k.name === 'TypeDef'); // `x: int` binds x
    for (let i = 0; i < last; i++) if (named(i) !== 'TypeDef') bound.add(i);
  } else if (node.name === 'UpdateStatement' || node.name === 'NamedExpression') {
    const op = kids.findIndex(k => k.name === 'UpdateOp' || k.name === 'AssignOp');
    for (let i = 0; i < op; i++) bound.add(i);
  } else if (node.name === 'ForStatement' || COMPREHENSIONS.has(node.name)) {
    let inTarget = false;
    kids.forEach((k, i) => {
      if (k.name === 'for') inTarget = true;
      else if (k.name === 'in') inTarget = false;
      else if (inTarget) bound.add(i);
    });
  } else if (node.name === 'WithStatement' || node.name === 'TryStatement') {
    kids.forEach((k, i) => i > 0 && named(i - 1) === 'as' && bound.add(i));
  } else if (node.name === 'ClassDefinition' || node.name === 'FunctionDefinition') {
    const i = kids.findIndex(k => k.name === 'VariableName');
    if (i >= 0) bound.add(i);
  } else if (node.name === 'ParamList') {
    // Parameter names (and `*`, `**`); a default value (after `=`) and an annotation are read.
    kids.forEach((k, i) => k.name !== 'TypeDef' && !(i > 0 && named(i - 1) === 'AssignOp') && bound.add(i));
  } else if (node.name === 'ArgList') {
    kids.forEach((k, i) => i + 1 < kids.length && named(i + 1) === 'AssignOp' && bound.add(i));
  }
  return bound;
}

/** Whether `node` is an expression statement whose whole value is a call (made for its effect). */
function isEffectCall(node) {
  if (node.name !== 'ExpressionStatement') return false;
  const kids = childrenOf(node);
  return kids.length === 1 && kids[0].name === 'CallExpression';
}

/** Every site of `text` as { from, to, kind }, in text order. */
function opaqueSites(text) {
  const sites = [];
  const visit = node => {
    if (SKIPPED.has(node.name)) return;
    const kids = childrenOf(node);
    const bound = boundChildren(node, kids);
    // A docstring or other lone literal statement: nothing reads it.
    if (node.name === 'ExpressionStatement' && kids.length === 1 && LITERALS.has(kids[0].name)) return;
    kids.forEach((k, i) => {
      if (bound.has(i)) return;
      if (isEffectCall(node) && i === 0) {
        // The callee of an effect call is never replaced; its arguments are visited.
        childrenOf(k).forEach(c => c.name === 'ArgList' && visit(c));
        return;
      }
      if (LITERALS.has(k.name)) sites.push({ from: k.from, to: k.to, kind: k.name });
      else if (NAMES.has(k.name)) sites.push({ from: k.from, to: k.to, kind: k.name });
      if (!LITERALS.has(k.name)) visit(k);
    });
  };
  visit(parser.parse(text).topNode);
  return sites;
}

/** Whether `text` parses without the parser repairing anything. */
function parsesCleanly(text) {
  let clean = true;
  parser.parse(text).iterate({
    enter: n => {
      if (n.type.isError) clean = false;
      return clean;
    },
  });
  return clean;
}

/** Replaces the non-overlapping `spans` (sorted by start) by `__opaque_<k>()`. */
function applyOpaque(text, spans) {
  let out = '',
    at = 0;
  const edits = spans.map((s, k) => {
    const replacement = `__opaque_${k}()`;
    out += text.slice(at, s.from);
    const start = out.length;
    out += replacement;
    at = s.to;
    return {
      from: s.from,
      to: s.to,
      newFrom: start,
      newTo: out.length,
      original: text.slice(s.from, s.to),
      replacement,
    };
  });
  return { text: out + text.slice(at), edits };
}

/** A mutant of `text` with one to three sites (of `sites`, default all of them) made opaque. */
function opaqueMutant(text, seed, sites = opaqueSites(text)) {
  const r = seededRandom(seed);
  if (!sites.length) return undefined;
  const count = r.chance(0.6) ? 1 : r.chance(0.6) ? 2 : 3;
  const picked = [];
  for (let k = 0; k < count; k++) {
    const s = r.pick(sites);
    if (!picked.some(p => p.from < s.to && s.from < p.to)) picked.push(s);
  }
  picked.sort((a, b) => a.from - b.from);
  return applyOpaque(text, picked);
}

/** The original-text offset of offset `o` of a mutant made by `edits` (inside an edit: its start). */
function originalOffset(edits, o) {
  let shift = 0;
  for (const e of edits) {
    if (o < e.newFrom) break;
    if (o < e.newTo) return e.from;
    shift = e.to - e.newTo;
  }
  return o + shift;
}

module.exports = { opaqueSites, opaqueMutant, applyOpaque, originalOffset, parsesCleanly };
