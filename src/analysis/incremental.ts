// Per-model-run caching for DocumentAnalyzer: after an edit, only the model runs whose inputs
// changed are run again. A run's inputs are the texts of the top-level statements it may read:
// every module-level statement that is not a class or function (imports, constants, samples,
// scripts), plus the classes and functions named, transitively, by the class run and by those
// statements. The cache key is those texts in order (positions do not matter) and the options;
// a reused run has its offsets moved by how far each statement moved.
//
// A run is stored only when nothing else could have changed it or been changed by it: it read no
// mutable module-level value (lists, objects, layers, ...), got no mutable constructor argument
// from module-level code, defined no class, and touched no Keras naming state. A run that set a
// class attribute turns caching off for the rest of the analysis (later runs could see it).
import type { Shape } from '../engine';
import { changedRange, type Stmt } from '../python';
import { MAX_ITEMS_PER_ANALYSIS, MAX_RECORDS_PER_ANALYSIS } from './budget';
import type { Context, HintCandidate } from './context';
import { Recorder } from './context';
import type { ModelRun } from './forward';
import { Scope } from './scope';
import type { Diagnostic, LayerCall, TextRange } from './types';
import type { ClassValue, Value } from './values';

/** What the watched maps report while a model run is being recorded. */
interface Watch {
  active: boolean;
  /** The run read a mutable module-level value. */
  readMutable: boolean;
  /** A class attribute was set during the run. */
  classMutated: boolean;
}

const IMMUTABLE = new Set(['none', 'bool', 'int', 'float', 'str', 'dim', 'tensor', 'func', 'class', 'extern', 'builtin', 'unknown']);

/** True for values a model run could change (or see changed by another run). */
export function isMutable(v: Value): boolean {
  if (IMMUTABLE.has(v.k)) return false;
  if (v.k === 'tuple') return v.items.some(isMutable);
  if (v.k === 'slice') return isMutable(v.lower) || isMutable(v.upper) || isMutable(v.step);
  return true;
}

class GlobalsMap extends Map<string, Value> {
  watch?: Watch;

  override get(name: string): Value | undefined {
    const v = super.get(name);
    if (v !== undefined && this.watch?.active && isMutable(v)) this.watch.readMutable = true;
    return v;
  }
}

/** The module's global scope; its reads are watched while a model run is recorded. */
export class ModuleScope extends Scope {
  override readonly vars: GlobalsMap = new GlobalsMap();
}

/** A class's attributes (interpreter.ts makes them): while a run is recorded, setting one is seen. */
export class ClassAttrsMap extends Map<string, Value> {
  watch?: Watch;

  override set(name: string, value: Value): this {
    if (this.watch?.active) this.watch.classMutated = true;
    return super.set(name, value);
  }
}

/** A statement's identifiers (words of its text, comments and strings included: more is safe). */
function wordsOf(text: string): string[] {
  return [...new Set(text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [])];
}

interface StatementInfo {
  readonly id: number;
  readonly words: readonly string[];
  /** The same for statements with the same words (an edit that changes no identifier keeps it). */
  readonly wordsId: number;
}

/** A top-level statement's extent: from its start to the next one's (so trailing comments and
 *  the end of its last line belong to it). */
interface Span {
  readonly start: number;
  readonly end: number;
  readonly info: StatementInfo;
  /** The class or function it defines. */
  readonly name?: string;
}

/** A stored run: its results with offsets into the text it was computed on, and where its
 *  dependency statements were then. */
interface StoredRun {
  readonly rec: Recorder;
  readonly inputs: (Shape | null)[];
  readonly inputSource: ModelRun['inputSource'];
  readonly output: Shape | null;
  readonly params?: number;
  readonly macs?: number;
  /** Offsets of the names of the classes the run instantiated as submodules. */
  readonly submodules: readonly number[];
  /** Steps it took (an upper bound of the sequence items it made) and records it made. */
  readonly steps: number;
  readonly records: number;
  readonly deps: readonly { readonly start: number; readonly end: number }[];
}

/** Moves offsets from the spans a run was recorded in to where those spans are now. */
class Shifter {
  ok = true;
  readonly identity: boolean;

  constructor(
    private readonly from: readonly { readonly start: number; readonly end: number }[],
    private readonly to: readonly { readonly start: number; readonly end: number }[],
  ) {
    this.identity = from.every((s, i) => s.start === to[i].start);
  }

  private index(o: number): number {
    let lo = 0;
    let hi = this.from.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.from[mid].start <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  delta(o: number): number {
    const i = this.index(o);
    const s = this.from[i];
    if (!s || o < s.start || o > s.end) {
      this.ok = false;
      return 0;
    }
    return this.to[i].start - s.start;
  }

  offset(o: number): number {
    return o + this.delta(o);
  }

  range<R extends TextRange>(r: R): R {
    const d = this.delta(r.start);
    return d === 0 ? r : { ...r, start: r.start + d, end: r.end + d };
  }

  key(key: string): string {
    const colon = key.lastIndexOf(':');
    const n = Number(key.slice(colon + 1));
    if (colon < 0 || !Number.isInteger(n)) {
      this.ok = false;
      return key;
    }
    return `${key.slice(0, colon + 1)}${this.offset(n)}`;
  }

  layer(l: LayerCall): LayerCall {
    return { ...l, ...(l.definition ? { definition: this.range(l.definition) } : {}), ...(l.call ? { call: this.range(l.call) } : {}) };
  }

  hint(h: HintCandidate): HintCandidate {
    return { ...h, offset: this.offset(h.offset), range: this.range(h.range), key: this.key(h.key), order: this.offset(h.order) };
  }

  diagnostic(d: Diagnostic): Diagnostic {
    return { ...d, range: this.range(d.range), fixes: d.fixes.map(f => ({ ...f, edits: f.edits.map(e => ({ ...e, range: this.range(e.range) })) })) };
  }

  recorder(rec: Recorder): Recorder {
    const out = new Recorder();
    out.layers.push(...rec.layers.map(l => this.layer(l)));
    out.modelLayers.push(...rec.modelLayers);
    out.hints.push(...rec.hints.map(h => this.hint(h)));
    out.diagnostics.push(...rec.diagnostics.map(d => this.diagnostic(d)));
    return out;
  }

  /** The run moved to the new spans (the same objects when nothing moved). */
  run(r: StoredRun, deps: StoredRun['deps']): StoredRun {
    if (this.identity) return r;
    return { ...r, rec: this.recorder(r.rec), submodules: r.submodules.map(o => this.offset(o)), deps };
  }
}

/** One analysis' view of the cache: the document's top-level statements and the watch. */
export class RunSession {
  private readonly spans: Span[] = [];
  private readonly byName = new Map<string, number[]>();
  private readonly byWord = new Map<string, number[]>();
  private readonly nonDefs: number[] = [];
  private readonly classesByOffset = new Map<number, ClassValue>();
  private readonly watch: Watch = { active: false, readMutable: false, classMutated: false };
  /** Off for the rest of this analysis (a class attribute was set by a run, or mutable class attributes). */
  private disabled = false;
  /** The recorders of runs reused from the cache (their shapes are shared already). */
  readonly reused = new Set<Recorder>();
  /** Steps and records of the reused runs, which this analysis did not spend. */
  private reusedSteps = 0;
  private reusedRecords = 0;
  /** Dependency lists by the index of the class's statement. */
  private deps = new Map<number, number[]>();

  constructor(
    private readonly cache: RunCache,
    private readonly ctx: Context,
    scope: ModuleScope,
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
      const s = body[i];
      const name = s.k === 'class' || s.k === 'def' ? s.def.name : undefined;
      const info = cache.spanInfo(text, start, end);
      this.spans.push({ start, end, info, name });
      if (name !== undefined) push(this.byName, name, i);
      else {
        this.nonDefs.push(i);
        for (const w of info.words) push(this.byWord, w, i);
      }
    }
    // Dependencies follow from the statements' names and words only: while those are the same,
    // the previous analysis' dependency lists still hold.
    this.deps = cache.dependencyMemo(this.spans.map(s => `${s.name ?? ''}:${s.info.wordsId}`).join(','));
    scope.vars.watch = this.watch;
    for (const cls of ctx.classes) {
      this.classesByOffset.set(cls.def.nameRange.start, cls);
      for (const v of cls.attrs.values()) if (v.k !== 'func' && isMutable(v)) this.disabled = true;
      if (!(cls.attrs instanceof ClassAttrsMap)) Object.setPrototypeOf(cls.attrs, ClassAttrsMap.prototype);
      (cls.attrs as ClassAttrsMap).watch = this.watch;
    }
  }

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

  /** The statements a run of `cls` may read, in document order. */
  private dependencies(cls: ClassValue): number[] {
    const own = this.spanAt(cls.def.nameRange.start);
    let deps = this.deps.get(own);
    if (!deps || this.spans[own].name !== cls.def.name) {
      deps = this.computeDependencies(cls);
      if (this.spans[own].name === cls.def.name) this.deps.set(own, deps);
    }
    return deps;
  }

  private computeDependencies(cls: ClassValue): number[] {
    const deps = new Set<number>(this.nonDefs);
    const seenNames = new Set<string>();
    const seenNonDefs = new Set<number>();
    const queue: string[] = [cls.def.name];
    const own = this.spanAt(cls.def.nameRange.start);
    deps.add(own);
    queue.push(...this.spans[own].info.words);
    while (queue.length) {
      const name = queue.pop()!;
      if (seenNames.has(name)) continue;
      seenNames.add(name);
      for (const i of this.byName.get(name) ?? []) {
        if (deps.has(i) && i !== own) continue;
        deps.add(i);
        if (i !== own) queue.push(...this.spans[i].info.words);
      }
      // A module-level statement that mentions a name the run may read can bind it, or hand it
      // a value naming other classes (`BLOCKS = [A, B]`, `model = Net(Block)`).
      for (const i of this.byWord.get(name) ?? []) {
        if (seenNonDefs.has(i)) continue;
        seenNonDefs.add(i);
        queue.push(...this.spans[i].info.words);
      }
    }
    return [...deps].sort((a, b) => a - b);
  }

  /** Runs `cls` (through `exec`), or reuses its stored run when its inputs did not change. */
  run(cls: ClassValue, option: Shape | undefined, exec: () => ModelRun): ModelRun {
    if (this.disabled || this.spans.length === 0) return exec();
    const deps = this.dependencies(cls);
    const own = this.spanAt(cls.def.nameRange.start);
    const key = `${this.optionsKey}|${JSON.stringify(option ?? null)}|${deps.indexOf(own)}:${cls.def.nameRange.start - this.spans[own].start}|${deps.map(i => this.spans[i].info.id).join(',')}`;
    const where = deps.map(i => ({ start: this.spans[i].start, end: this.spans[i].end }));
    const stored = this.cache.lookup(key);
    if (stored) {
      const shifter = new Shifter(stored.deps, where);
      const moved = shifter.run(stored, where);
      const submodules = moved.submodules.map(o => this.classesByOffset.get(o));
      if (shifter.ok && submodules.every(c => c !== undefined)) {
        for (const c of submodules) this.ctx.usedAsSubmodule.add(c!);
        this.cache.keep(key, moved);
        if (shifter.identity) this.reused.add(moved.rec);
        this.reusedSteps += moved.steps;
        this.reusedRecords += moved.records;
        const { rec, inputs, inputSource, output, params, macs } = moved;
        return { cls, rec, inputs, inputSource, output, params, macs, submodules: submodules as ClassValue[] };
      }
    }
    const ctx = this.ctx;
    const before = { classes: ctx.classes.length, frontends: ctx.frontendStamp() };
    const ctor = ctx.samples.get(cls)?.ctor;
    const mutableCtor = !!ctor && ([...ctor.pos, ...ctor.kw.values()].some(isMutable) || ctor.unknownRest);
    this.watch.active = true;
    this.watch.readMutable = false;
    const stepsBefore = ctx.steps;
    let run: ModelRun;
    try {
      run = exec();
    } finally {
      this.watch.active = false;
    }
    if (this.watch.classMutated) this.disabled = true;
    const pure = !this.disabled && !this.watch.readMutable && !mutableCtor && ctx.classes.length === before.classes && ctx.frontendStamp() === before.frontends;
    if (pure) {
      const entry: StoredRun = {
        rec: run.rec,
        inputs: run.inputs,
        inputSource: run.inputSource,
        output: run.output,
        params: run.params,
        macs: run.macs,
        submodules: run.submodules.map(c => c.def.nameRange.start),
        steps: ctx.steps - stepsBefore,
        records: run.rec.layers.length + run.rec.hints.length,
        deps: where,
      };
      // Every offset must lie in a dependency, or a later edit could not move it correctly.
      const check = new Shifter(where, where);
      check.recorder(entry.rec);
      entry.submodules.forEach(o => check.offset(o));
      if (check.ok) this.cache.keep(key, entry);
    }
    return run;
  }

  /**
   * True when reusing runs cannot have changed the Analysis through the per-analysis budgets
   * (budget.ts): with the reused runs' steps and records added, this analysis stays under them,
   * so a fresh analysis never reaches them either. `records` counts every record it made.
   */
  exact(records: number): boolean {
    if (this.reusedSteps === 0 && this.reusedRecords === 0 && this.reused.size === 0) return true;
    return this.ctx.steps + this.reusedSteps < MAX_ITEMS_PER_ANALYSIS && records + this.reusedRecords < MAX_RECORDS_PER_ANALYSIS;
  }

  /** Ends the analysis: the cache keeps exactly the runs this analysis used or made. */
  finish(): void {
    for (const cls of this.ctx.classes) delete (cls.attrs as Partial<ClassAttrsMap>).watch;
    this.cache.commit();
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The runs of one document's previous analysis, for DocumentAnalyzer. */
export class RunCache {
  private runs = new Map<string, StoredRun>();
  private next = new Map<string, StoredRun>();
  private infos = new Map<string, StatementInfo>();
  private nextInfos = new Map<string, StatementInfo>();
  private nextId = 0;
  private wordIds = new Map<string, number>();
  private nextWordsId = 0;
  private depsMemo: { readonly layout: string; readonly deps: Map<number, number[]> } | undefined;

  /** The identity and words of a statement's text (the same id for the same text). */
  info(text: string): StatementInfo {
    let info = this.nextInfos.get(text) ?? this.infos.get(text);
    if (!info) {
      const words = wordsOf(text);
      const joined = words.join(' ');
      if (this.wordIds.size > 100_000) this.wordIds.clear(); // ids are never reused: layouts only differ
      let wordsId = this.wordIds.get(joined);
      if (wordsId === undefined) this.wordIds.set(joined, (wordsId = this.nextWordsId++));
      info = { id: this.nextId++, words, wordsId };
    }
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
  begin(ctx: Context, scope: ModuleScope, body: readonly Stmt[], optionsKey: string): RunSession {
    return new RunSession(this, ctx, scope, body, optionsKey);
  }

  /** The dependency lists computed for this layout of statements (names and words). */
  dependencyMemo(layout: string): Map<number, number[]> {
    if (this.depsMemo?.layout !== layout) this.depsMemo = { layout, deps: new Map() };
    return this.depsMemo.deps;
  }

  lookup(key: string): StoredRun | undefined {
    return this.next.get(key) ?? this.runs.get(key);
  }

  keep(key: string, run: StoredRun): void {
    this.next.set(key, run);
  }

  commit(): void {
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
