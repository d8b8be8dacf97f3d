#!/usr/bin/env node
// Installs a real VS Code for offline machines: code-server 4.100.3 (VS Code 1.100.3, the newest
// code-server whose engines.node is 20), from the npm registry only. See docs/vscode-testing.md.
//
// The install takes about 100 s (native modules compile) and 300 MB, so it is cached OUTSIDE the
// repository, once per machine: $CONVSHAPE_VSCODE_CACHE, else $XDG_CACHE_HOME/convshape/vscode-offline,
// else ~/.cache/convshape/vscode-offline. It is idempotent (a `.complete` marker) and safe to run
// concurrently: one process holds a lock directory, installs into a temporary folder and renames it
// into place, so a half-finished install is never seen as ready.
//
// `node tools/vscode/install-code-server.js` installs (if needed) and prints the code-server path.
'use strict';
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const CODE_SERVER_VERSION = '4.100.3';
// @vscode/ripgrep (a code-server dependency) downloads rg from GitHub in its postinstall unless
// this cache already holds the tarball; we seed it with Debian's rg.
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_TARBALL = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';
const STALE_LOCK_MS = 20 * 60 * 1000;

function cacheRoot() {
  if (process.env.CONVSHAPE_VSCODE_CACHE) return path.resolve(process.env.CONVSHAPE_VSCODE_CACHE);
  const xdg = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(xdg, 'convshape', 'vscode-offline');
}

function installDir(root = cacheRoot()) {
  return path.join(root, `code-server-${CODE_SERVER_VERSION}`);
}

/** The code-server launcher inside a finished install. */
function codeServerBin(dir = installDir()) {
  return path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

function isComplete(dir) {
  try {
    return (
      fs.readFileSync(path.join(dir, '.complete'), 'utf8').trim() === CODE_SERVER_VERSION &&
      fs.existsSync(codeServerBin(dir))
    );
  } catch {
    return false;
  }
}

/** What the native build needs; checked up front so a missing package is named, not a gyp trace. */
function checkPrerequisites() {
  const missing = [];
  if (!fs.existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev (apt)');
  if (!findRg()) missing.push('ripgrep (apt)');
  for (const tool of ['make', 'g++', 'python3', 'tar']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      missing.push(tool);
    }
  }
  if (missing.length) {
    throw new Error(
      `cannot install code-server: missing ${missing.join(', ')}. ` +
        'Run .ci/run, or apt-get install libkrb5-dev ripgrep python3 make g++.',
    );
  }
}

function findRg() {
  for (const p of ['/usr/bin/rg', '/usr/local/bin/rg']) if (fs.existsSync(p)) return p;
  return null;
}

const sleep = ms => new Promise(r => setTimeout(r, ms));

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Takes the install lock (a directory: mkdir is atomic); breaks it if its owner died. */
async function acquireLock(lock, log) {
  for (let waited = 0; ; waited += 1000) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'owner'), `${process.pid}\n${Date.now()}\n`);
      return;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    let owner = null;
    try {
      const [pid, since] = fs.readFileSync(path.join(lock, 'owner'), 'utf8').split('\n').map(Number);
      owner = { pid, since };
    } catch {
      /* the owner is between mkdir and writing its pid */
    }
    const stale = owner && (!pidAlive(owner.pid) || Date.now() - owner.since > STALE_LOCK_MS);
    if (stale) {
      log(`breaking stale install lock of pid ${owner.pid}`);
      fs.rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (waited % 30000 === 0) log('another process is installing code-server; waiting for it');
    await sleep(1000);
  }
}

/** npm passes its own config to scripts as npm_* variables; a nested install must not inherit them
 *  (npm_config_prefix and friends would point it back at this repository). */
function cleanNpmEnv(extra) {
  const env = {};
  const keep = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig']);
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.toLowerCase().startsWith('npm_') || keep.has(k.toLowerCase())) env[k] = v;
  }
  return { ...env, ...extra };
}

function run(cmd, args, opts, logFile) {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(logFile, 'a');
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', out, out] });
    child.on('error', reject);
    child.on('exit', code => {
      fs.closeSync(out);
      if (code === 0) resolve();
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}; see ${logFile}`));
    });
  });
}

async function installInto(tmp, log) {
  const scratch = path.join(tmp, '.install-tmp');
  const rgCache = path.join(scratch, RIPGREP_CACHE);
  fs.mkdirSync(rgCache, { recursive: true });
  const rgDir = path.dirname(findRg());
  execFileSync('tar', ['czf', path.join(rgCache, RIPGREP_TARBALL), '-C', rgDir, 'rg']);
  fs.writeFileSync(path.join(tmp, 'package.json'), JSON.stringify({ name: 'convshape-vscode-offline', private: true }));
  const logFile = path.join(tmp, 'install.log');
  log(`installing code-server ${CODE_SERVER_VERSION} (about 100 s and 300 MB, once per machine); log: ${logFile}`);
  const started = Date.now();
  await run(
    'npm',
    [
      'install',
      '--prefix',
      tmp,
      '--foreground-scripts',
      '--no-audit',
      '--no-fund',
      '--no-save',
      `code-server@${CODE_SERVER_VERSION}`,
    ],
    {
      cwd: tmp,
      env: cleanNpmEnv({
        TMPDIR: scratch, // where @vscode/ripgrep looks for its cache
        npm_config_unsafe_perm: 'true', // code-server's postinstall refuses root otherwise
        npm_config_yes: 'true', // node-pty's post-install runs `npx node-gyp`
      }),
    },
    logFile,
  );
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.writeFileSync(path.join(tmp, '.complete'), `${CODE_SERVER_VERSION}\n`);
  log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** Returns the path of code-server's entry script, installing it first if needed. */
async function ensureCodeServer({ log = m => console.error(`[code-server] ${m}`) } = {}) {
  const root = cacheRoot();
  const dir = installDir(root);
  if (isComplete(dir)) return codeServerBin(dir);
  fs.mkdirSync(root, { recursive: true });
  const lock = `${dir}.lock`;
  await acquireLock(lock, log);
  try {
    if (isComplete(dir)) return codeServerBin(dir); // someone else finished while we waited
    checkPrerequisites();
    const tmp = fs.mkdtempSync(`${dir}.tmp-`);
    try {
      await installInto(tmp, log);
      fs.rmSync(dir, { recursive: true, force: true }); // a broken leftover without the marker
      fs.renameSync(tmp, dir);
    } catch (e) {
      const failedLog = `${dir}.failed-install.log`;
      try {
        fs.copyFileSync(path.join(tmp, 'install.log'), failedLog);
      } catch {
        /* no log yet */
      }
      fs.rmSync(tmp, { recursive: true, force: true });
      throw new Error(`${e.message.replace(path.join(tmp, 'install.log'), failedLog)}`);
    }
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
  if (!isComplete(dir)) throw new Error(`code-server install at ${dir} is incomplete`);
  return codeServerBin(dir);
}

module.exports = { CODE_SERVER_VERSION, cacheRoot, installDir, ensureCodeServer };

if (require.main === module) {
  ensureCodeServer().then(
    p => console.log(p),
    e => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
