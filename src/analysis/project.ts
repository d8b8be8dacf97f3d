// The other files of a project, as the analysis sees them: an explicit interface the host
// implements (the CLI with the file system, the editor through the worker's file cache, which
// the extension host fills with `vscode.workspace.fs`). The analysis never reads a file itself.
// Paths are absolute, `/`-separated strings; the host decides what lies inside the project.
import { ParsedDocument } from '../python';
import type { Scope } from './scope';
import { moduleState } from './module-state';

/** Files the analysis may read. */
export interface ProjectFiles {
  /**
   * The text of the file at `path`; `null` when there is no such file or it may not be read
   * (outside the project, too large, a folder); `undefined` when it is not known yet — the
   * analysis treats it as missing, and a host that can fetch it reads it and analyses again.
   */
  read(path: string): string | null | undefined;
}

/** What an analysis needs to follow imports to other files. */
export interface ProjectOptions {
  /** The analysed document's own path. */
  readonly path: string;
  /** The project's root folder: absolute imports resolve against it (and the document's folder). */
  readonly root: string;
  readonly files: ProjectFiles;
  /** Imported modules kept across analyses (each checked against the files it read). */
  readonly modules?: ModuleCache;
}

/** Where code came from when it is not the analysed document's. */
export interface Origin {
  readonly path: string;
  /** The path as shown to the user: relative to the project root. */
  readonly display: string;
  /** The file's text (its definitions' offsets are into it). */
  readonly text: string;
  /** Changes when the file or anything it imports changes (set once the module has loaded). */
  version: string;
  /**
   * A library's source the analysis carries (a framework's model builders): it never changes (a
   * run that read it needs no check of it to be reused), and an error its code certainly raises
   * is reported in the document, at the layer built there or else at the call that entered it.
   */
  readonly library?: boolean;
}

/** Budgets of following imports (per analysis): a cycle, a missing file or a huge package ends in
 *  unknown names, never a hang. */
export const IMPORT_LIMITS = {
  /** Modules being loaded inside one another (a chain of imports). */
  maxChain: 12,
  /** Files read (or looked for) by one analysis. */
  maxFiles: 600,
  /** Characters of imported source one analysis reads. */
  maxChars: 8_000_000,
  /** One imported file larger than this is not read. */
  maxFileChars: 1_000_000,
};

/** An imported module: its top-level names after its top level ran. */
export interface LoadedModule {
  readonly name: string;
  /** Its file (`pkg/__init__.py` for a package); undefined for a folder without one. */
  readonly path: string | undefined;
  /** The folder its relative imports start from (a package's own folder). */
  readonly dir: string;
  readonly scope: Scope;
  readonly origin: Origin;
  /** Every file its load read or looked for, with what it found: it is valid while these hold. */
  readonly files: Map<string, string | null>;
  /** It saw a module of its import cycle half-loaded: kept for one analysis only. */
  readonly cyclic: boolean;
  /** The analysed document's own module (`sys.modules[__name__]`): its names are module reads. */
  readonly document?: boolean;
}

/** Modules kept across analyses (one per project: `check DIR`, the editor's worker). */
export class ModuleCache {
  private readonly byPath = new Map<string, LoadedModule>();
  private readonly syntax = new Map<string, { readonly text: string; readonly doc: ParsedDocument }>();

  /** A file's syntax, parsed once for both uses: imported as a module, and analysed itself. */
  parse(path: string, text: string): ParsedDocument {
    const known = this.syntax.get(path);
    if (known && known.text === text) return known.doc;
    const doc = ParsedDocument.parse(text);
    this.syntax.set(path, { text, doc });
    return doc;
  }

  /** Each kept module's values as its own load left them (module-state.ts). */
  private readonly states = new Map<string, string>();

  get(path: string, files: ProjectFiles): LoadedModule | undefined {
    const m = this.byPath.get(path);
    if (!m) return undefined;
    // An analysis that imported it changed its values: load it afresh.
    if (moduleState(m.scope) !== this.states.get(path)) {
      this.byPath.delete(path);
      return undefined;
    }
    for (const [p, text] of m.files) {
      if (files.read(p) !== text) {
        this.byPath.delete(path);
        return undefined;
      }
    }
    return m;
  }

  keep(m: LoadedModule): void {
    if (!m.path || m.cyclic) return;
    this.byPath.set(m.path, m);
    this.states.set(m.path, moduleState(m.scope));
  }

  /** A file changed: the modules that read it go. */
  invalidate(path: string): void {
    this.syntax.delete(path);
    for (const [k, m] of this.byPath) if (m.files.has(path)) this.byPath.delete(k);
  }

  get size(): number {
    return this.byPath.size;
  }
}

/** `a/b/../c` → `a/c`; keeps a leading `/`. */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return (path.startsWith('/') ? '/' : '') + out.join('/');
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? (path.startsWith('/') ? '/' : '.') : path.slice(0, i);
}

export const joinPath = (dir: string, rest: string): string => normalizePath(`${dir}/${rest}`);

/** True when `path` is `dir` or inside it. */
export function isInside(path: string, dir: string): boolean {
  const d = dir.endsWith('/') ? dir : `${dir}/`;
  return path === dir || path.startsWith(d);
}

/** `path` relative to `root` (for display). */
export function relativePath(path: string, root: string): string {
  return isInside(path, root) ? path.slice(root.length).replace(/^\/+/, '') : path;
}

/** A short hash of a string (cyrb53): module versions. */
export function hashText(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
