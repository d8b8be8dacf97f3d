// The CLI's output (src/cli/io.ts writeAll): everything written, in order, through a full
// non-blocking pipe; a reader that went away ends the output quietly; other errors are errors.
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { writeAll } from '../../../src/cli/io';

const errno = (code: string) => Object.assign(new Error(code), { code });

describe('cli: writeAll', () => {
  it('writes every byte of a long, non-ASCII text through short writes and a full pipe', () => {
    const text = 'größe ⌊H/2⌋ '.repeat(5000);
    const written: Buffer[] = [];
    let calls = 0;
    writeAll(1, text, ((_fd: number, bytes: Buffer, offset: number, length: number) => {
      if (++calls % 3 === 0) throw errno('EAGAIN');
      const n = Math.min(length, 777);
      written.push(Buffer.from(bytes.subarray(offset, offset + n)));
      return n;
    }) as never);
    assert.equal(Buffer.concat(written).toString('utf8'), text);
  });

  it('stops quietly when the reader has gone (EPIPE), and throws other errors', () => {
    let calls = 0;
    writeAll(1, 'x'.repeat(100), (() => {
      calls++;
      throw errno('EPIPE');
    }) as never);
    assert.equal(calls, 1);
    assert.throws(
      () =>
        writeAll(1, 'x', (() => {
          throw errno('EBADF');
        }) as never),
      /EBADF/,
    );
  });

  it('gives a real pipe everything, in order with stderr', () => {
    const io = path.resolve(__dirname, '../../../src/cli/io.js');
    const script = `const { writeAll } = require(${JSON.stringify(io)}); for (let i = 0; i < 2000; i++) writeAll(1, 'line ' + i + ' ' + 'ab'.repeat(100) + '\\n'); writeAll(2, 'done\\n');`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 2000);
    assert.ok(lines.every((l, i) => l.startsWith(`line ${i} `)));
    assert.equal(r.stderr, 'done\n');
  });
});
