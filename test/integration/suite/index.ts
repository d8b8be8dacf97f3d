// The integration suite's entry point, loaded by VS Code's extension host (desktop VS Code through
// @vscode/test-electron, or code-server through tools/vscode/code-shim.js).
// It runs every `*.test.js` under each directory listed in CONVSHAPE_TEST_SUITES (a JSON array of
// absolute paths, set by tools/vscode/run-integration.js), or under this directory by default.
// Add a test by dropping a `NAME.test.ts` next to this file: tsc compiles it, this loads it.
import * as fs from 'fs';
import * as path from 'path';
import Mocha = require('mocha');

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap(e => {
      const p = path.join(dir, e.name);
      if (e.name === 'node_modules') return [];
      return e.isDirectory() ? testFiles(p) : e.name.endsWith('.test.js') ? [p] : [];
    });
}

function suiteDirs(): string[] {
  const listed = process.env.CONVSHAPE_TEST_SUITES;
  return listed ? (JSON.parse(listed) as string[]) : [__dirname];
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: 30000, reporter: 'spec' });
  const files = suiteDirs().flatMap(testFiles);
  // An empty run is a broken run, never a pass.
  if (files.length === 0) return Promise.reject(new Error(`no *.test.js files in ${suiteDirs().join(', ')}`));
  for (const f of files) mocha.addFile(f);
  return new Promise((resolve, reject) => {
    try {
      mocha.run(failures => {
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
    } catch (e) {
      reject(e);
    }
  });
}
