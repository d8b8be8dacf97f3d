// The CLI's side of following imports: project files read from disk, each at most once per run
// (`check DIR` analyses many files that import the same modules), and the project root: the
// nearest folder with pyproject.toml, setup.py, setup.cfg or .git, or `--root DIR`.
import * as fs from 'fs';
import { ModuleCache, type ProjectFiles, type ProjectOptions } from '../analysis';
import { findProjectRoot, slashPath } from '../common/project-root';

export { findProjectRoot, slashPath };

/** Reads `.py` files under the project root, once each; nothing outside it. */
export class DiskProjectFiles implements ProjectFiles {
  private readonly texts = new Map<string, string | null>();
  /** How many times a file was read from disk (tests: each file once). */
  reads = 0;

  constructor(readonly root: string) {}

  read(p: string): string | null {
    const known = this.texts.get(p);
    if (known !== undefined) return known;
    let text: string | null = null;
    if (p.endsWith('.py') && (p === this.root || p.startsWith(`${this.root}/`))) {
      try {
        this.reads++;
        text = fs.readFileSync(p, 'utf8');
      } catch {
        text = null; // no such file (or a folder): the import is not a project file
      }
    }
    this.texts.set(p, text);
    return text;
  }
}

/** Project options for each checked file: one reader and one module cache per root. */
export class CliProject {
  private readonly byRoot = new Map<string, { files: DiskProjectFiles; modules: ModuleCache }>();
  /** Project roots found by folder (each folder is looked at once). */
  private readonly roots = new Map<string, string>();

  constructor(private readonly fixedRoot?: string) {}

  optionsFor(file: string): ProjectOptions {
    const root = this.fixedRoot ? slashPath(this.fixedRoot) : findProjectRoot(file, this.roots);
    let shared = this.byRoot.get(root);
    if (!shared) {
      shared = { files: new DiskProjectFiles(root), modules: new ModuleCache() };
      this.byRoot.set(root, shared);
    }
    return { path: slashPath(file), root, ...shared };
  }

  /** The text of a checked file through the shared reader (read once), when it is in the project. */
  textOf(file: string): string | undefined {
    const options = this.optionsFor(file);
    return options.files.read(options.path) ?? undefined;
  }
}
