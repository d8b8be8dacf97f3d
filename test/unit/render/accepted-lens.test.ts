// The CodeLens title of a model's accepted input sizes: whole when short, else cut after a whole
// clause with `…` (the tooltip has it whole), never inside a term.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../../src/analysis';
import { acceptsLine, shortAcceptsLine } from '../../../src/render/accepted';

describe('render: the accepted sizes as a CodeLens title', () => {
  it('a short line is kept whole', () => {
    assert.equal(shortAcceptsLine('accepts H, W = 8k, k ≥ 1'), 'accepts H, W = 8k, k ≥ 1');
  });

  it("two inputs' long relation is cut after a whole clause", () => {
    const file = path.resolve(__dirname, '../../../../test/golden/accepted-multi/rgbd_fusion.py');
    const analysis = analyzeText(fs.readFileSync(file, 'utf8'));
    const line = analysis.models.map(acceptsLine).find(l => l !== undefined);
    assert.ok(line && line.length > 90, `a long line: ${line}`);
    const title = shortAcceptsLine(line);
    assert.ok(title.length <= 92, title);
    assert.ok(title.endsWith(' …'), title);
    const kept = title.slice(0, -2);
    assert.ok(line.startsWith(kept), title);
    assert.ok(
      ['; ', ', or ', ': '].some(end => line.startsWith(end, kept.length)),
      `cut inside a clause: ${title}`,
    );
  });

  it('a line with no clause to cut at stays whole rather than cut mid-term', () => {
    const line = `accepts ${'H'.repeat(120)}`;
    assert.equal(shortAcceptsLine(line), line);
  });
});
