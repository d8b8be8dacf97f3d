#!/usr/bin/env node
// Runs the integration suite inside a real VS Code's extension host via @vscode/test-electron.
//
//   node tools/vscode/run-integration.js [--suite DIR [--workspace WS]]... [--no-default]
//
// The default suite (every *.test.js under out/test/integration/suite) runs with the fixture
// workspace test/integration/workspace open. Each `--suite DIR` adds every *.test.js under DIR
// (mocha BDD, CommonJS, `require('vscode')`); a `--workspace WS` right after it opens WS as the
// workspace folder for that suite (default: the fixture workspace). Suites that share a workspace
// share one VS Code session; each other workspace gets a session of its own. `--no-default` leaves
// the default suite out.
//
// Which VS Code: code-server 4.100.3 (installed and cached on first use, see install-code-server.js)
// behind the shim executable tools/vscode/code-shim.js, because these machines reach only the npm
// registry. With CONVSHAPE_VSCODE=desktop, test-electron downloads desktop VS Code as usual
// (CONVSHAPE_VSCODE_VERSION, default "stable"), or CONVSHAPE_VSCODE_EXECUTABLE names one.
// Any session that cannot start VS Code, or that runs no tests, fails the run.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { runTests } = require('@vscode/test-electron');
const { ensureCodeServer } = require('./install-code-server');

const REPO = path.resolve(__dirname, '..', '..');
const DEFAULT_SUITE = path.join(REPO, 'out', 'test', 'integration', 'suite');
const SUITE_INDEX = path.join(DEFAULT_SUITE, 'index.js');
const FIXTURE_WORKSPACE = path.join(REPO, 'test', 'integration', 'workspace');

/** @returns {{ sessions: { workspace: string, suites: string[] }[] }} */
function parseArgs(argv) {
  const extra = [];
  let withDefault = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return path.resolve(argv[++i]);
    };
    if (a === '--suite') extra.push({ suite: next(), workspace: FIXTURE_WORKSPACE });
    else if (a === '--workspace') {
      if (!extra.length || argv[i - 2] !== '--suite') throw new Error('--workspace must follow a --suite DIR');
      extra[extra.length - 1].workspace = next();
    } else if (a === '--no-default') withDefault = false;
    else throw new Error(`unknown argument ${a}`);
  }
  const pairs = withDefault ? [{ suite: DEFAULT_SUITE, workspace: FIXTURE_WORKSPACE }, ...extra] : extra;
  if (!pairs.length) throw new Error('nothing to run: --no-default without --suite');
  const sessions = [];
  for (const { suite, workspace } of pairs) {
    const s = sessions.find(x => x.workspace === workspace);
    if (s) {
      if (!s.suites.includes(suite)) s.suites.push(suite);
    } else sessions.push({ workspace, suites: [suite] });
  }
  return { sessions };
}

function countTests(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .reduce(
      (n, e) =>
        n +
        (e.name === 'node_modules'
          ? 0
          : e.isDirectory()
            ? countTests(path.join(dir, e.name))
            : e.name.endsWith('.test.js')
              ? 1
              : 0),
      0,
    );
}

function checkInputs(sessions) {
  const problems = [];
  if (!fs.existsSync(path.join(REPO, 'dist', 'extension.js')))
    problems.push('dist/extension.js is missing: run `npm run build`');
  if (!fs.existsSync(SUITE_INDEX))
    problems.push(`${path.relative(REPO, SUITE_INDEX)} is missing: run \`npm run compile\``);
  for (const s of sessions) {
    if (!fs.statSync(s.workspace, { throwIfNoEntry: false })?.isDirectory())
      problems.push(`workspace ${s.workspace} is not a directory`);
    for (const d of s.suites) {
      if (!fs.statSync(d, { throwIfNoEntry: false })?.isDirectory()) problems.push(`suite ${d} is not a directory`);
      else if (countTests(d) === 0) problems.push(`suite ${d} has no *.test.js files`);
    }
  }
  if (problems.length) throw new Error(problems.join('\n'));
}

/** The executable runTests should spawn, or undefined to let test-electron download VS Code. */
async function vscodeExecutable() {
  const host = process.env.CONVSHAPE_VSCODE || 'code-server';
  if (host === 'desktop') return process.env.CONVSHAPE_VSCODE_EXECUTABLE || undefined;
  if (host !== 'code-server') throw new Error(`CONVSHAPE_VSCODE must be "code-server" or "desktop", not "${host}"`);
  await ensureCodeServer();
  return path.join(__dirname, 'code-shim.js');
}

async function runSession(executable, session) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'convshape-it-'));
  try {
    await runTests({
      vscodeExecutablePath: executable,
      version: process.env.CONVSHAPE_VSCODE_VERSION || 'stable',
      extensionDevelopmentPath: REPO,
      extensionTestsPath: SUITE_INDEX,
      extensionTestsEnv: { CONVSHAPE_TEST_SUITES: JSON.stringify(session.suites) },
      launchArgs: [
        session.workspace,
        '--disable-extensions',
        `--user-data-dir=${path.join(scratch, 'user-data')}`,
        `--extensions-dir=${path.join(scratch, 'extensions')}`,
      ],
    });
    return true;
  } catch (e) {
    console.error(`integration session failed: ${e.message}`);
    return false;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

async function main() {
  const { sessions } = parseArgs(process.argv.slice(2));
  checkInputs(sessions);
  const executable = await vscodeExecutable();
  console.log(`VS Code host: ${executable ? executable : 'desktop VS Code (downloaded by @vscode/test-electron)'}`);
  const results = [];
  for (const s of sessions) {
    const started = Date.now();
    console.log(
      `\n=== workspace ${path.relative(REPO, s.workspace) || '.'}; suites ${s.suites.map(d => path.relative(REPO, d)).join(', ')}`,
    );
    const ok = await runSession(executable, s);
    results.push({ s, ok, seconds: (Date.now() - started) / 1000 });
  }
  console.log('\nintegration sessions:');
  for (const r of results)
    console.log(
      `  ${r.ok ? 'PASS' : 'FAIL'}  ${r.seconds.toFixed(1)} s  ${r.s.suites.map(d => path.relative(REPO, d)).join(', ')}`,
    );
  return results.every(r => r.ok) ? 0 : 1;
}

if (require.main === module) {
  main().then(
    code => process.exit(code),
    e => {
      console.error(e.message);
      process.exit(1);
    },
  );
}

module.exports = { parseArgs };
