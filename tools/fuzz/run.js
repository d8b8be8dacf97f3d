#!/usr/bin/env node
// `npm run fuzz [-- --count N --seed S --start I --slowest N --json --no-build]`: analyses 100,000 mutated model files
// (tools/fuzz/mutate.js) and checks that no exception escapes, that no internal error is reported
// (bugs a guard caught, src/common/internal-errors.ts), that every Analysis is well-formed
// (tools/fuzz/well-formed.js), and that the p99 time on 1,000-line inputs is at most 50 ms (timed
// after a warm-up on the unmutated 1,000-line files: the process' first ones run cold). Every
// 10th input is analysed as a notebook split into cells, every 7th through an incremental
// DocumentAnalyzer, whose result must equal a fresh analysis of the same text. Failing inputs
// are written to $TMPDIR/convshape-fuzz/ for replay. Inputs run in chunks of 5,000 in child
// processes with a bounded heap, so an input that exhausts memory or hangs is recorded as a crash
// (with its seed) and the run goes on after it. `npm run fuzz -- --metamorphic [N]` runs the
// metamorphic property on N opaque-value mutants instead (metamorphic-run.js). `--slowest N` lists
// the N slowest 1,000-line inputs with their seeds (replay one with tools/fuzz/replay.js).
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { compile, loadAnalysis, requireOut } = require('../bench/project');
const { seededRandom } = require('../bench/random');
const { baseOf, fixtureSources, isLargeInput, largeSources } = require('./corpus');
const { mutate } = require('./mutate');
const { analysisProblems } = require('./well-formed');

const P99_TARGET_MS = 50;
/** Untimed analyses of the unmutated 1,000-line files before a chunk's inputs (runChunk). */
const WARM_UP_ANALYSES = 10;

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function quantile(sorted, q) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
}

/** Splits a text into 1–4 notebook cells at line boundaries. */
function cellsOf(text, r) {
  const lines = text.split('\n');
  const cuts = [...new Set(Array.from({ length: r.int(0, 3) }, () => r.int(1, Math.max(1, lines.length - 1))))].sort(
    (a, b) => a - b,
  );
  const bounds = [0, ...cuts, lines.length];
  return bounds.slice(1).map((end, i) => lines.slice(bounds[i], end).join('\n'));
}

const CHUNK = 5000;
const CHUNK_TIMEOUT_MS = 15 * 60_000;
const crashDir = path.join(os.tmpdir(), 'convshape-fuzz');

/** Child: analyses inputs [from, to), reporting progress in a file, and prints its tallies as JSON. */
function runChunk(from, to, baseSeed, progressFile) {
  const { analyzeText, analyzeNotebook, DocumentAnalyzer } = loadAnalysis();
  const { takeInternalErrors } = requireOut('src/common/internal-errors');
  const progress = fs.openSync(progressFile, 'w');

  const fixtures = fixtureSources();
  const large = largeSources();
  const analyzers = new Map();
  const totals = {
    inputs: 0,
    exceptions: 0,
    malformed: 0,
    incrementalMismatches: 0,
    internalErrors: 0,
    notebooks: 0,
    incremental: 0,
    largeInputs: 0,
  };
  const times = [],
    largeTimes = [];
  const failures = [];
  let slowest = { ms: 0, name: '' };
  // Every 1,000-line input's time, for `--slowest N`.
  const largeRuns = [];

  const record = (kind, seed, base, text, detail) => {
    failures.push({ kind, seed, base, detail });
    fs.mkdirSync(crashDir, { recursive: true });
    fs.writeFileSync(path.join(crashDir, `${kind}-${seed}.py`), text);
  };
  /** Counts the internal errors this input caused (and records the input). */
  const checkInternal = (seed, base, text) => {
    const { count, recent } = takeInternalErrors();
    if (count === 0) return;
    totals.internalErrors += count;
    const last = recent[recent.length - 1];
    record('internal-error', seed, base, text, `${count} internal error(s), last in ${last.where}: ${last.message}`);
  };
  takeInternalErrors();
  // The first 1,000-line analyses of a process run code V8 has not optimised yet, at several
  // times the cost of the same analysis later (a cold start is `coldCheckMs`' figure, not this
  // one's): the unmutated 1,000-line files are analysed first, untimed and uncounted.
  if (Array.from({ length: Math.min(to - from, 50) }, (_, k) => from + k).some(isLargeInput))
    for (let k = 0; k < WARM_UP_ANALYSES; k++) analyzeText(large[k % large.length].text);
  takeInternalErrors();

  for (let i = from; i < to; i++) {
    fs.writeSync(progress, `${i}`.padEnd(12), 0);
    const seed = baseSeed + i;
    const r = seededRandom(seed ^ 0x5eed);
    const isLarge = isLargeInput(i);
    const base = baseOf(i, fixtures, large);
    const { text } = mutate(base.text, seed);
    const mode = i % 10 === 0 ? 'notebook' : i % 7 === 0 ? 'incremental' : 'text';
    totals.inputs++;
    let analysis, expected;
    const t0 = process.hrtime.bigint();
    try {
      if (mode === 'notebook') {
        totals.notebooks++;
        const cells = cellsOf(text, r);
        analysis = analyzeNotebook(cells);
        // The notebook's offsets are into its cells joined by newlines.
        expected = { length: cells.join('\n').length };
      } else if (mode === 'incremental') {
        totals.incremental++;
        let analyzer = analyzers.get(base.name);
        if (!analyzer) analyzers.set(base.name, (analyzer = new DocumentAnalyzer()));
        analysis = analyzer.update(text);
      } else {
        analysis = analyzeText(text);
      }
    } catch (e) {
      totals.exceptions++;
      record(
        'exception',
        seed,
        base.name,
        text,
        String((e && e.stack) || e)
          .split('\n')
          .slice(0, 4)
          .join(' | '),
      );
      checkInternal(seed, base.name, text);
      continue;
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    times.push(ms);
    if (isLarge) {
      largeTimes.push(ms);
      totals.largeInputs++;
      // `nth`: the how-manieth 1,000-line input of this process (the first ones run cold).
      largeRuns.push({ ms, seed, base: base.name, mode, nth: totals.largeInputs });
    }
    if (ms > slowest.ms) slowest = { ms, name: `${base.name} seed ${seed} (${mode})` };
    const problems = analysisProblems(
      analysis,
      mode === 'notebook' ? Math.max(expected.length, text.length) : text.length,
    );
    if (problems.length) {
      totals.malformed++;
      record('malformed', seed, base.name, text, problems.slice(0, 3).join('; '));
    }
    if (mode === 'incremental') {
      const fresh = analyzeText(text);
      if (JSON.stringify(fresh) !== JSON.stringify(analysis)) {
        totals.incrementalMismatches++;
        record('incremental', seed, base.name, text, 'DocumentAnalyzer.update differs from analyzeText');
      }
    }
    checkInternal(seed, base.name, text);
  }
  process.stdout.write(JSON.stringify({ totals, times, largeTimes, largeRuns, failures, slowest }));
}

/** The input a crashed chunk was working on, as the chunk's progress file says. */
function crashedAt(progressFile, from) {
  try {
    const i = parseInt(fs.readFileSync(progressFile, 'utf8'), 10);
    return Number.isInteger(i) ? i : from;
  } catch {
    return from;
  }
}

/** Writes the input of index `i` (as the chunk built it) for replay. */
function saveInput(kind, i, baseSeed) {
  const fixtures = fixtureSources(),
    large = largeSources();
  const base = baseOf(i, fixtures, large);
  const { text } = mutate(base.text, baseSeed + i);
  fs.mkdirSync(crashDir, { recursive: true });
  fs.writeFileSync(path.join(crashDir, `${kind}-${baseSeed + i}.py`), text);
  return base.name;
}

function main() {
  if (process.argv.includes('--metamorphic')) return require('./metamorphic-run').main();
  const count = option('--count', 100_000);
  const baseSeed = option('--seed', 1);
  const json = process.argv.includes('--json');
  if (process.argv.includes('--child'))
    return runChunk(
      option('--from', 0),
      option('--to', count),
      baseSeed,
      process.argv[process.argv.indexOf('--progress') + 1],
    );
  if (!process.argv.includes('--no-build')) compile();
  loadAnalysis(); // fail early and clearly when the analysis is missing
  const started = Date.now();
  const totals = {
    inputs: 0,
    exceptions: 0,
    malformed: 0,
    incrementalMismatches: 0,
    internalErrors: 0,
    crashes: 0,
    notebooks: 0,
    incremental: 0,
    largeInputs: 0,
  };
  let times = [],
    largeTimes = [],
    largeRuns = [];
  const failures = [];
  let slowest = { ms: 0, name: '' };
  const progressFile = path.join(os.tmpdir(), `convshape-fuzz-progress-${process.pid}`);
  // Ranges still to run; a crashed chunk is re-queued as the inputs before the crash and after it.
  const queue = [];
  for (let from = option('--start', 0); from < count; from += CHUNK) queue.push([from, Math.min(from + CHUNK, count)]);
  while (queue.length) {
    const [from, to] = queue.shift();
    const r = spawnSync(
      process.execPath,
      [
        '--max-old-space-size=1536',
        __filename,
        '--child',
        '--from',
        String(from),
        '--to',
        String(to),
        '--seed',
        String(baseSeed),
        '--progress',
        progressFile,
      ],
      { encoding: 'utf8', maxBuffer: 1 << 28, timeout: CHUNK_TIMEOUT_MS },
    );
    if (r.status === 0) {
      const c = JSON.parse(r.stdout);
      for (const k of Object.keys(c.totals)) totals[k] += c.totals[k];
      times = times.concat(c.times);
      largeTimes = largeTimes.concat(c.largeTimes);
      largeRuns = largeRuns.concat(c.largeRuns);
      failures.push(...c.failures);
      if (c.slowest.ms > slowest.ms) slowest = c.slowest;
    } else {
      // Out of memory or over time: the input in progress is a crash; go on after it.
      const i = crashedAt(progressFile, from);
      const base = saveInput('crash', i, baseSeed);
      const why = r.error
        ? String(r.error.code || r.error)
        : /heap out of memory/.test(r.stderr)
          ? 'heap out of memory (1.5 GB)'
          : `exit ${r.status} ${r.signal || ''}`;
      totals.crashes++;
      totals.inputs++;
      failures.push({ kind: 'crash', seed: baseSeed + i, base, detail: why });
      if (i > from) queue.unshift([from, i]);
      if (i + 1 < to) queue.push([i + 1, to]);
    }
    if (!json)
      process.stderr.write(
        `  ${totals.inputs} inputs, ${totals.exceptions} exceptions, ${totals.malformed} malformed, ${totals.crashes} crashes\n`,
      );
  }
  fs.rmSync(progressFile, { force: true });

  times.sort((a, b) => a - b);
  largeTimes.sort((a, b) => a - b);
  const slowestLarge = largeRuns.sort((a, b) => b.ms - a.ms).slice(0, option('--slowest', 0));
  const result = {
    ...totals,
    seconds: (Date.now() - started) / 1000,
    msMedian: quantile(times, 0.5),
    msP99: quantile(times, 0.99),
    msMax: times[times.length - 1] ?? NaN,
    largeMsMedian: quantile(largeTimes, 0.5),
    largeMsP99: quantile(largeTimes, 0.99),
    largeP99Target: P99_TARGET_MS,
    slowest: slowest.name,
    slowestLarge: slowestLarge.length ? slowestLarge : undefined,
    failures: failures.slice(0, 20),
    crashDir: failures.length ? crashDir : undefined,
  };
  const ok =
    totals.exceptions === 0 &&
    totals.malformed === 0 &&
    totals.crashes === 0 &&
    totals.incrementalMismatches === 0 &&
    totals.internalErrors === 0 &&
    result.largeMsP99 <= P99_TARGET_MS;
  if (json) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    const f = n => n.toFixed(2);
    console.log(
      `fuzz: ${result.inputs} inputs (${totals.notebooks} as notebooks, ${totals.incremental} incremental, ${totals.largeInputs} of ~1,000 lines) in ${result.seconds.toFixed(1)} s`,
    );
    console.log(`  exceptions escaped:        ${totals.exceptions}`);
    console.log(`  malformed analyses:        ${totals.malformed}`);
    console.log(`  crashes (OOM / hang):      ${totals.crashes}`);
    console.log(`  incremental ≠ fresh:       ${totals.incrementalMismatches}`);
    console.log(`  internal errors:           ${totals.internalErrors}`);
    console.log(
      `  time per input:            median ${f(result.msMedian)} ms, p99 ${f(result.msP99)} ms, max ${f(result.msMax)} ms (${slowest.name})`,
    );
    console.log(
      `  1,000-line inputs:         median ${f(result.largeMsMedian)} ms, p99 ${f(result.largeMsP99)} ms (target ≤ ${P99_TARGET_MS} ms: ${result.largeMsP99 <= P99_TARGET_MS ? 'met' : 'MISSED'})`,
    );
    for (const s of slowestLarge)
      console.log(
        `    ${s.ms.toFixed(2).padStart(8)} ms  seed ${s.seed} (${s.base}, ${s.mode}, 1,000-line input #${s.nth} of its process)`,
      );
    for (const fl of failures.slice(0, 12)) console.log(`  ${fl.kind} seed ${fl.seed} (${fl.base}): ${fl.detail}`);
    if (failures.length) console.log(`  failing inputs written to ${crashDir}`);
  }
  process.exitCode = ok ? 0 : 1;
}

main();
