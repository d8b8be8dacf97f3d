import { strict as assert } from 'assert';
import { type Tree, TreeFragment } from '@lezer/common';
import { parser } from '@lezer/python';
import { type IndentCheck, changedRange, hasErrorNodes, misindented } from '../../../src/python';
import { generateModelFile, mutate } from '../fuzz/tools';

/**
 * Each version parsed incrementally from the one before (as `ParsedDocument.update` does), its
 * indentation checked twice: visiting every statement, and answering from the subtrees the
 * previous version's check found well indented. Both must agree; returns the answers (`error`:
 * the tree has an error node, so it is parsed afresh and not checked).
 */
function checkedVersions(versions: readonly string[]): (boolean | 'error')[] {
  let text = versions[0];
  let tree: Tree = parser.parse(text);
  let checked: object | undefined;
  const answers: (boolean | 'error')[] = [];
  for (const next of versions.slice(1)) {
    const change = changedRange(text, next);
    assert.ok(change, 'each version differs from the one before');
    const incremental = parser.parse(next, TreeFragment.applyChanges(TreeFragment.addTree(tree), [change]));
    text = next;
    if (hasErrorNodes(incremental)) {
      answers.push('error');
      tree = parser.parse(next);
      checked = undefined;
      continue;
    }
    const everything = misindented(incremental, next, { version: {}, remember: false });
    const check: IndentCheck = { version: {}, previous: checked && { version: checked, change }, remember: true };
    assert.equal(misindented(incremental, next, check), everything, `version ${answers.length + 1}`);
    answers.push(everything);
    // As ParsedDocument.update: a misnested tree is replaced by a fresh parse, which is not checked.
    tree = everything ? parser.parse(next) : incremental;
    checked = everything ? undefined : check.version;
  }
  return answers;
}

describe('python: the indentation check of an incremental parse', function () {
  this.timeout(20_000);
  const { text, classes } = generateModelFile({ lines: 1000, seed: 7 });
  const inClass = (k: number) => text.indexOf('\n', classes[k].start) + 1; // a class's first body line

  it('answers as a full check after edits inside a class, at its indentation and across lines', () => {
    const at = text.indexOf('(', classes[5].start) + 1;
    const line = inClass(9);
    const versions = [
      text,
      text.slice(0, at) + 'x' + text.slice(at), // inside a class
      text.slice(0, at) + 'xy' + text.slice(at),
      text,
      text.slice(0, line) + '  ' + text.slice(line), // a body line indented further
      text,
      text.slice(0, line) + text.slice(line + 4), // dedented to the class' level
      text.slice(0, line) + text.slice(line + 4) + 'pass\n',
      text,
      text.slice(0, inClass(3)) + 'x = 1\n' + text.slice(inClass(3)), // a line at column 0 inside a class
      text,
      text.slice(0, classes[12].start) + '    ' + text.slice(classes[12].start), // a class indented
      text,
    ];
    const answers = checkedVersions(versions);
    assert.ok(answers.includes(false) && answers.length === versions.length - 1);
  });

  it('answers as a full check along a session of edits, each from the last', () => {
    const versions = [text];
    let current = text;
    const edit = (at: number, remove: number, insert: string) => {
      current = current.slice(0, at) + insert + current.slice(at + remove);
      versions.push(current);
    };
    for (let k = 0; k < classes.length; k += 3) {
      const body = current.indexOf('\n', current.indexOf(`class ${classes[k].name}(`)) + 1;
      edit(body, 0, '    # a comment\n'); // a line inserted into a class
      edit(body + 4, 0, '    '); // then indented under the class' first statement
      edit(body, 0, '\n\n'); // blank lines
      const digit = current.slice(body).search(/[0-9]/) + body;
      edit(digit, 1, '7'); // a number changed
      edit(body, 6, ''); // the comment line cut, its rest joined to the blank line
    }
    const answers = checkedVersions(versions);
    assert.ok(answers.filter(a => a === false).length > versions.length / 2);
  });

  it('answers as a full check after random mutations, each from the last', () => {
    const versions = [text];
    for (let seed = 1; seed <= 24; seed++) versions.push(seed % 3 ? mutate(text, seed).text : text);
    checkedVersions(versions);
  });

  // A mutation (a fuzz seed) after which lezer-python's fragment reuse nested statements against
  // their indentation: found after a version whose check passed, so with subtrees remembered.
  it('finds statements nested against their indentation after a checked version', () => {
    const generated = generateModelFile({ lines: 1000, seed: 2000 }).text;
    const touched = generated + '\n';
    assert.deepEqual(checkedVersions([generated, touched, mutate(touched, 222).text]), [false, true]);
  });
});
