// What every Analysis must look like, whatever text produced it (src/analysis/types.ts): plain,
// serialisable data whose ranges lie within the analysed text, whose shapes are arrays of dims and
// whose indices point at existing layers. Returns the problems found (empty when well-formed).
'use strict';

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint']);

function isDim(d) {
  if (d === null) return true;
  // A size is a whole number (a float or NaN would be a rule's arithmetic leaking through).
  if (typeof d === 'number') return Number.isInteger(d);
  return typeof d === 'object' && d.kind === 'expr' && Array.isArray(d.terms) && typeof d.constant === 'number';
}

function checkShape(where, shape, problems, nullable) {
  if (shape === null && nullable) return;
  if (!Array.isArray(shape)) return problems.push(`${where}: shape is not an array`);
  shape.forEach((d, i) => isDim(d) || problems.push(`${where}[${i}]: not a dim: ${JSON.stringify(d)}`));
}

function checkRange(where, range, length, problems) {
  if (range === undefined) return;
  if (!range || !Number.isInteger(range.start) || !Number.isInteger(range.end))
    return problems.push(`${where}: not a range`);
  if (range.start < 0 || range.start > range.end || range.end > length)
    problems.push(`${where}: [${range.start}, ${range.end}) outside 0..${length}`);
}

function checkOffset(where, offset, length, problems) {
  if (!Number.isInteger(offset) || offset < 0 || offset > length)
    problems.push(`${where}: offset ${offset} outside 0..${length}`);
}

/** Problems of `analysis` as the Analysis of a text of `length` UTF-16 units. */
function analysisProblems(analysis, length) {
  const problems = [];
  if (!analysis || typeof analysis !== 'object') return ['not an object'];
  for (const key of ['models', 'layers', 'hints', 'diagnostics']) {
    if (!Array.isArray(analysis[key])) problems.push(`${key} is not an array`);
  }
  if (problems.length) return problems;
  try {
    JSON.stringify(analysis);
  } catch (e) {
    problems.push(`not serialisable: ${e.message}`);
  }
  const layerCount = analysis.layers.length;
  analysis.layers.forEach((l, i) => {
    const w = `layers[${i}]`;
    if (typeof l.name !== 'string' || typeof l.kind !== 'string') problems.push(`${w}: name/kind not strings`);
    if (!Array.isArray(l.inputs)) problems.push(`${w}: inputs not an array`);
    else l.inputs.forEach((s, j) => checkShape(`${w}.inputs[${j}]`, s, problems, true));
    checkShape(`${w}.output`, l.output, problems, true);
    checkRange(`${w}.definition`, l.definition, length, problems);
    checkRange(`${w}.call`, l.call, length, problems);
  });
  analysis.hints.forEach((h, i) => {
    const w = `hints[${i}]`;
    checkOffset(w, h.offset, length, problems);
    checkShape(`${w}.shape`, h.shape, problems, false);
    checkRange(`${w}.range`, h.range, length, problems);
    if (h.site !== 'definition' && h.site !== 'statement') problems.push(`${w}: bad site ${h.site}`);
    if (h.layer !== undefined && !(Number.isInteger(h.layer) && h.layer >= 0 && h.layer < layerCount))
      problems.push(`${w}: layer ${h.layer} out of range`);
  });
  analysis.models.forEach((m, i) => {
    const w = `models[${i}]`;
    if (typeof m.name !== 'string') problems.push(`${w}: name not a string`);
    checkRange(`${w}.range`, m.range, length, problems);
    if (!Array.isArray(m.inputs)) problems.push(`${w}: inputs not an array`);
    else m.inputs.forEach((s, j) => checkShape(`${w}.inputs[${j}]`, s, problems, true));
    checkShape(`${w}.output`, m.output, problems, true);
    if (!Array.isArray(m.layers)) problems.push(`${w}: layers not an array`);
    else
      m.layers.forEach(
        k => (Number.isInteger(k) && k >= 0 && k < layerCount) || problems.push(`${w}: layer index ${k} out of range`),
      );
  });
  analysis.diagnostics.forEach((d, i) => {
    const w = `diagnostics[${i}]`;
    checkRange(`${w}.range`, d.range, length, problems);
    if (!SEVERITIES.has(d.severity)) problems.push(`${w}: bad severity ${d.severity}`);
    if (typeof d.message !== 'string' || !d.message) problems.push(`${w}: empty message`);
    if (typeof d.code !== 'string') problems.push(`${w}: code not a string`);
    if (!Array.isArray(d.fixes)) problems.push(`${w}: fixes not an array`);
    else
      d.fixes.forEach((f, j) =>
        (f.edits ?? []).forEach((e, k) => checkRange(`${w}.fixes[${j}].edits[${k}]`, e.range, length, problems)),
      );
  });
  if (analysis.cells !== undefined) {
    if (!Array.isArray(analysis.cells)) problems.push('cells not an array');
    else analysis.cells.forEach((c, i) => checkOffset(`cells[${i}]`, c, length, problems));
  }
  return problems;
}

module.exports = { analysisProblems };
