// The extension host's side of following imports: the only code that reads project files for
// the analysis. Files are read through `vscode.workspace.fs` (so it works in the web extension,
// in untrusted and in virtual workspaces; read-only, nothing is executed), an open document's
// text standing for its file; only files inside the document's workspace folder are read. The
// worker asks for what it lacks (analysis-protocol.ts, ProjectRequest); a change of a file the
// worker has — an edit, a save, a change on disk — is sent with the next request and reported to
// listeners, so the documents that import it are analysed again.
import * as vscode from 'vscode';
import type { ProjectRequest } from '../worker/analysis-protocol';

/** Marks the root of a project below a workspace folder (as the CLI's project root). */
const ROOT_MARKERS = ['pyproject.toml', 'setup.py', 'setup.cfg', '.git'];

const inside = (path: string, dir: string) => path === dir || path.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
const parentOf = (path: string) => path.slice(0, Math.max(path.lastIndexOf('/'), 0)) || '/';

export class WorkspaceFiles implements vscode.Disposable {
  /** Texts by URI string of every file read for the worker (null: none, or not readable). */
  private readonly texts = new Map<string, string | null>();
  /** Changed since the worker last got them (URI path → text). */
  private changed = new Map<string, string | null>();
  private readonly roots = new Map<string, Promise<string>>();
  private readonly listeners: ((path: string) => void)[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.py');
    const reread = (uri: vscode.Uri) => void this.reread(uri);
    this.subscriptions.push(
      watcher,
      watcher.onDidChange(reread),
      watcher.onDidCreate(reread),
      watcher.onDidDelete(reread),
      vscode.workspace.onDidChangeTextDocument(e => {
        if (e.contentChanges.length > 0 && e.document.languageId === 'python')
          this.note(e.document.uri, e.document.getText());
      }),
      // Closing an edited file without saving: its file is what counts again.
      vscode.workspace.onDidCloseTextDocument(d => reread(d.uri)),
    );
  }

  /** Called with the path of a file the worker has when its text changed. */
  onDidChange(listener: (path: string) => void): void {
    this.listeners.push(listener);
  }

  /** The project of a document, or undefined when it is not a file of a workspace folder. */
  async projectOf(document: vscode.TextDocument): Promise<Omit<ProjectRequest, 'files'> | undefined> {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (!folder || document.uri.scheme === 'untitled') return undefined;
    return { path: document.uri.path, root: await this.rootOf(document.uri, folder.uri) };
  }

  /** Files changed since the worker last got them (taken: they go with one request). */
  takeChanges(): Record<string, string | null> {
    const out = Object.fromEntries(this.changed);
    this.changed = new Map();
    return out;
  }

  /** Reads the paths the worker asked for (relative to `like`'s scheme and authority). */
  async read(paths: readonly string[], like: vscode.Uri, root: string): Promise<Record<string, string | null>> {
    const out: Record<string, string | null> = {};
    await Promise.all(
      paths.map(async path => {
        const uri = like.with({ path });
        out[path] = inside(path, root) ? await this.textOf(uri) : null;
      }),
    );
    return out;
  }

  private async textOf(uri: vscode.Uri): Promise<string | null> {
    const key = uri.toString();
    const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === key);
    let text: string | null;
    if (open) text = open.getText();
    else {
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        text = null; // no such file (or a folder): the import is not a project file
      }
    }
    this.texts.set(key, text);
    return text;
  }

  /** The nearest folder with a project marker between the document and its workspace folder. */
  private rootOf(uri: vscode.Uri, folder: vscode.Uri): Promise<string> {
    const dir = parentOf(uri.path);
    let found = this.roots.get(dir);
    if (!found) {
      found = (async () => {
        for (let d = dir; inside(d, folder.path); d = parentOf(d)) {
          for (const marker of ROOT_MARKERS) {
            try {
              await vscode.workspace.fs.stat(uri.with({ path: `${d}/${marker}` }));
              return d;
            } catch {
              // not here: look further up
            }
          }
          if (d === folder.path || d === '/') break;
        }
        return folder.path;
      })();
      this.roots.set(dir, found);
    }
    return found;
  }

  private note(uri: vscode.Uri, text: string | null): void {
    const key = uri.toString();
    if (!this.texts.has(key) || this.texts.get(key) === text) return;
    this.texts.set(key, text);
    this.changed.set(uri.path, text);
    for (const l of this.listeners) l(uri.path);
  }

  private async reread(uri: vscode.Uri): Promise<void> {
    if (!this.texts.has(uri.toString())) return;
    const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
    if (open && !open.isClosed) return this.note(uri, open.getText());
    let text: string | null;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      text = null; // deleted
    }
    this.note(uri, text);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
