// A real editor as the client: Debian's Neovim (0.7) runs headless with nvim/client.lua, starts
// `convshape lsp --stdio` (the compiled CLI), opens a model with a bug, and writes what it received
// — the diagnostics, a hover, the code actions — to a file this test reads. Then it applies the
// preferred fix and reports the diagnostics left after Neovim's own didChange. CI installs
// neovim (.ci/run).
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const repoRoot = path.resolve(__dirname, '../../../..');
const CONFIG = path.join(repoRoot, 'test/unit/lsp/nvim/client.lua');
const MODEL = path.join(repoRoot, 'test/unit/cli/check-workspace/wrong_features.py');

interface Received {
  diagnostics: { lnum: number; col: number; severity: number; message: string; source: string; code: string }[];
  hover: string | null;
  hover_lines: string[];
  actions: { title: string; kind: string; preferred: boolean }[];
  fixed_line?: string;
  after_fix: number | null;
  log: string[];
}

describe('lsp: Neovim (headless) as the client of convshape lsp', function () {
  this.timeout(120_000);
  let received: Received;
  let tmp: string;

  before(() => {
    const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0, 'nvim is not installed: apt-get install neovim (.ci/run does)');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'convshape-nvim-'));
    const model = path.join(tmp, 'model.py');
    fs.copyFileSync(MODEL, model);
    const out = path.join(tmp, 'received.json');
    const run = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', CONFIG], {
      cwd: tmp,
      encoding: 'utf8',
      timeout: 100_000,
      env: {
        ...process.env,
        // No user configuration or state leaks in.
        XDG_CONFIG_HOME: path.join(tmp, 'config'),
        XDG_DATA_HOME: path.join(tmp, 'data'),
        XDG_STATE_HOME: path.join(tmp, 'state'),
        XDG_CACHE_HOME: path.join(tmp, 'cache'),
        CONVSHAPE_LSP_CMD: JSON.stringify([
          process.execPath,
          path.join(repoRoot, 'out/src/cli/main.js'),
          'lsp',
          '--stdio',
        ]),
        CONVSHAPE_MODEL: model,
        CONVSHAPE_OUT: out,
      },
    });
    assert.ok(fs.existsSync(out), `Neovim wrote nothing (status ${run.status}):\n${run.stdout}\n${run.stderr}`);
    received = JSON.parse(fs.readFileSync(out, 'utf8')) as Received;
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('shows the diagnostic with its code, source and the framework’s message', () => {
    assert.deepEqual(received.log, []);
    assert.equal(received.diagnostics.length, 1, JSON.stringify(received.diagnostics));
    const [d] = received.diagnostics;
    assert.equal(d.lnum, 8);
    assert.equal(d.severity, 1, 'an error');
    assert.equal(d.source, 'convshape');
    assert.equal(d.code, 'features-mismatch');
    assert.match(d.message, /mat1 and mat2 shapes cannot be multiplied \(2x5408 and 9000x10\)/);
  });

  it('shows a markdown hover with the title, the formulas with numbers, the cost and the text diagram', () => {
    assert.ok(received.hover, 'no hover');
    assert.match(received.hover, /\*\*conv: Conv2d\*\*/);
    assert.match(received.hover, /H: ⌊\(28 \+ 2·0 − 3\)\/1⌋ \+ 1 = 26/);
    assert.match(received.hover, /params 80/);
    const lines = received.hover_lines.join('\n');
    assert.match(lines, /■ kernel → first output/, 'the client split the markdown into lines with the diagram');
  });

  it('offers the quick fix; applied by Neovim, the diagnostic goes away', () => {
    const preferred = received.actions.filter(a => a.preferred);
    assert.equal(preferred.length, 1, JSON.stringify(received.actions));
    assert.equal(preferred[0].kind, 'quickfix');
    assert.match(preferred[0].title, /5408/);
    assert.match(received.fixed_line ?? '', /nn\.Linear\(5408, 10\)/);
    assert.equal(received.after_fix, 0);
  });
});
