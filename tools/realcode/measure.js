#!/usr/bin/env node
// Real-code agreement: for each DIR/NAME.py with its real-PyTorch golden DIR/NAME.torch.json
// (written by torch_goldens.py), how many of the leaf layer calls PyTorch ran the analysis
// determined, how many agree, and which diagnostics it raised on code that runs (false alarms)
// or missed on code that crashes. Counted exactly as the fixture tests count (torch-compare.ts).
//
// Usage: npm run compile && node tools/realcode/measure.js DIR [--json] [--details]
'use strict';
const fs = require('fs');
const path = require('path');

const out = path.join(__dirname, '..', '..', 'out');
const { analyzeText } = require(path.join(out, 'src', 'analysis'));
const { compareWithTorch } = require(path.join(out, 'test', 'unit', 'fixtures', 'torch-compare'));
const { acceptedErrorLines, codeForTorchError } = require(path.join(out, 'test', 'unit', 'fixtures', 'torch-golden'));
const { LineIndex } = require(path.join(out, 'test', 'unit', 'fixtures', 'expect-text'));
const { CliProject } = require(path.join(out, 'src', 'cli', 'project-files'));

function measureFile(source, goldenPath, project) {
  const text = fs.readFileSync(source, 'utf8');
  const golden = JSON.parse(fs.readFileSync(goldenPath, 'utf8'));
  // Imports followed within the sample's folder, as the CLI follows them within a project.
  const analysis = analyzeText(text, { project: project.optionsFor(path.resolve(source)) });
  const lines = new LineIndex(text);
  const comparison = compareWithTorch(analysis, golden);
  const loud = analysis.diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning');
  const said = d => `line ${lines.line(d.range.start)}: ${d.severity} ${d.code}: ${d.message}`;
  let falseAlarms = [];
  let crash = null;
  if (golden.error === null) {
    falseAlarms = loud.map(said);
  } else {
    const code = codeForTorchError(golden.error.message);
    const at = acceptedErrorLines(golden.error);
    const caught = loud.some(d => d.severity === 'error' && d.code === code && at.includes(lines.line(d.range.start)));
    crash = { message: golden.error.message, caught };
    // On a crashing file, an error on another line than PyTorch's is still a false alarm.
    falseAlarms = loud.filter(d => d.severity === 'error' && !at.includes(lines.line(d.range.start))).map(said);
  }
  return {
    file: path.basename(source),
    leaves: comparison.leaves,
    determined: comparison.determined,
    agreeing: comparison.agreeing,
    wrong: comparison.failures,
    falseAlarms,
    crash,
  };
}

function main() {
  const args = process.argv.slice(2);
  const dir = args.find(a => !a.startsWith('--'));
  if (!dir) {
    console.error('usage: node tools/realcode/measure.js DIR [--json] [--details]');
    process.exit(2);
  }
  const files = fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.py'))
    .sort()
    .filter(f => fs.existsSync(path.join(dir, f.slice(0, -3) + '.torch.json')));
  const project = new CliProject(path.resolve(dir));
  const results = files.map(f =>
    measureFile(path.join(dir, f), path.join(dir, f.slice(0, -3) + '.torch.json'), project),
  );
  const sum = key => results.reduce((n, r) => n + r[key], 0);
  const totals = {
    files: results.length,
    leaves: sum('leaves'),
    determined: sum('determined'),
    agreeing: sum('agreeing'),
    wrongShapes: results.reduce((n, r) => n + r.wrong.length, 0),
    falseAlarms: results.reduce((n, r) => n + r.falseAlarms.length, 0),
    crashes: results.filter(r => r.crash).length,
    crashesCaught: results.filter(r => r.crash && r.crash.caught).length,
  };
  if (args.includes('--json')) {
    console.log(JSON.stringify({ totals, results }, null, 1));
    return;
  }
  const pct = (a, b) => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}%`);
  for (const r of results) {
    if (!args.includes('--details') && r.wrong.length === 0 && r.falseAlarms.length === 0) continue;
    console.log(`${r.file}: ${r.determined}/${r.leaves} determined, ${r.agreeing} agree`);
    for (const w of r.wrong) console.log(`  wrong: ${w}`);
    for (const a of r.falseAlarms) console.log(`  false alarm: ${a}`);
    if (r.crash) console.log(`  PyTorch raised: ${r.crash.message} — ${r.crash.caught ? 'caught' : 'missed'}`);
  }
  console.log(
    `${totals.files} files: determined ${totals.determined}/${totals.leaves} leaf layer calls (${pct(totals.determined, totals.leaves)}), agreeing ${totals.agreeing}/${totals.determined} (${pct(totals.agreeing, totals.determined)}); wrong shapes ${totals.wrongShapes}; false alarms ${totals.falseAlarms}; crashes caught ${totals.crashesCaught}/${totals.crashes}`,
  );
}

main();
