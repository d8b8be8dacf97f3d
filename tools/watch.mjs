// `npm run watch`: tsc (out/, the tests) and esbuild (dist/, unminified) in watch mode together,
// in one terminal; both stop when this does. In VS Code, tasks.json runs the two as separate tasks.
// Node runs both directly (not through `npm run`), so stopping them reaches the processes themselves.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const children = [
  [tsc, '-w', '-p', '.', '--preserveWatchOutput'],
  ['tools/build.mjs', '--watch', '--dev'],
].map(args => spawn(process.execPath, args, { stdio: 'inherit' }));
const stop = () => children.forEach(c => c.kill());
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children) {
  c.on('exit', code => {
    stop();
    process.exitCode = code ?? 1;
  });
}
