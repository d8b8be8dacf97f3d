// `npm run fuzz -- --metamorphic [N] [--seed S] [--json] [--no-build]`: the metamorphic property
// (tools/fuzz/metamorphic.js) on N opaque-value mutants (default 50,000) of every fixture, mutant i
// made with seed S + i from fixture i mod the fixture count. Reports mutants run, violating mutants
// and violations by kind, each violation with the fixture, the replaced spans and the difference
// (the first ones in full, then a count per fixture and kind). Mutants run in chunks in child
// processes with a bounded heap, as in run.js: a chunk that runs out of memory or time is
// recorded as a crash at the mutant in progress and the run goes on after it.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { compile, loadAnalysis } = require('../bench/project');
const { fixtureSources } = require('./corpus');
const { opaqueSites, opaqueMutant, parsesCleanly } = require('./opaque-mutants');
const { metamorphicViolations, describeViolation } = require('./metamorphic');

const CHUNK = 5000;
const CHUNK_TIMEOUT_MS = 20 * 60_000;
const SHOWN = 25;

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) ? v : fallback;
}

/** Child: mutants [from, to); prints its tallies as JSON. */
function runChunk(from, to, baseSeed, progressFile) {
  const { analyzeText } = loadAnalysis();
  const progress = fs.openSync(progressFile, 'w');
  const fixtures = fixtureSources().map(f => ({ ...f, sites: opaqueSites(f.text), analysis: analyzeText(f.text) }));
  const tally = { mutants: 0, violating: 0, unparsable: 0, exceptions: 0, byKind: {}, byClass: {}, shown: [] };
  for (let i = from; i < to; i++) {
    fs.writeSync(progress, `${i}`.padEnd(12), 0);
    const f = fixtures[i % fixtures.length];
    const seed = baseSeed + i;
    const mutant = opaqueMutant(f.text, seed, f.sites);
    if (!mutant) continue;
    tally.mutants++;
    if (!parsesCleanly(mutant.text)) tally.unparsable++;
    let violations;
    try {
      violations = metamorphicViolations(f.text, f.analysis, mutant.edits, analyzeText(mutant.text));
    } catch (e) {
      tally.exceptions++;
      tally.shown.push(
        `${f.name} seed ${seed}: exception ${String((e && e.stack) || e)
          .split('\n')
          .slice(0, 3)
          .join(' | ')}`,
      );
      continue;
    }
    if (violations.length) tally.violating++;
    for (const v of violations) {
      tally.byKind[v.kind] = (tally.byKind[v.kind] ?? 0) + 1;
      const cls = `${f.name} ${v.kind}${v.inputChanged ? ' (model input changed)' : ''}`;
      tally.byClass[cls] = (tally.byClass[cls] ?? 0) + 1;
      if (tally.shown.length < SHOWN)
        tally.shown.push(`${describeViolation(f.name, f.text, mutant.edits, v)} [seed ${seed}]`);
    }
  }
  process.stdout.write(JSON.stringify(tally));
}

function merge(into, c) {
  for (const k of ['mutants', 'violating', 'unparsable', 'exceptions']) into[k] += c[k];
  for (const key of ['byKind', 'byClass'])
    for (const [k, n] of Object.entries(c[key])) into[key][k] = (into[key][k] ?? 0) + n;
  into.shown.push(...c.shown.slice(0, Math.max(0, SHOWN - into.shown.length)));
}

function main() {
  const count = option('--metamorphic', 50_000);
  const baseSeed = option('--seed', 1);
  const json = process.argv.includes('--json');
  const progressArg = process.argv.indexOf('--progress');
  if (process.argv.includes('--child'))
    return runChunk(option('--from', 0), option('--to', count), baseSeed, process.argv[progressArg + 1]);
  if (!process.argv.includes('--no-build')) compile();
  loadAnalysis(); // fail early and clearly when the analysis is missing
  const started = Date.now();
  const total = {
    mutants: 0,
    violating: 0,
    unparsable: 0,
    exceptions: 0,
    crashes: 0,
    byKind: {},
    byClass: {},
    shown: [],
  };
  const progressFile = path.join(os.tmpdir(), `convshape-metamorphic-progress-${process.pid}`);
  const queue = [];
  for (let from = 0; from < count; from += CHUNK) queue.push([from, Math.min(from + CHUNK, count)]);
  while (queue.length) {
    const [from, to] = queue.shift();
    const r = spawnSync(
      process.execPath,
      [
        '--max-old-space-size=1536',
        __filename,
        '--child',
        '--metamorphic',
        String(count),
        '--from',
        String(from),
        '--to',
        String(to),
        '--seed',
        String(baseSeed),
        '--progress',
        progressFile,
      ],
      { encoding: 'utf8', maxBuffer: 1 << 26, timeout: CHUNK_TIMEOUT_MS },
    );
    if (r.status === 0) {
      merge(total, JSON.parse(r.stdout));
    } else {
      let i = from;
      try {
        i = parseInt(fs.readFileSync(progressFile, 'utf8'), 10) || from;
      } catch {
        /* no progress written */
      }
      total.crashes++;
      total.mutants++;
      total.shown.push(
        `crash at mutant ${i} (seed ${baseSeed + i}): ${r.error ? String(r.error.code || r.error) : `exit ${r.status} ${r.signal || ''}`}`,
      );
      if (i > from) queue.unshift([from, i]);
      if (i + 1 < to) queue.push([i + 1, to]);
    }
    if (!json) process.stderr.write(`  ${total.mutants} mutants, ${total.violating} violating\n`);
  }
  fs.rmSync(progressFile, { force: true });
  const seconds = (Date.now() - started) / 1000;
  const ok = total.violating === 0 && total.unparsable === 0 && total.exceptions === 0 && total.crashes === 0;
  if (json) {
    console.log(JSON.stringify({ ...total, seconds }, null, 2));
  } else {
    console.log(
      `metamorphic: ${total.mutants} opaque-value mutants of ${fixtureSources().length} fixtures (seeds ${baseSeed}..${baseSeed + count - 1}) in ${seconds.toFixed(1)} s`,
    );
    console.log(`  violating mutants:         ${total.violating}`);
    console.log(
      `  violations by kind:        ${
        Object.entries(total.byKind)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ') || 'none'
      }`,
    );
    console.log(`  mutants not parsing:       ${total.unparsable}`);
    console.log(`  exceptions, crashes:       ${total.exceptions}, ${total.crashes}`);
    for (const line of total.shown) console.log(`  ${line}`);
    const classes = Object.entries(total.byClass).sort((a, b) => b[1] - a[1]);
    if (classes.length) console.log('  violations per fixture and kind:');
    for (const [cls, n] of classes) console.log(`    ${String(n).padStart(6)}  ${cls}`);
  }
  process.exitCode = ok ? 0 : 1;
}

module.exports = { main };
if (require.main === module) main();
