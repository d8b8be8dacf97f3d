// Figures measured as whole processes: `convshape check` throughput, a cold `check` of one model
// beside bare `node -e 0`, real PyTorch against `convshape check` on the same model, heap growth (fresh process with --expose-gc), extension
// activation (fresh process, stand-in vscode), and the sizes of the built bundle and .vsix.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { generateModelFile } = require('./generate-model');
const { ROOT } = require('./project');
const { summarize } = require('./stats');

const PYTHON = '/usr/bin/python3';

/** Wall-clock milliseconds of one process run; throws when it fails for another reason than `okStatus`. */
function runMs(cmd, args, okStatus = [0], env = process.env) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error || !okStatus.includes(r.status))
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${(r.stderr || String(r.error)).slice(0, 300)}`);
  return { ms, stdout: r.stdout };
}

/** A folder of 200 generated model files of about 250 lines each. */
function modelFolder(count = 200) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convshape-bench-'));
  for (let i = 0; i < count; i++)
    fs.writeFileSync(path.join(dir, `model_${i}.py`), generateModelFile({ lines: 250, seed: 5000 + i }).text);
  return dir;
}

const CLI = ['bin/convshape.js', 'check'];
// `check` exits 1 when it found an error; both are successful runs for timing.
const CHECK_OK = [0, 1];

/** checkFilesPerSecond over the folder, as a whole process per run. */
function checkThroughput(dir, reps = 3) {
  const files = fs.readdirSync(dir).length;
  const perSecond = [];
  for (let k = 0; k < reps; k++) perSecond.push(files / (runMs(process.execPath, [...CLI, dir], CHECK_OK).ms / 1000));
  return { perSecond: summarize(perSecond), files };
}

/**
 * coldCheckMs: `node bin/convshape.js check FILE` as a whole process, each run beside a bare
 * `node -e 0` (the floor any Node command line pays), so the ratio of the two holds on a busy
 * machine. A first run writes the code cache as a user's first run does; `noCodeCacheMs` is the
 * same check with the cache turned off (CONVSHAPE_CODE_CACHE=0), what a run that finds none pays.
 */
function coldCheck(file, reps = 30) {
  runMs(process.execPath, [...CLI, file], CHECK_OK);
  const noCache = { ...process.env, CONVSHAPE_CODE_CACHE: '0' };
  const checkMs = [],
    nodeMs = [],
    overNode = [],
    noCacheMs = [];
  // NODE_EXTRA_CA_CERTS makes Node read a certificate bundle before any script runs (about 60 ms
  // here, in every Node process); the same runs without it tell that floor apart from ours.
  const certs = process.env.NODE_EXTRA_CA_CERTS !== undefined;
  const plain = { ...process.env };
  delete plain.NODE_EXTRA_CA_CERTS;
  const plainNodeMs = [],
    plainCheckMs = [];
  for (let k = 0; k < reps; k++) {
    const bare = runMs(process.execPath, ['-e', '0']).ms;
    const check = runMs(process.execPath, [...CLI, file], CHECK_OK).ms;
    nodeMs.push(bare);
    checkMs.push(check);
    overNode.push(check / bare);
    if (k % 3 === 0) noCacheMs.push(runMs(process.execPath, [...CLI, file], CHECK_OK, noCache).ms);
    if (certs && k % 3 === 1) {
      plainNodeMs.push(runMs(process.execPath, ['-e', '0'], [0], plain).ms);
      plainCheckMs.push(runMs(process.execPath, [...CLI, file], CHECK_OK, plain).ms);
    }
  }
  return {
    ms: summarize(checkMs),
    nodeMs: summarize(nodeMs),
    overNode: summarize(overNode),
    noCacheMs: summarize(noCacheMs),
    ...(certs ? { plainNodeMs: summarize(plainNodeMs), plainCheckMs: summarize(plainCheckMs) } : {}),
  };
}

function torchAvailable() {
  return spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
}

/** runtimeRatio: real PyTorch (import + forward hooks) over `convshape check` on the same file. */
function runtimeRatio(file, reps = 3) {
  const ratios = [],
    torchMs = [],
    checkMs = [];
  let hooked = 0;
  for (let k = 0; k < reps; k++) {
    const t = runMs(PYTHON, [path.join(ROOT, 'tools/bench/torch_runtime.py'), file]);
    const c = runMs(process.execPath, [...CLI, file], CHECK_OK);
    hooked = Number(t.stdout.trim());
    torchMs.push(t.ms);
    checkMs.push(c.ms);
    ratios.push(t.ms / c.ms);
  }
  return { ratio: summarize(ratios), torchMs: summarize(torchMs), checkMs: summarize(checkMs), hookedCalls: hooked };
}

/** Runs a measuring child script `reps` times in fresh processes and summarizes one field. */
function childFigure(script, field, nodeArgs = [], reps = 3) {
  const values = [];
  let last;
  for (let k = 0; k < reps; k++) {
    last = JSON.parse(runMs(process.execPath, [...nodeArgs, path.join(ROOT, 'tools/bench', script)]).stdout);
    values.push(last[field]);
  }
  return { value: summarize(values), detail: last };
}

const heapGrowth = () => childFigure('heap-child.js', 'heapMB', ['--expose-gc']);
const activation = () => childFigure('activation-child.js', 'activationMs', [], 5);

const sizeKB = file => fs.statSync(file).size / 1024;

function bundleSize() {
  return sizeKB(path.join(ROOT, 'dist/extension.js'));
}

/** Packages the extension into a temporary .vsix (the script `npm run package` runs) and sizes it. */
function vsixSize() {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'convshape-vsix-')), 'convshape.vsix');
  const script = path.join(ROOT, 'tools/vscode/package.js');
  const args = fs.existsSync(script)
    ? [script, '--out', out]
    : [path.join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', out];
  runMs(process.execPath, args);
  return sizeKB(out);
}

module.exports = {
  modelFolder,
  checkThroughput,
  coldCheck,
  torchAvailable,
  runtimeRatio,
  heapGrowth,
  activation,
  bundleSize,
  vsixSize,
};
