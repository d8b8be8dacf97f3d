// What one model run read, recorded explicitly by the interpreter through `Context.deps` while
// the incremental cache (incremental.ts) has a recording open: the top-level statements whose
// code it executed, the module-level names it looked up (with a fingerprint of the value each
// held), and the other files whose code it ran (with the version of each it saw). The cache decides
// from these alone whether a stored run still holds; the interpreter never talks to the cache.
import { type Value, fingerprintValue, type StatementLocator } from './value-fingerprint';

/** The reads of one recorded run. */
export interface Reads {
  /** Start offsets of the function definitions it executed (each lies in a top-level statement). */
  readonly statements: ReadonlySet<number>;
  /** Module-level names it looked up → fingerprint of the value (`-` when unbound). */
  readonly names: ReadonlyMap<string, string>;
  /** Other files it ran code of: path → the version it saw (project.ts `Origin.version`). */
  readonly files: ReadonlyMap<string, string>;
  /** A name's value had no fingerprint (mutable, or holds something a run can change). */
  readonly unstable: boolean;
  /** It changed state other runs can see (a class attribute). */
  readonly wroteShared: boolean;
}

class Recording implements Reads {
  readonly statements = new Set<number>();
  readonly names = new Map<string, string>();
  readonly files = new Map<string, string>();
  unstable = false;
  wroteShared = false;
}

export class Dependencies {
  private open?: Recording;
  private locate?: StatementLocator;
  /** Fingerprints by module-level name for this analysis: module-level names are not rebound
   *  once the module's top level has run, and a run that mutates a class ends the caching. */
  private readonly memo = new Map<string, string | undefined>();
  /** Fingerprints of classes (a class is read by name, as a base, and as the run's own class). */
  private readonly classMemo = new Map<Value, string | undefined>();

  get recording(): boolean {
    return this.open !== undefined;
  }

  /** Names the top-level statement holding an offset, for fingerprints (the cache's session). */
  attach(locate: StatementLocator): void {
    this.locate = locate;
    this.memo.clear();
    this.classMemo.clear();
  }

  /** Starts recording one run. */
  begin(): void {
    this.open = new Recording();
  }

  /** Ends the recording and returns what was read. */
  end(): Reads {
    const reads = this.open ?? new Recording();
    this.open = undefined;
    return reads;
  }

  /** A function's code ran (`at`: the start of its definition). */
  readStatement(at: number): void {
    this.open?.statements.add(at);
  }

  /** A name was looked up in the module scope (`value` undefined: it is not bound there). */
  readName(name: string, value: Value | undefined): void {
    const rec = this.open;
    if (!rec || rec.names.has(name)) return;
    const fp = this.fingerprintName(name, value);
    if (fp === undefined) rec.unstable = true;
    else rec.names.set(name, fp);
  }

  /** The run used something that depends on the whole text (where else a name is used): not stored. */
  readWholeText(): void {
    if (this.open) this.open.unstable = true;
  }

  /** Code of another file ran (imports across files), as of `version`. */
  readFile(path: string, version: string): void {
    this.open?.files.set(path, version);
  }

  /** The run changed state outside itself that later runs can read. */
  wroteShared(): void {
    if (this.open) this.open.wroteShared = true;
  }

  /** The fingerprint of the value a module-level name holds now (memoized per analysis). */
  fingerprintName(name: string, value: Value | undefined): string | undefined {
    if (this.memo.has(name)) return this.memo.get(name);
    const locate = this.locate;
    if (!locate) return undefined;
    const fp = value === undefined ? '-' : this.fingerprint(value);
    this.memo.set(name, fp);
    return fp;
  }

  /** A value's fingerprint (value-fingerprint.ts), classes memoized for this analysis. */
  fingerprint(value: Value): string | undefined {
    const locate = this.locate;
    if (!locate) return undefined;
    if (value.k !== 'class') return fingerprintValue(value, locate);
    if (this.classMemo.has(value)) return this.classMemo.get(value);
    const fp = fingerprintValue(value, locate);
    this.classMemo.set(value, fp);
    return fp;
  }
}
