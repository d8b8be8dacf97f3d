// `convshape lsp --stdio`: ConvShape as a language server for any editor (Neovim, Helix, Zed,
// Emacs, …), on vscode-languageserver. Bundled apart as dist/lsp.js and loaded by the CLI only for
// this command. The analysis runs in the extension's worker (dist/analysis-worker.js); what the
// server shows is made by the same views as VS Code's (src/views), converted in convert.ts.
import {
  CodeActionKind,
  createConnection,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { summaryMarkdown, summaryText } from '../render/summary';
import { DEFAULT_SETTINGS, settingsFromObject, type ViewSettings } from '../views/settings';
import { AnalysisClient, type AnalysisHost } from '../worker/analysis-client';
import { nodeAnalysisHost } from '../worker/worker-node';
import { DocumentAnalyses, type DocumentSlice } from './analyses';
import { codeActionsFor } from './code-actions';
import { lspCodeLenses, lspHover, lspInlayHints, SUMMARY_COMMAND } from './convert';
import { DiagnosticsPusher } from './diagnostics';
import { LspProjectFiles } from './project-files';

export interface ServerOptions {
  /** The version the server states (serverInfo). */
  readonly version?: string;
  /** How analyses run: the Node worker by default. */
  readonly host?: AnalysisHost;
}

/** Python files: by language id, or by extension for a client that sends none we know. */
export function isPython(document: TextDocument): boolean {
  return document.languageId === 'python' || /\.pyi?$/.test(document.uri);
}

const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');

/** Wires the server's features to `connection` (which the caller then `listen()`s to). */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const log = (line: string) => connection.console.log(line);
  const documents = new TextDocuments(TextDocument);
  let settings: ViewSettings = DEFAULT_SETTINGS;
  let capabilities: ClientCapabilities = {};
  let folders: string[] = [];
  // Imports resolve in the workspace folder holding a document (or its project root), through the
  // open documents' texts and then the disk.
  const openTexts = new Map<string, string>();
  const files = new LspProjectFiles(
    () => folders,
    path => openTexts.get(path),
  );
  const analyses = new DocumentAnalyses(new AnalysisClient(options.host ?? nodeAnalysisHost(), log), log, files);
  const pusher = new DiagnosticsPusher(connection, analyses, () => settings);

  /** The current version's Analysis of an open Python document, or why not (undefined / cancelled). */
  const sliceOf = async (uri: string, token: CancellationToken): Promise<DocumentSlice | undefined | 'cancelled'> => {
    const document = documents.get(uri);
    if (!document || !isPython(document)) return undefined;
    const slice = await analyses.sliceOf(document, token);
    return token.isCancellationRequested ? 'cancelled' : slice;
  };

  connection.onInitialize((params): InitializeResult => {
    capabilities = params.capabilities;
    settings = settingsFromObject(params.initializationOptions);
    folders = (params.workspaceFolders ?? []).map(f => f.uri);
    for (const key of settings.severity.ignored) log(`diagnostics.severity: ignoring "${key}"`);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        inlayHintProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [SUMMARY_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'convshape', ...(options.version ? { version: options.version } : {}) },
    };
  });

  connection.onInitialized(() => {
    log(`convshape language server: ${folders.length} workspace folder(s)`);
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(e => {
        const removed = new Set(e.removed.map(f => f.uri));
        folders = [...folders.filter(f => !removed.has(f)), ...e.added.map(f => f.uri)];
        log(`workspace folders: ${folders.join(', ') || 'none'}`);
      });
    }
  });

  connection.onDidChangeConfiguration(params => {
    const raw = params.settings as Record<string, unknown> | undefined;
    if (!raw || typeof raw !== 'object' || !('convshape' in raw)) return;
    settings = settingsFromObject(raw);
    pusher.pushAll(documents.all().filter(isPython));
    if (capabilities.workspace?.inlayHint?.refreshSupport) void connection.languages.inlayHint.refresh();
    if (capabilities.workspace?.codeLens?.refreshSupport) void connection.sendRequest('workspace/codeLens/refresh');
  });

  /** Another file's text changed: the open documents that import it are analysed and pushed again. */
  const reanalyseImporters = (uri: string, text: string | undefined) => {
    const path = files.projectOf(uri)?.path;
    if (path !== undefined && text !== undefined) openTexts.set(path, text);
    else if (path !== undefined) openTexts.delete(path);
    const stale = analyses.fileChanged(uri, text);
    for (const other of stale) {
      const document = documents.get(other);
      if (document) pusher.repush(document);
    }
    if (stale.length && capabilities.workspace?.inlayHint?.refreshSupport)
      void connection.languages.inlayHint.refresh();
  };
  documents.onDidOpen(({ document }) => {
    if (!isPython(document)) return;
    analyses.open(document.uri);
    reanalyseImporters(document.uri, document.getText());
    void pusher.push(document);
  });
  documents.onDidChangeContent(({ document }) => {
    if (!isPython(document)) return;
    reanalyseImporters(document.uri, document.getText());
    pusher.schedule(document);
  });
  documents.onDidClose(({ document }) => {
    pusher.clear(document.uri);
    analyses.close(document.uri);
    if (isPython(document)) reanalyseImporters(document.uri, undefined);
  });

  connection.onHover(async (params, token) => {
    const slice = await sliceOf(params.textDocument.uri, token);
    if (slice === 'cancelled') return cancelled();
    return slice ? (lspHover(slice, slice.document.offsetAt(params.position), settings) ?? null) : null;
  });

  connection.languages.inlayHint.on(async (params, token) => {
    const slice = await sliceOf(params.textDocument.uri, token);
    if (slice === 'cancelled') return cancelled();
    return slice ? lspInlayHints(slice, params.range, settings) : [];
  });

  connection.onCodeLens(async (params, token) => {
    const slice = await sliceOf(params.textDocument.uri, token);
    if (slice === 'cancelled') return cancelled();
    return slice ? lspCodeLenses(slice, settings) : [];
  });

  connection.onCodeAction(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (!document || !isPython(document)) return [];
    const only = params.context.only;
    if (only && !only.some(kind => CodeActionKind.QuickFix.startsWith(kind))) return [];
    const actions = await codeActionsFor(document, params.context.diagnostics, () => analyses.sliceOf(document, token));
    return token.isCancellationRequested ? cancelled() : actions;
  });

  connection.onExecuteCommand(async (params, token) => {
    if (params.command !== SUMMARY_COMMAND) return null;
    const [uri, name] = (params.arguments ?? []) as unknown[];
    if (typeof uri !== 'string') return null;
    const slice = await sliceOf(uri, token);
    if (slice === 'cancelled') return cancelled();
    const model =
      slice && slice.analysis.models.find(m => (name === undefined || m.name === name) && slice.ownsRange(m.range));
    if (!slice || !model) return null;
    // A notification, not window/showMessageRequest: some clients prompt for an answer to that.
    void connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Info,
      message: summaryText(slice.analysis, model, settings.shapeStyle),
    });
    return summaryMarkdown(slice.analysis, model, settings.shapeStyle);
  });

  connection.onShutdown(() => {
    pusher.dispose();
    analyses.dispose();
  });

  documents.listen(connection);
}

/** Runs the server over stdin/stdout; the process ends when the client says `exit` or closes stdin. */
export function runStdioServer(options: ServerOptions = {}): Promise<never> {
  const connection = createConnection(process.stdin, process.stdout);
  startServer(connection, options);
  connection.listen();
  return new Promise<never>(() => {});
}
