// A minimal stand-in for the `vscode` module, for timing the extension's activation in plain Node
// (LABELLED as such in the report: this is not the extension host). The module is a plain object
// with every top-level name @types/vscode declares; each is a callable, constructible no-op that
// returns another stand-in, so registering providers, commands, event listeners and output
// channels all succeed; configuration reads return their default value.
'use strict';
const fs = require('fs');
const path = require('path');

function stub(name) {
  const target = function () {};
  return new Proxy(target, {
    get(_, key) {
      if (key === Symbol.iterator) return function* () {};
      if (key === Symbol.toPrimitive) return () => 0;
      if (key === 'then') return undefined; // not a promise
      if (key === 'length') return 0;
      if (key === 'get') return (_key, fallback) => fallback;
      if (key === 'toString') return () => `[vscode stub ${name}]`;
      return stub(`${name}.${String(key)}`);
    },
    apply: () => stub(`${name}()`),
    construct: () => stub(`new ${name}`),
  });
}

/** The names `vscode` exports, read from its type declarations. */
function exportedNames() {
  const dts = fs.readFileSync(path.resolve(__dirname, '../../node_modules/@types/vscode/index.d.ts'), 'utf8');
  return [
    ...new Set([...dts.matchAll(/^\texport (?:namespace|class|enum|function|const|let|var) (\w+)/gm)].map(m => m[1])),
  ];
}

function fakeVscode() {
  const vscode = {};
  for (const name of exportedNames()) vscode[name] = stub(name);
  return vscode;
}

module.exports = { fakeVscode };
