// The interpreter's state for one document: budgets, the current phase and statement, what has
// been recorded (layer calls, hint candidates, diagnostics), and facts gathered at module level
// (sample inputs, constructor arguments of model instances).
import { ExpectedCondition } from '../common/internal-errors';
import type { Framework, Shape } from '../engine';
import type { Expr, Range, Stmt } from '../python';
import type { Frontend, FrontendState } from './frontend';
import { Dependencies } from './dependencies';
import type { ModuleLoader } from './module-loader';
import type { Origin } from './project';
import type { AcceptedInputs, Diagnostic, ImpliedInput, LayerCall } from './types';
import type { ClassValue, FunctionValue, Site, Value } from './values';

/** One executing function: for `super()` and for returns from branches that may not run. */
export interface Frame {
  readonly fn: FunctionValue;
  readonly self?: Value;
  /** Return values of branches whose condition was unknown (joined with the final one). */
  readonly returns: Value[];
}

/** Evaluated call arguments, with the expressions they came from when written directly. */
/**
 * The layer whose rule is being applied: what a size requirement it states is sited by. Its name
 * is worked out only when a requirement is stated (accepted.ts), not at every layer call.
 */
export interface ApplyingLayer {
  /** Its name in the model (`fc1`, `body.4`), if it has one. */
  readonly layerName: string | undefined;
  readonly kind: string;
  readonly range?: Range;
}

export interface Args {
  readonly pos: Value[];
  readonly kw: ReadonlyMap<string, Value>;
  /** A `*xs`/`**kw` whose content is unknown was passed. */
  readonly unknownRest: boolean;
  readonly posExprs?: readonly (Expr | undefined)[];
  readonly kwExprs?: ReadonlyMap<string, Expr>;
  /** The whole call expression. */
  readonly range?: Range;
  /** The callee as written (`nn.Linear`). */
  readonly calleeText?: string;
}

/** A sample call's arguments (`model(img, points=(coords, labels))`), as plain values: tensors,
 *  constants, tuples and lists of them; anything else unknown. */
export interface SampleCall {
  readonly pos: readonly Value[];
  readonly kw: ReadonlyMap<string, Value>;
}

export const noArgs = (pos: Value[] = []): Args => ({ pos, kw: new Map(), unknownRest: false });

/** Thrown (and caught at the model boundary) when a document exhausts its step budget. */
export class BudgetExceeded extends ExpectedCondition {}

/** A possible inline hint; hints.ts keeps one per line. */
export interface HintCandidate {
  readonly offset: number;
  readonly shape: Shape | null;
  readonly site: 'definition' | 'statement';
  /** statement 3 > layer definition 2 > container/module definition 1. */
  readonly priority: number;
  readonly range: Range;
  /** The same key for every execution of the same site (shapes are joined). */
  readonly key: string;
  /** Orders different sites on one line: the later one wins. */
  readonly order: number;
  readonly layer?: number;
  /** Set for a graph tensor's shape: its framework's notation (Keras: the batch axis is None). */
  readonly framework?: Framework;
  /** Recorded outside unknown branches and repaired statements (may back a warning). */
  readonly certain: boolean;
}

/** Everything one model run records; merged into the Analysis when the run is kept. */
export class Recorder {
  readonly layers: LayerCall[] = [];
  /** Indices of layers that are named modules of the model (what forward hooks would see). */
  readonly modelLayers: number[] = [];
  readonly hints: HintCandidate[] = [];
  readonly diagnostics: Diagnostic[] = [];
  /** The input sizes the model accepts, and the one its layers imply (accepted.ts). */
  accepted?: AcceptedInputs;
  implied?: ImpliedInput;
  /** Parameters modules hold outside any layer, by module name (forward.ts `totalParams`). */
  heldParams?: Readonly<Record<string, number>>;
  /**
   * The recorded calls are not the calls the model makes: one was recorded on a path that may not
   * run or may run again (a branch on a tensor's values, a loop of unknown count), or the run
   * ended before its end. Their total MACs is then not known (layers.ts `modelMacs`).
   */
  callsUncounted = false;
}

export interface Limits {
  readonly maxSteps: number;
  readonly maxDepth: number;
  readonly maxLoop: number;
}

export const DEFAULT_LIMITS: Limits = { maxSteps: 400_000, maxDepth: 48, maxLoop: 512 };

/** A set that also remembers what was added while a recording is open (one model run's
 *  submodule classes, replayed when that run is reused from the cache). */
export class RecordingSet<T> extends Set<T> {
  recording?: Set<T>;

  override add(value: T): this {
    this.recording?.add(value);
    return super.add(value);
  }
}

export class Context {
  steps = 0;
  depth = 0;
  phase: 'module' | 'init' | 'forward' = 'module';
  /** > 0 inside a branch or loop that may not run: record shapes but report nothing. */
  uncertain = 0;
  /** The innermost statement being executed. */
  stmt?: Stmt;
  /** The layer whose rule is being applied (names the site of a size requirement it states). */
  applying?: ApplyingLayer;
  readonly frames: Frame[] = [];
  /** Classes of the document, in definition order. */
  readonly classes: ClassValue[] = [];
  /** The class statements of `classes` (each document class statement is one class). */
  readonly classDefs = new Set<object>();
  /** Classes being instantiated (a cycle gives unknown). */
  readonly instStack: ClassValue[] = [];
  /** Instances built inside one of their own class since the outermost construction began (calls.ts). */
  nestedInstances = 0;
  /** Classes instantiated inside another nn.Module class. */
  readonly usedAsSubmodule = new RecordingSet<ClassValue>();
  /** Module-level facts: `model = Net(10)`, `model(torch.randn(...))`, `summary(model, ...)`. */
  readonly samples = new Map<ClassValue, { ctor?: Args; call?: SampleCall }>();
  /** Top-level calls, with arguments, of a value not understood: any model's construction or call (looked-up-classes.ts). */
  readonly lookedUpCalls: Args[] = [];
  /** Sample inputs of module-level nn.Sequential models (`model(torch.randn(...))`). */
  readonly containerSamples = new Map<Value, (Shape | null)[]>();
  /** Models returned by module-level functions the file never calls (builders.ts), with the function. */
  readonly builtBy = new Map<Value, FunctionValue>();
  /** Classes builders returned that the top level also builds or calls: still models of their own. */
  readonly keptClasses = new Set<ClassValue>();
  /** Module-level names bound to a command-line option's default (`ngf = int(opt.ngf)`): option-origins.ts. */
  readonly optionNames = new Map<string, Value>();
  /** Inputs the code declares that the caller's `--input` replaces, by the declaration's offset. */
  replacing?: ReadonlyMap<number, Shape>;
  /** Qualified module names of the current model run. */
  names = new Map<Value, string>();
  rec = new Recorder();
  /** Layer calls and hint candidates recorded by the model runs so far (forward.ts counts them). */
  recordsMade = 0;
  /** Budget for the current model run. */
  stepLimit: number;
  /** Each front end's state for this analysis, by id. */
  private readonly states = new Map<Framework, FrontendState>();
  /** What the current model run read, for the incremental cache (dependencies.ts). */
  readonly deps = new Dependencies();
  /** The document's top-level statements (a fix may edit a module-level constant's definition). */
  moduleBody: readonly Stmt[] = [];
  /** Where each recorded layer call's module was constructed (a fix may edit its arguments). */
  readonly layerSites = new WeakMap<LayerCall, Site>();
  /** Where each module given to another module's constructor (a stack's layer) was built. */
  readonly moduleArgSites = new WeakMap<object, Site>();
  /** Follows imports to the project's other files (absent: imports stay qualified names). */
  imports?: ModuleLoader;
  /** The folder of the file being analysed (relative imports start there). */
  moduleDir = '';
  /** Set while code of another file runs: nothing it does is recorded at this text's offsets. */
  foreign?: Origin;
  /** The call in this text that entered a library whose errors are reported here (Origin.library). */
  entry?: Range;

  constructor(
    readonly text: string,
    readonly limits: Limits = DEFAULT_LIMITS,
    readonly frontends: readonly Frontend[] = [],
  ) {
    this.stepLimit = limits.maxSteps;
    for (const f of frontends) if (f.createState) this.states.set(f.id, f.createState());
  }

  /** The registered front end with this id. Values carry only registered ids: a miss is an
   *  interpreter bug, which callValue and analyzeParsed turn into unknown. */
  frontend(id: Framework): Frontend {
    const found = this.frontends.find(f => f.id === id);
    if (!found) throw new Error(`no front end ${id}`);
    return found;
  }

  /** The state of front end `id` (made by its `createState`). */
  frontendState<T extends FrontendState>(id: Framework): T {
    const found = this.states.get(id);
    if (!found) throw new Error(`no state for front end ${id}`);
    return found as T;
  }

  /** Changes when any front end's state changed (see FrontendState.stamp). */
  frontendStamp(): string {
    return [...this.states.values()].map(s => s.stamp()).join('|');
  }

  /** The front ends' settings that every run depends on (FrontendState.settingsKey). */
  frontendSettingsKey(): string {
    return [...this.states.values()].map(s => s.settingsKey?.() ?? '').join('|');
  }

  tick(): void {
    if (++this.steps > this.stepLimit) throw new BudgetExceeded('step budget exhausted');
  }

  /** True when a diagnostic raised now could be a false alarm. */
  get quiet(): boolean {
    return this.errorsSilenced || this.foreign !== undefined;
  }

  /** True when an error raised now may not hold (another file's errors move to this document's
   *  call that led there: foreign-diagnostics.ts). */
  get errorsSilenced(): boolean {
    return this.uncertain > 0 || !!this.stmt?.error;
  }

  /** In a library's code entered from this text, with nothing uncertain: its errors are reported here. */
  get atEntry(): Range | undefined {
    return this.foreign?.library && this.uncertain === 0 ? this.entry : undefined;
  }

  /** Runs `f` with the uncertainty raised (a branch that may not run). */
  uncertainly<T>(f: () => T): T {
    this.uncertain++;
    try {
      return f();
    } finally {
      this.uncertain--;
    }
  }
}

/** End of the line holding `offset` (before `\r\n`). */
export function lineEndOf(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  const end = nl < 0 ? text.length : nl;
  return end > 0 && text[end - 1] === '\r' ? end - 1 : end;
}
