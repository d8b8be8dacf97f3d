#!/usr/bin/env node
// `npm run bench [-- --json] [-- --no-build]`: ConvShape's performance figures (issue 6). Each
// figure is the median of repeated runs, with min and max; every ratio is of two measurements made
// in the same run. Prints a table (figure, median, min, max, target, met?) or, with --json, one
// JSON object. A figure that cannot be measured yet (its part has not landed) is reported as
// unavailable with the reason, never guessed. `npm run bench -- --profile [analysis|edit|heap]
// [--top N]` records a CPU profile of one workload instead and prints where its time goes
// (cpu-profile.js).
'use strict';
const fs = require('fs');
const path = require('path');
const { build, compile } = require('./project');
const { analysisOverParse, editLatency, providerLatency } = require('./in-process');
const proc = require('./processes');
const { workspaceCheck } = require('./workspace');
const { openWithImports } = require('./open-with-imports');

const json = process.argv.includes('--json');
const log = msg => json || process.stderr.write(msg + '\n');

const figures = {};
/** Records a figure: `stats` is { median, min, max, runs, ... }; `target` is [op, value] or undefined. */
function figure(name, stats, { target, unit = '', note, detail } = {}) {
  const value = target && target[2] === 'p95' ? stats.p95 : stats.median;
  const met = target ? (target[0] === '<=' ? value <= target[1] : value >= target[1]) : undefined;
  figures[name] = {
    median: stats.median,
    min: stats.min,
    max: stats.max,
    ...(target && target[2] === 'p95' ? { p95: stats.p95 } : {}),
    runs: stats.runs,
    unit,
    ...(target ? { target: `${target[2] ?? 'median'} ${target[0] === '<=' ? '≤' : '≥'} ${target[1]}`, met } : {}),
    ...(note ? { note } : {}),
    ...(detail ? { detail } : {}),
  };
}
function unavailable(name, error) {
  figures[name] = {
    unavailable: String((error && error.message) || error)
      .split('\n')[0]
      .slice(0, 160),
  };
}
function measure(names, f) {
  const started = Date.now();
  try {
    f();
  } catch (e) {
    for (const n of names) if (!figures[n]) unavailable(n, e);
  }
  log(`  ${names.join(', ')}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const started = Date.now();
const profiling = process.argv.indexOf('--profile');
if (!process.argv.includes('--no-build')) {
  log(profiling >= 0 ? 'compiling (tsc)...' : 'compiling (tsc) and building (esbuild)...');
  compile();
  try {
    if (profiling < 0) build();
  } catch (e) {
    log(`build failed: ${e.message}`);
  }
}
if (profiling >= 0) {
  const { profileWorkload, WORKLOADS } = require('./cpu-profile');
  const argument = process.argv[profiling + 1];
  const workload = WORKLOADS.includes(argument) ? argument : 'analysis';
  const top = process.argv.indexOf('--top');
  const result = profileWorkload(
    workload,
    top >= 0 ? Number(process.argv[top + 1]) : 30,
    json ? () => {} : console.log,
  );
  if (json) console.log(JSON.stringify(result, null, 2));
  process.exit(0);
}

measure(['analysisOverParse.1000', 'analysisOverParse.10000', 'analysisOverParse.50000'], () => {
  for (const [lines, f] of Object.entries(analysisOverParse())) {
    figure(`analysisOverParse.${lines}`, f.ratio, {
      target: ['<=', 1.5],
      unit: '×',
      detail: { lines: f.lines, layers: f.layers, parseMs: f.parseMs.median, analysisMs: f.analysisMs.median },
    });
  }
});
measure(['editLatencyMs', 'editLatencyMs.p95'], () => {
  const e = editLatency();
  figure('editLatencyMs', e.ms, {
    target: ['<=', 10],
    unit: 'ms',
    detail: { editedClass: e.editedClass, layers: e.layers },
  });
  figure('editLatencyMs.p95', e.ms, { target: ['<=', 25, 'p95'], unit: 'ms' });
});
measure(['providerLatencyMs'], () => {
  const p = providerLatency();
  figure('providerLatencyMs', p.ms, {
    target: ['<=', 2],
    unit: 'ms',
    note: 'pure provider work (hint filtering + layerAt + hoverMarkdown), no vscode',
    detail: { visibleHints: p.hints, totalHints: p.totalHints, hoverLayer: p.hoverLayer, hoverChars: p.hoverChars },
  });
});
let folder;
measure(['checkFilesPerSecond'], () => {
  folder = proc.modelFolder();
  const c = proc.checkThroughput(folder);
  figure('checkFilesPerSecond', c.perSecond, {
    unit: 'files/s',
    note: `node bin/convshape.js check DIR, ${c.files} generated files of ~250 lines, whole process`,
  });
});
measure(['coldCheckMs', 'coldCheckOverNode'], () => {
  if (!folder) throw new Error('no model folder');
  const c = proc.coldCheck(path.join(folder, 'model_0.py'));
  const detail = {
    nodeMs: c.nodeMs.median,
    noCodeCacheMs: c.noCacheMs.median,
    // Set when NODE_EXTRA_CA_CERTS is: the same runs without it (Node's own start-up reads it).
    ...(c.plainCheckMs
      ? { withoutExtraCaCerts: { checkMs: c.plainCheckMs.median, nodeMs: c.plainNodeMs.median } }
      : {}),
  };
  figure('coldCheckMs', c.ms, {
    target: ['<=', 80],
    unit: 'ms',
    note: `node bin/convshape.js check FILE (~250 lines), whole process; bare node -e 0 took ${c.nodeMs.median.toFixed(0)} ms beside it${
      c.plainCheckMs
        ? ` (without NODE_EXTRA_CA_CERTS, which Node reads at start-up: check ${c.plainCheckMs.median.toFixed(0)} ms, node -e 0 ${c.plainNodeMs.median.toFixed(0)} ms)`
        : ''
    }`,
    detail,
  });
  figure('coldCheckOverNode', c.overNode, {
    unit: '×',
    note: 'each cold check over the node -e 0 run beside it',
    detail,
  });
});
measure(['runtimeRatio'], () => {
  if (!proc.torchAvailable())
    throw new Error('python3-torch not installed (/usr/bin/python3 -c "import torch" failed)');
  if (!folder) throw new Error('no model folder');
  const r = proc.runtimeRatio(path.join(folder, 'model_0.py'));
  figure('runtimeRatio', r.ratio, {
    target: ['>=', 10],
    unit: '×',
    note: 'PyTorch import + forward hooks ÷ convshape check, same file, whole processes',
    detail: { torchMs: r.torchMs.median, checkMs: r.checkMs.median, hookedCalls: r.hookedCalls },
  });
});
measure(['workspaceMs', 'workspaceMB'], () => {
  const w = workspaceCheck();
  const detail = { files: w.files, models: w.models, modelsDetermined: w.determined, cpuMs: w.cpuMs.median };
  figure('workspaceMs', w.ms, {
    target: ['<=', 5000],
    unit: 'ms',
    note: `node bin/convshape.js check --json DIR, a generated project of ${w.files} files importing each other, whole process (cpuMs: its CPU time)`,
    detail,
  });
  figure('workspaceMB', w.mb, {
    target: ['<=', 300],
    unit: 'MB',
    note: 'peak resident memory of that process',
    detail,
  });
});
measure(['openWithImportsMs'], () => {
  const o = openWithImports();
  figure('openWithImportsMs', o.ms, {
    target: ['<=', 100],
    unit: 'ms',
    note: `opening a file whose imports the worker has analysed (AnalysisService, encoded and decoded), ${o.opened} files of a ${o.files}-file project; ${o.withHints} showed every model's shape`,
    detail: { opened: o.opened, withHints: o.withHints, p95: o.ms.p95 },
  });
});
measure(['heapMB'], () => {
  const h = proc.heapGrowth();
  figure('heapMB', h.value, {
    target: ['<=', 60],
    unit: 'MB',
    note: '100 open 1,000-line documents (DocumentAnalyzer + Analysis kept), after gc',
    detail: h.detail,
  });
});
measure(['activationMs'], () => {
  const a = proc.activation();
  figure('activationMs', a.value, {
    target: ['<=', 30],
    unit: 'ms',
    note: 'plain Node: require + activate() of dist/extension.js with a stand-in vscode module (not the extension host)',
    detail: a.detail,
  });
});
measure(['bundleKB'], () => {
  const kb = proc.bundleSize();
  figure(
    'bundleKB',
    { median: kb, min: kb, max: kb, runs: 1 },
    { target: ['<=', 300], unit: 'KB', note: 'dist/extension.js, minified' },
  );
});
measure(['vsixKB'], () => {
  const kb = proc.vsixSize();
  figure('vsixKB', { median: kb, min: kb, max: kb, runs: 1 }, { target: ['<=', 400], unit: 'KB' });
});
if (folder) fs.rmSync(folder, { recursive: true, force: true });

const seconds = (Date.now() - started) / 1000;
const missed = Object.entries(figures)
  .filter(([, f]) => f.met === false)
  .map(([n]) => n);
if (json) {
  console.log(JSON.stringify({ figures, missed, seconds, node: process.version }, null, 2));
} else {
  const fmt = v =>
    v === undefined ? '' : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
  const rows = [['figure', 'median', 'min', 'max', 'target', 'met?']];
  for (const [name, f] of Object.entries(figures)) {
    if (f.unavailable) {
      rows.push([name, '—', '', '', '', `unavailable: ${f.unavailable}`]);
      continue;
    }
    const shown = name.endsWith('.p95') ? { ...f, median: f.p95 } : f;
    rows.push([
      name,
      `${fmt(shown.median)} ${f.unit}`,
      fmt(f.min),
      fmt(f.max),
      f.target ?? '—',
      f.met === undefined ? '' : f.met ? 'yes' : 'NO',
    ]);
  }
  const widths = rows[0].map((_, j) => Math.max(...rows.map(r => r[j].length)));
  for (const [i, r] of rows.entries()) {
    console.log(
      r
        .map((c, j) => (j === 0 || j >= 4 ? c.padEnd(widths[j]) : c.padStart(widths[j])))
        .join('  ')
        .trimEnd(),
    );
    if (i === 0) console.log(widths.map(w => '─'.repeat(w)).join('  '));
  }
  for (const [name, f] of Object.entries(figures)) if (f.note) console.log(`  ${name}: ${f.note}`);
  console.log(
    `bench: ${seconds.toFixed(0)} s; ${missed.length ? `missed: ${missed.join(', ')}` : 'every measured target met'}`,
  );
}
