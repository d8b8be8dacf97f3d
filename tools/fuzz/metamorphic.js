// The metamorphic property of the analysis ("unknown beats wrong"): a mutant in which expressions
// were replaced by opaque values (tools/fuzz/opaque-mutants.js) knows less than its original, so
// its Analysis may lose shapes and diagnostics but never gain them:
// 1. every diagnostic of the mutant is one of the original's: same code and line, and a message
//    that may name fewer sizes but no other ones (its numbers are a subsequence of the original's:
//    `input[2, 64, 16, ?]` for `input[2, 64, 16, 16]`, "the last 1 row" for "the last 1 row and
//    1 column");
// 2. a shape known in both (hint at the same statement, layer call at the same place, model
//    output and inputs) is the same shape: same rank, and no axis with two different sizes.
//    A size that became symbolic or unknown where the original had a number is knowing less;
//    two different symbolic sizes are not compared (symbol names follow the input guess).
// Mutant offsets are mapped back to the original text through the mutant's edits first.
'use strict';
const { originalOffset } = require('./opaque-mutants');

/** The 1-based line of each offset of `text`. */
function lineIndex(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return o => {
    let lo = 0,
      hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

const dimText = d => (d === null ? '?' : typeof d === 'number' ? String(d) : 'sym');
const shapeText = s => (s === null ? 'unknown' : `[${s.map(dimText).join(', ')}]`);

/** Why shapes `a` (original) and `b` (mutant) cannot both be right, or undefined when they can. */
function shapeConflict(a, b) {
  if (a === null || b === null || a === undefined || b === undefined) return undefined;
  if (a.length !== b.length) return `rank ${a.length} became ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    if (typeof a[i] === 'number' && typeof b[i] === 'number' && a[i] !== b[i])
      return `axis ${i}: ${a[i]} became ${b[i]}`;
  }
  return undefined;
}

// Sizes written symbolically (`⌊H/2⌋`) hold numbers that are no sizes.
// The numbers a message states, as sizes. A symbolic size (`H−2`, `2·W`, `⌊(H−1)/2⌋+1`, `⌊D₁/2⌋−3`: a
// token with a letter or a floor/ceil, and an operator) is one unknown size, not the numbers in it.
const SYMBOLIC_SIZE = /[^\s,[\]]*[A-Za-z?][^\s,[\]]*/g;
const numbersOf = message =>
  message
    .replace(/⌊[^⌋]*⌋|⌈[^⌉]*⌉/g, '?')
    .replace(SYMBOLIC_SIZE, token => (/[·−+/?]/.test(token) ? '?' : token))
    .match(/\d+/g) ?? [];

/** Whether `mutant` is `original`'s message, possibly with some of its sizes unknown. */
function sameDiagnosticKnowingLess(original, mutant) {
  if (original === mutant) return true;
  const all = numbersOf(original);
  let i = 0;
  for (const n of numbersOf(mutant)) {
    while (i < all.length && all[i] !== n) i++;
    if (i++ >= all.length) return false;
  }
  return true;
}

function groupBy(items, key) {
  const map = new Map();
  for (const it of items) {
    const k = key(it);
    if (!map.has(k)) map.set(k, []);
    map.get(k).push(it);
  }
  return map;
}

/** Whether `original` raised an error at `line` or at the definition of the layer `message` names. */
function failedThere(original, lineOf, message, line) {
  const name = /satisfies (\S+)/.exec(message)?.[1];
  const lines = new Set([line]);
  for (const l of original.layers) if (l.name === name && l.definition) lines.add(lineOf(l.definition.start));
  return original.diagnostics.some(o => o.severity === 'error' && lines.has(lineOf(o.range.start)));
}

/**
 * The violations of the property by `mutant` (with `edits`) against `original`, each
 * { kind, where, detail, inputChanged? }: kinds new-diagnostic, changed-diagnostic, hint, layer, model;
 * inputChanged when a model's inputs differ from the original's (or the model is new).
 */
function metamorphicViolations(originalText, original, mutantEdits, mutant) {
  const lineOf = lineIndex(originalText);
  const back = o => originalOffset(mutantEdits, o);
  const out = [];

  const diagKey = (d, mapped) => `${d.code} line ${lineOf(mapped ? back(d.range.start) : d.range.start)}`;
  const originalDiags = groupBy(original.diagnostics, d => diagKey(d, false));
  for (const d of mutant.diagnostics) {
    const k = diagKey(d, true);
    const same = originalDiags.get(k);
    // "No input size satisfies fc1" where the original, on its concrete input, raised an error at
    // that layer (its call or its definition): the same failure said for every input, once the
    // mutant no longer knows which input.
    if (
      !same &&
      d.code === 'no-accepted-input' &&
      failedThere(original, lineOf, d.message, lineOf(back(d.range.start)))
    )
      continue;
    if (!same) out.push({ kind: 'new-diagnostic', where: k, detail: d.message });
    else if (!same.some(o => sameDiagnosticKnowingLess(o.message, d.message)))
      out.push({ kind: 'changed-diagnostic', where: k, detail: `${same[0].message} ⇒ ${d.message}` });
  }

  const compareGroups = (kind, originals, mutants, shapeOf) => {
    for (const [k, ms] of mutants) {
      const os = originals.get(k);
      if (!os) continue;
      for (const m of ms) {
        // Several shapes at one place (a block run twice): the mutant's must fit one of them.
        const conflicts = os.map(o => shapeConflict(shapeOf(o), shapeOf(m)));
        if (conflicts.every(c => c !== undefined)) {
          out.push({
            kind,
            where: k,
            detail: `${os.map(o => shapeText(shapeOf(o))).join(' | ')} ⇒ ${shapeText(shapeOf(m))} (${conflicts[0]})`,
          });
        }
      }
    }
  };
  // A hint names its layer when it has one: a statement's line can show a container's output in
  // the original and, once the container's output is unknown, one of its children's instead.
  const hintKey = (map, layers) => h =>
    `${h.site} hint line ${lineOf(map(h.range.start))}–${lineOf(map(h.offset))}${h.layer !== undefined ? ` of ${layers[h.layer]?.name}` : ''}`;
  compareGroups(
    'hint',
    groupBy(
      original.hints,
      hintKey(o => o, original.layers),
    ),
    groupBy(mutant.hints, hintKey(back, mutant.layers)),
    h => h.shape,
  );

  // PyTorch layer calls by qualified name and place. Keras layers are not compared: an automatic
  // name (`conv2d_3`) counts the layers made before it, and a layer under a condition the mutant
  // no longer knows is called on inputs the original never gives it.
  const layerKey = map => l => `layer ${l.name} (${l.kind}) called at ${l.call ? lineOf(map(l.call.start)) : '-'}`;
  const pytorchLayers = a => a.layers.filter(l => l.framework !== 'keras');
  compareGroups(
    'layer',
    groupBy(
      pytorchLayers(original),
      layerKey(o => o),
    ),
    groupBy(pytorchLayers(mutant), layerKey(back)),
    l => l.output,
  );

  const originalModels = groupBy(original.models, m => `${m.framework} model ${m.name}`);
  for (const m of mutant.models) {
    const os = originalModels.get(`${m.framework} model ${m.name}`);
    if (!os || os.length !== 1) continue;
    const o = os[0];
    const outConflict = shapeConflict(o.output, m.output);
    if (outConflict)
      out.push({
        kind: 'model',
        where: `model ${m.name} output`,
        detail: `${shapeText(o.output)} ⇒ ${shapeText(m.output)} (${outConflict})`,
      });
    if (o.inputs.length === m.inputs.length) {
      o.inputs.forEach((s, i) => {
        const c = shapeConflict(s, m.inputs[i]);
        if (c)
          out.push({
            kind: 'model',
            where: `model ${m.name} input ${i}`,
            detail: `${shapeText(s)} ⇒ ${shapeText(m.inputs[i])} (${c})`,
          });
      });
    }
  }
  // Tells apart violations that follow a model input the mutant guesses where the original had one.
  const inputChanged = mutant.models.some(m => {
    const o = originalModels.get(`${m.framework} model ${m.name}`);
    return !o || JSON.stringify(o[0].inputs) !== JSON.stringify(m.inputs);
  });
  return inputChanged ? out.map(v => ({ ...v, inputChanged })) : out;
}

/** A violation's report line: the fixture, the replaced spans, and the difference. */
function describeViolation(name, originalText, edits, v) {
  const lineOf = lineIndex(originalText);
  const spans = edits.map(e => `line ${lineOf(e.from)} \`${e.original}\` → ${e.replacement}`).join(', ');
  return `${name}: ${spans}: ${v.kind} at ${v.where}: ${v.detail}`;
}

module.exports = { metamorphicViolations, describeViolation, shapeConflict, sameDiagnosticKnowingLess };
