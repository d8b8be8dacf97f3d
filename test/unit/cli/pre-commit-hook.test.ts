// .pre-commit-hooks.yaml: the hook runs the installed `convshape check` on Python files and
// notebooks, and the README's lines name it. (pre-commit itself is not in the test environment; the
// hook was tried with `pre-commit try-repo`.)
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from './run-cli';

const read = (file: string) => fs.readFileSync(path.join(repoRoot, file), 'utf8');

/** `key: value` lines of the hook list's single entry (the file is a flat YAML list of one map). */
function hookFields(yaml: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of yaml.matchAll(/^(?:- | {2})([\w]+): (.*)$/gm)) fields[m[1]] = m[2].trim();
  return fields;
}

describe('cli: the pre-commit hook', () => {
  const hook = hookFields(read('.pre-commit-hooks.yaml'));

  it('runs the package binary `convshape check` as a node hook on Python files and notebooks', () => {
    const manifest = JSON.parse(read('package.json')) as {
      bin: Record<string, string>;
      scripts: Record<string, string>;
    };
    assert.equal(hook.id, 'convshape');
    assert.equal(hook.language, 'node');
    const [binary, command] = hook.entry.split(' ');
    assert.ok(binary in manifest.bin, `${binary} is a bin of the package`);
    assert.equal(command, 'check');
    assert.equal(hook.types_or, '[python, jupyter]');
    assert.equal(hook.pass_filenames, 'true');
    // pre-commit installs with npm pack: the bundles must be built then.
    assert.match(manifest.scripts.prepack, /tools\/build\.mjs/);
  });

  it('is what the README tells a pre-commit user to add', () => {
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('## Pre-commit and CI'));
    assert.match(section, /```yaml\n- repo: \S+\n {2}rev: \S+\n {2}hooks: \[\{ id: convshape \}\]\n```/);
  });
});
