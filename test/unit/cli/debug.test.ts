// `convshape check --debug`: internal errors on stderr, per file, and a count line.
import { strict as assert } from 'assert';
import * as path from 'path';
import { main } from '../../../src/cli/main';
import { DebugReport } from '../../../src/cli/debug';
import type { CliIo } from '../../../src/cli/io';
import { reportInternalError } from '../../../src/common/internal-errors';

const root = path.resolve(__dirname, '../../../..');

function capture(): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: { out: t => void (out += t), err: t => void (err += t), writeFile: () => assert.fail('writes no files') },
    out: () => out,
    err: () => err,
  };
}

describe('cli/check --debug', () => {
  it('prints a count line of zero for a clean check, and keeps stdout as without --debug', async () => {
    const file = path.join(root, 'test/unit/cli/check-workspace/lenet.py');
    const plain = capture();
    const debug = capture();
    assert.equal(await main(['check', file], plain.io), 0);
    assert.equal(await main(['check', '--debug', file], debug.io), 0);
    assert.equal(debug.out(), plain.out());
    assert.equal(debug.err(), 'convshape: 0 internal error(s)\n');
  });

  it('prints the internal errors reported while a file was analysed, with their stack', () => {
    const c = capture();
    const report = new DebugReport(c.io);
    reportInternalError('test.guard', new TypeError('deliberate'));
    report.afterFile('model.py');
    report.afterFile('other.py');
    report.finish();
    assert.match(c.err(), /^model\.py: internal error in test\.guard: TypeError: deliberate\n\s+at /);
    assert.doesNotMatch(c.err(), /other\.py/);
    assert.match(c.err(), /convshape: 1 internal error\(s\)\n$/);
  });
});
