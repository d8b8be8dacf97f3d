// Child of open-with-imports.js: `node open-child.js ROOT_DIR MEASURED...`. Opens every .py file
// of the project in one AnalysisService except the measured ones, then times opening each
// measured file (one request each, all project files already sent, as after the host's first
// round of `needs`) up to the host's decoded Analysis, and prints { ms: [...], withHints } as JSON.
'use strict';
const fs = require('fs');
const path = require('path');
const { requireOut } = require('./project');

const { createAnalysisService, answer } = requireOut('src/worker/analysis-service');
const { decodeAnalysis, unpackPieces } = requireOut('src/worker/analysis-protocol');

const [root, ...measured] = process.argv.slice(2);
const all = [];
(function walk(d) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.py')) all.push(p);
  }
})(root);
const texts = Object.fromEntries(all.map(p => [p, fs.readFileSync(p, 'utf8')]));

const service = createAnalysisService();
let id = 0;
const open = (file, files) =>
  answer(service, {
    type: 'analyse',
    id: ++id,
    key: file,
    texts: [texts[file]],
    notebook: false,
    project: { path: file, root, files },
  });

open(all[0], texts); // sends every file once, as the host's answer to `needs` does
const skipped = new Set(measured);
for (const file of all) if (!skipped.has(file)) open(file, {});
(async () => {
  const ms = [];
  let withHints = 0;
  for (const file of measured) {
    const started = process.hrtime.bigint();
    const { reply } = open(file, {});
    if (reply.type !== 'result') throw new Error(`${file}: ${reply.message}`);
    const analysis = await decodeAnalysis(unpackPieces(reply.pieces));
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
    // Hints shown: every model of the file has its whole output shape (its imports were followed).
    const models = analysis.models;
    if (
      analysis.hints.length > 0 &&
      models.length > 0 &&
      models.every(m => m.output && m.output.every(d => d !== null))
    )
      withHints++;
  }
  process.stdout.write(JSON.stringify({ ms, withHints }));
})();
