// `convshape check --format`: text stays the default, json is --json, and a bad or contradictory
// choice is a usage error (exit 2, nothing on stdout).
import { strict as assert } from 'assert';
import { runCli, workspaceFile } from './run-cli';

describe('cli/check --format', () => {
  it('defaults to text; --format text prints the same', async () => {
    const plain = await runCli('check', workspaceFile('wrong_features.py'));
    assert.match(plain.out, /wrong_features\.py:9:\d+: error: mat1 and mat2/);
    assert.deepEqual(await runCli('check', '--format', 'text', workspaceFile('wrong_features.py')), plain);
  });

  it('--format json is --json', async () => {
    const json = await runCli('check', '--json', workspaceFile('lenet.py'));
    assert.deepEqual(await runCli('check', '--format', 'json', workspaceFile('lenet.py')), json);
    assert.deepEqual(await runCli('check', '--json', '--format', 'json', workspaceFile('lenet.py')), json);
  });

  it('rejects an unknown format and --json with another format', async () => {
    for (const argv of [
      ['--format', 'xml'],
      ['--json', '--format', 'sarif'],
      ['--format', 'sarif', '--format', 'github'],
    ]) {
      const r = await runCli('check', ...argv, workspaceFile('lenet.py'));
      assert.equal(r.code, 2, argv.join(' '));
      assert.equal(r.out, '');
      assert.match(r.err, /usage: convshape check/);
    }
  });

  it('documents the formats and exit statuses in --help', async () => {
    const r = await runCli('check', '--help');
    assert.match(r.out, /--format text \(default\) \| json .* \| sarif .* \| github/);
    assert.match(r.out, /0 no error found, 1 an error found, 2 usage error/);
  });
});
