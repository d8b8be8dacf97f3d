// The convolution explorer: a webview panel that draws the layer at the cursor large, animates its
// kernel positions, and lets its arguments be tried out. Each change re-analyses the whole
// document with the changed call (a what-if analysis beside the document's own), so the model's
// shapes and the problems downstream are the analysis' own; "Apply to code" writes the same change
// as one undoable WorkspaceEdit. The panel follows the cursor to other layers.
import * as vscode from 'vscode';
import type { LayerCall, TextRange } from '../analysis/types';
import type { AnalysisStore, DocumentView } from './analysis-store';
import { rewriteCall } from './call-arguments';
import { declarationEdit, inputDeclarationSite } from '../views/input-declaration';
import { FrameSource } from './explorer-frames';
import { explorerHtml, makeNonce } from './explorer-html';
import type { FromExplorer, ToExplorer } from './explorer-protocol';
import {
  argumentChanges,
  explorerView,
  problemsOf,
  resizedInput,
  type InputSite,
  type Overrides,
} from './explorer-view';
import { layerAt } from './hover';

export const OPEN_EXPLORER_COMMAND = 'convshape.openExplorer';

/** What the panel shows: a layer by where its constructor is written (a document offset). */
interface Target {
  readonly uri: string;
  definitionStart: number;
}

/** A sliding-window layer with known arithmetic, written in this document. */
function explorable(view: DocumentView, layer: LayerCall): boolean {
  return !!layer.axes?.length && !!layer.definition && view.ownsRange(layer.definition);
}

/** The layer at an analysed offset, else one defined or called on the offset's line. */
export function explorableLayerAt(view: DocumentView, offset: number): LayerCall | undefined {
  const found = layerAt(view, offset);
  if (found && explorable(view, found.layer)) return found.layer;
  const line = view.document.lineAt(view.position(offset).line).range;
  return view.analysis.layers.find(
    l =>
      explorable(view, l) &&
      [l.definition, l.call].some(r => r && view.ownsRange(r) && view.range(r).intersection(line)),
  );
}

export class ExplorerPanel implements vscode.Disposable {
  private static current: ExplorerPanel | undefined;
  private overrides: Overrides = {};
  private readonly disposables: vscode.Disposable[] = [];
  private refreshing = 0;
  private followTimer: ReturnType<typeof setTimeout> | undefined;
  private lastView?: ToExplorer;
  private readonly frames = new FrameSource();
  /** The layer as drawn now (with the controls' values), for the frames the webview asks for. */
  private drawn?: LayerCall;

  /** Opens (or reveals) the explorer on a layer: given by the hover/CodeLens, else the cursor's. */
  static async open(
    extensionUri: vscode.Uri,
    store: AnalysisStore,
    uriText?: string,
    offset?: number,
  ): Promise<string | undefined> {
    const editor = vscode.window.activeTextEditor;
    const document = uriText
      ? vscode.workspace.textDocuments.find(d => d.uri.toString() === uriText)
      : editor?.document;
    const view = document && (await store.viewOf(document));
    if (!document || !view) {
      void vscode.window.showInformationMessage('ConvShape: open a Python file with a convolution or pooling layer.');
      return undefined;
    }
    const at =
      offset ?? (editor?.document === document ? view.offset(editor.selection.active) : undefined) ?? view.base;
    const layer = explorableLayerAt(view, at);
    if (!layer?.definition) {
      void vscode.window.showInformationMessage(
        'ConvShape: no convolution, pooling or transposed convolution with known sizes at the cursor.',
      );
      return undefined;
    }
    const target = { uri: document.uri.toString(), definitionStart: layer.definition.start - view.base };
    const panel = ExplorerPanel.current ?? new ExplorerPanel(extensionUri, store, target);
    ExplorerPanel.current = panel;
    panel.show(target);
    return layer.name || layer.kind;
  }

  private readonly panel: vscode.WebviewPanel;

  private constructor(
    extensionUri: vscode.Uri,
    private readonly store: AnalysisStore,
    private target: Target,
  ) {
    const scripts = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
    this.panel = vscode.window.createWebviewPanel(
      'convshape.explorer',
      'ConvShape Explorer',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [scripts] },
    );
    const nonce = makeNonce();
    this.panel.webview.html = explorerHtml({
      nonce,
      cspSource: this.panel.webview.cspSource,
      scriptUri: this.panel.webview.asWebviewUri(vscode.Uri.joinPath(scripts, 'explorer.js')).toString(),
    });
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((m: FromExplorer) => void this.receive(m)),
      vscode.window.onDidChangeTextEditorSelection(e => this.follow(e.textEditor)),
      vscode.workspace.onDidChangeTextDocument(e => this.documentChanged(e)),
    );
  }

  private show(target: Target): void {
    if (target.uri !== this.target.uri || target.definitionStart !== this.target.definitionStart) this.overrides = {};
    this.target = target;
    this.panel.reveal(vscode.ViewColumn.Beside, true);
    void this.refresh();
  }

  private document(): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find(d => d.uri.toString() === this.target.uri && !d.isClosed);
  }

  private async receive(message: FromExplorer): Promise<void> {
    switch (message.type) {
      case 'frame': {
        const frame = this.drawn && this.frames.frame(this.drawn, message.position);
        if (frame) void this.panel.webview.postMessage({ type: 'frame', frame } satisfies ToExplorer);
        return;
      }
      case 'ready':
        if (this.lastView) void this.panel.webview.postMessage(this.lastView);
        return this.refresh();
      case 'set':
        this.overrides = { ...this.overrides, [message.role]: message.value };
        return this.refresh();
      case 'reset':
        this.overrides = {};
        return this.refresh();
      case 'apply':
        return this.apply();
      case 'reveal': {
        const document = this.document();
        if (!document) return;
        const position = document.positionAt(this.target.definitionStart);
        await vscode.window.showTextDocument(document, {
          selection: new vscode.Selection(position, position),
          viewColumn: vscode.ViewColumn.One,
        });
      }
    }
  }

  /** The cursor moved to another explorable layer of a Python editor: show that one. */
  private follow(editor: vscode.TextEditor): void {
    if (editor.document.languageId !== 'python' || !this.panel.visible) return;
    clearTimeout(this.followTimer);
    this.followTimer = setTimeout(() => {
      void (async () => {
        const view = await this.store.viewOf(editor.document);
        if (!view) return;
        const layer = explorableLayerAt(view, view.offset(editor.selection.active));
        if (!layer?.definition) return;
        const target = { uri: editor.document.uri.toString(), definitionStart: layer.definition.start - view.base };
        if (target.uri !== this.target.uri || target.definitionStart !== this.target.definitionStart) this.show(target);
      })();
    }, 250);
  }

  /** Text inserted before the layer moves it; any change re-analyses. */
  private documentChanged(e: vscode.TextDocumentChangeEvent): void {
    if (e.document.uri.toString() !== this.target.uri || e.contentChanges.length === 0) return;
    for (const c of e.contentChanges)
      if (c.rangeOffset + c.rangeLength <= this.target.definitionStart)
        this.target.definitionStart += c.text.length - c.rangeLength;
    clearTimeout(this.followTimer);
    this.followTimer = setTimeout(() => void this.refresh(), 300);
  }

  /** The original layer (as the code is), and the edits that write the panel's values. */
  private async current(): Promise<
    | {
        document: vscode.TextDocument;
        view: DocumentView;
        layer: LayerCall;
        definition: TextRange;
        edits: { start: number; end: number; newText: string }[];
        applicable: string | true;
        input?: InputSite;
        inputEdit?: { start: number; end: number; newText: string };
      }
    | undefined
  > {
    const document = this.document();
    const view = document && (await this.store.viewOf(document));
    if (!document || !view) return undefined;
    const start = this.target.definitionStart + view.base;
    const layer = view.analysis.layers.find(l => l.definition?.start === start && explorable(view, l));
    if (!layer?.definition || !layer.spec) return undefined;
    const definition = { start: layer.definition.start - view.base, end: layer.definition.end - view.base };
    const text = document.getText();
    const edits: { start: number; end: number; newText: string }[] = [];
    let applicable: string | true = true;
    const changes = argumentChanges(layer, this.overrides);
    if (Object.keys(changes).length) {
      const call = rewriteCall(text.slice(definition.start, definition.end), Object.keys(layer.spec.args), changes);
      if (call === undefined) applicable = 'the call uses *args or **kwargs: its arguments cannot be rewritten';
      else edits.push({ ...definition, newText: call });
    }
    const index = view.analysis.layers.indexOf(layer);
    const model = view.analysis.models.find(m => m.layers.includes(index) && view.ownsRange(m.range));
    const site = model ? inputDeclarationSite(text, model.range.start - view.base) : undefined;
    const shape = model?.inputs[0];
    const input = site && shape ? { argument: site.argument, shape, framework: model.framework } : undefined;
    let inputEdit: { start: number; end: number; newText: string } | undefined;
    if (input && site && typeof this.overrides.input === 'number') {
      // The other arguments' declarations stay (views/input-declaration.ts).
      const shapes = new Map([[site.argument, resizedInput(input, this.overrides.input)]]);
      inputEdit = declarationEdit(text, site, shapes);
      edits.push(inputEdit);
    }
    return { document, view, layer, definition, edits, applicable, input, inputEdit };
  }

  private async refresh(): Promise<void> {
    const ticket = ++this.refreshing;
    const now = await this.current();
    if (ticket !== this.refreshing) return;
    if (!now) this.drawn = undefined;
    if (!now)
      return this.post({ type: 'empty', message: 'The layer is no longer in the code (or its sizes are unknown).' });
    const { document, view, layer, definition, edits } = now;
    const index = view.analysis.layers.indexOf(layer);
    let shown: LayerCall | undefined = layer;
    let model = view.analysis.models.find(m => m.layers.includes(index));
    let problems = problemsOf(view.analysis, document.getText(), view.base, view.analysis);
    let layerError: string | undefined;
    if (edits.length) {
      const variant = await this.store.analyseVariant(document, edits);
      if (ticket !== this.refreshing) return;
      if (!variant) return;
      // Where the layer's constructor starts in the what-if text: moved by edits before it.
      const shift = edits
        .filter(e => e.end <= definition.start)
        .reduce((n, e) => n + e.newText.length - (e.end - e.start), 0);
      const start = definition.start + shift + variant.base;
      const written = variant.analysis.layers.filter(l => l.definition?.start === start);
      shown = written.find(l => l.axes?.length);
      const vLayer = shown ?? written[0];
      model = variant.analysis.models.find(m => vLayer && m.layers.includes(variant.analysis.layers.indexOf(vLayer)));
      problems = problemsOf(variant.analysis, variant.text, variant.base, view.analysis);
      const sites = [vLayer?.definition, vLayer?.call].filter((r): r is TextRange => !!r);
      const own = variant.analysis.diagnostics.find(
        d => d.severity === 'error' && sites.some(r => d.range.start < r.end && d.range.end > r.start),
      );
      layerError = own?.message ?? (shown ? undefined : 'The layer cannot be drawn with these values.');
    }
    const line = document.positionAt(definition.start).line + 1;
    this.drawn = shown;
    this.post({
      type: 'view',
      view: explorerView({
        original: layer,
        shown,
        overrides: this.overrides,
        input: now.input,
        model,
        problems,
        layerError,
        applicable: now.applicable,
        location: `${vscode.workspace.asRelativePath(document.uri)}:${line}`,
      }),
    });
  }

  private post(message: ToExplorer): void {
    this.lastView = message;
    void this.panel.webview.postMessage(message);
  }

  /** Writes the panel's values into the code: one WorkspaceEdit, so one undo takes it back. */
  private async apply(): Promise<void> {
    const now = await this.current();
    if (!now || now.edits.length === 0 || now.applicable !== true) return;
    const edit = new vscode.WorkspaceEdit();
    for (const e of now.edits)
      edit.replace(
        now.document.uri,
        new vscode.Range(now.document.positionAt(e.start), now.document.positionAt(e.end)),
        e.newText,
      );
    if (await vscode.workspace.applyEdit(edit)) {
      this.overrides = {};
      await this.refresh();
    }
  }

  dispose(): void {
    if (ExplorerPanel.current === this) ExplorerPanel.current = undefined;
    clearTimeout(this.followTimer);
    const document = this.document();
    if (document) this.store.forgetVariant(document);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  /** For tests: the panel that is open, if any. */
  static get opened(): ExplorerPanel | undefined {
    return ExplorerPanel.current;
  }
}
