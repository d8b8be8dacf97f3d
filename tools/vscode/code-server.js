// Starts a private code-server (a real VS Code 1.100 server) for one test run and stops it again.
// A private server per run matters: a long-lived one keeps old extension hosts for minutes.
// HOME, XDG_* and TMPDIR point into a scratch folder, so code-server writes nothing elsewhere.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { ensureCodeServer } = require('./install-code-server');

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

// Quiet, deterministic workbench: no welcome page, no trust prompt, no telemetry, a solid cursor.
const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  // The fixture workspaces live inside this repository: no "open the parent repository?" prompt.
  'git.openRepositoryInParentFolders': 'never',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'remote.autoForwardPorts': false,
  'editor.cursorBlinking': 'solid',
  'workbench.colorTheme': 'Default Dark Modern',
};

/**
 * @param {{ userDataDir?: string, extensionsDir?: string, settings?: object, env?: object,
 *           log?: (line: string) => void }} [options]
 * @returns {Promise<{ port: number, authority: string, origin: string, scratch: string,
 *                     output: () => string, stop: () => Promise<void> }>}
 */
async function startCodeServer(options = {}) {
  const entry = await ensureCodeServer();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'convshape-vscode-'));
  const userDataDir = path.resolve(options.userDataDir || path.join(scratch, 'user-data'));
  const extensionsDir = path.resolve(options.extensionsDir || path.join(scratch, 'extensions'));
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...options.settings }, null, 2),
  );
  const dirs = {
    HOME: 'home',
    XDG_CONFIG_HOME: 'xdg/config',
    XDG_DATA_HOME: 'xdg/data',
    XDG_CACHE_HOME: 'xdg/cache',
    TMPDIR: 'tmp',
  };
  const scratchEnv = {};
  for (const [k, sub] of Object.entries(dirs)) {
    scratchEnv[k] = path.join(scratch, sub);
    fs.mkdirSync(scratchEnv[k], { recursive: true });
  }
  const port = await freePort();
  const server = spawn(
    process.execPath,
    [
      entry,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
    ],
    {
      // An empty gallery turns the extension marketplace off: no lookups of open-vsx.org.
      env: { ...process.env, EXTENSIONS_GALLERY: '{}', ...options.env, ...scratchEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: the extension host, file watcher and pty host are its children, and
      // stopping the server must stop them too (else they linger and write into the scratch folder).
      detached: true,
    },
  );
  const killGroup = signal => {
    try {
      process.kill(-server.pid, signal);
    } catch {
      /* already gone */
    }
  };
  const killOnExit = () => killGroup('SIGKILL');
  process.on('exit', killOnExit);
  let output = '';
  const onData = d => {
    output += d;
    if (options.log) for (const line of String(d).split('\n')) if (line.trim()) options.log(line);
  };
  server.stdout.on('data', onData);
  server.stderr.on('data', onData);
  let exited = false;
  server.on('exit', () => {
    exited = true;
  });

  const stop = async () => {
    killGroup('SIGTERM');
    for (let i = 0; i < 50 && !exited; i++) await new Promise(r => setTimeout(r, 100));
    await new Promise(r => setTimeout(r, 200)); // let the children follow
    killGroup('SIGKILL');
    process.removeListener('exit', killOnExit);
    fs.rmSync(scratch, { recursive: true, force: true });
  };

  for (let i = 0; i < 300 && !/HTTP server listening/.test(output); i++) {
    if (exited) break;
    await new Promise(r => setTimeout(r, 100));
  }
  if (!/HTTP server listening/.test(output)) {
    await stop();
    throw new Error(`code-server did not start (${exited ? 'it exited' : 'no "listening" in 30 s'}):\n${output}`);
  }
  const authority = `127.0.0.1:${port}`;
  return { port, authority, origin: `http://${authority}`, scratch, output: () => output, stop };
}

/**
 * The workbench URL for a folder; code-server's command line rejects --extensionDevelopmentPath,
 * so the web workbench takes it (and extensionTestsPath) from the `payload` URL parameter, as
 * vscode-remote:// URIs that load in the server's Node extension host.
 * @param {string} authority
 * @param {{ folder: string, extensionDevelopmentPath?: string, extensionTestsPath?: string }} o
 */
function workbenchUrl(authority, o) {
  const payload = [];
  if (o.extensionDevelopmentPath)
    payload.push([
      'extensionDevelopmentPath',
      `vscode-remote://${authority}${path.resolve(o.extensionDevelopmentPath)}`,
    ]);
  if (o.extensionTestsPath)
    payload.push(['extensionTestsPath', `vscode-remote://${authority}${path.resolve(o.extensionTestsPath)}`]);
  let url = `http://${authority}/?folder=${encodeURIComponent(path.resolve(o.folder))}`;
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

module.exports = { startCodeServer, workbenchUrl };
