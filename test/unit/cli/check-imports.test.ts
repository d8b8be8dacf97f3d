// `convshape check` on a project whose files import each other (test/fixtures/project): imports
// resolve from the project root (pyproject.toml) or `--root DIR`, and `check DIR` reads each file
// once. Expected shapes are real PyTorch's (test/fixtures/project/*.torch.json).
import { strict as assert } from 'assert';
import type * as fs from 'fs';
import * as path from 'path';
import { runCli as run } from './run-cli';

const PROJECT = path.resolve(__dirname, '../../../../test/fixtures/project');

type Json = { files: { path: string; models: { name: string; output: unknown }[] }[] };

const outputsOf = (out: string) =>
  Object.fromEntries(
    (JSON.parse(out) as Json).files.flatMap(f => f.models.map(m => [`${path.basename(f.path)}:${m.name}`, m.output])),
  );

describe('convshape check: imports across files', () => {
  it('check DIR resolves the project’s imports and reads each file once', async () => {
    const reads = new Map<string, number>();
    // The CommonJS module object itself (the import above is a read-only namespace view of it).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const nodeFs = require('fs') as { readFileSync: typeof fs.readFileSync };
    const original = nodeFs.readFileSync;
    nodeFs.readFileSync = ((p: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
      const key = path.resolve(String(p));
      reads.set(key, (reads.get(key) ?? 0) + 1);
      return (original as (...a: unknown[]) => unknown)(p, ...rest);
    }) as typeof fs.readFileSync;
    let r;
    try {
      r = await run('check', '--json', PROJECT);
    } finally {
      nodeFs.readFileSync = original;
    }
    assert.equal(r.code, 0, r.err);
    const outputs = outputsOf(r.out);
    assert.deepEqual(outputs['classifier.py:Classifier'], [4, 5]);
    assert.deepEqual(outputs['unet_small.py:UNetSmall'], [2, 2, 64, 64]);
    assert.deepEqual(outputs['cyclic.py:WithCycle'], [1, 4, 18, 18]);
    const pyReads = [...reads].filter(([p]) => p.endsWith('.py'));
    assert.ok(pyReads.length >= 10);
    for (const [p, n] of pyReads) assert.equal(n, 1, p);
  });

  it('--root DIR moves the root absolute imports resolve from', async () => {
    const file = path.join(PROJECT, 'classifier.py');
    const inNetpkg = await run('check', '--json', '--root', path.join(PROJECT, 'netpkg'), file);
    // models/ and netpkg/ are not under that root: the imported blocks are unknown.
    assert.deepEqual(outputsOf(inNetpkg.out)['classifier.py:Classifier'], null);
    const atProject = await run('check', '--json', '--root', PROJECT, file);
    assert.deepEqual(outputsOf(atProject.out)['classifier.py:Classifier'], [4, 5]);
  });

  it('--root must be a folder', async () => {
    const r = await run('check', '--root', path.join(PROJECT, 'nowhere'), PROJECT);
    assert.equal(r.code, 2);
    assert.match(r.err, /--root .*: not a folder/);
  });
});
