// Figures measured inside this process on the compiled project (out/): full analysis against the
// bare Lezer parse, the latency of an edit through the incremental DocumentAnalyzer, and the
// providers' pure work on a current Analysis.
'use strict';
const { generateModelFile } = require('./generate-model');
const { lineStarts, lineOf, visibleHints, layerAt } = require('./providers');
const { loadAnalysis, requireOut } = require('./project');
const { summarize, timeMs } = require('./stats');

/**
 * analysisOverParse per file size: each repetition times the bare parse and the full analysis of
 * the same text back to back, so the ratio compares runs made under the same conditions.
 */
function analysisOverParse(
  sizes = [
    [1000, 15],
    [10000, 7],
    [50000, 3],
  ],
) {
  const { analyzeText } = loadAnalysis();
  const { parsePython } = requireOut('src/python/parse');
  const figures = {};
  for (const [lines, reps] of sizes) {
    const { text, lines: actual } = generateModelFile({ lines, seed: lines });
    parsePython(text);
    analyzeText(text); // warm up the JIT on this size
    const ratios = [],
      parse = [],
      full = [];
    for (let k = 0; k < reps; k++) {
      const p = timeMs(() => parsePython(text)).ms;
      const a = timeMs(() => analyzeText(text)).ms;
      parse.push(p);
      full.push(a);
      ratios.push(a / p);
    }
    figures[lines] = {
      ratio: summarize(ratios),
      parseMs: summarize(parse),
      analysisMs: summarize(full),
      lines: actual,
      layers: analyzeText(text).layers.length,
    };
  }
  return figures;
}

/** A 10,000-line document and the offset of a `0.5` inside the class in its middle. */
function editTarget() {
  const file = generateModelFile({ lines: 10000, seed: 42 });
  const middle = file.classes.filter(c => file.text.slice(c.start, c.end).includes('p=0.5'));
  const cls = middle[middle.length >> 1];
  const at = file.text.indexOf('p=0.5', cls.start) + 4; // the '5'
  return { ...file, cls, at };
}

/** editLatencyMs: a one-character edit inside one class, to the updated Analysis. */
function editLatency(reps = 60) {
  const { DocumentAnalyzer } = loadAnalysis();
  const { text, at, cls } = editTarget();
  const analyzer = new DocumentAnalyzer();
  analyzer.update(text);
  const samples = [];
  let layers = 0;
  for (let k = 0; k < reps; k++) {
    const digit = k % 2 ? '5' : '3';
    const edited = text.slice(0, at) + digit + text.slice(at + 1);
    const { ms, value } = timeMs(() => analyzer.update(edited));
    layers = value.layers.length;
    if (k >= 4) samples.push(ms); // the first edits warm up the incremental path
  }
  return { ms: summarize(samples), editedClass: cls.name, layers };
}

/**
 * providerLatencyMs: inlay hints for a visible range (60 lines) and a hover at a layer call, on a
 * 10,000-line document whose Analysis is current.
 */
function providerLatency(reps = 200) {
  const { analyzeText } = loadAnalysis();
  const { hoverMarkdown, formulaLines } = requireOut('src/render/explain');
  const { formatShape } = requireOut('src/render/shape-format');
  const { text, cls } = editTarget();
  const analysis = analyzeText(text);
  const starts = lineStarts(text); // kept by the TextDocument, not rebuilt per request
  const firstLine = lineOf(starts, cls.start);
  const calls = analysis.layers.filter(l => l.call && l.call.start >= cls.start && l.call.end <= cls.end);
  const target = calls.find(l => l.axes && l.axes.length) ?? calls[0] ?? analysis.layers.find(l => l.call);
  const hoverOffset = target ? target.call.start + 1 : cls.start;
  const samples = [];
  let hints = 0,
    hoverChars = 0;
  for (let k = 0; k < reps; k++) {
    const { ms } = timeMs(() => {
      hints = visibleHints(analysis, starts, firstLine, firstLine + 60, formatShape, formulaLines).length;
      const found = layerAt(analysis, hoverOffset);
      hoverChars = found ? hoverMarkdown(found.layer, { theme: 'dark' }).length : 0;
    });
    if (k >= 10) samples.push(ms);
  }
  return {
    ms: summarize(samples),
    hints,
    hoverChars,
    hoverLayer: target ? target.kind : undefined,
    totalHints: analysis.hints.length,
  };
}

module.exports = { analysisOverParse, editLatency, providerLatency, editTarget };
