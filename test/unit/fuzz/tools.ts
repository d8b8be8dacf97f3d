// Typed access, from the compiled tests in out/, to the plain-JavaScript fuzz and benchmark tools
// in tools/ (shared with `npm run fuzz` and `npm run bench`), and to the analysis entry points.
import * as path from 'path';
import type { Analysis } from '../../../src/analysis/types';

const root = path.resolve(__dirname, '../../../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tool = (p: string): unknown => require(path.join(root, p));

export interface Source {
  readonly name: string;
  readonly text: string;
}

export const { mutate, truncateAtLine } = tool('tools/fuzz/mutate.js') as {
  mutate(text: string, seed: number): { text: string; applied: string[] };
  truncateAtLine(text: string, line: number, partial?: number): string;
};
export const { fixtureSources, largeSources } = tool('tools/fuzz/corpus.js') as {
  fixtureSources(): Source[];
  largeSources(count?: number): Source[];
};
export const { analysisProblems } = tool('tools/fuzz/well-formed.js') as {
  analysisProblems(analysis: unknown, length: number): string[];
};
export const { generateModelFile } = tool('tools/bench/generate-model.js') as {
  generateModelFile(o: { lines: number; seed?: number }): {
    text: string;
    lines: number;
    classes: { name: string; start: number; end: number }[];
  };
};

export interface AnalysisApi {
  analyzeText(text: string, options?: object): Analysis;
  analyzeNotebook(cells: readonly string[], options?: object): Analysis;
  DocumentAnalyzer: new () => { update(text: string): Analysis };
}

/** The analysis entry points, loaded lazily so a missing one fails these tests, not the mocha run. */
export function analysisApi(): AnalysisApi {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('../../../src/analysis') as Partial<AnalysisApi>;
  for (const name of ['analyzeText', 'analyzeNotebook', 'DocumentAnalyzer'] as const) {
    if (typeof mod[name] !== 'function') throw new Error(`src/analysis does not export ${name}`);
  }
  return mod as AnalysisApi;
}

/** Runs `f`, turning an escaped exception into a description (for counting, not rethrowing). */
export function escaped(f: () => void): string | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    return e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 3).join(' | ') : String(e);
  }
}

export interface OpaqueEdit {
  readonly from: number;
  readonly to: number;
  readonly newFrom: number;
  readonly newTo: number;
  readonly original: string;
  readonly replacement: string;
}
export interface Violation {
  readonly kind: string;
  readonly where: string;
  readonly detail: string;
}
export const { opaqueSites, opaqueMutant, applyOpaque, originalOffset, parsesCleanly } = tool(
  'tools/fuzz/opaque-mutants.js',
) as {
  opaqueSites(text: string): { from: number; to: number; kind: string }[];
  opaqueMutant(
    text: string,
    seed: number,
    sites?: { from: number; to: number }[],
  ): { text: string; edits: OpaqueEdit[] } | undefined;
  applyOpaque(text: string, spans: { from: number; to: number }[]): { text: string; edits: OpaqueEdit[] };
  originalOffset(edits: readonly OpaqueEdit[], offset: number): number;
  parsesCleanly(text: string): boolean;
};
export const { metamorphicViolations, describeViolation } = tool('tools/fuzz/metamorphic.js') as {
  metamorphicViolations(
    originalText: string,
    original: Analysis,
    edits: readonly OpaqueEdit[],
    mutant: Analysis,
  ): Violation[];
  describeViolation(name: string, originalText: string, edits: readonly OpaqueEdit[], v: Violation): string;
};
