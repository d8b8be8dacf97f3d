// A slice read before (read-slices.ts) is a copy of that reading moved to where the slice lies:
// it must equal a fresh reading there, object for object, and share no object with another reading.
import { strict as assert } from 'assert';
import { readBlocks, hasTopLevelErrors } from '../../../src/python/chunks';
import { parsePython } from '../../../src/python/parse';
import { readSlice } from '../../../src/python/read';
import { forgetSlices, keptSlice } from '../../../src/python/read-slices';
import type { Stmt } from '../../../src/python';

const MODEL = `import torch
import torch.nn as nn

class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv = nn.Conv2d(c, c, 3, padding=1)

    def forward(self, x):  # x: [N, 16, 32, 32]
        return torch.relu(self.conv(x)) + x

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(Block(16), Block(16))
        self.fc = nn.Linear(16 * 32 * 32, 10)

    def forward(self, x):
        return self.fc(self.body(x).flatten(1))
`;

/** A top-level statement the parser must repair: the document is read block by block. */
const BROKEN_TOP = `= Broken(nn.Module):\n    pass\n\n`;
/** An unclosed bracket that swallows the classes after it: slices read inside a slice. */
const SWALLOWING = `x = f((1,\ny = [2,\n\n`;

/** Every object reachable from a reading. */
function objectsOf(node: unknown, out = new Set<object>()): Set<object> {
  if (typeof node !== 'object' || node === null || out.has(node)) return out;
  out.add(node);
  for (const v of Object.values(node)) objectsOf(v, out);
  return out;
}

function freshBlocks(text: string): Stmt[] {
  forgetSlices();
  const body = readBlocks(text);
  forgetSlices();
  return body;
}

describe('python: slices read before', () => {
  afterEach(forgetSlices);

  for (const [name, text] of [
    ['a repaired top-level statement', BROKEN_TOP + MODEL],
    ['unclosed brackets swallowing classes', BROKEN_TOP + SWALLOWING + MODEL],
  ]) {
    it(`${name}: a second reading equals the first, in objects of its own`, () => {
      assert.ok(hasTopLevelErrors(parsePython(text)));
      const fresh = freshBlocks(text);
      const first = readBlocks(text);
      const again = readBlocks(text);
      assert.ok(keptSlice(text.slice(text.indexOf('class Net'))), 'the last block is kept');
      assert.deepStrictEqual(first, fresh);
      assert.deepStrictEqual(again, fresh);
      const seen = objectsOf(first);
      for (const o of objectsOf(again)) assert.ok(!seen.has(o), 'a kept reading is copied');
    });

    it(`${name}: blocks read at one offset and then at another are moved`, () => {
      const moved = `# a comment line\n\n${text}`;
      const fresh = freshBlocks(moved);
      readBlocks(text);
      assert.deepStrictEqual(readBlocks(moved), fresh);
      // And back: the kept readings are those at the first offset, unchanged by the copies.
      assert.deepStrictEqual(readBlocks(text), freshBlocks(text));
    });
  }

  it('a slice nested deeper than a copy goes is read afresh, the same', () => {
    const deep = `y = ${'['.repeat(150)}1${']'.repeat(150)}\n`;
    const text = BROKEN_TOP + deep + MODEL;
    const fresh = freshBlocks(text);
    readBlocks(text);
    assert.deepStrictEqual(readBlocks(text), fresh);
  });

  it('readSlice of one slice at two offsets gives ranges into each text', () => {
    const block = MODEL.slice(MODEL.indexOf('class Net'));
    const a = readSlice(`${block}`, 0, block.length);
    const pad = '\n'.repeat(7);
    const b = readSlice(`${pad}${block}`, pad.length, pad.length + block.length);
    assert.equal(a[0].r.start + pad.length, b[0].r.start);
    assert.equal(a[0].r.end + pad.length, b[0].r.end);
  });
});
