// `convshape check --format github`: one workflow command per diagnostic, escaped as GitHub's
// toolkit escapes them (data: %, CR, LF; properties also : and ,).
import { strict as assert } from 'assert';
import * as path from 'path';
import { annotationCommand, escapeData, escapeProperty, githubAnnotations } from '../../../src/cli/github-annotations';
import type { LocatedDiagnostic } from '../../../src/cli/located';
import { runCli, workspaceFile } from './run-cli';

const diagnostic = (over: Partial<LocatedDiagnostic>): LocatedDiagnostic => ({
  line: 3,
  column: 5,
  endLine: 3,
  endColumn: 9,
  severity: 'error',
  code: 'features-mismatch',
  message: 'm',
  ...over,
});

describe('cli/check --format github', () => {
  it('escapes data and properties', () => {
    assert.equal(escapeData('100% a\r\nb: c, d'), '100%25 a%0D%0Ab: c, d');
    assert.equal(escapeProperty('100% a\r\nb: c, d'), '100%25 a%0D%0Ab%3A c%2C d');
    // % first, so an escape is never escaped twice.
    assert.equal(escapeData('%0A'), '%250A');
  });

  it('maps severities onto error, warning and notice', () => {
    assert.deepEqual((['error', 'warning', 'information', 'hint'] as const).map(annotationCommand), [
      'error',
      'warning',
      'notice',
      'notice',
    ]);
  });

  it('writes one line per diagnostic with its place, code and escaped message', () => {
    const cwd = path.resolve('/repo');
    const out = githubAnnotations(
      [
        {
          path: path.join(cwd, 'models', 'a,b.py'),
          diagnostics: [
            diagnostic({ message: 'bad: 50%\nsee here' }),
            diagnostic({
              severity: 'information',
              code: 'dropped-input',
              line: 7,
              column: 1,
              endLine: 8,
              endColumn: 2,
            }),
          ],
        },
      ],
      cwd,
    );
    assert.equal(
      out,
      '::error file=models/a%2Cb.py,line=3,col=5,endLine=3,endColumn=9,title=features-mismatch::bad: 50%25%0Asee here\n' +
        '::notice file=models/a%2Cb.py,line=7,col=1,endLine=8,endColumn=2,title=dropped-input::m\n',
    );
  });

  it('annotates a notebook diagnostic on the file, naming the cell in its message', () => {
    const out = githubAnnotations(
      [{ path: 'nb.ipynb', diagnostics: [diagnostic({ cell: 3, line: 4, column: 21, severity: 'warning' })] }],
      process.cwd(),
    );
    assert.equal(out, '::warning file=nb.ipynb,title=features-mismatch::cell 3, line 4, column 21: m\n');
  });

  it('annotates the real check, exits 1 on an error and prints nothing for a clean file', async () => {
    const r = await runCli('check', '--format', 'github', workspaceFile('wrong_features.py'));
    assert.equal(r.code, 1);
    const file = path.relative(process.cwd(), workspaceFile('wrong_features.py')).split(path.sep).join('/');
    assert.match(
      r.out,
      new RegExp(
        `^::error file=${file.replace(/[.]/g, '\\.')},line=9,col=\\d+,endLine=9,endColumn=\\d+,title=features-mismatch::mat1 and mat2 shapes cannot be multiplied \\(2x5408 and 9000x10\\)\\n$`,
      ),
    );
    const clean = await runCli('check', '--format=github', workspaceFile('lenet.py'));
    assert.equal(clean.code, 0);
    assert.equal(clean.out, '');
  });
});
