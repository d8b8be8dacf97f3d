// The front-end seam (ARCHITECTURE.md): the analysis core names no framework; each framework is
// a folder of src/analysis/ registered once in frontends.ts.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../../../..');
const analysisDir = path.join(root, 'src', 'analysis');
const REGISTRATION = 'frontends.ts';

/** Words that name a framework (identifiers and string contents alike). */
const FRAMEWORK_WORD = /\w*(keras|torch)\w*/gi;

/** Lines of a core file allowed to name a framework, and why. */
const ALLOWED: Readonly<Record<string, { readonly line: RegExp; readonly why: string }>> = {
  // A stale shape comment is rewritten in the comment's own style, `torch.Size([...])` included
  // (python/shape-comments.ts reads that style).
  'hints.ts': { line: /Size\(/, why: 'comment notation' },
};

const withoutComments = (text: string) =>
  text.replace(/\/\*[\s\S]*?\*\//g, m => m.replace(/[^\n]/g, ' ')).replace(/\/\/.*$/gm, '');

/** `file:line: word` for every framework word outside comments and allowed lines. */
function frameworkMentions(file: string, text: string): string[] {
  const allowed = ALLOWED[file];
  return withoutComments(text)
    .split('\n')
    .flatMap((line, i) =>
      allowed?.line.test(line) ? [] : [...line.matchAll(FRAMEWORK_WORD)].map(m => `${file}:${i + 1}: ${m[0]}`),
    );
}

const importsOf = (text: string) =>
  [...text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g)].map(m => m[1]);

const frontendFolders = () =>
  fs
    .readdirSync(analysisDir, { withFileTypes: true })
    .filter(e => e.isDirectory() && fs.existsSync(path.join(analysisDir, e.name, 'frontend.ts')))
    .map(e => e.name);

const coreFiles = () => fs.readdirSync(analysisDir).filter(f => f.endsWith('.ts') && f !== REGISTRATION);

const read = (...parts: string[]) => fs.readFileSync(path.join(analysisDir, ...parts), 'utf8');

describe('architecture: the front-end seam', () => {
  it('finds the core and at least two front ends', () => {
    assert.ok(coreFiles().includes('interpreter.ts'));
    assert.ok(frontendFolders().length >= 2, `front-end folders: ${frontendFolders().join(', ')}`);
  });

  it('sees a framework word in code and strings, not in comments', () => {
    assert.deepEqual(frameworkMentions('x.ts', "const a = 'keras'; // torch\n/* PyTorch */ if (isKerasTensor(v)) {}"), [
      'x.ts:1: keras',
      'x.ts:2: isKerasTensor',
    ]);
  });

  it('the core files name no framework', () => {
    assert.deepEqual(
      coreFiles().flatMap(f => frameworkMentions(f, read(f))),
      [],
    );
  });

  it('only the registration imports a front-end folder', () => {
    const folders = frontendFolders();
    const bad = coreFiles().flatMap(f =>
      importsOf(read(f))
        .filter(i => folders.some(d => i.startsWith(`./${d}/`)))
        .map(i => `${f}: ${i}`),
    );
    assert.deepEqual(bad, []);
  });

  it('a front end imports no other front end', () => {
    const folders = frontendFolders();
    const bad = folders.flatMap(d =>
      fs
        .readdirSync(path.join(analysisDir, d))
        .filter(f => f.endsWith('.ts'))
        .flatMap(f =>
          importsOf(read(d, f))
            .filter(i => folders.some(o => o !== d && i.startsWith(`../${o}/`)))
            .map(i => `${d}/${f}: ${i}`),
        ),
    );
    assert.deepEqual(bad, []);
  });

  it('every front-end folder is registered in frontends.ts', () => {
    const registered = importsOf(read(REGISTRATION));
    assert.deepEqual(
      frontendFolders().filter(d => !registered.includes(`./${d}/frontend`)),
      [],
    );
  });
});
