import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { type Analysis, type LayerCall, type TextRange, analyzeText } from '../../../src/analysis';
import { hintsInRange, layerAt } from '../../../src/analysis/query';

/** The reference: a scan of every layer (what the hover provider did). */
function layerAtByScan(a: Analysis, offset: number): { layer: LayerCall; range: TextRange } | undefined {
  let best: { layer: LayerCall; range: TextRange } | undefined;
  for (const layer of a.layers) {
    for (const range of [layer.call, layer.definition]) {
      if (!range || offset < range.start || offset > range.end) continue;
      if (!best || range.end - range.start < best.range.end - best.range.start) best = { layer, range };
    }
  }
  return best;
}

function fixtureTexts(): string[] {
  const root = path.resolve(__dirname, '../../../../test/fixtures');
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.py')) out.push(fs.readFileSync(p, 'utf8'));
    }
  };
  walk(root);
  return out;
}

describe('analysis: position queries', function () {
  this.timeout(60_000); // every offset of every fixture, against a full scan
  const texts = fixtureTexts();

  it('has fixtures to query', () => assert.ok(texts.length >= 10));

  it('layerAt finds the same layer and range as a scan of every layer, at every offset', () => {
    let found = 0;
    for (const text of texts) {
      const a = analyzeText(text);
      for (let offset = 0; offset <= text.length; offset++) {
        const expected = layerAtByScan(a, offset);
        const actual = layerAt(a, offset);
        assert.equal(actual?.layer, expected?.layer, `offset ${offset}`);
        assert.equal(actual?.range, expected?.range, `offset ${offset}`);
        if (actual) found++;
      }
    }
    assert.ok(found > 1000, 'the fixtures have layers under many offsets');
  });

  it('layerAt skips ranges the caller does not accept', () => {
    const text = texts.find(t => analyzeText(t).layers.some(l => l.call && l.definition))!;
    const a = analyzeText(text);
    const layer = a.layers.find(l => l.call && l.definition)!;
    assert.equal(layerAt(a, layer.call!.start, r => r !== layer.call)?.range === layer.call, false);
    assert.equal(
      layerAt(a, layer.call!.start, () => false),
      undefined,
    );
  });

  it('hintsInRange gives the hints whose offset lies in [start, end], in order', () => {
    for (const text of texts) {
      const a = analyzeText(text);
      for (let start = 0; start < text.length; start += 97) {
        const end = start + 400;
        const expected = a.hints.filter(h => h.offset >= start && h.offset <= end);
        assert.deepEqual(hintsInRange(a, start, end), expected);
      }
      if (a.hints.length) {
        const h = a.hints[0];
        assert.deepEqual(
          hintsInRange(a, h.offset, h.offset),
          a.hints.filter(x => x.offset === h.offset),
          'both ends included',
        );
      }
    }
  });
});
