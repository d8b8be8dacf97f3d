// Reading past unclosed brackets: the statements the parser folded into a broken one are read on
// their own, with ranges that are offsets into the whole text.
import { strict as assert } from 'assert';
import { ParsedDocument, type Stmt } from '../../../src/python';
import { swallowedBlockStarts } from '../../../src/python/block-starts';

const BROKEN = `import torch
x = f((1,
y = [2,

class A:
    pass

@dec
def g():
    return 1

from os import path
if __name__ == "__main__":
    g()
`;

const kinds = (body: readonly Stmt[]) =>
  body.map(s => (s.k === 'class' || s.k === 'def' ? `${s.k} ${s.def.name}` : s.k));

describe('python: recovery from unclosed brackets', () => {
  it('class, decorated def, from-import and if __name__ after two unclosed brackets are top-level statements', () => {
    const body = ParsedDocument.parse(BROKEN).module.body;
    assert.deepEqual(kinds(body).slice(-4), ['class A', 'def g', 'import', 'if']);
  });

  it('their ranges point into the whole text', () => {
    const body = ParsedDocument.parse(BROKEN).module.body;
    for (const s of body) {
      if (s.k === 'class' || s.k === 'def')
        assert.equal(BROKEN.slice(s.def.nameRange.start, s.def.nameRange.end), s.def.name);
    }
    const last = body[body.length - 1];
    assert.ok(BROKEN.slice(last.r.start, last.r.end).startsWith('if __name__'));
  });

  it('the broken statements themselves stay marked as repaired', () => {
    const body = ParsedDocument.parse(BROKEN).module.body;
    assert.ok(
      body.slice(1, -4).every(s => s.error),
      kinds(body).join(', '),
    );
  });

  it('swallowedBlockStarts: only column-0 block starts inside the range, outside strings', () => {
    const text = 'x = f(\nclass A:\n  """\nclass B:\n  """\n@d\ndef g(): pass\nclassy = 1\n';
    const starts = swallowedBlockStarts(text, 0, text.length);
    assert.deepEqual(
      starts.map(s => text.slice(s, s + 7)),
      ['class A', '@d\ndef '],
    );
  });
});
