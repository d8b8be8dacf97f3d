// The CLI on its own: `npm pack`, then `npm install -g` of the tarball into a temporary prefix from
// an empty folder, offline and with an empty npm cache, and the installed `convshape check` runs on
// a model (pre-commit's `language: node` installs a hook this way). Offline works because the bundles carry every dependency: the package has none.
import { strict as assert } from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { JsonRpcClient } from '../lsp/json-rpc-client';
import { repoRoot, workspaceFile } from './run-cli';

/** The environment without what `npm run …` adds (npm_config_*), so the flags below decide. */
function plainEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
}

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, env: plainEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

const ALLOWED = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^CHANGELOG\.md$/,
  /^bin\/convshape\.js$/,
  /^dist\/(web\/|webview\/)?[\w-]+\.js$/,
  /^media\/icon\.png$/,
];

describe('cli: the packed package installs and runs on its own', function () {
  this.timeout(180_000);
  let tmp: string;
  let tarball: string;
  let packed: string[];
  let packStarted: number;

  // A code cache a local run left beside the bundle: made for this machine, it must not be packed.
  const localCache = path.join(repoRoot, 'dist', `cli-${'0'.repeat(32)}.v8cache`);

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'convshape-pack-'));
    packStarted = Date.now();
    fs.mkdirSync(path.dirname(localCache), { recursive: true });
    fs.writeFileSync(localCache, 'a code cache of this machine');
    // The prepack script builds dist/ from the sources under test (pre-commit relies on it too).
    // As pre-commit does: npm pack's stdout is the tarball's name and nothing else.
    const name = npm(['pack', '--pack-destination', tmp], repoRoot).trim();
    assert.match(name, /^convshape-\d+\.\d+\.\d+\.tgz$/);
    tarball = path.join(tmp, name);
    packed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(entry => entry.replace(/^package\//, ''))
      .sort();
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(localCache, { force: true });
  });

  it('packs only what the CLI and the extension run, and declares no runtime dependency', () => {
    for (const file of packed)
      assert.ok(
        ALLOWED.some(re => re.test(file)),
        `${file} should not be in the package`,
      );
    for (const needed of [
      'bin/convshape.js',
      'dist/cli.js',
      'dist/lsp.js',
      'dist/analysis-worker.js',
      'dist/extension.js',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
    ])
      assert.ok(packed.includes(needed), `${needed} is missing`);
    // Whole seconds: some file systems keep coarse modification times.
    assert.ok(fs.statSync(path.join(repoRoot, 'dist/cli.js')).mtimeMs >= packStarted - 1000, 'npm pack built dist/');
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    assert.equal(manifest.dependencies, undefined, 'the bundles carry their dependencies');
  });

  it('installs globally from the tarball offline and `convshape check` works', async () => {
    const prefix = path.join(tmp, 'prefix');
    const project = path.join(tmp, 'project');
    fs.mkdirSync(project);
    npm(
      [
        'install',
        '-g',
        '--prefix',
        prefix,
        '--cache',
        path.join(tmp, 'cache'),
        '--offline',
        '--no-audit',
        '--no-fund',
        tarball,
      ],
      project,
    );
    const installed = path.join(prefix, 'lib', 'node_modules', 'convshape');
    assert.ok(fs.existsSync(path.join(installed, 'dist', 'cli.js')));
    assert.ok(!fs.existsSync(path.join(installed, 'node_modules')), 'nothing else was installed');

    fs.copyFileSync(workspaceFile('wrong_features.py'), path.join(project, 'model.py'));
    fs.copyFileSync(workspaceFile('lenet.py'), path.join(project, 'lenet.py'));
    const convshape = path.join(prefix, 'bin', 'convshape');
    const run = (...args: string[]) =>
      spawnSync(convshape, args, { cwd: project, env: { ...plainEnv(), NODE_PATH: '' }, encoding: 'utf8' });

    const buggy = run('check', 'model.py');
    assert.equal(buggy.status, 1, buggy.stderr);
    assert.match(
      buggy.stdout,
      /^model\.py:9:\d+: error: mat1 and mat2 shapes cannot be multiplied \(2x5408 and 9000x10\) \[features-mismatch\]/,
    );
    const clean = run('check', 'lenet.py');
    assert.equal(clean.status, 0, clean.stderr);
    assert.match(clean.stdout, /model LeNet \(pytorch\)/);

    // The first check wrote a code cache beside the installed bundle; the runs after it use it, and
    // a damaged one is ignored: the same output every time.
    const caches = () => fs.readdirSync(path.join(installed, 'dist')).filter(f => f.endsWith('.v8cache'));
    assert.equal(caches().length, 1, 'one code cache beside the installed bundle');
    const cached = run('check', 'model.py');
    assert.deepEqual([cached.status, cached.stdout, cached.stderr], [buggy.status, buggy.stdout, buggy.stderr]);
    const cacheFile = path.join(installed, 'dist', caches()[0]);
    const damaged = fs.readFileSync(cacheFile);
    damaged.fill(0x5a, damaged.length >> 1, (damaged.length >> 1) + 64);
    fs.writeFileSync(cacheFile, damaged);
    const recovered = run('check', 'model.py');
    assert.deepEqual(
      [recovered.status, recovered.stdout, recovered.stderr],
      [buggy.status, buggy.stdout, buggy.stderr],
    );
    assert.notDeepEqual(fs.readFileSync(cacheFile), damaged, 'the damaged cache was written anew');
    const sarif = JSON.parse(run('check', '--format', 'sarif', 'model.py').stdout) as {
      runs: { tool: { driver: { version: string } }; results: { ruleId: string }[] }[];
    };
    assert.deepEqual(
      sarif.runs[0].results.map(r => r.ruleId),
      ['features-mismatch'],
    );
    assert.equal(
      sarif.runs[0].tool.driver.version,
      (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version,
    );
    assert.equal(run('check', 'missing.py').status, 2);

    // The language server from the same install: its own bundle, the analysis in the worker beside it.
    const server = new JsonRpcClient(convshape, ['lsp', '--stdio'], {
      cwd: project,
      env: { ...plainEnv(), NODE_PATH: '' },
    });
    try {
      const init = (await server.request('initialize', { processId: null, rootUri: null, capabilities: {} })) as {
        serverInfo: { name: string; version?: string };
      };
      assert.equal(init.serverInfo.name, 'convshape');
      server.notify('initialized', {});
      const uri = `file://${path.join(project, 'model.py')}`;
      const text = fs.readFileSync(path.join(project, 'model.py'), 'utf8');
      server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
      const published = await server.waitFor<{ uri: string; diagnostics: { code: string }[] }>(
        'textDocument/publishDiagnostics',
        p => p.uri === uri,
      );
      assert.deepEqual(
        published.diagnostics.map(d => d.code),
        ['features-mismatch'],
      );
      assert.equal(await server.close(), 0, server.stderr);
    } finally {
      server.kill();
    }
  });
});
