#!/usr/bin/env node
// Packages convshape.vsix with @vscode/vsce, the equivalent of `vsce package --no-dependencies`
// (esbuild bundles every dependency into dist/), and checks what goes in: exactly the extension
// bundles and their analysis workers, the manifest, the docs and the icon, so nothing else creeps into the .vsix.
//
// README images are relative paths (docs/images/...); vsce must rewrite them to absolute URLs and
// only detects GitHub/GitLab hosts itself, so the base URLs come from package.json's repository.
//   node tools/vscode/package.js [--out FILE]
'use strict';
const fs = require('fs');
const path = require('path');
const vsce = require('@vscode/vsce');

const REPO = path.resolve(__dirname, '..', '..');
const REQUIRED = [
  'package.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  'dist/extension.js',
  'dist/analysis-worker.js',
  'dist/web/extension.js',
  'dist/webview/explorer.js',
  'media/icon.png',
];
const ALLOWED = [/^media\/[^/]+\.png$/];

function repositoryUrl(manifest) {
  const repo = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  if (!repo) throw new Error('package.json has no repository URL (needed for README image links)');
  return repo.replace(/^git\+/, '').replace(/\.git$/, '');
}

async function main() {
  const outArg = process.argv.indexOf('--out');
  const out = path.resolve(REPO, outArg > 0 ? process.argv[outArg + 1] : 'convshape.vsix');
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));

  const files = (await vsce.listFiles({ cwd: REPO, packageManager: vsce.PackageManager.None }))
    .map(f => f.split(path.sep).join('/'))
    .sort();
  const unexpected = files.filter(f => !REQUIRED.includes(f) && !ALLOWED.some(re => re.test(f)));
  const missing = REQUIRED.filter(f => !files.includes(f));
  if (unexpected.length || missing.length) {
    throw new Error(
      `the .vsix contents are off (see .vscodeignore):${unexpected.length ? `\n  unexpected: ${unexpected.join(', ')}` : ''}${missing.length ? `\n  missing: ${missing.join(', ')} (run \`npm run build\`?)` : ''}`,
    );
  }

  const base = repositoryUrl(manifest);
  await vsce.createVSIX({
    cwd: REPO,
    packagePath: out,
    dependencies: false,
    baseContentUrl: `${base}/blob/HEAD`,
    baseImagesUrl: `${base}/raw/HEAD`,
  });
  const kb = (fs.statSync(out).size / 1024).toFixed(1);
  console.log(`${path.relative(REPO, out)}: ${kb} KB, ${files.length} files: ${files.join(', ')}`);
}

main().catch(e => {
  console.error(e.message);
  process.exit(1);
});
