// A file's project root: the nearest folder with pyproject.toml, setup.py, setup.cfg or .git (the
// file's own folder when there is none). Shared by the CLI and the language server; no analysis.
import * as fs from 'fs';
import * as path from 'path';

const ROOT_MARKERS = ['pyproject.toml', 'setup.py', 'setup.cfg', '.git'];

/** An absolute path with `/` separators (what the analysis uses). */
export const slashPath = (p: string): string => path.resolve(p).split(path.sep).join('/');

/** The nearest folder above `file` with a project marker; the file's folder when there is none. */
export function findProjectRoot(file: string, known = new Map<string, string>()): string {
  const start = path.dirname(path.resolve(file));
  const walked: string[] = [];
  for (let dir = start; ; dir = path.dirname(dir)) {
    let root = known.get(dir);
    if (root === undefined && ROOT_MARKERS.some(m => fs.existsSync(path.join(dir, m)))) root = slashPath(dir);
    if (root !== undefined) {
      for (const d of [...walked, dir]) known.set(d, root);
      return root;
    }
    walked.push(dir);
    // No marker up to the top: the file's own folder (not remembered: each folder is its own then).
    if (path.dirname(dir) === dir) return slashPath(start);
  }
}
