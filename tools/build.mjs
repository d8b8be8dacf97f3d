// Bundles the extension (Node and browser), its analysis workers, the CLI and its language server
// with esbuild. `node tools/build.mjs --watch` rebuilds on change; `--dev` skips minification.
//
// The analysis (parser, interpreter, rules) lives in the worker bundles: the Node extension bundle
// and the language server's (dist/lsp.js) load it only through `./analysis-worker` (a worker, or
// `require` for the in-process fallback), so they stay small and are checked below never to
// include it. The CLI loads dist/lsp.js only for `convshape lsp`. Browser bundles are checked to
// leave nothing to load but `vscode` (no Node built-ins).
import * as esbuild from 'esbuild';
import * as fs from 'fs';

const watch = process.argv.includes('--watch');
const minify = !process.argv.includes('--dev');
const common = { bundle: true, minify, sourcemap: true, logLevel: 'warning', target: 'es2022', metafile: true };
const browser = { platform: 'browser', define: { 'process.env.NODE_ENV': '"production"' } };

/** `./analysis-worker` stays a separate file next to the Node extension bundle (dist/analysis-worker.js). */
const workerBesideBundle = {
  name: 'analysis-worker-beside-bundle',
  setup(build) {
    build.onResolve({ filter: /^\.\/analysis-worker$/ }, () => ({ path: './analysis-worker.js', external: true }));
  },
};

/** The CLI requires `../lsp/server` only for `convshape lsp`: it stays a file of its own, dist/lsp.js. */
const lspBesideBundle = {
  name: 'lsp-beside-bundle',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/lsp\/server$/ }, () => ({ path: './lsp.js', external: true }));
  },
};

const builds = [
  // The desktop/remote extension host: CommonJS in Node, `vscode` provided by the host.
  {
    ...common,
    entryPoints: ['src/extension/main.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    plugins: [workerBesideBundle],
  },
  // The analysis worker of every host: a worker thread (Node extension host, language server), a
  // classic script for `new Worker(url)` (web extension host), or required in-process as the
  // fallback. One bundle, so the .vsix carries the analysis once. CommonJS, with `module` made
  // safe to name where it does not exist (a Web Worker's global scope); `process.env.NODE_ENV`
  // is fixed as in the browser bundles, and `worker_threads` is the only built-in it may load.
  {
    ...common,
    entryPoints: ['src/worker/analysis-worker.ts'],
    outfile: 'dist/analysis-worker.js',
    platform: 'node',
    format: 'cjs',
    define: browser.define,
    banner: { js: "'use strict';\nvar module = typeof module === 'object' ? module : { exports: {} };" },
  },
  // The web extension host (vscode.dev, code-server's browser host): a worker, no Node built-ins.
  {
    ...common,
    ...browser,
    entryPoints: ['src/extension/main-web.ts'],
    outfile: 'dist/web/extension.js',
    format: 'cjs',
    external: ['vscode'],
  },
  // The explorer panel's webview script: the hover's renderer drawing animation frames.
  {
    ...common,
    ...browser,
    entryPoints: ['src/webview/explorer.ts'],
    outfile: 'dist/webview/explorer.js',
    format: 'iife',
  },
  // What bin/convshape.js runs: V8's flags and dist/cli.js through a code cache. Node built-ins only.
  {
    ...common,
    entryPoints: ['src/cli/launch.ts'],
    outfile: 'dist/launch.js',
    platform: 'node',
    format: 'cjs',
  },
  // The command line, started by dist/launch.js. `convshape lsp` loads dist/lsp.js only when run.
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    plugins: [lspBesideBundle],
  },
  // The language server (`convshape lsp --stdio`), with vscode-languageserver; its analyses run in
  // dist/analysis-worker.js, the extension's own worker.
  {
    ...common,
    entryPoints: ['src/lsp/server.ts'],
    outfile: 'dist/lsp.js',
    platform: 'node',
    format: 'cjs',
    plugins: [workerBesideBundle],
  },
];

/** What a bundle must not contain or load; empty when it is right. */
function problems(build, metafile) {
  const out = [];
  const inputs = Object.keys(metafile.inputs);
  const externals = Object.values(metafile.outputs).flatMap(o => o.imports.filter(i => i.external).map(i => i.path));
  if (['dist/extension.js', 'dist/lsp.js', 'dist/web/extension.js'].includes(build.outfile)) {
    // The position queries over a finished Analysis (query.ts) are the providers' own business.
    const analysis = inputs.filter(
      i => (/^src\/(analysis|python)\//.test(i) && i !== 'src/analysis/query.ts') || i.includes('@lezer'),
    );
    if (analysis.length)
      out.push(`the analysis belongs in dist/analysis-worker.js, not here: ${analysis.slice(0, 5).join(', ')}…`);
  }
  if (build.outfile === 'dist/webview/explorer.js') {
    // The webview draws; it never analyses (the extension re-analyses and sends the results).
    const analysis = inputs.filter(i => /^src\/(analysis|python)\//.test(i) || i.includes('@lezer'));
    if (analysis.length) out.push(`the webview holds no analysis: ${analysis.slice(0, 5).join(', ')}…`);
  }
  if (build.outfile === 'dist/cli.js') {
    // `convshape check` must not pay for loading the language server at start.
    const lsp = inputs.filter(i => i.startsWith('src/lsp/') || i.includes('vscode-languageserver'));
    if (lsp.length) out.push(`the language server belongs in dist/lsp.js, not here: ${lsp.slice(0, 5).join(', ')}…`);
  }
  if (build.outfile === 'dist/launch.js') {
    // It starts every command: anything more than itself would load before the code cache helps.
    const more = inputs.filter(i => i !== 'src/cli/launch.ts');
    if (more.length) out.push(`the launcher loads only Node's built-ins: ${more.slice(0, 5).join(', ')}…`);
  }
  if (build.outfile === 'dist/analysis-worker.js') {
    // It also runs as a Web Worker, where nothing can be loaded: only its guarded `worker_threads`.
    const loads = externals.filter(p => p !== 'worker_threads');
    if (loads.length) out.push(`the analysis worker also runs in a browser; it cannot load ${loads.join(', ')}`);
  }
  if (build.platform === 'browser') {
    const loads = externals.filter(p => p !== 'vscode');
    if (loads.length) out.push(`a browser bundle can load nothing but vscode: ${loads.join(', ')}`);
  }
  return out.map(p => `${build.outfile}: ${p}`);
}

/**
 * In watch mode: the lines .vscode/tasks.json waits on, once per round of rebuilds (all bundles),
 * and each error as FILE:LINE:COL: error: TEXT for its problem matcher.
 */
function watchReport() {
  let running = 0;
  return {
    name: 'watch-report',
    setup(build) {
      build.onStart(() => {
        if (running++ === 0) console.log('[watch] build started');
      });
      build.onEnd(result => {
        for (const { text, location: l } of result.errors)
          console.error(`${l ? `${l.file}:${l.line}:${l.column + 1}` : build.initialOptions.outfile}: error: ${text}`);
        if (--running === 0) console.log('[watch] build finished');
      });
    },
  };
}

/**
 * The bundles every `convshape` command compiles stay ASCII: one other character makes the whole
 * text a two-byte string, slower to decode, checksum and compile (a few ms of a cold `check`).
 * esbuild escapes strings but not regular expressions: write those with \u escapes.
 */
function nonAscii(build) {
  if (!['dist/cli.js', 'dist/launch.js'].includes(build.outfile)) return [];
  const text = fs.readFileSync(build.outfile, 'utf8');
  let at = 0;
  while (at < text.length && text.charCodeAt(at) < 0x80) at++;
  if (at === text.length) return [];
  return [`${build.outfile}: not ASCII at ${at}: …${text.slice(Math.max(0, at - 60), at + 20)}… (write it escaped)`];
}

if (watch) {
  const report = watchReport();
  const contexts = await Promise.all(
    builds.map(b => esbuild.context({ ...b, plugins: [...(b.plugins ?? []), report] })),
  );
  // Started together, so the first round reports once, when every bundle is written.
  await Promise.all(contexts.map(c => c.watch()));
} else {
  const results = await Promise.all(builds.map(b => esbuild.build(b)));
  const found = builds.flatMap((b, i) => [...problems(b, results[i].metafile), ...nonAscii(b)]);
  if (found.length) {
    console.error(found.join('\n'));
    process.exit(1);
  }
}
