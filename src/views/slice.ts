// The part of an Analysis one editor document shows: a whole file, or one notebook cell of its
// notebook's Analysis. The views below take this, so VS Code's DocumentView and the language
// server's documents share them.
import type { Analysis, TextRange } from '../analysis/types';

export interface AnalysisSlice {
  readonly analysis: Analysis;
  /** Whether an analysed offset falls inside this document. */
  contains(offset: number): boolean;
  ownsRange(range: TextRange): boolean;
}

/** A document that is the whole analysed text (`length` characters). */
export function wholeText(analysis: Analysis, length: number): AnalysisSlice {
  const contains = (offset: number) => offset >= 0 && offset <= length;
  return { analysis, contains, ownsRange: r => contains(r.start) && contains(r.end) };
}
