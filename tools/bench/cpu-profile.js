// `npm run bench -- --profile [analysis|edit|heap] [--top N]`: records a CPU profile of one
// workload in a child process (node's inspector), writes it as a .cpuprofile (open it in Chrome
// DevTools or VS Code) and prints the functions with the most self time, then the files. The
// profile perturbs timings, so no figure is measured in the same run.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ROOT } = require('./project');

const WORKLOADS = ['analysis', 'edit', 'heap'];

/** Self time per profile node, summed by function (name + file + line) and by file. */
function summarizeProfile(profile) {
  const { nodes, samples, timeDeltas } = profile;
  const byId = new Map(nodes.map(n => [n.id, n]));
  const selfUs = new Map();
  for (let i = 0; i < samples.length; i++) selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + (timeDeltas[i] ?? 0));
  const functions = new Map();
  const files = new Map();
  let total = 0;
  for (const [id, us] of selfUs) {
    const { callFrame: f } = byId.get(id);
    const file = f.url ? path.relative(ROOT, f.url.replace(/^file:\/\//, '')) : '';
    const name = `${f.functionName || '(anonymous)'}${file ? ` ${file}:${f.lineNumber + 1}` : ''}`;
    functions.set(name, (functions.get(name) ?? 0) + us);
    const group = file || f.functionName;
    files.set(group, (files.get(group) ?? 0) + us);
    total += us;
  }
  const top = (m, n) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, ms: us / 1000, percent: (100 * us) / total }));
  return { totalMs: total / 1000, top: n => ({ functions: top(functions, n), files: top(files, n) }) };
}

/** Runs `workload` under the profiler, writes the profile and prints its summary. */
function profileWorkload(workload, topN, log) {
  if (!WORKLOADS.includes(workload)) throw new Error(`--profile takes one of ${WORKLOADS.join(', ')}`);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'convshape-profile-')), `${workload}.cpuprofile`);
  const child = spawnSync(process.execPath, [path.join(__dirname, 'profile-child.js'), workload, file], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`profile child failed (${child.status})`);
  const { wallMs, what } = JSON.parse(child.stdout);
  const summary = summarizeProfile(JSON.parse(fs.readFileSync(file, 'utf8')));
  const { functions, files } = summary.top(topN);
  const row = r => `${r.ms.toFixed(0).padStart(8)} ms ${r.percent.toFixed(1).padStart(5)}%  ${r.name}`;
  log(`profile of ${what}: ${wallMs.toFixed(0)} ms wall, ${summary.totalMs.toFixed(0)} ms sampled`);
  log(`written to ${file}`);
  log(`\nself time by function (top ${topN}):`);
  for (const r of functions) log(row(r));
  log(`\nself time by file (top ${topN}):`);
  for (const r of files) log(row(r));
  return { file, wallMs, totalMs: summary.totalMs, functions, files };
}

module.exports = { profileWorkload, summarizeProfile, WORKLOADS };
