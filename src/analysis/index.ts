// The analysis of one document: run the module's top level (imports, classes, sample inputs),
// then each nn.Module class as a model, and gather layers, hints, models and diagnostics into
// the plain-data Analysis. Never throws.
import type { Framework, Shape } from '../engine';
import '../engine';
import { joinCells, ParsedDocument, walkStatements } from '../python';
import type { Range } from '../python';
import { BudgetExceeded, Context, DEFAULT_LIMITS, type Limits } from './context';
import { type ModelRun, runContainerModel, runModel } from './forward';
import { finalizeHints, staleShapeComments } from './hints';
import { execBody } from './interpreter';
import { kerasModelInfos, standaloneKerasRuns } from './keras-analysis';
import { Scope } from './scope';
import type { Analysis, Diagnostic, LayerCall, ModelInfo } from './types';
import type { ClassValue } from './values';

export * from './types';
export { TextIndex, lineColumn, offsetAt, oneBased, zeroBased, type LineColumn } from './text-index';

export interface AnalyzeOptions {
  /** Model (class) name → input shape (`--input MODEL=SHAPE`); the key `*` applies to every model. */
  readonly inputs?: Readonly<Record<string, Shape>>;
  /** For notebooks: the start offset of each cell in the joined text. */
  readonly cells?: readonly number[];
  readonly limits?: Partial<Limits>;
}

type KeptRun = Omit<ModelRun, 'cls'> & { readonly name: string; readonly range: Range; readonly framework: Framework };


const EMPTY: Analysis = { models: [], layers: [], hints: [], diagnostics: [] };

const overlaps = (a: Range, b: Range) => a.start < b.end && b.start < a.end || (a.start === b.start);

/** A model is every nn.Module class that is not only a building block of another class, plus
 *  any class whose input is declared (a shape comment, an annotation, a sample, --input). */
function isModel(ctx: Context, run: ModelRun): boolean {
  if (!ctx.usedAsSubmodule.has(run.cls)) return true;
  return run.inputSource !== 'fallback' && run.inputSource !== 'none';
}

export function analyzeParsed(doc: ParsedDocument, options: AnalyzeOptions = {}): Analysis {
  try {
    const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
    const ctx = new Context(doc.text, limits);
    const module = doc.module;
    const scope = new Scope();
    scope.set('__name__', { k: 'str', v: '__main__' });
    // Each top-level statement has its own budget: a pathological one must not keep the
    // classes defined after it from being read.
    for (const stmt of module.body) {
      ctx.stepLimit = ctx.steps + limits.maxSteps;
      try {
        execBody(ctx, [stmt], scope);
      } catch (e) {
        if (!(e instanceof BudgetExceeded) && !(e instanceof RangeError)) throw e;
        ctx.phase = 'module';
        ctx.uncertain = 0;
        ctx.depth = 0;
        ctx.frames.length = 0;
        ctx.instStack.length = 0;
      }
    }
    const moduleRec = ctx.rec;
    const runs: ModelRun[] = [];
    for (const cls of ctx.classes) {
      if (!cls.isModule || cls.framework !== 'pytorch') continue;
      const option = options.inputs?.[cls.def.name] ?? options.inputs?.['*'];
      runs.push(runModel(ctx, cls, option, limits.maxSteps));
    }
    const kerasInput = (name: string) => options.inputs?.[name] ?? options.inputs?.['*'];
    runs.push(...standaloneKerasRuns(ctx, kerasInput, limits.maxSteps));
    const kept: KeptRun[] = runs.filter(r => isModel(ctx, r)).map(r => ({ ...r, name: r.cls.def.name, range: r.cls.def.nameRange, framework: r.cls.framework ?? 'pytorch' }));
    // A script's top-level nn.Sequential is a model too, named by its variable.
    const seenContainers = new Set<unknown>();
    for (const [name, v] of scope.vars) {
      if (v.k !== 'container' || v.kind !== 'Sequential' || seenContainers.has(v)) continue;
      seenContainers.add(v);
      const option = options.inputs?.[name] ?? options.inputs?.['*'];
      const run = runContainerModel(ctx, name, v, option, limits.maxSteps);
      const at = v.site.stmt && doc.text.startsWith(name, v.site.stmt.start) ? { start: v.site.stmt.start, end: v.site.stmt.start + name.length } : v.site.call;
      kept.push({ ...run, range: at, framework: 'pytorch' });
    }
    const layers: LayerCall[] = [...moduleRec.layers];
    const candidates = [...moduleRec.hints];
    let diagnostics: Diagnostic[] = [...moduleRec.diagnostics];
    const models: ModelInfo[] = kerasModelInfos(ctx, scope, moduleRec);
    for (const run of kept) {
      const offset = layers.length;
      layers.push(...run.rec.layers);
      candidates.push(...run.rec.hints.map(h => (h.layer !== undefined ? { ...h, layer: h.layer + offset } : h)));
      diagnostics.push(...run.rec.diagnostics);
      models.push({
        name: run.name,
        framework: run.framework,
        range: run.range,
        inputs: run.inputs,
        output: run.output,
        ...(run.params !== undefined ? { params: run.params } : {}),
        ...(run.macs !== undefined ? { macs: run.macs } : {}),
        layers: run.rec.modelLayers.map(i => i + offset),
      });
    }
    const { hints, statements } = finalizeHints(candidates);
    diagnostics.push(...staleShapeComments(doc.text, statements));
    // Nothing is ever reported from a statement the parser had to repair.
    const repaired = [...walkStatements(module.body)].filter(s => s.error).map(s => s.r);
    const seen = new Set<string>();
    diagnostics = diagnostics.filter(d => {
      const key = `${d.range.start}:${d.range.end}:${d.code}:${d.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return !repaired.some(r => overlaps(r, d.range));
    });
    diagnostics.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
    return { models, layers, hints, diagnostics, ...(options.cells ? { cells: options.cells } : {}) };
  } catch {
    return { ...EMPTY, ...(options.cells ? { cells: options.cells } : {}) };
  }
}

export function analyzeText(text: string, options: AnalyzeOptions = {}): Analysis {
  return analyzeParsed(ParsedDocument.parse(text), options);
}

/** The code cells of a notebook, in order, analysed as one program. */
export function analyzeNotebook(cellTexts: readonly string[], options: AnalyzeOptions = {}): Analysis & { readonly text: string } {
  const joined = joinCells(cellTexts);
  return { ...analyzeText(joined.text, { ...options, cells: joined.cells }), text: joined.text };
}

/**
 * One per open document: a new version re-parses incrementally (lezer fragments) and the same
 * text with the same options returns the previous Analysis. (Per-class caching of model runs is
 * not done yet: every model is re-run for a new version; 38 fixture files take ~240 ms in all.)
 */
export class DocumentAnalyzer {
  private doc?: ParsedDocument;
  private last?: { text: string; key: string; analysis: Analysis };

  update(text: string, options: AnalyzeOptions = {}): Analysis {
    const key = JSON.stringify({ inputs: options.inputs ?? null, cells: options.cells ?? null, limits: options.limits ?? null });
    if (this.last && this.last.text === text && this.last.key === key) return this.last.analysis;
    try {
      this.doc = this.doc ? this.doc.update(text) : ParsedDocument.parse(text);
    } catch {
      this.doc = ParsedDocument.parse(text);
    }
    const analysis = analyzeParsed(this.doc, options);
    this.last = { text, key, analysis };
    return analysis;
  }
}
