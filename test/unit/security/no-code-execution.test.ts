// ConvShape reads untrusted code and must never run it (SECURITY.md). Statically: no source file
// can evaluate text, start a process, open a network connection or load modules dynamically, and
// only the CLI touches the file system. Dynamically: analysing code whose every line would leave a
// trace if executed leaves none.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analysisApi } from '../fuzz/tools';

const root = path.resolve(__dirname, '../../../..');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Source without comments (a comment may mention `eval(`); string contents are kept. */
const code = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
const rel = (f: string) => path.relative(root, f).split(path.sep).join('/');

/** Constructs that evaluate text, spawn processes, reach the network or load code at run time. */
const FORBIDDEN: readonly [string, RegExp][] = [
  ['eval', /\beval\s*\(/],
  ['Function constructor', /\bnew\s+Function\b|\bFunction\s*\(/],
  ['string timer', /\bset(?:Timeout|Interval|Immediate)\s*\(\s*['"`]/],
  ['child_process', /child_process/],
  ['network module', /['"](?:node:)?(?:http|https|http2|net|tls|dgram|dns)['"]/],
  ['fetch', /\bfetch\s*\(/],
  ['XMLHttpRequest/WebSocket', /\b(?:XMLHttpRequest|WebSocket|EventSource|importScripts)\b/],
  ['vm / worker / wasm', /['"](?:node:)?(?:vm|worker_threads|cluster|inspector)['"]|\bWebAssembly\b/],
  ['dynamic import', /\bimport\s*\(/],
  ['dynamic require', /\brequire\s*\(\s*[^'"\s)]/],
  ['process internals', /process\.(?:binding|dlopen|_linkedBinding)\b/],
  ['terminal / tasks', /\b(?:createTerminal|executeTask|ShellExecution|ProcessExecution)\b/],
];

/**
 * The analysis worker (issue 4: never block the extension host): these files start and serve a
 * worker_threads thread that runs ConvShape's own bundled analysis, never the user's code.
 */
const WORKER_FILES = ['src/worker/analysis-worker.ts', 'src/worker/worker-node.ts'];
const withoutWorkerImport = (file: string, text: string) =>
  WORKER_FILES.includes(rel(file))
    ? text
        .replace(/from 'worker_threads'/g, "from './worker'")
        .replace(/require\('worker_threads'\)/g, "require('./worker')")
    : text;

/**
 * The CLI's launcher (SECURITY.md, "The launcher's code cache"): `vm` compiles ConvShape's own
 * bundle, dist/cli.js beside it, with a V8 code cache it keys and seals (`zlib`'s CRC-32, or
 * `crypto` on a Node without it), from the
 * bundle's folder or the user's cache folder (`os`), run as a CommonJS module (`module`) after
 * setting V8's tiering (`v8`). It reads no document.
 */
const LAUNCHER_FILE = 'src/cli/launch.ts';
const LAUNCHER_MODULES = ['vm', 'zlib', 'crypto', 'module', 'os', 'v8', 'fs', 'path'];
const withoutLauncherImport = (file: string, text: string) =>
  rel(file) === LAUNCHER_FILE ? text.replace(/from 'vm'/g, "from './vm'") : text;

/** The language server (`convshape lsp`) speaks LSP through these, and only there. */
const LANGUAGE_SERVER_LIBRARIES = ['vscode-languageserver/node', 'vscode-languageserver-textdocument'];

/** Every module a file imports, by specifier. */
const importsOf = (text: string) =>
  [...text.matchAll(/(?:\bfrom\s+|\brequire\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map(m => m[1]);

describe('security: ConvShape never runs the code it reads', () => {
  const files = tsFiles(path.join(root, 'src'));

  it('scans the whole source tree', () => {
    assert.ok(files.length > 30, `only ${files.length} source files found`);
  });

  it('no source file evaluates text, spawns processes, reaches the network or loads code dynamically', () => {
    const hits = files.flatMap(f => {
      const text = withoutLauncherImport(f, withoutWorkerImport(f, code(f)));
      return FORBIDDEN.filter(([, re]) => re.test(text)).map(([what]) => `${rel(f)}: ${what}`);
    });
    assert.deepEqual(hits, []);
  });

  it('the scan catches each forbidden construct (it is not vacuous)', () => {
    const samples = [
      'eval(text)',
      'new Function("x", s)',
      'setTimeout("go()", 1)',
      "import { exec } from 'child_process'",
      "import * as http from 'https'",
      'await fetch(url)',
      'new WebSocket(u)',
      "require('node:vm')",
      'await import(name)',
      'require(name)',
      'process.binding("fs")',
      'vscode.window.createTerminal()',
    ];
    for (const s of samples)
      assert.ok(
        FORBIDDEN.some(([, re]) => re.test(s)),
        `not caught: ${s}`,
      );
    assert.ok(
      !FORBIDDEN.some(([, re]) => re.test('readFunction(node); evaluate(expr); fetchLayer(x)')),
      'false positive on ordinary names',
    );
  });

  it('imports only relative modules, @lezer, vscode (extension), vscode-languageserver (language server), worker_threads (the analysis worker), vm and the like (the CLI launcher) and fs/path (the CLI, and the language server reading project files)', () => {
    const bad: string[] = [];
    for (const f of files) {
      const where = rel(f);
      for (const spec of importsOf(code(f))) {
        if (spec.startsWith('.') || spec === '@lezer/common' || spec === '@lezer/python') continue;
        if (spec === 'vscode' && where.startsWith('src/extension/')) continue;
        if (LANGUAGE_SERVER_LIBRARIES.includes(spec) && where.startsWith('src/lsp/')) continue;
        if (spec === 'worker_threads' && WORKER_FILES.includes(where)) continue;
        if (LAUNCHER_MODULES.includes(spec) && where === LAUNCHER_FILE) continue;
        if ((spec === 'fs' || spec === 'path') && where.startsWith('src/cli/')) continue;
        // The language server reads a workspace's project files (read-only) and finds its root.
        if (['fs', 'url'].includes(spec) && where === 'src/lsp/project-files.ts') continue;
        if (['fs', 'path'].includes(spec) && where === 'src/common/project-root.ts') continue;
        bad.push(`${where}: ${spec}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('analysing code that would leave traces if executed leaves none', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convshape-sec-'));
    const marker = (n: number) => path.join(dir, `ran-${n}`).replace(/\\/g, '/');
    const source = `import os, subprocess, torch
import torch.nn as nn
open("${marker(1)}", "w").write("x")
os.system("touch ${marker(2)}")
subprocess.run(["touch", "${marker(3)}"])
exec("open('${marker(4)}', 'w')")
__import__("os").system("touch ${marker(5)}")

class Evil(nn.Module):
    def __init__(self):
        super().__init__()
        open("${marker(6)}", "w")
        self.fc = nn.Linear(eval("4"), 2)

    def forward(self, x):  # x: [1, 4]
        os.system("touch ${marker(7)}")
        return self.fc(x)

model = Evil()
model(torch.randn(1, 4))
`;
    const { analyzeText, analyzeNotebook } = analysisApi();
    const analysis = analyzeText(source);
    analyzeNotebook([source, source]);
    assert.deepEqual(fs.readdirSync(dir), [], 'the analysis executed user code');
    // It did analyse the file: the model and its Linear layer are there.
    assert.ok(analysis.models.some(m => m.name === 'Evil'));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
