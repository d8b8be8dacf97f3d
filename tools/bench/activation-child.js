// Run by run.js in a fresh process: milliseconds to `require` dist/extension.js and call its
// `activate()`, with `vscode` replaced by a stand-in (tools/bench/fake-vscode.js) through
// Module._load. Plain Node, not the extension host: it measures ConvShape's own start-up work.
'use strict';
const Module = require('module');
const path = require('path');
const { fakeVscode } = require('./fake-vscode');

const vscode = fakeVscode();
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};
const context = {
  subscriptions: [],
  extensionUri: vscode.Uri,
  extensionPath: path.resolve(__dirname, '../..'),
  globalState: vscode.Memento,
  workspaceState: vscode.Memento,
};
const t0 = process.hrtime.bigint();
const extension = require(path.resolve(__dirname, '../../dist/extension.js'));
const result = extension.activate(context);
Promise.resolve(result).then(() => {
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  process.stdout.write(JSON.stringify({ activationMs: ms, subscriptions: context.subscriptions.length }));
});
