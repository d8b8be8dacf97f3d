// How `convshape` starts (bin/convshape.js calls `launch`). A `check` of one file is over in tens of
// milliseconds, so two costs of a cold Node process matter: compiling the 450 KB CLI bundle
// (dist/cli.js) and V8's optimising compiler, which on a short run spends more than it saves. So
// the bundle is compiled from a V8 code cache when a valid one is at hand (written after a run that
// had none), and optimisation waits for code that really is hot. Bundled alone as dist/launch.js:
// it loads none of the CLI's modules itself. docs/cli.md ("Start-up") describes it for users.
import type * as Crypto from 'crypto';
import * as fs from 'fs';
import Module, { createRequire } from 'module';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import * as zlib from 'zlib';

/**
 * V8 tiers a function up to its optimising compiler after an "interrupt budget" of bytecode
 * executed (67,584 by default in Node 20). A whole-process `check` then pays for optimising (and
 * de-optimising) functions it leaves soon after; sixteen times the budget measured fastest for one
 * file and for 60 files alike (`npm run bench` reports `coldCheckMs`, docs/cli.md has the figures).
 */
export const V8_FLAGS = '--interrupt-budget=1081344';

/** Part of every key: a change of this file's format must never read an older file. */
const FORMAT = 2;
/** The seal in front of a cache file: the payload's checksum and length, 4 bytes each. */
const SEAL_BYTES = 8;
/** Cache files of this launcher (16 hex digits) and of older ones (32), all removed when stale. */
const CACHE_FILE = /^cli-[0-9a-f]{16}(?:[0-9a-f]{16})?\.v8cache$/;

/** Commands whose run compiles the code worth caching (the analysis); `--help` compiles little. */
const WARMING_COMMANDS = new Set(['check', 'explain']);

type Checksum = (data: string | Uint8Array, value?: number) => number;

/** The first four bytes of a SHA-256 of `value` and `data`: the checksum where zlib has no CRC-32. */
export function digestChecksum(data: string | Uint8Array, value = 0): number {
  // Loaded only here: `crypto` alone costs a cold start several milliseconds.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createHash } = require('crypto') as typeof Crypto;
  return createHash('sha256').update(String(value)).update(data).digest().readUInt32BE(0);
}

/**
 * CRC-32 of `data`, continuing from `value`: zlib's (Node 20.15 and later) takes a fraction of a
 * millisecond over the bundle; before it, `digestChecksum`.
 */
export const checksum: Checksum = (zlib as { crc32?: Checksum }).crc32 ?? digestChecksum;

const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, '0');

/**
 * The key of a code cache: a checksum of our format, Node's version and architecture, and the
 * bundle's whole text, with the text's length. V8 itself checks only its version, its flags and
 * the source's length, so a bundle rebuilt to the same length would otherwise run the old bundle's
 * code.
 */
export function cacheKey(source: string): string {
  const prefix = checksum(`convshape-code-cache ${FORMAT} ${process.version} ${process.arch}\n`);
  return hex8(checksum(source, prefix)) + hex8(source.length);
}

export const cacheFileName = (key: string) => `cli-${key}.v8cache`;

/** The seal in front of a cache file: V8 does not checksum code caches, so a torn file would load. */
function seal(key: string, payload: Uint8Array): Buffer {
  const sealed = Buffer.alloc(SEAL_BYTES);
  sealed.writeUInt32BE(checksum(payload, checksum(key)) >>> 0, 0);
  sealed.writeUInt32BE(payload.length >>> 0, 4);
  return sealed;
}

/** V8's cache data from `file` when the file is whole and made for `key`; else undefined. */
export function readCache(file: string, key: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch {
    return undefined; // no cache yet (or unreadable): compile from source
  }
  if (data.length <= SEAL_BYTES) return undefined;
  const payload = data.subarray(SEAL_BYTES);
  return seal(key, payload).equals(data.subarray(0, SEAL_BYTES)) ? payload : undefined;
}

/**
 * Writes V8's cache data for `key` into `dir` (written whole, then renamed into place, so a
 * concurrent run reads the old file or the new one) and removes other keys' files there. Returns
 * the file, or undefined when `dir` cannot be written (a read-only global install).
 */
export function writeCache(dir: string, key: string, payload: Uint8Array): string | undefined {
  const file = path.join(dir, cacheFileName(key));
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(temporary, Buffer.concat([seal(key, payload), payload]));
    fs.renameSync(temporary, file);
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // the folder itself is out of reach: nothing was written
    }
    return undefined;
  }
  try {
    for (const name of fs.readdirSync(dir))
      if (CACHE_FILE.test(name) && name !== path.basename(file)) fs.rmSync(path.join(dir, name), { force: true });
  } catch {
    // an old file that cannot be removed only takes room
  }
  return file;
}

/** The user's own cache folder for convshape (never a shared temporary folder); undefined if none. */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string | undefined {
  if (platform === 'win32') return env.LOCALAPPDATA ? path.join(env.LOCALAPPDATA, 'convshape', 'Cache') : undefined;
  let home: string;
  try {
    home = os.homedir();
  } catch {
    return undefined; // no home folder (a system account): only the bundle's folder
  }
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'convshape');
  const xdg = env.XDG_CACHE_HOME;
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.cache'), 'convshape');
}

export type CacheStatus = 'accepted' | 'rejected' | 'absent' | 'off';

export interface BundleRun {
  /** accepted: compiled from the cache; rejected: V8 refused it; absent: none valid; off: not looked for. */
  readonly status: CacheStatus;
  /** The module's exports. */
  readonly exports: unknown;
  /** Writes the cache for this bundle as compiled so far into the first writable folder. */
  save(): string | undefined;
}

/**
 * Runs a CommonJS bundle as Node's loader would (its own `require`, `module`, `__dirname`), compiled
 * from the first valid cache in `dirs`. Nothing is cached when `dirs` is empty.
 */
export function runBundle(bundle: string, dirs: readonly string[]): BundleRun {
  const source = fs.readFileSync(bundle, 'utf8');
  const key = dirs.length ? cacheKey(source) : undefined;
  let cachedData: Buffer | undefined;
  for (const dir of key ? dirs : []) if ((cachedData = readCache(path.join(dir, cacheFileName(key!)), key!))) break;
  // The wrapper on a line of its own, counted as line 0: stack traces keep the bundle's lines and columns.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {\n${source}\n})`, {
    filename: bundle,
    lineOffset: -1,
    cachedData,
  });
  const status: CacheStatus = !key
    ? 'off'
    : !cachedData
      ? 'absent'
      : script.cachedDataRejected
        ? 'rejected'
        : 'accepted';
  const mod = new Module(bundle, require.main);
  mod.filename = bundle;
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(mod.exports, mod.exports, createRequire(bundle), mod, bundle, path.dirname(bundle));
  mod.loaded = true;
  return {
    status,
    get exports() {
      return mod.exports as unknown;
    },
    save: () => {
      if (!key) return undefined;
      const data = script.createCachedData();
      for (const dir of dirs) {
        const file = writeCache(dir, key, data);
        if (file) return file;
      }
      return undefined;
    },
  };
}

/**
 * Starts the CLI bundle beside this file. `CONVSHAPE_CODE_CACHE=0` turns the code cache off. The
 * cache is written when the process exits after a command that analysed and found none valid.
 */
export function launch(bundle = path.join(__dirname, 'cli.js'), argv = process.argv.slice(2)): BundleRun {
  v8.setFlagsFromString(V8_FLAGS);
  const dirs =
    process.env.CONVSHAPE_CODE_CACHE === '0'
      ? []
      : [path.dirname(bundle), userCacheDir()].filter((d): d is string => d !== undefined);
  const run = runBundle(bundle, dirs);
  if ((run.status === 'absent' || run.status === 'rejected') && WARMING_COMMANDS.has(argv[0] ?? ''))
    process.once('exit', () => {
      try {
        run.save();
      } catch {
        // a cache is an optimisation: failing to write one must not change how the command ended
      }
    });
  return run;
}
