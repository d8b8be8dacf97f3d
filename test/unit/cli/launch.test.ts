// The launcher's code cache (src/cli/launch.ts): a cache is used only when it was made for exactly
// this bundle text and this Node, and a stale, torn, altered or refused one is ignored: the bundle
// then runs from its source and gives its own results.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';
import {
  cacheFileName,
  cacheKey,
  checksum,
  digestChecksum,
  readCache,
  runBundle,
  userCacheDir,
  writeCache,
} from '../../../src/cli/launch';

/** A CommonJS "bundle" that reports what it was given; `value` tells two versions of it apart. */
function bundleText(value: number): string {
  return [
    `const helper = () => ${value};`,
    `module.exports = { value: helper(), dir: __dirname, file: __filename, join: require('path').join('a', 'b'), self: this === module.exports };`,
    `module.exports.fail = () => { throw new Error('from the bundle'); };`,
  ].join('\n');
}

describe('cli: the launcher runs the bundle through a code cache', () => {
  let tmp: string;
  let bundle: string;
  let cacheDir: string;

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'convshape-launch-'));
    bundle = path.join(tmp, 'cli.js');
    cacheDir = path.join(tmp, 'cache');
    fs.writeFileSync(bundle, bundleText(42));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const exportsOf = (run: { exports: unknown }) => run.exports as { value: number; [k: string]: unknown };
  const cacheFiles = (dir: string) =>
    fs.existsSync(dir) ? fs.readdirSync(dir).filter(f => f.endsWith('.v8cache')) : [];

  it('runs the bundle as a CommonJS module, with its lines and columns in stack traces', () => {
    const run = runBundle(bundle, []);
    assert.equal(run.status, 'off');
    assert.deepEqual(
      { ...exportsOf(run), fail: undefined },
      { value: 42, dir: tmp, file: bundle, join: path.join('a', 'b'), self: true, fail: undefined },
    );
    assert.equal(run.save(), undefined, 'no folder, no cache');
    const fail = exportsOf(run).fail as () => void;
    assert.throws(fail, (e: Error) => {
      const column = fs.readFileSync(bundle, 'utf8').split('\n')[2].indexOf('new Error') + 1;
      assert.match(e.stack ?? '', new RegExp(`${bundle.replace(/[\\.]/g, '\\$&')}:3:${column}\\b`));
      return true;
    });
  });

  it('writes a cache after a run, and the next run is compiled from it', () => {
    const first = runBundle(bundle, [cacheDir]);
    assert.equal(first.status, 'absent');
    const file = first.save();
    assert.equal(file, path.join(cacheDir, cacheFileName(cacheKey(fs.readFileSync(bundle, 'utf8')))));
    const second = runBundle(bundle, [cacheDir]);
    assert.equal(second.status, 'accepted');
    assert.equal(exportsOf(second).value, 42);
  });

  it('ignores a cache made for another bundle of the same length (V8 alone would run the old code)', () => {
    runBundle(bundle, [cacheDir]).save();
    const [old] = cacheFiles(cacheDir);
    fs.writeFileSync(bundle, bundleText(43));
    assert.equal(bundleText(43).length, bundleText(42).length);

    // What the key prevents: V8 checks only the source's length and takes the old bytecode.
    const payload = readCache(path.join(cacheDir, old), cacheKey(bundleText(42)))!;
    const wrapped = `(function (exports, require, module, __filename, __dirname) {\n${bundleText(43)}\n})`;
    const script = new vm.Script(wrapped, { cachedData: payload });
    assert.equal(script.cachedDataRejected, false);

    const run = runBundle(bundle, [cacheDir]);
    assert.equal(run.status, 'absent');
    assert.equal(exportsOf(run).value, 43);
    run.save();
    assert.deepEqual(cacheFiles(cacheDir), [cacheFileName(cacheKey(bundleText(43)))], 'the stale file is gone');
    assert.equal(exportsOf(runBundle(bundle, [cacheDir])).value, 43);
  });

  for (const [name, damage] of [
    ['altered in the middle', (b: Buffer) => (b[b.length >> 1] ^= 0xff)],
    ['torn (truncated)', (b: Buffer) => b.subarray(0, b.length >> 1)],
    ['emptied', () => Buffer.alloc(0)],
  ] as const) {
    it(`ignores a cache file that is ${name}`, () => {
      const file = runBundle(bundle, [cacheDir]).save()!;
      const bytes = fs.readFileSync(file);
      const damaged = damage(bytes);
      fs.writeFileSync(file, Buffer.isBuffer(damaged) ? damaged : bytes);
      assert.equal(readCache(file, cacheKey(bundleText(42))), undefined);
      const run = runBundle(bundle, [cacheDir]);
      assert.equal(run.status, 'absent');
      assert.equal(exportsOf(run).value, 42);
    });
  }

  it('runs from source when V8 refuses a cache, and a new one replaces it', () => {
    const key = cacheKey(bundleText(42));
    writeCache(cacheDir, key, Buffer.from('not a V8 code cache at all, though sealed for this key'));
    const run = runBundle(bundle, [cacheDir]);
    assert.equal(run.status, 'rejected');
    assert.equal(exportsOf(run).value, 42);
    run.save();
    assert.equal(runBundle(bundle, [cacheDir]).status, 'accepted');
  });

  it('falls back to the next folder when the first cannot be written (a read-only install)', () => {
    const unwritable = path.join(bundle, 'below-a-file'); // a folder under a file: not even root writes it
    const first = runBundle(bundle, [unwritable, cacheDir]);
    assert.equal(first.save(), path.join(cacheDir, cacheFileName(cacheKey(bundleText(42)))));
    assert.equal(runBundle(bundle, [unwritable, cacheDir]).status, 'accepted');
    assert.deepEqual(
      fs.readdirSync(tmp).filter(f => f.endsWith('.tmp')),
      [],
      'no temporary file is left',
    );
  });

  it('keys by Node version and architecture as well as the text', () => {
    const key = cacheKey('x');
    assert.match(key, /^[0-9a-f]{16}$/);
    assert.notEqual(key, cacheKey('y'), 'a bundle of the same length with other text');
    assert.notEqual(key, cacheKey('xx'));
    assert.equal(key, cacheKey('x'));
  });

  for (const [name, sum] of [
    ['checksum', checksum],
    ['digestChecksum (Node before 20.15)', digestChecksum],
  ] as const) {
    it(`${name} tells texts and bytes apart, and continues from a value`, () => {
      const text = bundleText(42);
      assert.equal(sum(text), sum(Buffer.from(text)), 'a string is checked as its UTF-8 bytes');
      assert.notEqual(sum(text), sum(bundleText(43)));
      assert.notEqual(sum(text, 1), sum(text, 2));
      assert.ok(Number.isInteger(sum(text)) && sum(text) >= 0 && sum(text) < 2 ** 32);
    });
  }

  it("removes an older launcher's cache files when it writes its own", () => {
    fs.mkdirSync(cacheDir);
    const older = path.join(cacheDir, `cli-${'ab'.repeat(16)}.v8cache`);
    fs.writeFileSync(older, 'an older format');
    runBundle(bundle, [cacheDir]).save();
    assert.deepEqual(cacheFiles(cacheDir), [cacheFileName(cacheKey(bundleText(42)))]);
  });

  it("caches in the user's own folder, never a shared temporary one", () => {
    const xdg = path.join(os.homedir(), '.xdg');
    assert.equal(userCacheDir({ XDG_CACHE_HOME: xdg }, 'linux'), path.join(xdg, 'convshape'));
    assert.equal(userCacheDir({ XDG_CACHE_HOME: 'relative' }, 'linux'), path.join(os.homedir(), '.cache', 'convshape'));
    assert.equal(userCacheDir({}, 'darwin'), path.join(os.homedir(), 'Library', 'Caches', 'convshape'));
    assert.equal(userCacheDir({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32')?.endsWith('Cache'), true);
    assert.equal(userCacheDir({}, 'win32'), undefined);
  });
});
