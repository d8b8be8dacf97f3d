// The extension entry point: the only layer that imports `vscode`.
import * as vscode from 'vscode';
import { registerFeatures } from './features';

export function activate(context: vscode.ExtensionContext): void {
  const started = Date.now();
  const log = vscode.window.createOutputChannel('ConvShape');
  context.subscriptions.push(log);
  context.subscriptions.push(vscode.commands.registerCommand('convshape.showLog', () => log.show(true)));
  registerFeatures(context, log);
  log.appendLine(`ConvShape activated in ${Date.now() - started} ms`);
}

export function deactivate(): void {}
