// Runs `convshape` in-process and collects what it printed.
import { strict as assert } from 'assert';
import * as path from 'path';
import type { CliIo } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';

export const repoRoot = path.resolve(__dirname, '../../../..');
export const workspaceFile = (name: string) => path.join(repoRoot, 'test/unit/cli/check-workspace', name);

export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = { code: -1, out: '', err: '' };
  const io: CliIo = {
    out: t => {
      r.out += t;
    },
    err: t => {
      r.err += t;
    },
    writeFile: () => assert.fail('check writes no files'),
  };
  r.code = await main(argv, io);
  return r;
}
