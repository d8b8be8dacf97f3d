// The extension entry point in a Node extension host (desktop and remote VS Code): the analysis
// runs in a worker_threads worker. The web host's entry is main-web.ts.
import type * as vscode from 'vscode';
import { activateWith } from './activation';
import { nodeAnalysisHost } from '../worker/worker-node';

export function activate(context: vscode.ExtensionContext): void {
  activateWith(context, nodeAnalysisHost());
}

export function deactivate(): void {}
