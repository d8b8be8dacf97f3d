// Run by run.js as `node --expose-gc tools/bench/heap-child.js`: heap growth, in MB, from keeping
// the Analyses (and their incremental DocumentAnalyzers, as the extension's store does) of 100
// open 1,000-line documents. The documents' texts exist before the baseline: the editor holds
// those, not ConvShape.
'use strict';
const { generateModelFile } = require('./generate-model');
const { loadAnalysis } = require('./project');

if (typeof global.gc !== 'function') throw new Error('run with node --expose-gc');
const { DocumentAnalyzer, analyzeText } = loadAnalysis();
const texts = Array.from({ length: 100 }, (_, i) => generateModelFile({ lines: 1000, seed: 1000 + i }).text);
analyzeText(generateModelFile({ lines: 1000, seed: 1 }).text); // load and warm every module first

const heap = () => {
  global.gc();
  global.gc();
  return process.memoryUsage().heapUsed;
};
const before = heap();
const open = texts.map(text => {
  const analyzer = new DocumentAnalyzer();
  return { analyzer, analysis: analyzer.update(text) };
});
const after = heap();
const layers = open.reduce((n, d) => n + d.analysis.layers.length, 0);
process.stdout.write(JSON.stringify({ heapMB: (after - before) / 2 ** 20, documents: open.length, layers }));
