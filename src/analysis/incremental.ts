// Per-model-run caching for DocumentAnalyzer: after an edit, only the model runs whose reads
// changed are run again.
//
// What a run read is recorded explicitly, by the interpreter, through `Context.deps`
// (dependencies.ts): the top-level statements whose code it executed (the functions and methods
// it called), the module-level names it looked up with a fingerprint of each value
// (value-fingerprint.ts), and the other files it read. The interpreter never talks to the cache.
//
// The invalidation rule: a stored run is reused only when
//   - the run's class, its constructor arguments and sample inputs from module-level code, the
//     options and the Keras data format fingerprint the same, and
//   - every top-level statement it read has the same text now (found by text, wherever it moved;
//     its offsets are moved with it), and
//   - every module-level name it read holds a value with the same fingerprint now, and
//   - every other file whose code it ran (imports) has the same version now: the file and
//     everything it imports read the same (project.ts).
// A run is stored only when those reads say everything it depended on: it read no value without
// a fingerprint (lists, dicts, objects, layers, ...: values another run could change), defined
// no class, touched no front end's naming state,
// and every offset it recorded lies in a statement it read. A run that set a class attribute
// turns caching off for the rest of the analysis (later runs could see it).
import type { Shape } from '../engine';
import { changedRange, type Stmt } from '../python';
import { MAX_ITEMS_PER_ANALYSIS, MAX_RECORDS_PER_ANALYSIS } from './budget';
import type { Context, Recorder } from './context';
import type { Reads } from './dependencies';
import type { ModelRun } from './forward';
import type { GivenInputs } from './given-inputs';
import { type Extent, Shifter } from './offset-shifter';
import type { Scope } from './scope';
import type { ClassValue } from './values';
import { forwardOf } from './frontend';
import { lookedUpForwardParams } from './looked-up-classes';

interface StatementInfo {
  readonly id: number;
}

/** A top-level statement's extent: from its start to the next one's (so trailing comments and
 *  the end of its last line belong to it). */
interface Span extends Extent {
  readonly info: StatementInfo;
}

/** A top-level statement a stored run read: its text's identity and where it was. */
interface StatementRead extends Extent {
  readonly id: number;
}

/** A stored run: its results with offsets into the text it was computed on, and its reads. */
interface StoredRun {
  readonly rec: Recorder;
  readonly inputs: (Shape | null)[];
  readonly inputSource: ModelRun['inputSource'];
  readonly output: Shape | null;
  readonly params?: number;
  readonly macs?: number;
  /** Offsets of the names of this file's classes the run instantiated as submodules. */
  readonly submodules: readonly number[];
  /** Steps it took (an upper bound of the sequence items it made) and records it made. */
  readonly steps: number;
  readonly records: number;
  /** In document order. */
  readonly statements: readonly StatementRead[];
  readonly names: ReadonlyMap<string, string>;
  /** Other files whose code it ran, with the version of each. */
  readonly files: ReadonlyMap<string, string>;
}

/** How many model runs of the last analysis were reused and how many were run. */
export interface RunStats {
  readonly reused: number;
  readonly ran: number;
}

/** The stored run moved to where its statements are now (the same object when nothing moved). */
function moveRun(shifter: Shifter, r: StoredRun, where: readonly Extent[]): StoredRun {
  if (shifter.identity) return r;
  const statements = r.statements.map((s, i) => ({ id: s.id, start: where[i].start, end: where[i].end }));
  return { ...r, rec: shifter.recorder(r.rec), submodules: r.submodules.map(o => shifter.offset(o)), statements };
}

/** One analysis' view of the cache: the document's top-level statements. */
export class RunSession {
  private readonly spans: Span[] = [];
  /** Statement index by text identity (-1: more than one statement has that text). */
  private readonly byId = new Map<number, number>();
  private readonly classesByOffset = new Map<number, ClassValue>();
  /** Off for the rest of this analysis (statements out of order, or a run set a class attribute). */
  private disabled = false;
  /** The recorders of runs reused from the cache (their shapes are shared already). */
  readonly reused = new Set<Recorder>();
  /** Steps and records of the reused runs, which this analysis did not spend. */
  private reusedSteps = 0;
  private reusedRecords = 0;
  private stats = { reused: 0, ran: 0 };

  constructor(
    private readonly cache: RunCache,
    private readonly ctx: Context,
    private readonly scope: Scope,
    body: readonly Stmt[],
    private readonly optionsKey: string,
  ) {
    const text = ctx.text;
    cache.beginText(text);
    for (let i = 0; i < body.length; i++) {
      const start = i === 0 ? 0 : body[i].r.start;
      const end = i + 1 < body.length ? body[i + 1].r.start : text.length;
      if (end < start || (i > 0 && start < this.spans[i - 1].start)) {
        this.disabled = true; // statements out of order: do not guess
        return;
      }
      const info = cache.spanInfo(text, start, end);
      this.spans.push({ start, end, info });
      this.byId.set(info.id, this.byId.has(info.id) ? -1 : i);
    }
    for (const cls of ctx.classes) this.classesByOffset.set(cls.def.nameRange.start, cls);
    ctx.deps.attach(this.locate);
  }

  /** The top-level statement holding `offset`: its text's identity and where in it `offset` is. */
  private readonly locate = (offset: number): string | undefined => {
    const s = this.spans[this.spanAt(offset)];
    return s && offset >= s.start && offset <= s.end ? `${s.info.id}+${offset - s.start}` : undefined;
  };

  private spanAt(offset: number): number {
    let lo = 0;
    let hi = this.spans.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.spans[mid].start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** What a run of `cls` depends on before it reads anything: undefined when it cannot be told. */
  private runKey(cls: ClassValue, option: GivenInputs | undefined): string | undefined {
    const own = this.ctx.deps.fingerprint(cls);
    const sample = this.ctx.samples.get(cls);
    const ctor = sample?.ctor;
    // The forward parameters a call not understood may pass are unknown in the run (inputs.ts).
    // (None without a looked-up call: the forward is not looked for then.)
    const forward = sample?.call || this.ctx.lookedUpCalls.length === 0 ? undefined : forwardOf(this.ctx, cls);
    const lookedUp = forward ? [...lookedUpForwardParams(this.ctx, forward)].sort() : [];
    let ctorKey = '';
    if (ctor) {
      if (ctor.unknownRest) return undefined;
      const parts: (string | undefined)[] = ctor.pos.map(v => this.ctx.deps.fingerprint(v));
      for (const [k, v] of ctor.kw) parts.push(`${k}=${this.ctx.deps.fingerprint(v)}`);
      if (parts.some(p => p === undefined || p.endsWith('=undefined'))) return undefined;
      ctorKey = parts.join(',');
    }
    if (own === undefined) return undefined;
    return JSON.stringify([
      this.optionsKey,
      option ?? null,
      own,
      ctorKey,
      sample?.call ? [sample.call.pos, [...sample.call.kw]] : null,
      lookedUp,
      this.ctx.frontendSettingsKey(),
    ]);
  }

  /** Where the stored run's statements are now, when all its reads are unchanged. */
  private stillValid(stored: StoredRun): Extent[] | undefined {
    for (const [path, version] of stored.files) if (this.ctx.imports?.versionOf(path) !== version) return undefined;
    for (const [name, fp] of stored.names) {
      if (this.ctx.deps.fingerprintName(name, this.scope.vars.get(name)) !== fp) return undefined;
    }
    const where: Extent[] = [];
    for (const s of stored.statements) {
      const i = this.byId.get(s.id);
      if (i === undefined || i < 0) return undefined;
      where.push(this.spans[i]);
    }
    return where;
  }

  /** Runs `cls` (through `exec`), or reuses its stored run when its reads did not change. */
  run(cls: ClassValue, option: GivenInputs | undefined, exec: () => ModelRun): ModelRun {
    const key = this.disabled || this.spans.length === 0 ? undefined : this.runKey(cls, option);
    if (key === undefined) return this.ran(exec());
    const stored = this.cache.lookup(key);
    const where = stored && this.stillValid(stored);
    if (stored && where) {
      const shifter = new Shifter(stored.statements, where);
      const moved = moveRun(shifter, stored, where);
      const submodules = moved.submodules.map(o => this.classesByOffset.get(o));
      if (shifter.ok && submodules.every(c => c !== undefined)) {
        for (const c of submodules) this.ctx.usedAsSubmodule.add(c!);
        this.cache.keep(key, moved);
        if (shifter.identity) this.reused.add(moved.rec);
        this.reusedSteps += moved.steps;
        this.reusedRecords += moved.records;
        this.stats.reused++;
        const { rec, inputs, inputSource, output, params, macs } = moved;
        return { cls, rec, inputs, inputSource, output, params, macs, submodules: submodules as ClassValue[] };
      }
    }
    const ctx = this.ctx;
    const before = { classes: ctx.classes.length, frontends: ctx.frontendStamp() };
    const stepsBefore = ctx.steps;
    ctx.deps.begin();
    let run: ModelRun;
    try {
      run = exec();
    } catch (e) {
      ctx.deps.end();
      throw e;
    }
    const reads = ctx.deps.end();
    if (reads.wroteShared) this.disabled = true;
    const pure =
      !this.disabled &&
      !reads.unstable &&
      ctx.classes.length === before.classes &&
      ctx.frontendStamp() === before.frontends;
    if (pure) this.store(key, cls, run, reads, ctx.steps - stepsBefore);
    return this.ran(run);
  }

  private ran(run: ModelRun): ModelRun {
    this.stats.ran++;
    return run;
  }

  private store(key: string, cls: ClassValue, run: ModelRun, reads: Reads, steps: number): void {
    const { statements: executed, names, files } = reads;
    const read = new Set<number>([this.spanAt(cls.def.nameRange.start)]);
    for (const at of executed) read.add(this.spanAt(at));
    // The constructor call that gave the sample arguments (their ranges can reach diagnostics).
    const ctorAt = this.ctx.samples.get(cls)?.ctor?.range?.start;
    if (ctorAt !== undefined) read.add(this.spanAt(ctorAt));
    const statements = [...read]
      .sort((a, b) => a - b)
      .map(i => ({ id: this.spans[i].info.id, start: this.spans[i].start, end: this.spans[i].end }));
    const entry: StoredRun = {
      rec: run.rec,
      inputs: run.inputs,
      inputSource: run.inputSource,
      output: run.output,
      params: run.params,
      macs: run.macs,
      // (Another file's classes are never this document's models: only this file's count.)
      submodules: run.submodules.filter(c => !c.origin).map(c => c.def.nameRange.start),
      steps,
      records: run.rec.layers.length + run.rec.hints.length,
      statements,
      names,
      files,
    };
    // Every offset must lie in a statement it read, or a later edit could not move it correctly.
    const check = new Shifter(statements, statements);
    check.recorder(entry.rec);
    entry.submodules.forEach(o => check.offset(o));
    if (check.ok) this.cache.keep(key, entry);
  }

  /**
   * True when reusing runs cannot have changed the Analysis through the per-analysis budgets
   * (budget.ts): with the reused runs' steps and records added, this analysis stays under them,
   * so a fresh analysis never reaches them either. `records` counts every record it made.
   */
  exact(records: number): boolean {
    if (this.reusedSteps === 0 && this.reusedRecords === 0 && this.reused.size === 0) return true;
    return (
      this.ctx.steps + this.reusedSteps < MAX_ITEMS_PER_ANALYSIS &&
      records + this.reusedRecords < MAX_RECORDS_PER_ANALYSIS
    );
  }

  /** Ends the analysis: the cache keeps exactly the runs this analysis used or made. */
  finish(): void {
    this.cache.commit(this.stats);
  }
}

/** The runs of one document's previous analysis, for DocumentAnalyzer. */
export class RunCache {
  private runs = new Map<string, StoredRun>();
  private next = new Map<string, StoredRun>();
  private infos = new Map<string, StatementInfo>();
  private nextInfos = new Map<string, StatementInfo>();
  private nextId = 0;
  /** The last analysis' reuse figures (tests observe reuse through them, not timing). */
  lastStats: RunStats = { reused: 0, ran: 0 };

  /** The identity of a statement's text (the same id for the same text). */
  info(text: string): StatementInfo {
    let info = this.nextInfos.get(text) ?? this.infos.get(text);
    if (!info) info = { id: this.nextId++ };
    this.nextInfos.set(text, info);
    return info;
  }

  /** The previous analysis' text and its statements' infos by start offset (with their ends). */
  private prevText?: string;
  private pendingText?: string;
  private prevSpans = new Map<number, { readonly end: number; readonly info: StatementInfo }>();
  private nextSpans = new Map<number, { readonly end: number; readonly info: StatementInfo }>();
  private change?: { readonly from: number; readonly to: number; readonly delta: number };

  /** Compares the new text with the previous analysis' once (one changed region). */
  beginText(text: string): void {
    this.nextSpans = new Map();
    const c = this.prevText === undefined ? undefined : changedRange(this.prevText, text);
    this.change = c && { from: c.fromB, to: c.toB, delta: c.toB - c.fromB - (c.toA - c.fromA) };
    if (this.prevText === text) this.change = { from: text.length + 1, to: text.length + 1, delta: 0 };
    this.pendingText = text;
  }

  /** info() of text[start, end), without slicing or hashing it when the edit did not touch it. */
  spanInfo(text: string, start: number, end: number): StatementInfo {
    const c = this.change;
    let info: StatementInfo | undefined;
    if (c) {
      const old = end <= c.from ? start : start >= c.to ? start - c.delta : undefined;
      const prev = old === undefined ? undefined : this.prevSpans.get(old);
      if (prev && prev.end === (end <= c.from ? end : end - c.delta)) info = prev.info;
    }
    // (A reused info is not filed under its text again: a later identical text gets a new id,
    // which only costs a cache miss.)
    info ??= this.info(text.slice(start, end));
    this.nextSpans.set(start, { end, info });
    return info;
  }

  /** Starts an analysis after its module-level statements ran (the classes are defined). */
  begin(ctx: Context, scope: Scope, body: readonly Stmt[], optionsKey: string): RunSession {
    return new RunSession(this, ctx, scope, body, optionsKey);
  }

  lookup(key: string): StoredRun | undefined {
    return this.next.get(key) ?? this.runs.get(key);
  }

  keep(key: string, run: StoredRun): void {
    this.next.set(key, run);
  }

  commit(stats: RunStats): void {
    this.lastStats = stats;
    this.prevText = this.pendingText;
    this.prevSpans = this.nextSpans;
    this.nextSpans = new Map();
    this.runs = this.next;
    this.next = new Map();
    this.infos = this.nextInfos;
    this.nextInfos = new Map();
  }

  /** Forgets a half-done analysis (it threw). */
  abandon(): void {
    this.nextSpans = new Map();
    this.next = new Map();
    this.nextInfos = new Map();
  }
}
