// Runs `convshape` in-process and collects what it printed.
import { strict as assert } from 'assert';
import * as path from 'path';
import type { CliIo } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';

export const repoRoot = path.resolve(__dirname, '../../../..');
export const workspaceFile = (name: string) => path.join(repoRoot, 'test/unit/cli/check-workspace', name);

/** What a command printed and its exit status, with the CliIo that collects it (no file is written). */
export function capturedIo(): { io: CliIo; printed: { code: number; out: string; err: string } } {
  const printed = { code: -1, out: '', err: '' };
  const io: CliIo = {
    out: t => {
      printed.out += t;
    },
    err: t => {
      printed.err += t;
    },
    writeFile: () => assert.fail('check writes no files'),
  };
  return { io, printed };
}

export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const { io, printed } = capturedIo();
  printed.code = await main(argv, io);
  return printed;
}
