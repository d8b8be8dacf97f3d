// The extension entry point: the only layer that imports `vscode`.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('ConvShape');
  context.subscriptions.push(log);
  context.subscriptions.push(vscode.commands.registerCommand('convshape.showLog', () => log.show(true)));
  log.appendLine('ConvShape activated');
}

export function deactivate(): void {}
