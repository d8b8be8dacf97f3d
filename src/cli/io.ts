// Where a command writes: stdout, stderr and files. Injected so commands can be tested in-process.
import * as fs from 'fs';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  writeFile(path: string, data: string): void;
}

/** A short sleep for a full non-blocking pipe (Atomics.wait blocks this thread only). */
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Writes all of `text` to a file descriptor, synchronously. `process.stdout` would do, but making
 * it costs a cold `check` several milliseconds when stdout is a pipe (it loads Node's `net`), as
 * much as analysing a small model. A pipe opened non-blocking by the reader may be full: wait and
 * go on. A reader that has gone (`| head`) ends the output quietly, as `cat` does.
 */
export function writeAll(fd: number, text: string, write: typeof fs.writeSync = fs.writeSync): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length;) {
    try {
      at += write(fd, bytes, at, bytes.length - at);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') pause(1);
      else if (code === 'EPIPE') return;
      else throw e;
    }
  }
}

export const processIo: CliIo = {
  out: text => writeAll(1, text),
  err: text => writeAll(2, text),
  writeFile: (path, data) => fs.writeFileSync(path, data),
};

/** Exit statuses: 0 fine, 1 the framework would raise (or check found an error), 2 usage. */
export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_USAGE = 2;

/** A usage problem: reported on stderr with exit status 2. */
export class UsageError extends Error {}
