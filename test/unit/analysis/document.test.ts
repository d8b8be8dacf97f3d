import { strict as assert } from 'assert';
import { DocumentAnalyzer, TextIndex, analyzeText, lineColumn, offsetAt, oneBased } from '../../../src/analysis';
import { HEADER, show } from './helpers';

const V1 =
  HEADER +
  `class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)

    def forward(self, x):  # x: [1, 3, 16, 16]
        return self.conv(x)
`;

describe('analysis: documents', () => {
  it('DocumentAnalyzer re-analyses a new version (incremental parse) like a fresh analysis', () => {
    const doc = new DocumentAnalyzer();
    const a1 = doc.update(V1);
    assert.equal(doc.update(V1), a1, 'same text and options: the same Analysis object');
    const v2 = V1.replace('nn.Conv2d(3, 8, 3)', 'nn.Conv2d(3, 8, 5, stride=2)');
    const a2 = doc.update(v2);
    assert.equal(show(a2.models[0].output), '[1, 8, 6, 6]');
    assert.deepEqual(a2, analyzeText(v2));
    const a3 = doc.update(v2, { inputs: { Net: [2, 3, 9, 9] } });
    assert.equal(show(a3.models[0].output), '[2, 8, 3, 3]');
  });

  it('never throws, whatever the text', function () {
    // Two inputs are large (3,000 parentheses, a 50,000-item list): generous on a loaded machine.
    this.timeout(30_000);
    for (const t of [
      '',
      '\u0000',
      'class (',
      'def forward(self, x):  # x: [',
      '('.repeat(3000),
      'x = [' + '1,'.repeat(50_000),
    ]) {
      const a = analyzeText(t);
      assert.ok(Array.isArray(a.diagnostics));
    }
  });

  it('converts offsets and 0-/1-based line/column (\\n and \\r\\n)', () => {
    const text = 'ab\r\ncd\nef';
    assert.deepEqual(lineColumn(text, 0), { line: 0, column: 0 });
    assert.deepEqual(lineColumn(text, 5), { line: 1, column: 1 });
    assert.deepEqual(lineColumn(text, 9), { line: 2, column: 2 });
    assert.deepEqual(oneBased(lineColumn(text, 7)), { line: 3, column: 1 });
    assert.equal(offsetAt(text, { line: 1, column: 1 }), 5);
    assert.equal(offsetAt(text, { line: 0, column: 99 }), 2, 'clamped to the line, before \\r\\n');
    const index = new TextIndex(text);
    for (let o = 0; o <= text.length; o++) {
      if (text[o - 1] === '\r') continue; // between \r and \n is not a position
      assert.equal(index.offset(index.position(o)), o);
    }
  });
});
