// Run by cpu-profile.js as `node tools/bench/profile-child.js WORKLOAD OUT.cpuprofile`: warms the
// analysis up, then records a CPU profile (node:inspector) of one workload and prints
// { wallMs, what } as JSON.
//   analysis — analyzeText of the generated 1,000-, 10,000- and 50,000-line files (as
//              analysisOverParse measures them);
//   edit     — one-character edits through a DocumentAnalyzer on the 10,000-line file (editLatency);
//   heap     — opening 30 documents of 1,000 lines in DocumentAnalyzers (what heapMB keeps).
'use strict';
const fs = require('fs');
const inspector = require('inspector');
const { generateModelFile } = require('./generate-model');
const { editTarget } = require('./in-process');
const { loadAnalysis } = require('./project');

const [workload, out] = process.argv.slice(2);
const { analyzeText, DocumentAnalyzer } = loadAnalysis();

function workloadOf(name) {
  if (name === 'analysis') {
    const texts = [
      [1000, 4],
      [10000, 2],
      [50000, 1],
    ].map(([lines, reps]) => ({ text: generateModelFile({ lines, seed: lines }).text, reps }));
    for (const { text } of texts) analyzeText(text);
    return {
      what: 'analyzeText on 1,000 ×4, 10,000 ×2 and 50,000 ×1 generated lines',
      run: () => texts.forEach(({ text, reps }) => Array.from({ length: reps }, () => analyzeText(text))),
    };
  }
  if (name === 'edit') {
    const { text, at } = editTarget();
    const analyzer = new DocumentAnalyzer();
    analyzer.update(text);
    const edit = k => analyzer.update(text.slice(0, at) + (k % 2 ? '5' : '3') + text.slice(at + 1));
    for (let k = 0; k < 4; k++) edit(k);
    return { what: '40 one-character edits of a 10,000-line document', run: () => [...Array(40).keys()].forEach(edit) };
  }
  const texts = Array.from({ length: 30 }, (_, i) => generateModelFile({ lines: 1000, seed: 1000 + i }).text);
  analyzeText(texts[0]);
  return {
    what: '30 documents of 1,000 lines opened in DocumentAnalyzers',
    run: () => texts.map(t => new DocumentAnalyzer().update(t)),
  };
}

const { what, run } = workloadOf(workload);
const session = new inspector.Session();
session.connect();
const post = (method, params) =>
  new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
(async () => {
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  const t0 = process.hrtime.bigint();
  run();
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const { profile } = await post('Profiler.stop');
  fs.writeFileSync(out, JSON.stringify(profile));
  process.stdout.write(JSON.stringify({ wallMs, what }));
})();
