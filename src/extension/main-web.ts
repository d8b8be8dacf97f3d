// The extension entry point in the web extension host (vscode.dev, code-server's browser host):
// the analysis runs in a nested Web Worker, dist/analysis-worker.js (the Node host's worker too).
// This bundle carries no analysis of its own (a second copy would cost the .vsix a third of its size): in a host that
// refuses a nested worker, ConvShape says so in its output channel and shows nothing.
import * as vscode from 'vscode';
import { activateWith } from './activation';
import { webAnalysisHost } from './worker-web';

export function activate(context: vscode.ExtensionContext): void {
  const workerUrl = vscode.Uri.joinPath(context.extensionUri, 'dist', 'analysis-worker.js').toString();
  activateWith(
    context,
    webAnalysisHost(workerUrl, () => {
      throw new Error('this browser could not start the analysis worker, so ConvShape shows no shapes here');
    }),
  );
}

export function deactivate(): void {}
