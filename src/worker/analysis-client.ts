// The extension host's side of the analysis worker: sends each document version to the worker,
// receives its Analysis without blocking the host for long, and falls back to analysing in-process
// when no worker can run. No `vscode` here (unit-tested in plain Node); the host-specific way of
// starting a worker comes in as an AnalysisHost (worker-node.ts, worker-web.ts).
//
// At most one request per document is in the worker at a time. A newer version asked for
// meanwhile waits its turn, replacing (and resolving as superseded, `undefined`) any older one
// still waiting; the result of a request that a newer one superseded is dropped unread.
import type { Analysis } from '../analysis/types';
import {
  decodeAnalysis,
  unpackPieces,
  yieldToHost,
  type AnalysisOutcome,
  type AnalysisRequest,
  type FromWorker,
  type InternalErrorReport,
  type ToWorker,
} from './analysis-protocol';

/** A started worker, whatever the host's kind of worker. */
export interface WorkerChannel {
  post(message: ToWorker): void;
  /** `onFailure` is called at most once: the worker failed to load, threw, or exited. */
  listen(onMessage: (message: FromWorker) => void, onFailure: (reason: string) => void): void;
  terminate(): void;
}

/** The analysis run on the extension host's own thread. */
export interface InProcessAnalyzer {
  analyse(request: AnalysisRequest): AnalysisOutcome;
  forget(key: string): void;
}

export interface AnalysisHost {
  /** How the worker runs, for the log: `Node worker thread`, `Web Worker`. */
  readonly kind: string;
  /** Starts a worker; may throw when this host cannot start one. */
  spawn(): WorkerChannel;
  /** The fallback: loads the analysis into the extension host itself. */
  inProcess(): InProcessAnalyzer;
}

export interface AnalysisResult extends AnalysisOutcome {
  readonly where: 'worker' | 'in-process';
  /** Milliseconds from the worker's answer arriving to the Analysis being rebuilt (time-sliced). */
  readonly receiveMs: number;
}

/** After this many worker failures (the first start plus one restart), analyse in-process. */
const MAX_WORKER_FAILURES = 2;

interface Job {
  readonly id: number;
  readonly request: AnalysisRequest;
  readonly resolve: (result: AnalysisResult | undefined) => void;
}

/** The requests of one document: the one being analysed and the newest one waiting. */
interface KeyState {
  running?: Job;
  waiting?: Job;
}

const EMPTY: Analysis = { models: [], layers: [], hints: [], diagnostics: [] };
const clock = () => globalThis.performance?.now() ?? Date.now();

export class AnalysisClient {
  private readonly keys = new Map<string, KeyState>();
  /** Jobs posted to the current worker, by id, until its answer arrives. */
  private readonly posted = new Map<number, Job>();
  private channel?: WorkerChannel;
  private failures = 0;
  private local?: InProcessAnalyzer;
  private nextId = 1;
  private disposed = false;

  constructor(
    private readonly host: AnalysisHost,
    private readonly log: (line: string) => void,
  ) {}

  /** Where analyses run now. */
  get mode(): 'worker' | 'in-process' {
    return this.failures >= MAX_WORKER_FAILURES ? 'in-process' : 'worker';
  }

  /** The Analysis of `request`, or undefined when a newer request for the same key replaced it. */
  analyse(request: AnalysisRequest): Promise<AnalysisResult | undefined> {
    return new Promise(resolve => {
      if (this.disposed) return resolve(undefined);
      let state = this.keys.get(request.key);
      if (!state) {
        state = {};
        this.keys.set(request.key, state);
      }
      const job: Job = { id: this.nextId++, request, resolve };
      if (state.running) {
        state.waiting?.resolve(undefined);
        state.waiting = job;
      } else {
        state.running = job;
        this.dispatch(job);
      }
    });
  }

  /** The document closed: its analyzer (in the worker) and any waiting request go. */
  forget(key: string): void {
    const state = this.keys.get(key);
    state?.waiting?.resolve(undefined);
    this.keys.delete(key);
    if (this.mode === 'worker') this.channel?.post({ type: 'forget', key });
    else this.local?.forget(key);
  }

  dispose(): void {
    this.disposed = true;
    for (const state of this.keys.values()) {
      state.running?.resolve(undefined);
      state.waiting?.resolve(undefined);
    }
    this.keys.clear();
    this.posted.clear();
    this.channel?.terminate();
    this.channel = undefined;
  }

  private dispatch(job: Job): void {
    const channel = this.mode === 'worker' ? this.workerChannel() : undefined;
    if (channel) {
      this.posted.set(job.id, job);
      channel.post({ type: 'analyse', id: job.id, ...job.request });
    } else {
      void this.analyseInProcess(job);
    }
  }

  /** The running worker, started if needed; undefined once workers have failed too often. */
  private workerChannel(): WorkerChannel | undefined {
    while (!this.channel && this.mode === 'worker') {
      try {
        const channel = this.host.spawn();
        this.channel = channel;
        // `receive` settles its job on every path, so nothing waits on the returned promise.
        channel.listen(
          m => void this.receive(channel, m),
          reason => this.workerFailed(channel, reason),
        );
        this.log(`analysis worker started (${this.host.kind})`);
      } catch (e) {
        this.channel = undefined;
        this.failures++;
        this.log(
          `analysis worker could not start (${this.host.kind}): ${e instanceof Error ? e.message : String(e)}${this.fallbackNote()}`,
        );
      }
    }
    return this.channel;
  }

  private fallbackNote(): string {
    return this.mode === 'worker'
      ? '; starting it again'
      : '; analysing in the extension host from now on (slow documents wait for a pause in typing)';
  }

  private workerFailed(channel: WorkerChannel, reason: string): void {
    if (channel !== this.channel || this.disposed) return;
    channel.terminate();
    this.channel = undefined;
    this.failures++;
    this.log(`analysis worker failed (${this.host.kind}): ${reason}${this.fallbackNote()}`);
    // What the dead worker had not answered goes to the next worker (or in-process).
    const unanswered = [...this.posted.values()];
    this.posted.clear();
    for (const job of unanswered) {
      if (this.isCurrent(job)) this.dispatch(job);
      else job.resolve(undefined);
    }
  }

  private async receive(channel: WorkerChannel, message: FromWorker): Promise<void> {
    if (channel !== this.channel) return;
    const job = this.posted.get(message.id);
    if (!job) return;
    this.posted.delete(message.id);
    if (message.type === 'failed') {
      this.log(`analysis failed in the worker: ${message.message}`);
      return this.finish(job, this.emptyResult(job.request, 'worker'));
    }
    this.logInternalErrors(message.internalErrors);
    if (!this.isCurrent(job) || this.superseded(job)) return this.finish(job, undefined);
    const started = clock();
    let analysis: Analysis | undefined;
    try {
      analysis = await decodeAnalysis(unpackPieces(message.pieces), {
        stale: () => !this.isCurrent(job) || this.superseded(job),
      });
    } catch (e) {
      // A result that cannot be read is a failed analysis, not a job left waiting forever.
      this.log(`analysis result from the worker could not be read: ${e instanceof Error ? e.message : String(e)}`);
      return this.finish(job, this.emptyResult(job.request, 'worker'));
    }
    if (!analysis) return this.finish(job, undefined);
    const { needs, reads } = message;
    this.finish(job, {
      analysis,
      bases: message.bases,
      ms: message.ms,
      where: 'worker',
      receiveMs: clock() - started,
      ...(needs ? { needs } : {}),
      ...(reads ? { reads } : {}),
    });
  }

  private async analyseInProcess(job: Job): Promise<void> {
    // Never inside the caller's own turn: the store's debounce decides when this may block.
    await yieldToHost();
    if (!this.isCurrent(job)) return;
    if (this.superseded(job)) return this.finish(job, undefined);
    try {
      this.local ??= this.host.inProcess();
      const outcome = this.local.analyse(job.request);
      this.logInternalErrors(outcome.internalErrors);
      this.finish(job, { ...outcome, where: 'in-process', receiveMs: 0 });
    } catch (e) {
      this.log(`in-process analysis failed: ${e instanceof Error ? e.message : String(e)}`);
      this.finish(job, this.emptyResult(job.request, 'in-process'));
    }
  }

  /** Bugs the analysis survived go to the ConvShape output channel (the results stand). */
  private logInternalErrors(report: InternalErrorReport | undefined): void {
    if (!report) return;
    this.log(`analysis: ${report.count} internal error(s); the results stand, the values involved are unknown`);
    for (const e of report.recent)
      this.log(`  internal error in ${e.where}: ${e.message}${e.stack ? `\n${e.stack}` : ''}`);
  }

  /** The job is still its document's running request (not forgotten, not disposed). */
  private isCurrent(job: Job): boolean {
    return !this.disposed && this.keys.get(job.request.key)?.running === job;
  }

  private superseded(job: Job): boolean {
    return this.keys.get(job.request.key)?.waiting !== undefined;
  }

  private finish(job: Job, result: AnalysisResult | undefined): void {
    job.resolve(result);
    const state = this.keys.get(job.request.key);
    if (!state || state.running !== job) return;
    state.running = state.waiting;
    state.waiting = undefined;
    if (state.running) this.dispatch(state.running);
    else this.keys.delete(job.request.key);
  }

  /** Nothing known (shown as no hints, no diagnostics): the analysis itself failed. */
  private emptyResult(request: AnalysisRequest, where: AnalysisResult['where']): AnalysisResult {
    return { analysis: EMPTY, bases: request.notebook ? [] : [0], ms: 0, where, receiveMs: 0 };
  }
}
