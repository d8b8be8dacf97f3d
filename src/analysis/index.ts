// The analysis of one document: run the module's top level (imports, classes, sample inputs),
// then each front end's models, and gather layers, hints, models and diagnostics into the
// plain-data Analysis. Never throws.
import { runBuilders } from './builders';
import type { Framework } from '../engine';
import '../engine';
import { internalErrorCount, reportInternalError, reportUnexpected } from '../common/internal-errors';
import { joinCells, ParsedDocument, walkStatements } from '../python';
import type { Range, Stmt } from '../python';
import { BudgetExceeded, Context, DEFAULT_LIMITS, type Limits, type Recorder } from './context';
import type { ModelRun } from './forward';
import type { InputOptions, InputReplacements } from './given-inputs';
import type { ModelJob, NamedRun, NotationOf } from './frontend';
import { FRONTENDS } from './frontends';
import { finalizeHintGroups, type HintGroup } from './hints';
import { RunCache, type RunSession, type RunStats } from './incremental';
import { internShapes, shareLayerOutputs } from './intern';
import { type DrawnModel, drawnRun, withRepresentativeDrawings } from './representative';
import { execBody } from './interpreter';
import { Scope } from './scope';
import { triedFixes } from './tried-fixes';
import type { Analysis, Diagnostic, ImportedName, LayerCall, ModelInfo, ShapeHint } from './types';
import { ModuleLoader, type RunModule } from './module-loader';
import { type ProjectFiles, type ProjectOptions, dirname } from './project';

export * from './types';
export type { GivenInputs, InputOption, InputOptions } from './given-inputs';
export { ModuleCache, type ProjectFiles, type ProjectOptions } from './project';
export { TextIndex, lineColumn, offsetAt, oneBased, zeroBased, type LineColumn } from './text-index';

export interface AnalyzeOptions {
  /** Model (class) name → input shape (`--input MODEL=SHAPE`); the key `*` applies to every model. */
  readonly inputs?: InputOptions;
  /** For notebooks: the start offset of each cell in the joined text. */
  readonly cells?: readonly number[];
  readonly limits?: Partial<Limits>;
  /** Follow imports to the project's other files (absent: each file is read alone). */
  readonly project?: ProjectOptions;
  /**
   * Only what `convshape check` prints (models, layers, accepted inputs, diagnostics): the layers
   * are not drawn (`drawnFor`), shapes are not shared across Analyses, and untried fixes are
   * dropped, not tried by analysing the fixed text again. Every printed field is the same as
   * without it (test/unit/cli/check-lean.test.ts).
   */
  readonly lean?: boolean;
}

/** A model run kept for the Analysis, with its front end. */
type KeptRun = NamedRun & { readonly framework: Framework };

const EMPTY: Analysis = { models: [], layers: [], hints: [], diagnostics: [] };

const overlaps = (a: Range, b: Range) => (a.start < b.end && b.start < a.end) || a.start === b.start;

/** True when a statement the parser repaired overlaps `range` (only the top-level statements
 *  around the range are walked: diagnostics are few, statements many). */
function repairedOverlaps(body: readonly Stmt[], range: Range, ordered: boolean): boolean {
  if (!ordered) {
    for (const s of walkStatements(body)) if (s.error && overlaps(s.r, range)) return true;
    return false;
  }
  let lo = 0;
  let hi = body.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (body[mid].r.end < range.start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = Math.max(0, lo - 1); i < body.length && body[i].r.start <= range.end; i++) {
    if (!repaired(body[i])) continue;
    for (const s of walkStatements([body[i]])) if (s.error && overlaps(s.r, range)) return true;
  }
  return false;
}

/** Top-level statements with no repaired statement inside (the syntax model reuses the
 *  statements an edit did not touch, so each is walked once). */
const unrepaired = new WeakSet<Stmt>();

function repaired(top: Stmt): boolean {
  if (unrepaired.has(top)) return false;
  for (const s of walkStatements([top])) if (s.error) return true;
  unrepaired.add(top);
  return false;
}

/** A model is every module class that is not only a building block of another class, plus
 *  any class whose input is declared (a shape comment, an annotation, a sample, --input). */
function isModel(ctx: Context, run: ModelRun): boolean {
  if (!ctx.usedAsSubmodule.has(run.cls)) return true;
  return run.inputSource !== 'fallback' && run.inputSource !== 'none';
}

/** Runs the module's top level: imports, classes, constants, sample inputs. Each top-level
 *  statement has its own budget: a pathological one must not keep the classes defined after it
 *  from being read. */
function runTopLevel(
  ctx: Context,
  body: readonly Stmt[],
  limits: Limits,
  scope = new Scope(),
  moduleName = '__main__',
): Scope {
  scope.set('__name__', { k: 'str', v: moduleName });
  for (const stmt of body) {
    ctx.stepLimit = ctx.steps + limits.maxSteps;
    try {
      execBody(ctx, [stmt], scope);
    } catch (e) {
      if (!(e instanceof BudgetExceeded) && !(e instanceof RangeError)) throw e;
      reportUnexpected('analysis.module statement', e); // the budget and the stack are expected
      ctx.phase = 'module';
      ctx.uncertain = 0;
      ctx.depth = 0;
      ctx.frames.length = 0;
      ctx.instStack.length = 0;
    }
  }
  return scope;
}

/** Each front end's model classes (those that are models), then its module-level variables' models. */
function runModels(ctx: Context, scope: Scope, job: ModelJob): KeptRun[] {
  const kept: KeptRun[] = [];
  // All class runs first: a later run may show an earlier class to be a building block.
  const runs = ctx.frontends.flatMap(frontend =>
    frontend.runClassModels(ctx, job).map(run => ({ run, framework: frontend.id })),
  );
  for (const { run: r, framework } of runs) {
    if (!isModel(ctx, r)) continue;
    // (Fields named: spreading a run into a new shape cost more than the rest of this loop.)
    const { rec, inputs, inputSource, output, params, macs, submodules } = r;
    kept.push({
      rec,
      inputs,
      inputSource,
      output,
      params,
      macs,
      submodules,
      name: r.cls.def.name,
      range: r.cls.def.nameRange,
      framework,
    });
  }
  for (const frontend of ctx.frontends) {
    for (const run of frontend.runVariableModels?.(ctx, scope, job) ?? [])
      kept.push({ ...run, framework: frontend.id });
  }
  return kept;
}

interface Gathered {
  readonly layers: LayerCall[];
  readonly groups: HintGroup[];
  readonly diagnostics: Diagnostic[];
  readonly models: ModelInfo[];
  /** The module level's models with every layer call each made, for the drawings of its layers. */
  readonly drawn: DrawnModel[];
  /** Each kept run's layer calls and model, drawn a run at a time (representative.ts). */
  readonly runs: { readonly layers: readonly LayerCall[]; readonly model: ModelInfo }[];
}

/** The module level's records and models, then each kept run's, with layer indices renumbered. */
function gatherRuns(ctx: Context, scope: Scope, moduleRec: Recorder, kept: readonly KeptRun[]): Gathered {
  // (One concatenation: growing the list a run at a time copied it again and again.)
  const layers: LayerCall[] = moduleRec.layers.concat(...kept.map(run => run.rec.layers));
  let offset = moduleRec.layers.length; // each run's first layer's index
  const groups: HintGroup[] = [{ rec: moduleRec, candidates: moduleRec.hints, layerOffset: 0 }];
  // A front end's module-level models may add diagnostics (an input no size satisfies).
  const models: ModelInfo[] = ctx.frontends.flatMap(f => f.moduleModels?.(ctx, scope, moduleRec) ?? []);
  const diagnostics: Diagnostic[] = [...moduleRec.diagnostics];
  const drawn: DrawnModel[] = models.map(model => ({ model, layers: model.layers }));
  const runs: Gathered['runs'] = [];
  for (const run of kept) {
    groups.push({ rec: run.rec, candidates: run.rec.hints, layerOffset: offset });
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
      ...(run.rec.accepted ? { accepted: run.rec.accepted } : {}),
      ...(run.rec.implied ? { implied: run.rec.implied } : {}),
      ...(run.rec.heldParams ? { heldParams: run.rec.heldParams } : {}),
    });
    runs.push({ layers: run.rec.layers, model: models[models.length - 1] });
    offset += run.rec.layers.length;
  }
  return { layers, groups, diagnostics, models, drawn, runs };
}

/** Every layer call with its drawing: the module level's, then each run's (representative.ts). */
function drawnLayers({ layers, drawn, runs }: Gathered): LayerCall[] {
  const moduleLayers = layers.length - runs.reduce((n, r) => n + r.layers.length, 0);
  const moduleDrawn = withRepresentativeDrawings(layers.slice(0, moduleLayers), drawn);
  return moduleDrawn.concat(...runs.map(run => drawnRun(run.layers, run.model)));
}

/** Each diagnostic once, none from a statement the parser had to repair, in document order. */
function finalDiagnostics(diagnostics: readonly Diagnostic[], body: readonly Stmt[]): Diagnostic[] {
  const seen = new Set<string>();
  const ordered = body.every((s, i) => i === 0 || (body[i - 1].r.end <= s.r.start && s.r.start <= s.r.end));
  const kept = diagnostics.filter(d => {
    const key = `${d.range.start}:${d.range.end}:${d.code}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return !repairedOverlaps(body, d.range, ordered);
  });
  return kept.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}

/** Shapes are shared (memory of open documents); an edit re-shares only the new runs' layers,
 *  and only the hints it made (`made`; the others, a reused run's, were shared when made, with the
 *  same layer calls), where they are their layer's output. */
function shareShapes(
  moduleRec: Recorder,
  kept: readonly KeptRun[],
  gathered: Gathered,
  hints: { readonly all: readonly ShapeHint[]; readonly made: readonly (readonly ShapeHint[])[] },
  session: RunSession | undefined,
): void {
  const { layers, models } = gathered;
  if (session) {
    internShapes({
      layers: [...moduleRec.layers, ...kept.flatMap(r => (session.reused.has(r.rec) ? [] : r.rec.layers))],
      hints: [],
      models,
    });
    for (const made of hints.made) shareLayerOutputs(made, layers);
  } else {
    internShapes({ layers, hints: [], models });
    shareLayerOutputs(hints.all, layers);
    internShapes({ layers: [], hints: hints.all, models: [] });
  }
}

/** The module-level names that hold another file's class, function or module. */
function importedNames(scope: Scope): ImportedName[] {
  const out: ImportedName[] = [];
  for (const [name, v] of scope.vars) {
    if (v.k === 'class' && v.origin) out.push({ name, kind: 'class', from: v.origin.display });
    else if (v.k === 'func' && v.origin) out.push({ name, kind: 'function', from: v.origin.display });
    else if (v.k === 'module') out.push({ name, kind: 'module', from: v.module.origin.display });
  }
  return out;
}

/** A hint's shape notation: its framework's, or that of plain tensors. */
const notationOf =
  (ctx: Context): NotationOf =>
  framework =>
    (framework ? ctx.frontend(framework) : ctx.frontends[0]).notation;

/** Runs an imported module's top level in a Context of its own (its code is another file's). */
const runModule =
  (limits: Limits): RunModule =>
  (text, module, loader) => {
    const ctx = new Context(text, limits, FRONTENDS);
    ctx.imports = loader;
    ctx.moduleDir = module.dir;
    ctx.foreign = module.origin;
    const doc = loader.project.modules?.parse(module.origin.path, text) ?? ParsedDocument.parse(text);
    runTopLevel(ctx, doc.module.body, limits, module.scope, module.name);
  };

/** The loader of a project's modules for one analysis (module-loader.ts). */
function loaderFor(project: ProjectOptions, limits: Limits): ModuleLoader {
  const external = (head: string) => FRONTENDS.some(f => f.owns(`${head}.x`));
  return new ModuleLoader(project, runModule(limits), external);
}

/** The declared inputs the caller's inputs replace, from every front end (undefined: none). */
function replacementsOf(ctx: Context, scope: Scope, inputs: InputOptions): InputReplacements | undefined {
  const found = ctx.frontends.flatMap(f => f.replacedInputs?.(ctx, scope, inputs) ?? []);
  if (found.length === 0) return undefined;
  return { at: new Map(found.flatMap(r => [...r.at])), notes: found.flatMap(r => r.notes) };
}

/**
 * How an analysis tries its untried fixes (tried-fixes.ts) on the text with each applied: afresh
 * (`fresh`), through an edited document's own trial analysers (incremental: a keystroke's trials
 * then cost about what the keystroke does), or not at all (`none`: it is itself a trial).
 */
type FixTrials = 'fresh' | 'none' | TrialAnalyzers;

/**
 * An edited document's trials: the k-th fix an analysis tries goes to the k-th analyser, whose
 * previous text was the k-th trial of the previous version (the same fix, before this edit), so
 * it re-reads and re-runs only what the edit changed. An incremental analysis equals a fresh one
 * (the fuzz checks it), so the verdicts are those of fresh trials.
 */
class TrialAnalyzers {
  private readonly slots: DocumentAnalyzer[] = [];
  /** Trials made since the document's version began (none: the analysers are let go). */
  private made = 0;

  /** A new version of the document: it has tried nothing yet. */
  beginVersion(): void {
    this.made = 0;
  }

  get triedAny(): boolean {
    return this.made > 0;
  }

  analyse(slot: number, text: string, options: AnalyzeOptions): Analysis {
    this.made++;
    return (this.slots[slot] ??= new DocumentAnalyzer('trial')).update(text, options);
  }

  /** Model runs the trials of the last analysis reused and ran again (tests observe reuse so). */
  get runStats(): RunStats {
    return this.slots.reduce((t, a) => ({ reused: t.reused + a.runStats.reused, ran: t.ran + a.runStats.ran }), {
      reused: 0,
      ran: 0,
    });
  }
}

/**
 * How `triedFixes` analyses a text with a fix applied, by an analysis that tries no other (none
 * when this analysis is itself a trial). One that hits a bug (an internal error: its Analysis is
 * empty) proves nothing: undefined, and the fix is not offered.
 */
function fixTrial(
  trials: FixTrials,
  options: AnalyzeOptions,
): ((text: string) => readonly Diagnostic[] | undefined) | undefined {
  if (trials === 'none') return undefined;
  let slot = 0;
  const analyse =
    trials === 'fresh'
      ? (text: string) => analyzeParsed(ParsedDocument.parse(text), options, undefined, undefined, 'none')
      : (text: string) => trials.analyse(slot++, text, options);
  return text => {
    const bugs = internalErrorCount();
    const tried = analyse(text);
    return internalErrorCount() === bugs ? tried.diagnostics : undefined;
  };
}

/**
 * The Analysis of a parsed document. `replacements` (internal): the second run when the caller's
 * inputs replace inputs the code declares (`keras.Input(shape=...)`), found by a first run.
 */
export function analyzeParsed(
  doc: ParsedDocument,
  options: AnalyzeOptions = {},
  cache?: RunCache,
  replacements?: InputReplacements,
  trials: FixTrials = 'fresh',
): Analysis {
  try {
    const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
    const ctx = new Context(doc.text, limits, FRONTENDS);
    if (replacements) ctx.replacing = replacements.at;
    if (options.project) {
      ctx.imports = loaderFor(options.project, limits);
      ctx.moduleDir = dirname(options.project.path);
    }
    const module = doc.module;
    ctx.moduleBody = module.body;
    const scope = runTopLevel(ctx, module.body, limits);
    runBuilders(ctx, scope, module.body, limits);
    if (!replacements && options.inputs) {
      replacements = replacementsOf(ctx, scope, options.inputs);
      if (replacements?.at.size) return analyzeParsed(doc, options, cache, replacements, trials);
    }
    const moduleRec = ctx.rec;
    const session = cache?.begin(ctx, scope, module.body, optionsKey(options));
    const kept = runModels(ctx, scope, { inputs: options.inputs, limits, session });
    const gathered = gatherRuns(ctx, scope, moduleRec, kept);
    const { hints, stale, made } = finalizeHintGroups(gathered.groups, doc.text, notationOf(ctx));
    const diagnostics = triedFixes(
      finalDiagnostics([...gathered.diagnostics, ...stale], module.body),
      doc.text,
      options.lean ? undefined : fixTrial(trials, options),
    );
    if (!options.lean) shareShapes(moduleRec, kept, gathered, { all: hints, made }, session);
    if (session && !session.exact(ctx.recordsMade + moduleRec.layers.length + moduleRec.hints.length)) {
      // Near the per-analysis budgets reused runs could change what later runs record: redo.
      cache!.abandon();
      return analyzeParsed(doc, options, undefined, replacements, trials);
    }
    session?.finish();
    const imported = ctx.imports ? importedNames(scope) : [];
    return {
      models: gathered.models,
      layers: options.lean ? gathered.layers : drawnLayers(gathered),
      hints,
      diagnostics,
      ...(options.cells ? { cells: options.cells } : {}),
      ...(imported.length ? { imported } : {}),
      ...(replacements?.notes.length ? { replacedInputs: replacements.notes } : {}),
    };
  } catch (e) {
    reportInternalError('analysis.analyzeParsed', e); // a bug: the analysis is empty, not thrown
    cache?.abandon();
    return { ...EMPTY, ...(options.cells ? { cells: options.cells } : {}) };
  }
}

const optionsKey = (options: AnalyzeOptions) =>
  JSON.stringify({
    inputs: options.inputs ?? null,
    cells: options.cells ?? null,
    limits: options.limits ?? null,
    lean: options.lean ?? false,
    project: options.project ? [options.project.path, options.project.root] : null,
  });

export function analyzeText(text: string, options: AnalyzeOptions = {}): Analysis {
  return analyzeParsed(ParsedDocument.parse(text), options);
}

/** The code cells of a notebook, in order, analysed as one program. */
export function analyzeNotebook(
  cellTexts: readonly string[],
  options: AnalyzeOptions = {},
): Analysis & { readonly text: string } {
  const joined = joinCells(cellTexts);
  return { ...analyzeText(joined.text, { ...options, cells: joined.cells }), text: joined.text };
}

/**
 * One per open document. A new version re-parses incrementally (lezer fragments), re-reads only
 * the top-level statements the edit touched, and re-runs only the models whose statements
 * changed (incremental.ts); the same text with the same options returns the previous Analysis.
 * A document that is only opened keeps neither its syntax model nor its model runs (memory: an
 * open document costs its Analysis and its lezer tree); once it is edited it keeps both, so that
 * from the second edit on only what changed is read and run again.
 */
export class DocumentAnalyzer {
  private doc?: ParsedDocument;
  private last?: { text: string; key: string; analysis: Analysis; files: Map<string, string | null | undefined> };
  private readonly runs = new RunCache();
  /** Made when an edited version first tries a fix (a document only opened tries them afresh). */
  private trials?: TrialAnalyzers;

  /** `trial`: the analyser of one fix's trials (TrialAnalyzers), which tries no fix itself. */
  constructor(private readonly role: 'document' | 'trial' = 'document') {}

  /** How many model runs the last incremental update reused and ran again. */
  get runStats(): RunStats {
    return this.runs.lastStats;
  }

  /** The same of its fix trials, summed over their analysers' last updates (zero before an edited version tried one). */
  get trialRunStats(): RunStats {
    return this.trials?.runStats ?? { reused: 0, ran: 0 };
  }

  update(text: string, options: AnalyzeOptions = {}): Analysis {
    const key = optionsKey(options);
    const project = options.project;
    if (this.last && this.last.text === text && this.last.key === key && sameFiles(this.last.files, project?.files))
      return this.last.analysis;
    // The project files this analysis reads, to tell later whether an imported file changed.
    const files = new Map<string, string | null | undefined>();
    if (project) options = { ...options, project: { ...project, files: recording(project.files, files) } };
    const edited = this.doc !== undefined;
    try {
      this.doc = this.doc ? this.doc.update(text) : ParsedDocument.parse(text);
    } catch (e) {
      reportInternalError('analysis.DocumentAnalyzer.update', e); // parse afresh instead
      this.doc = ParsedDocument.parse(text);
    }
    // A trial's analyser keeps its runs from the first version: its next one is the next keystroke's.
    const keeps = edited || this.role === 'trial';
    const trials: FixTrials =
      this.role === 'trial' ? 'none' : edited ? (this.trials ??= new TrialAnalyzers()) : 'fresh';
    this.trials?.beginVersion();
    const analysis = analyzeParsed(this.doc, options, keeps ? this.runs : undefined, undefined, trials);
    if (!keeps) this.doc.releaseModule();
    // A version that tried no fix lets the trials' analysers (their trees and runs) go.
    if (this.trials && !this.trials.triedAny) this.trials = undefined;
    this.last = { text, key, analysis, files };
    return analysis;
  }

  /** The project files the last analysis read (or looked for). */
  get filesRead(): readonly string[] {
    return [...(this.last?.files.keys() ?? [])];
  }
}

/** `files` that notes what it answered into `seen`. */
function recording(files: ProjectFiles, seen: Map<string, string | null | undefined>): ProjectFiles {
  return {
    read(path) {
      const text = files.read(path);
      seen.set(path, text);
      return text;
    },
  };
}

function sameFiles(seen: ReadonlyMap<string, string | null | undefined>, files: ProjectFiles | undefined): boolean {
  if (seen.size === 0) return true;
  if (!files) return false;
  for (const [path, text] of seen) if (files.read(path) !== text) return false;
  return true;
}
