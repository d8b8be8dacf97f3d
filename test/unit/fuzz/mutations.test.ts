// Seeded fuzzing of the reader and the analysis (the fast part of `npm run fuzz`): every fixture
// truncated at every line, and 2,000 mutated fixtures (deleted, duplicated and swapped tokens,
// truncation, stray characters, unbalanced brackets, tabs mixed with spaces), analysed as files,
// as notebooks and through the incremental DocumentAnalyzer. No exception may escape and every
// Analysis must be well-formed (tools/fuzz/well-formed.js).
import { strict as assert } from 'assert';
import type { Analysis } from '../../../src/analysis/types';
import { analysisApi, analysisProblems, escaped, fixtureSources, mutate, truncateAtLine } from './tools';

const SEEDED_INPUTS = 2000;
const PER_INPUT_BUDGET_MS = 2000;

interface Tally {
  inputs: number;
  failures: string[];
  slowest: number;
}

function check(tally: Tally, label: string, length: number, run: () => Analysis): void {
  tally.inputs++;
  let analysis: Analysis | undefined;
  const t0 = Date.now();
  const error = escaped(() => (analysis = run()));
  const ms = Date.now() - t0;
  tally.slowest = Math.max(tally.slowest, ms);
  if (error) return void tally.failures.push(`${label}: exception ${error}`);
  const problems = analysisProblems(analysis, length);
  if (problems.length) tally.failures.push(`${label}: ${problems.slice(0, 3).join('; ')}`);
  if (ms > PER_INPUT_BUDGET_MS) tally.failures.push(`${label}: took ${ms} ms`);
}

const report = (t: Tally) =>
  `${t.failures.length} of ${t.inputs} inputs failed:\n  ${t.failures.slice(0, 10).join('\n  ')}`;

describe('fuzz: mutated fixtures (seeded)', function () {
  this.timeout(600_000);
  const fixtures = fixtureSources();

  it('has fixtures to mutate', () => {
    assert.ok(fixtures.length >= 20, `only ${fixtures.length} fixtures found`);
  });

  it('every fixture truncated at every line (and mid-line) analyses without exceptions', () => {
    const { analyzeText } = analysisApi();
    const tally: Tally = { inputs: 0, failures: [], slowest: 0 };
    for (const f of fixtures) {
      const lines = f.text.split('\n').length;
      for (let line = 0; line <= lines; line++) {
        for (const partial of [0, 0.5]) {
          const text = truncateAtLine(f.text, line, partial);
          check(tally, `${f.name} cut at line ${line}+${partial}`, text.length, () => analyzeText(text));
        }
      }
    }
    assert.equal(tally.failures.length, 0, report(tally));
    assert.ok(tally.inputs > 1000);
  });

  it(`${SEEDED_INPUTS} mutated inputs: files, notebooks and incremental updates`, () => {
    const { analyzeText, analyzeNotebook, DocumentAnalyzer } = analysisApi();
    const tally: Tally = { inputs: 0, failures: [], slowest: 0 };
    const analyzers = new Map<string, InstanceType<typeof DocumentAnalyzer>>();
    for (let i = 0; i < SEEDED_INPUTS; i++) {
      const base = fixtures[i % fixtures.length];
      const { text, applied } = mutate(base.text, 7_000 + i);
      const label = `${base.name} seed ${7_000 + i} [${applied.join(', ')}]`;
      if (i % 10 === 0) {
        const lines = text.split('\n');
        const cut = Math.floor(lines.length / 2);
        const cells = [lines.slice(0, cut).join('\n'), lines.slice(cut).join('\n')];
        check(tally, `${label} as notebook`, cells.join('\n').length, () => analyzeNotebook(cells));
      } else if (i % 7 === 0) {
        let analyzer = analyzers.get(base.name);
        if (!analyzer) analyzers.set(base.name, (analyzer = new DocumentAnalyzer()));
        const a = analyzer;
        check(tally, `${label} incremental`, text.length, () => a.update(text));
      } else {
        check(tally, label, text.length, () => analyzeText(text));
      }
    }
    assert.equal(tally.failures.length, 0, report(tally));
    assert.equal(tally.inputs, SEEDED_INPUTS);
  });

  it('an incremental update gives the same Analysis as a fresh analysis of the text', () => {
    const { analyzeText, DocumentAnalyzer } = analysisApi();
    const mismatches: string[] = [];
    for (const [k, base] of fixtures.entries()) {
      const analyzer = new DocumentAnalyzer();
      analyzer.update(base.text);
      for (let j = 0; j < 5; j++) {
        const { text } = mutate(base.text, 90_000 + 10 * k + j);
        if (JSON.stringify(analyzer.update(text)) !== JSON.stringify(analyzeText(text)))
          mismatches.push(`${base.name} seed ${90_000 + 10 * k + j}`);
      }
    }
    assert.deepEqual(mismatches, []);
  });

  it('the well-formedness check itself rejects broken analyses', () => {
    // Guards the guard: a check that accepted anything would make the tests above vacuous.
    const ok = { models: [], layers: [], hints: [], diagnostics: [] };
    assert.deepEqual(analysisProblems(ok, 10), []);
    assert.ok(
      analysisProblems(
        { ...ok, hints: [{ offset: 11, shape: [1], site: 'statement', range: { start: 0, end: 1 } }] },
        10,
      ).length > 0,
    );
    assert.ok(
      analysisProblems(
        { ...ok, hints: [{ offset: 1, shape: [0.5], site: 'statement', range: { start: 0, end: 1 } }] },
        10,
      ).length > 0,
    );
    assert.ok(
      analysisProblems(
        {
          ...ok,
          diagnostics: [{ range: { start: 3, end: 2 }, severity: 'error', code: 'x', message: 'm', fixes: [] }],
        },
        10,
      ).length > 0,
    );
    assert.ok(
      analysisProblems(
        { ...ok, models: [{ name: 'M', range: { start: 0, end: 1 }, inputs: [], output: null, layers: [0] }] },
        10,
      ).length > 0,
    );
    assert.ok(analysisProblems({ models: [] }, 10).length > 0);
  });
});
