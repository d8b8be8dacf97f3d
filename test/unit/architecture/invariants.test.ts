// Architecture invariants (ARCHITECTURE.md) that a test can see.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../../../..');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const importsOf = (file: string) =>
  [...fs.readFileSync(file, 'utf8').matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g)].map(m => m[1]);

describe('architecture invariants', () => {
  const files = tsFiles(path.join(root, 'src'));

  it('finds the source tree', () => {
    assert.ok(files.length > 3, `expected source files under ${root}/src`);
  });

  it('1. only src/extension/ imports vscode', () => {
    const offenders = files.filter(
      f => !f.includes(`${path.sep}src${path.sep}extension${path.sep}`) && importsOf(f).includes('vscode'),
    );
    assert.deepEqual(
      offenders.map(f => path.relative(root, f)),
      [],
    );
  });

  it('1. only src/lsp/ imports the language-server library; src/views/ and src/worker/ import neither editor API', () => {
    const dirOf = (f: string) => path.relative(path.join(root, 'src'), f).split(path.sep)[0];
    const offenders = files.flatMap(f =>
      importsOf(f)
        .filter(
          imp =>
            (imp.startsWith('vscode-languageserver') && dirOf(f) !== 'lsp') ||
            (imp === 'vscode' && (dirOf(f) === 'views' || dirOf(f) === 'worker')),
        )
        .map(imp => `${path.relative(root, f)}: ${imp}`),
    );
    assert.deepEqual(offenders, []);
  });

  it('2. engine/ knows nothing of Python syntax, python/ nothing of shape rules', () => {
    const layerOf = (f: string) => path.relative(path.join(root, 'src'), f).split(path.sep)[0];
    const bad: string[] = [];
    for (const f of files) {
      const layer = layerOf(f);
      for (const imp of importsOf(f)) {
        if (layer === 'engine' && (imp.includes('/python') || imp.includes('/analysis') || imp.startsWith('@lezer')))
          bad.push(`${f}: ${imp}`);
        if (layer === 'python' && (imp.includes('/engine') || imp.includes('/analysis'))) bad.push(`${f}: ${imp}`);
        if (layer === 'render' && imp.includes('/analysis/') && !imp.endsWith('/types')) bad.push(`${f}: ${imp}`);
      }
    }
    assert.deepEqual(bad, []);
  });
});
