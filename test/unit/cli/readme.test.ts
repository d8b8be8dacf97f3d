// The README's quick start shows the real output of `convshape check examples/`: keep it true.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../../src/cli/main';

const root = path.resolve(__dirname, '../../../..');

describe('README quick start', () => {
  it('opens with the commands a newcomer types: check the examples, then run every test', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const commands = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map(m => m[1].trim());
    assert.deepEqual(commands.slice(0, 2), [
      'npm ci && npm run build && node bin/convshape.js check examples/',
      'npm test',
    ]);
    assert.ok(
      readme.indexOf('npm test') < readme.indexOf('\n## ', readme.indexOf('## Quick start') + 1),
      'both in the first section',
    );
  });

  it('shows the start of what `convshape check examples/` really prints, and its exit status', async () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    assert.match(readme, /npm ci && npm run build && node bin\/convshape\.js check examples\//);
    const shown = /The start of its output:\n\n```text\n([\s\S]*?)…\n```/.exec(readme);
    assert.ok(shown, 'the README shows an excerpt of the output');
    let out = '';
    const cwd = process.cwd();
    process.chdir(root);
    try {
      const code = await main(['check', 'examples/'], {
        out: t => {
          out += t;
        },
        err: () => {},
        writeFile: () => {},
      });
      assert.equal(code, 1, 'examples/ has deliberate bugs');
    } finally {
      process.chdir(cwd);
    }
    assert.ok(shown[1].length > 200);
    assert.ok(out.startsWith(shown[1]), 'the README excerpt is the beginning of the real output (regenerate it)');
  });
});
