#!/usr/bin/env node
// `node tools/fuzz/replay.js --seed S [--base-seed B] [--repeat N] [--warm W] [--write FILE]`: rebuilds
// the fuzz input of seed S (input index S − B of a run with `--seed B`, default 1), optionally
// writes it to FILE, and times its analysis with analyzeText N times, after analysing the
// unmutated base W times (the first analyses of a process run cold: V8 has compiled nothing yet).
// For finding why an input `npm run fuzz -- --slowest N` lists is slow: compare with
// `--seed` of a base-only run, or profile it with `node --cpu-prof tools/fuzz/replay.js …`.
'use strict';
const fs = require('fs');
const { loadAnalysis } = require('../bench/project');
const { baseOf, fixtureSources, largeSources } = require('./corpus');
const { mutate } = require('./mutate');

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

function main() {
  const seed = Number(option('--seed', NaN));
  if (!Number.isInteger(seed)) throw new Error('--seed S is required');
  const i = seed - Number(option('--base-seed', 1));
  const repeat = Number(option('--repeat', 1));
  const base = baseOf(i, fixtureSources(), largeSources());
  const { text, applied } = mutate(base.text, seed);
  const write = option('--write', undefined);
  if (write) fs.writeFileSync(write, text);
  const { analyzeText } = loadAnalysis();
  for (let k = Number(option('--warm', 0)); k > 0; k--) analyzeText(base.text);
  const times = [];
  for (let k = 0; k < repeat; k++) {
    const t0 = process.hrtime.bigint();
    analyzeText(text);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  console.log(
    `seed ${seed}: ${base.name}, ${text.split('\n').length} lines, mutations ${JSON.stringify(applied ?? null)}`,
  );
  console.log(`  ms: ${times.map(t => t.toFixed(2)).join(' ')}`);
}

main();
