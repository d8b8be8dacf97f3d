// `convshape lsp --stdio`: the language server. Its code (and vscode-languageserver) is a bundle of
// its own, dist/lsp.js, required only here, so `convshape check` never loads it.
import { EXIT_OK, UsageError, type CliIo } from './io';
import { packageVersion } from './tool-info';
import type * as LspServer from '../lsp/server';

export const LSP_USAGE = 'usage: convshape lsp --stdio   (a language server over stdin/stdout)';

export async function lspCommand(argv: readonly string[], io: CliIo): Promise<number> {
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') {
      io.out(`${LSP_USAGE}\n`);
      return EXIT_OK;
    }
    if (arg !== '--stdio') throw new UsageError(`unknown option '${arg}' (only --stdio is supported)`);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const server = require('../lsp/server') as typeof LspServer;
  const version = packageVersion();
  return server.runStdioServer(version === undefined ? {} : { version });
}
