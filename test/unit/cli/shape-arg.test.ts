import { strict as assert } from 'assert';
import { parseShapeArg } from '../../../src/cli/shape-arg';
import { dimJson } from '../../../src/engine/dim';

function shape(text: string): (number | string | null)[] {
  const r = parseShapeArg(text);
  if (!r.ok) assert.fail(r.problem);
  return r.shape.map(dimJson);
}

describe('cli/shape-arg', () => {
  it('reads the three documented forms', () => {
    assert.deepEqual(shape('1,3,32,32'), [1, 3, 32, 32]);
    assert.deepEqual(shape('[N, 3, 32, 32]'), ['N', 3, 32, 32]);
    assert.deepEqual(shape('(None,28,28,1)'), [null, 28, 28, 1]);
  });
  it('accepts ?, a trailing comma and spaces', () => {
    assert.deepEqual(shape(' ( ?, 10, ) '), [null, 10]);
  });
  it('rejects malformed shapes', () => {
    for (const bad of ['1,,2', '[1,2', '1,2)', '1.5,2', '-1,3', '1;2', 'a b'])
      assert.equal(parseShapeArg(bad).ok, false, bad);
  });
});
