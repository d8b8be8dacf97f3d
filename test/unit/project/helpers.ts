// In-memory projects for the import tests: files by path under /proj, and a reader that notes
// every path the analysis asked for.
import {
  type Analysis,
  type DocumentAnalyzer,
  type ModuleCache,
  type ProjectFiles,
  analyzeText,
} from '../../../src/analysis';

export const ROOT = '/proj';

export class MemoryFiles implements ProjectFiles {
  readonly asked: string[] = [];
  readonly files = new Map<string, string>();

  constructor(files: Record<string, string>) {
    for (const [p, t] of Object.entries(files)) this.files.set(`${ROOT}/${p}`, t);
  }

  read(path: string): string | null {
    this.asked.push(path);
    return this.files.get(path) ?? null;
  }

  set(rel: string, text: string): void {
    this.files.set(`${ROOT}/${rel}`, text);
  }
}

/** Analyses project file `entry` (a key of the project's files). */
export function analyzeIn(files: MemoryFiles, entry: string, modules?: ModuleCache): Analysis {
  const path = `${ROOT}/${entry}`;
  return analyzeText(files.files.get(path)!, { project: { path, root: ROOT, files, ...(modules ? { modules } : {}) } });
}

export function analyzerUpdate(analyzer: DocumentAnalyzer, files: MemoryFiles, entry: string, text?: string): Analysis {
  const path = `${ROOT}/${entry}`;
  return analyzer.update(text ?? files.files.get(path)!, { project: { path, root: ROOT, files } });
}

/** Each model's output shape by model name. */
export const outputs = (a: Analysis): Record<string, unknown> =>
  Object.fromEntries(a.models.map(m => [m.name, m.output]));

/** The text of each hint's line in `text`, with its shape. */
export function hintsOn(a: Analysis, text: string): string[] {
  return a.hints.map(h => {
    const lineStart = text.lastIndexOf('\n', h.offset - 1) + 1;
    return `${text.slice(lineStart, h.offset).trim()} → ${JSON.stringify(h.shape)}`;
  });
}
