// The analysis side of the worker: one incremental DocumentAnalyzer per document, kept between
// versions. Runs inside the analysis worker, or in the extension host itself when no worker can
// run (the fallback). No `vscode` here.
import { DocumentAnalyzer, ModuleCache, type ProjectOptions } from '../analysis';
import { takeInternalErrors } from '../common/internal-errors';
import { joinCells } from '../python/notebook';
import {
  encodeAnalysis,
  packPieces,
  type AnalysisOutcome,
  type AnalysisRequest,
  type FromWorker,
  type ProjectRequest,
  type ToWorker,
} from './analysis-protocol';

const clock = () => globalThis.performance?.now() ?? Date.now();

export class AnalysisService {
  private readonly analyzers = new Map<string, DocumentAnalyzer>();
  /** Project files the host sent, by path, and the modules made from them. */
  private readonly files = new Map<string, string | null>();
  private readonly modules = new ModuleCache();

  analyse(request: AnalysisRequest): AnalysisOutcome {
    takeInternalErrors(); // report only this analysis' own
    const outcome = this.analyseText(request);
    const internal = takeInternalErrors();
    return internal.count > 0 ? { ...outcome, internalErrors: internal } : outcome;
  }

  private analyseText(request: AnalysisRequest): AnalysisOutcome {
    const started = clock();
    let analyzer = this.analyzers.get(request.key);
    if (!analyzer) {
      analyzer = new DocumentAnalyzer();
      this.analyzers.set(request.key, analyzer);
    }
    if (!request.notebook && request.texts.length === 1) {
      const needs = new Set<string>();
      const project = request.project && this.projectOptions(request.project, needs);
      const analysis = analyzer.update(request.texts[0], project ? { project } : {});
      if (!project) return { analysis, bases: [0], ms: clock() - started };
      return { analysis, bases: [0], ms: clock() - started, needs: [...needs], reads: analyzer.filesRead };
    }
    // A notebook's code cells are one program: joined in order, each cell at its own offset.
    const joined = joinCells(request.texts);
    const analysis = analyzer.update(joined.text, { cells: joined.cells });
    return { analysis, bases: joined.cells, ms: clock() - started };
  }

  forget(key: string): void {
    this.analyzers.delete(key);
  }

  /** The request's project over the files sent so far; a file not sent yet is noted in `needs`. */
  private projectOptions(request: ProjectRequest, needs: Set<string>): ProjectOptions {
    for (const [path, text] of Object.entries(request.files)) {
      if (this.files.get(path) === text) continue;
      this.files.set(path, text);
      this.modules.invalidate(path);
    }
    const files = this.files;
    return {
      path: request.path,
      root: request.root,
      modules: this.modules,
      files: {
        read(path) {
          const text = files.get(path);
          if (text === undefined) needs.add(path);
          return text;
        },
      },
    };
  }
}

export function createAnalysisService(): AnalysisService {
  return new AnalysisService();
}

/** Answers one message from the extension host (`forget` has no answer), with what to transfer. */
export function answer(
  service: AnalysisService,
  message: ToWorker,
): { reply: FromWorker; transfer: ArrayBuffer[] } | undefined {
  if (message.type === 'forget') {
    service.forget(message.key);
    return undefined;
  }
  try {
    const { analysis, bases, ms, internalErrors, needs, reads } = service.analyse(message);
    const pieces = packPieces(encodeAnalysis(analysis));
    const files = { ...(needs?.length ? { needs } : {}), ...(reads?.length ? { reads } : {}) };
    return {
      reply: {
        type: 'result',
        id: message.id,
        ms,
        bases,
        pieces,
        ...(internalErrors ? { internalErrors } : {}),
        ...files,
      },
      transfer: [pieces.bytes],
    };
  } catch (e) {
    // The analysis never throws by design; if it ever does, the host logs it and shows nothing.
    return {
      reply: {
        type: 'failed',
        id: message.id,
        message: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e),
      },
      transfer: [],
    };
  }
}
