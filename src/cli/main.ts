// The `convshape` command line: dispatches to one module per command. Each command takes its
// arguments and an output sink and returns the exit status, so tests can run it in-process.
import { checkCommand, CHECK_USAGE } from './check';
import { explainCommand, EXPLAIN_USAGE } from './explain';
import { EXIT_OK, EXIT_USAGE, UsageError, processIo, type CliIo } from './io';
import { lspCommand, LSP_USAGE } from './lsp';

export type Command = (argv: readonly string[], io: CliIo) => number | Promise<number>;

/** Commands by name; `check` registers here too. */
export const COMMANDS: Record<string, { run: Command; usage: string }> = {
  check: { run: checkCommand, usage: CHECK_USAGE },
  explain: { run: explainCommand, usage: EXPLAIN_USAGE },
  lsp: { run: lspCommand, usage: LSP_USAGE },
};

function usage(): string {
  return [
    'usage: convshape <command> [options]',
    '',
    ...Object.values(COMMANDS).map(c => '  ' + c.usage.replace(/^usage: /, '')),
    '',
  ].join('\n');
}

/** Runs the command line; resolves to the exit status. Never throws. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.err : io.out)(usage());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`convshape: unknown command '${name}'\n${usage()}`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`convshape ${name}: ${e.message}\n${command.usage}\n`);
      return EXIT_USAGE;
    }
    io.err(`convshape ${name}: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT_USAGE;
  }
}

// Run when launched (bin/convshape.js requires the bundle; `node out/src/cli/main.js` runs it
// directly), not when a test imports this module.
const launcher = require.main?.filename ?? '';
if (require.main === module || /[\\/]bin[\\/]convshape(\.js)?$/.test(launcher)) {
  void main(process.argv.slice(2)).then(code => {
    process.exitCode = code;
  });
}
