// What both entry points share (main.ts for Node hosts, main-web.ts for the web host): they differ
// only in how the analysis worker starts.
import * as vscode from 'vscode';
import type { AnalysisHost } from '../worker/analysis-client';
import { registerFeatures } from './features';

export function activateWith(context: vscode.ExtensionContext, analysisHost: AnalysisHost): void {
  const started = Date.now();
  const log = vscode.window.createOutputChannel('ConvShape');
  context.subscriptions.push(log);
  context.subscriptions.push(vscode.commands.registerCommand('convshape.showLog', () => log.show(true)));
  registerFeatures(context, log, analysisHost);
  log.appendLine(`ConvShape activated in ${Date.now() - started} ms`);
}
