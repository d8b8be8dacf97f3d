// The extension entry point in the web extension host (vscode.dev, code-server's browser host):
// the analysis runs in a nested Web Worker. Without one (a host that refuses it), the analysis
// bundled here runs in the extension host itself.
import * as vscode from 'vscode';
import { activateWith } from './activation';
import { createAnalysisService } from '../worker/analysis-service';
import { webAnalysisHost } from './worker-web';

export function activate(context: vscode.ExtensionContext): void {
  const workerUrl = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'analysis-worker.js').toString();
  activateWith(context, webAnalysisHost(workerUrl, createAnalysisService));
}

export function deactivate(): void {}
