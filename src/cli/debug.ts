// `--debug`: the internal errors (bugs a guard caught, see common/internal-errors.ts) on stderr,
// after each file that had any, and a count line at the end.
import { takeInternalErrors } from '../common/internal-errors';
import type { CliIo } from './io';

export class DebugReport {
  private total = 0;

  constructor(private readonly io: CliIo) {
    takeInternalErrors(); // only what this command causes
  }

  /** Prints the internal errors reported while `file` was analysed. */
  afterFile(file: string): void {
    const { count, recent } = takeInternalErrors();
    this.total += count;
    for (const e of recent)
      this.io.err(
        `${file}: internal error in ${e.where}: ${e.message}\n${e.stack ? e.stack.split('\n').slice(1).join('\n') + '\n' : ''}`,
      );
    if (count > recent.length) this.io.err(`${file}: ${count - recent.length} more internal error(s) not shown\n`);
  }

  finish(): void {
    this.io.err(`convshape: ${this.total} internal error(s)\n`);
  }
}
