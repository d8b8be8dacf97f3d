// The metamorphic property over every fixture (the seeded part of `npm run fuzz -- --metamorphic`):
// replacing a literal or a name read by an opaque value, a call of an undefined function
// (tools/fuzz/opaque-mutants.js), may make known shapes unknown but must never add a diagnostic
// nor turn a known shape into a different known one (tools/fuzz/metamorphic.js).
import { strict as assert } from 'assert';
import type { Analysis } from '../../../src/analysis/types';
import {
  analysisApi,
  applyOpaque,
  describeViolation,
  fixtureSources,
  metamorphicViolations,
  opaqueMutant,
  opaqueSites,
  originalOffset,
  parsesCleanly,
} from './tools';

const SEEDED_MUTANTS = 400;

const sitesOf = (text: string) => opaqueSites(text).map(s => text.slice(s.from, s.to));

describe('fuzz: opaque-value mutants (metamorphic property)', function () {
  this.timeout(600_000);

  it('replaces literals and names read, never a name bound, a keyword name or an effect call', () => {
    const text = `import torch.nn as nn
from m import cfg as c

@dataclass
class Net(nn.Module):
    def __init__(self, width, depth=3):
        super().__init__()
        self.fc = nn.Linear(width, out_features=10)
        layers = []
        layers.append(nn.ReLU())
        for i in range(depth):
            total += i
        with open("f") as fh:
            pass
        """A docstring."""
`;
    assert.deepEqual(sitesOf(text), [
      'nn.Module',
      'nn',
      '3', // base class and parameter default
      'nn.Linear',
      'nn',
      'width',
      '10', // not `self.fc` (assigned), not `out_features` (a keyword)
      'nn.ReLU',
      'nn', // the argument of layers.append, not layers.append itself
      'range',
      'depth',
      'i', // not `i` bound by the loop, not `total` updated
      'open',
      '"f"', // not `fh`
    ]);
  });

  it('maps offsets of a mutant back to the original text', () => {
    const text = 'x = f(12, abc)\ny = 7\n';
    const { text: mutant, edits } = applyOpaque(text, [
      { from: 6, to: 8 },
      { from: 10, to: 13 },
    ]);
    assert.equal(mutant, 'x = f(__opaque_0(), __opaque_1())\ny = 7\n');
    assert.equal(originalOffset(edits, 2), 2);
    assert.equal(originalOffset(edits, 8), 6); // inside the first replacement: its start
    assert.equal(originalOffset(edits, mutant.indexOf(')\ny')), text.indexOf(')\ny'));
    assert.equal(originalOffset(edits, mutant.indexOf('7')), text.indexOf('7'));
  });

  it('the property check reports what a mutant may not do, and only that', () => {
    // Guards the guard: a check that accepted anything would make the run below vacuous.
    const hint = (shape: (number | null)[]) => ({
      offset: 5,
      shape,
      site: 'statement' as const,
      range: { start: 0, end: 5 },
    });
    const diag = (message: string) => ({
      range: { start: 0, end: 1 },
      severity: 'error' as const,
      code: 'channel-mismatch' as Analysis['diagnostics'][number]['code'],
      message,
      fixes: [],
    });
    const of = (o: Partial<Analysis>): Analysis => ({ models: [], layers: [], hints: [], diagnostics: [], ...o });
    const text = 'x = 1\n';
    const kinds = (orig: Analysis, mut: Analysis) => metamorphicViolations(text, orig, [], mut).map(v => v.kind);
    const original = of({
      hints: [hint([2, 16, 8, 8])],
      diagnostics: [diag('expected input[2, 64, 16, 16] to have 32 channels')],
    });
    assert.deepEqual(
      kinds(
        original,
        of({ hints: [hint([2, null, 8, 8])], diagnostics: [diag('expected input[2, 64, 16, ?] to have 32 channels')] }),
      ),
      [],
    );
    assert.deepEqual(kinds(original, of({ hints: [hint([2, 32, 8, 8])] })), ['hint']);
    assert.deepEqual(kinds(original, of({ hints: [hint([2, 16, 8])] })), ['hint']);
    assert.deepEqual(
      kinds(original, of({ diagnostics: [diag('expected input[2, 48, 16, 16] to have 32 channels')] })),
      ['changed-diagnostic'],
    );
    // A size that became symbolic is a size known less, whatever numbers its expression holds.
    const cat = (a: string, b: string) => diag(`Expected size ${a} but got size ${b} for tensor number 1 in the list.`);
    assert.deepEqual(kinds(of({ diagnostics: [cat('16', '14')] }), of({ diagnostics: [cat('H', 'H−2')] })), []);
    assert.deepEqual(kinds(of({ diagnostics: [cat('16', '14')] }), of({ diagnostics: [cat('16', '⌊D₁/2⌋−3')] })), []);
    assert.deepEqual(kinds(of({ diagnostics: [cat('16', '14')] }), of({ diagnostics: [cat('H', '12')] })), [
      'changed-diagnostic',
    ]);
    assert.deepEqual(kinds(of({}), of({ diagnostics: [diag('anything')] })), ['new-diagnostic']);
    // No input size works where the original's input failed at the same line: the same failure.
    const noInput = { ...diag('No input size satisfies fc1 (64·H·W = 9000)'), code: 'no-accepted-input' as const };
    assert.deepEqual(
      kinds(of({ diagnostics: [diag('mat1 and mat2 shapes cannot be multiplied')] }), of({ diagnostics: [noInput] })),
      [],
    );
    assert.deepEqual(kinds(of({}), of({ diagnostics: [noInput] })), ['new-diagnostic']);
    const model = (output: (number | null)[] | null) => ({
      name: 'Net',
      framework: 'pytorch' as const,
      range: { start: 0, end: 1 },
      inputs: [],
      output,
      layers: [],
    });
    assert.deepEqual(kinds(of({ models: [model([2, 10])] }), of({ models: [model(null)] })), []);
    assert.deepEqual(kinds(of({ models: [model([2, 10])] }), of({ models: [model([2, 4])] })), ['model']);
  });

  it(`${SEEDED_MUTANTS} seeded mutants of every fixture know less, never something else`, () => {
    const { analyzeText } = analysisApi();
    const fixtures = fixtureSources().map(f => ({ ...f, sites: opaqueSites(f.text), analysis: analyzeText(f.text) }));
    assert.ok(fixtures.length >= 20 && fixtures.every(f => f.sites.length > 0));
    const violations: string[] = [];
    const unparsable: string[] = [];
    let mutants = 0;
    for (let i = 0; i < SEEDED_MUTANTS; i++) {
      const f = fixtures[i % fixtures.length];
      const seed = 20_000 + i;
      const mutant = opaqueMutant(f.text, seed, f.sites)!;
      // A fixture the parser itself repairs (`64.`, a float @lezer/python misreads) keeps its repairs.
      if (!parsesCleanly(mutant.text) && parsesCleanly(f.text)) unparsable.push(`${f.name} seed ${seed}`);
      mutants++;
      for (const v of metamorphicViolations(f.text, f.analysis, mutant.edits, analyzeText(mutant.text))) {
        violations.push(`${describeViolation(f.name, f.text, mutant.edits, v)} [seed ${seed}]`);
      }
    }
    assert.equal(mutants, SEEDED_MUTANTS);
    assert.deepEqual(unparsable, []);
    assert.equal(violations.length, 0, `${violations.length} violations:\n  ${violations.slice(0, 15).join('\n  ')}`);
  });
});
