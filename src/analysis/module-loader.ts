// Finding and loading the project modules one analysis imports: where a dotted name (with its
// leading dots) lies, reading it through the host's ProjectFiles, running its top level once per
// analysis (or reusing it from the ModuleCache while the files it read are unchanged), within the
// budgets of IMPORT_LIMITS. Files outside the project root are never asked for.
import { Scope } from './scope';
import {
  IMPORT_LIMITS,
  type LoadedModule,
  type ProjectOptions,
  dirname,
  hashText,
  isInside,
  joinPath,
  relativePath,
} from './project';

/** Runs a module's top level into `module.scope` (index.ts: a Context of its own). */
export type RunModule = (text: string, module: LoadedModule, loader: ModuleLoader) => void;

/** Standard-library and scientific modules no project defines (not worth a file lookup). */
const NOT_PROJECT = new Set(
  'abc argparse collections copy dataclasses enum functools itertools json logging math numbers numpy operator os pathlib random re sys time types typing typing_extensions warnings einops'.split(
    ' ',
  ),
);

export class ModuleLoader {
  /** This analysis' modules by file path (a module loads once per analysis). */
  private readonly modules = new Map<string, LoadedModule>();
  /** Modules whose top level is running, innermost last. */
  private readonly stack: LoadedModule[] = [];
  private filesAsked = 0;
  private chars = 0;
  /** Hashes of texts by path (a module's version hashes the texts it read). */
  private readonly hashes = new Map<string, { text: string; hash: string }>();
  /** Paths the host did not know yet (`read` gave undefined): it may read them and ask again. */
  readonly missing = new Set<string>();
  /** Every project file this analysis read or looked for, with what it found. */
  readonly touched = new Map<string, string | null>();

  constructor(
    readonly project: ProjectOptions,
    private readonly run: RunModule,
    /** Module heads that belong to a framework (never looked for in the project). */
    private readonly external: (head: string) => boolean,
  ) {}

  /** The module `dotted` imported with `level` leading dots by code in folder `fromDir`. */
  module(dotted: string, level: number, fromDir: string): LoadedModule | undefined {
    const head = dotted.split('.')[0];
    if (level === 0 && (NOT_PROJECT.has(head) || this.external(head))) return undefined;
    const root = this.project.root;
    let bases: string[];
    if (level > 0) {
      let dir = fromDir;
      for (let i = 1; i < level; i++) dir = dirname(dir);
      bases = [dir];
    } else bases = fromDir === root ? [root] : [root, fromDir];
    const rel = dotted ? dotted.split('.').join('/') : '';
    for (const base of bases) {
      if (!isInside(base, root)) continue;
      // A package comes before a module of the same name beside it, as Python's path finder has it.
      const candidates = rel
        ? [joinPath(base, `${rel}/__init__.py`), joinPath(base, `${rel}.py`)]
        : [joinPath(base, '__init__.py')];
      for (const file of candidates) {
        const found = this.modules.get(file);
        if (found) return this.reuse(found);
        const text = this.read(file);
        if (text !== null) return this.load(file, text);
      }
      // `from . import x` in a folder without `__init__.py`: the folder itself (a namespace package).
      if (!rel) return this.namespace(base);
    }
    return undefined;
  }

  /** A file's text through the host, within the budgets; null when missing or not allowed. */
  private read(path: string): string | null {
    if (!isInside(path, this.project.root)) return null;
    if (this.touched.has(path)) return this.touched.get(path)!;
    let text: string | null = null;
    if (this.filesAsked < IMPORT_LIMITS.maxFiles) {
      this.filesAsked++;
      const got = this.project.files.read(path);
      if (got === undefined) this.missing.add(path);
      else if (
        got !== null &&
        got.length <= IMPORT_LIMITS.maxFileChars &&
        this.chars + got.length <= IMPORT_LIMITS.maxChars
      ) {
        this.chars += got.length;
        text = got;
      }
    }
    this.touched.set(path, text);
    for (const m of this.stack) m.files.set(path, text);
    return text;
  }

  /** A module already loaded (or loading: an import cycle) in this analysis. */
  private reuse(m: LoadedModule): LoadedModule {
    const at = this.stack.indexOf(m);
    // A cycle: the modules from there on saw it half-loaded.
    if (at >= 0) for (const s of this.stack.slice(at)) (s as { cyclic: boolean }).cyclic = true;
    for (const s of this.stack) if (s !== m) for (const [p, t] of m.files) s.files.set(p, t);
    return m;
  }

  private load(path: string, text: string): LoadedModule | undefined {
    const cached = this.project.modules?.get(path, this.project.files);
    if (cached) {
      for (const [p, t] of cached.files) if (!this.touched.has(p)) this.touched.set(p, t);
      this.modules.set(path, cached);
      return this.reuse(cached);
    }
    if (this.stack.length >= IMPORT_LIMITS.maxChain) return undefined;
    const display = relativePath(path, this.project.root);
    const name = display
      .replace(/(\/__init__)?\.py$/, '')
      .split('/')
      .join('.');
    const m: LoadedModule = {
      name,
      path,
      dir: dirname(path),
      scope: new Scope(),
      origin: { path, display, version: '', text },
      files: new Map([[path, text]]),
      cyclic: false,
    };
    this.modules.set(path, m);
    this.stack.push(m);
    try {
      this.run(text, m, this);
    } finally {
      this.stack.pop();
    }
    m.origin.version = this.version(m);
    for (const s of this.stack) for (const [p, t] of m.files) s.files.set(p, t);
    this.project.modules?.keep(m);
    return m;
  }

  private namespace(dir: string): LoadedModule {
    const key = `${dir}/`;
    const found = this.modules.get(key);
    if (found) return found;
    const display = relativePath(dir, this.project.root);
    const m: LoadedModule = {
      name: display.split('/').join('.'),
      path: undefined,
      dir,
      scope: new Scope(),
      origin: { path: dir, display, version: 'ns', text: '' },
      files: new Map(),
      cyclic: false,
    };
    this.modules.set(key, m);
    return m;
  }

  /** A hash of every file the module read (its text or its absence). */
  private version(m: LoadedModule): string {
    const parts: string[] = [];
    for (const [p, t] of [...m.files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (t === null) parts.push(`${p}:-`);
      else {
        let h = this.hashes.get(p);
        if (!h || h.text !== t) this.hashes.set(p, (h = { text: t, hash: hashText(t) }));
        parts.push(`${p}:${h.hash}`);
      }
    }
    return hashText(parts.join('\n'));
  }

  /** The current version of a file as this analysis sees it (for the incremental cache). */
  versionOf(path: string): string | undefined {
    return this.modules.get(path)?.origin.version;
  }
}
