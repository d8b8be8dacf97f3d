// Access to the compiled project for the benchmark and fuzz runners: `tsc` output in out/ (the
// same JavaScript the unit tests run) and the esbuild bundles in dist/.
'use strict';
const { execFileSync } = require('child_process');
const path = require('path');

const ROOT = path.resolve(__dirname, '../..');

/** Compiles the TypeScript into out/ (tsc emits even when another file has a type error). */
function compile() {
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', ROOT], {
      stdio: 'ignore',
    });
  } catch {
    // Type errors elsewhere still leave the emitted JavaScript usable.
  }
}

/** Builds dist/ (extension and CLI bundles) with the project's own build script. */
function build() {
  execFileSync(process.execPath, [path.join(ROOT, 'tools/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
}

/** A compiled module of the project, by its source path (`src/analysis/index`). */
function requireOut(sourcePath) {
  return require(path.join(ROOT, 'out', sourcePath));
}

/** The analysis entry points (src/analysis/index.ts); throws a clear error while it is missing. */
function loadAnalysis() {
  const mod = requireOut('src/analysis/index');
  for (const name of ['analyzeText', 'analyzeNotebook', 'DocumentAnalyzer']) {
    if (typeof mod[name] !== 'function') throw new Error(`src/analysis does not export ${name} yet`);
  }
  return mod;
}

module.exports = { ROOT, compile, build, requireOut, loadAnalysis };
