// Bundles the extension (Node and browser) and the CLI with esbuild.
// `node tools/build.mjs --watch` rebuilds on change; `--dev` skips minification.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const minify = !process.argv.includes('--dev');
const common = { bundle: true, minify, sourcemap: true, logLevel: 'warning', target: 'es2022' };

const builds = [
  // The desktop/remote extension host: CommonJS in Node, `vscode` provided by the host.
  { ...common, entryPoints: ['src/extension/main.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode'] },
  // The web extension host (vscode.dev, code-server's browser host): a worker, no Node built-ins.
  { ...common, entryPoints: ['src/extension/main.ts'], outfile: 'dist/web/extension.js', platform: 'browser', format: 'cjs', external: ['vscode'], define: { 'process.env.NODE_ENV': '"production"' } },
  // The command line, launched by bin/convshape.js.
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs' },
];

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map(b => esbuild.build(b)));
}
