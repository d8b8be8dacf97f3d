// The repository's files cite only what the repository holds: no absolute path of someone's
// machine, and every `*.md` they name exists (relative to the repository root or to the citing
// file). The product design is docs/design.md, so outside docs/ it is cited with that prefix.
import { strict as assert } from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../../../..');

/** Folders that are build output or installed, never the repository's own text (see .gitignore). */
const UNTRACKED = new Set(['.git', 'node_modules', 'out', 'dist', '.vscode-test', 'test-results']);

function walk(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap(e => {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory()) return UNTRACKED.has(e.name) ? [] : walk(rel);
    return e.isFile() && !e.name.endsWith('.vsix') ? [rel] : [];
  });
}

/** Tracked files (git), or every file outside build output where git is not available. */
function repositoryFiles(): string[] {
  try {
    return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\0')
      .filter(Boolean);
  } catch {
    return walk('');
  }
}

/** The text of a file, or undefined for binary files (images) and files deleted since. */
function textOf(file: string): string | undefined {
  const full = path.join(root, file);
  if (!fs.existsSync(full)) return undefined;
  const buf = fs.readFileSync(full);
  return buf.includes(0) ? undefined : buf.toString('utf8');
}

// Spelled in parts so that this file does not match itself.
const MACHINE_DIRS = ['work', 'home', 'root', 'Users', 'tmp'];
const ABSOLUTE_PATH = new RegExp(`(?<![\\w.~/-])/(?:${MACHINE_DIRS.join('|')})/[\\w.-]+`, 'g');

/** `docs/design.md`, `../SECURITY.md`, `README.md` …, outside URLs. */
function citedMarkdown(text: string): string[] {
  const withoutUrls = text.replace(/\b[a-z][a-z+.-]*:\/\/\S+/gi, '');
  return [...withoutUrls.matchAll(/(?<![\w./-])((?:\.{1,2}\/|[\w-]+\/)*[\w-][\w.-]*\.md)(?![\w-])/g)].map(m => m[1]);
}

/** Names that look like citations but are not: file → why. */
const NOT_CITATIONS: ReadonlyMap<string, { name: string; why: string }> = new Map([
  ['src/extension/summary.ts', { name: 'summary.md', why: 'the name of the generated summary document' }],
]);

const SELF = 'test/unit/docs/references.test.ts';

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

describe('references in the repository', () => {
  const files = repositoryFiles();
  const texts = new Map<string, string>();
  for (const f of files) {
    const t = textOf(f);
    if (t !== undefined && f !== SELF) texts.set(f, t);
  }

  it("finds the repository's files", () => {
    assert.ok(
      texts.has('README.md') && texts.has('ARCHITECTURE.md') && texts.has('docs/design.md'),
      `files under ${root}`,
    );
    assert.ok(texts.size > 100);
  });

  it('names no absolute path of a machine', () => {
    const found: string[] = [];
    for (const [file, text] of texts) {
      for (const m of text.matchAll(ABSOLUTE_PATH)) found.push(`${file}:${lineOf(text, m.index ?? 0)}: ${m[0]}`);
    }
    assert.deepEqual(found, []);
  });

  it('cites only markdown files that exist', () => {
    const missing: string[] = [];
    for (const [file, text] of texts) {
      for (const cited of citedMarkdown(text)) {
        if (NOT_CITATIONS.get(file)?.name === cited) continue;
        const candidates = [path.join(root, cited), path.join(root, path.dirname(file), cited)];
        if (!candidates.some(c => fs.existsSync(c))) missing.push(`${file}: ${cited}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('cites the design as docs/design.md outside docs/', () => {
    const bare: string[] = [];
    for (const [file, text] of texts) {
      if (file.startsWith('docs/')) continue;
      for (const cited of citedMarkdown(text)) {
        if (path.basename(cited) === 'design.md' && !cited.endsWith('docs/design.md')) bare.push(`${file}: ${cited}`);
      }
    }
    assert.deepEqual(bare, []);
  });

  // The checks above must be able to fail: each one on a line that breaks it.
  it('recognises absolute paths and markdown citations', () => {
    const line = (dir: string) => `see /${dir}/shared/notes.md`;
    assert.equal(line('work').match(ABSOLUTE_PATH)?.[0], `/${'work'}/shared`); // spelled so no tool finds a machine path here
    assert.equal(line('home').match(ABSOLUTE_PATH)?.[0], `/home/shared`);
    assert.equal('python at /usr/bin/python3, ~/.cache/x, https://example.org/home/x'.match(ABSOLUTE_PATH), null);
    assert.deepEqual(
      citedMarkdown(
        '// (design.md, invariant 4); see [the contract](../docs/json-contract.md#check) and https://x.org/a/README.md',
      ),
      ['design.md', '../docs/json-contract.md'],
    );
  });
});
