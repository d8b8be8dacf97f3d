// openWithImportsMs (issue 14): in the editor, a file whose imports are already analysed shows
// its hints within 100 ms of opening. Measured on the analysis worker's own service
// (src/worker/analysis-service.ts, as the worker runs it, the Analysis encoded for transfer) over
// the generated 500-file project of workspace.js: every file but the measured ones is opened
// first, so the modules they import are in the worker's cache, then each measured file is
// opened once. Run in a child process (open-child.js): the warm project's memory stays out of
// the other figures.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { ROOT } = require('./project');
const { summarize } = require('./stats');
const { generateWorkspace } = require('./workspace');

/** The measured files: each package's last modules, which import a chain of the package's others
 *  and the shared package (workspace.js moduleText). */
function measuredFiles(dir) {
  const out = [];
  for (let p = 1; p < 10; p++) for (const i of [46, 47, 48]) out.push(path.join(dir, `pkg${p}`, `mod_${i}.py`));
  return out;
}

function openWithImports() {
  const { dir, files } = generateWorkspace();
  try {
    const r = spawnSync(process.execPath, [path.join(__dirname, 'open-child.js'), dir, ...measuredFiles(dir)], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    if (r.status !== 0) throw new Error(`open-child failed: ${(r.stderr || String(r.error)).slice(0, 300)}`);
    const result = JSON.parse(r.stdout);
    return { ms: summarize(result.ms), files, opened: result.ms.length, withHints: result.withHints };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { openWithImports, measuredFiles };
