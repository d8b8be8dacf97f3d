// Where a command writes: stdout, stderr and files. Injected so commands can be tested in-process.
import * as fs from 'fs';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  writeFile(path: string, data: string): void;
}

export const processIo: CliIo = {
  out: text => process.stdout.write(text),
  err: text => process.stderr.write(text),
  writeFile: (path, data) => fs.writeFileSync(path, data),
};

/** Exit statuses: 0 fine, 1 the framework would raise (or check found an error), 2 usage. */
export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_USAGE = 2;

/** A usage problem: reported on stderr with exit status 2. */
export class UsageError extends Error {}
