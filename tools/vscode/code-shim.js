#!/usr/bin/env node
// Stands in for the VS Code executable in @vscode/test-electron's runTests({ vscodeExecutablePath }).
// runTests only spawns the executable with --extensionDevelopmentPath=, --extensionTestsPath=,
// --user-data-dir=, --extensions-dir= and a workspace folder, and uses its exit code. This shim
// starts a private code-server, loads its workbench in headless Chromium with those paths in the
// URL payload, waits for the workbench to report the tests' exit code through
// window.codeAutomationExit, stops everything and exits with that code. Any failure to get that
// far (no server, no workbench, timeout) is a non-zero exit: a run never silently passes.
//
// Other desktop flags that runTests adds (--no-sandbox, --skip-welcome, ...) are ignored.
'use strict';
const path = require('path');
const util = require('util');
const { startCodeServer, workbenchUrl } = require('./code-server');
const { launchBrowser } = require('./browser');

const EXIT_TIMEOUT = 2;
const EXIT_BROKEN = 3;

function parseArgs(argv) {
  const value = name => {
    const a = argv.find(x => x.startsWith(`--${name}=`));
    return a === undefined ? undefined : a.slice(name.length + 3);
  };
  const positional = argv.filter(a => !a.startsWith('-'));
  return {
    extensionDevelopmentPath: value('extensionDevelopmentPath'),
    extensionTestsPath: value('extensionTestsPath'),
    userDataDir: value('user-data-dir'),
    extensionsDir: value('extensions-dir'),
    folder: positional[0],
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!args.extensionDevelopmentPath || !args.extensionTestsPath) {
    throw new Error(
      'code-shim needs --extensionDevelopmentPath= and --extensionTestsPath= (it runs extension tests only)',
    );
  }
  const timeoutMs = Number(process.env.CONVSHAPE_TEST_TIMEOUT_MS) || 300000;
  const started = Date.now();
  const server = await startCodeServer({ userDataDir: args.userDataDir, extensionsDir: args.extensionsDir });
  let browser;
  try {
    console.log(`[code-shim] code-server on ${server.origin} (${Date.now() - started} ms)`);
    browser = await launchBrowser();
    const { page } = browser;
    let finish;
    const exited = new Promise(resolve => (finish = resolve));
    await page.exposeFunction('codeAutomationLog', (_type, logArgs) =>
      console.log(util.format(...(Array.isArray(logArgs) ? logArgs : [logArgs]))),
    );
    await page.exposeFunction('codeAutomationExit', code => finish(Number(code)));
    page.on('crash', () => finish('crash'));
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    // The tests path is a module id: the extension host require()s it, with or without `.js`.
    const testsPath = path.resolve(args.extensionTestsPath).replace(/\.js$/, '');
    await page.goto(
      workbenchUrl(server.authority, {
        folder: args.folder || args.extensionDevelopmentPath,
        extensionDevelopmentPath: args.extensionDevelopmentPath,
        extensionTestsPath: testsPath,
      }),
    );
    const code = await exited;
    clearTimeout(timer);
    if (code === 'timeout' || code === 'crash') {
      const why = code === 'crash' ? 'the workbench page crashed' : `no test result after ${timeoutMs / 1000} s`;
      console.error(`[code-shim] ${why}; server output:\n${server.output()}`);
      return EXIT_TIMEOUT;
    }
    console.log(`[code-shim] tests finished with code ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return Number.isInteger(code) ? code : EXIT_BROKEN;
  } finally {
    if (browser) await browser.close();
    await server.stop();
  }
}

main().then(
  code => process.exit(code),
  e => {
    console.error(`[code-shim] ${(e && e.stack) || e}`);
    process.exit(EXIT_BROKEN);
  },
);
