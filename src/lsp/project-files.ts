// The language server's side of following imports: the project a document belongs to (the
// workspace folder holding it, else the nearest folder with a project marker, as the CLI finds
// it) and the project files the worker asks for, read from the open documents first, then from
// disk. Only `.py` files under the project root are read. A file that changes (an open document
// edited, opened or closed) is sent again with the next request, and the documents whose last
// analysis read it are analysed again.
import * as fs from 'fs';
import { fileURLToPath } from 'url';
import { findProjectRoot, slashPath } from '../common/project-root';

export interface DocumentProject {
  readonly path: string;
  readonly root: string;
}

export class LspProjectFiles {
  /** Files changed since they were last sent to the worker (`null`: no longer readable). */
  private changed = new Map<string, string | null>();
  private readonly roots = new Map<string, string>();

  constructor(
    private readonly folders: () => readonly string[],
    private readonly openText: (path: string) => string | undefined,
  ) {}

  /** The document's path and project root; undefined for a document that is not a local file. */
  projectOf(uri: string): DocumentProject | undefined {
    const path = pathOf(uri);
    if (!path) return undefined;
    const folder = this.folders()
      .map(pathOf)
      .filter((f): f is string => !!f && path.startsWith(`${f}/`))
      .sort((a, b) => b.length - a.length)[0];
    return { path, root: folder ?? findProjectRoot(path, this.roots) };
  }

  /** The texts of `paths` (open documents first, then disk); `null` for what is not a project file. */
  read(paths: readonly string[], root: string): Record<string, string | null> {
    const out: Record<string, string | null> = {};
    for (const p of paths) {
      if (!p.endsWith('.py') || !p.startsWith(`${root}/`)) {
        out[p] = null;
        continue;
      }
      const open = this.openText(p);
      if (open !== undefined) out[p] = open;
      else {
        try {
          out[p] = fs.readFileSync(p, 'utf8');
        } catch {
          out[p] = null;
        }
      }
    }
    return out;
  }

  /** A document's text changed (or it closed: `undefined` re-reads it from disk next time). */
  noteChange(uri: string, text: string | undefined): string | undefined {
    const path = pathOf(uri);
    if (!path) return undefined;
    if (text !== undefined) this.changed.set(path, text);
    else this.changed.set(path, this.read([path], path.slice(0, path.lastIndexOf('/')))[path] ?? null);
    return path;
  }

  /** The changes not sent yet, handed to the next request. */
  takeChanges(): Record<string, string | null> {
    const out = Object.fromEntries(this.changed);
    this.changed = new Map();
    return out;
  }
}

/** The file path of a `file:` URI, with `/` separators; undefined for other schemes. */
function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return slashPath(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}
