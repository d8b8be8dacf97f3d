// `convshape check` analyses lean (AnalyzeOptions.lean: no drawings, no shared shapes, untried
// fixes dropped untried): what it prints must be byte for byte what the full analysis, the
// editor's, prints. Every example and fixture, in every output format, both ways.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyzeText } from '../../../src/analysis';
import { checkCommand } from '../../../src/cli/check';
import { generateModelFile } from '../fuzz/tools';
import { capturedIo, repoRoot } from './run-cli';

async function check(argv: readonly string[], full: boolean): Promise<{ code: number; out: string; err: string }> {
  const { io, printed } = capturedIo();
  printed.code = await checkCommand(argv, io, full);
  return printed;
}

/** Checks both ways and compares; returns what was printed. */
async function assertSameOutput(...argv: string[]): Promise<string> {
  const full = await check(argv, true);
  const lean = await check(argv, false);
  assert.equal(lean.code, full.code, `exit status of check ${argv.join(' ')}`);
  assert.equal(lean.err, full.err, `stderr of check ${argv.join(' ')}`);
  assert.equal(lean.out, full.out, `stdout of check ${argv.join(' ')}`);
  return full.out;
}

const FOLDERS = [
  'examples',
  'test/fixtures/pytorch',
  'test/fixtures/keras',
  'test/fixtures/project',
  'test/unit/cli/check-workspace',
  'test/integration/workspace',
];
/** SARIF and GitHub annotations are the JSON's diagnostics written otherwise: checked on the folders
 *  with errors, warnings and notebooks, not all (each comparison analyses a folder twice). */
const DIAGNOSTIC_FORMATS = new Set(['examples', 'test/unit/cli/check-workspace', 'test/integration/workspace']);

describe('convshape check: the lean analysis prints what the full one does', function () {
  this.timeout(300_000);

  for (const folder of FOLDERS)
    for (const format of DIAGNOSTIC_FORMATS.has(folder) ? ['text', 'json', 'sarif', 'github'] : ['text', 'json'])
      it(`${folder} --format ${format}`, async () => {
        const out = await assertSameOutput('--format', format, path.join(repoRoot, folder));
        assert.ok(out.length > 0, `check --format ${format} ${folder} printed nothing to compare`);
      });

  it('with --input (replaced Keras inputs, notes on stderr)', async () => {
    await assertSameOutput('--input', '1,3,64,64', '--json', path.join(repoRoot, 'test/fixtures/pytorch'));
    await assertSameOutput('--input', '(None,64,64,3)', path.join(repoRoot, 'test/fixtures/keras'));
  });

  it('the benchmark’s generated models (coldCheckMs, checkFilesPerSecond)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convshape-lean-'));
    try {
      for (let i = 0; i < 5; i++)
        fs.writeFileSync(path.join(dir, `model_${i}.py`), generateModelFile({ lines: 250, seed: 5000 + i }).text);
      assert.match(await assertSameOutput(dir), /model ResNet0/);
      assert.match(await assertSameOutput('--json', dir), /"validInputs"/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is lean: the fixtures hold layers drawn and fixes tried only by the full analysis', () => {
    let drawnOnlyInFull = 0;
    let triedOnlyInFull = 0;
    for (const folder of ['test/fixtures/pytorch', 'test/fixtures/keras'])
      for (const name of fs.readdirSync(path.join(repoRoot, folder)).filter(n => n.endsWith('.py'))) {
        const text = fs.readFileSync(path.join(repoRoot, folder, name), 'utf8');
        const full = analyzeText(text);
        const lean = analyzeText(text, { lean: true });
        assert.equal(lean.layers.length, full.layers.length, name);
        assert.ok(
          lean.layers.every(l => l.drawnFor === undefined),
          `${name}: a lean layer is drawn`,
        );
        if (full.layers.some(l => l.drawnFor !== undefined)) drawnOnlyInFull++;
        const fixes = (a: typeof full) => a.diagnostics.reduce((n, d) => n + d.fixes.length, 0);
        if (fixes(full) > fixes(lean)) triedOnlyInFull++;
      }
    assert.ok(drawnOnlyInFull > 0, 'no fixture has a drawn layer: the comparison above proves nothing');
    assert.ok(triedOnlyInFull > 0, 'no fixture has a tried fix: the comparison above proves nothing');
  });
});
