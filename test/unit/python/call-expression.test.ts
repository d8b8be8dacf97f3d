import { strict as assert } from 'assert';
import { parseCallExpression, type CallExpression } from '../../../src/python/call-expression';

function call(text: string): CallExpression {
  const r = parseCallExpression(text);
  if (!r.ok) assert.fail(`expected ${text} to parse, got: ${r.problem}`);
  return r.call;
}
function problem(text: string): string {
  const r = parseCallExpression(text);
  assert.equal(r.ok, false, `expected a problem for ${text}`);
  return r.ok ? '' : r.problem;
}

describe('python/call-expression', () => {
  it('reads a dotted callee with positional and keyword literals', () => {
    const c = call('nn.Conv2d(3, 16, 3, stride=2, padding=1)');
    assert.equal(c.callee, 'nn.Conv2d');
    assert.deepEqual(c.positional, [3, 16, 3]);
    assert.deepEqual(c.keywords, [
      { name: 'stride', value: 2 },
      { name: 'padding', value: 1 },
    ]);
  });

  it('reads long dotted names and single names', () => {
    assert.equal(call('tf.keras.layers.Conv2D(32, 3)').callee, 'tf.keras.layers.Conv2D');
    assert.equal(call('Conv2d(1, 2, 3)').callee, 'Conv2d');
  });

  it('reads strings, booleans, None, floats, negatives, tuples and lists', () => {
    const c = call(`layers.X('same', "valid", True, False, None, 0.5, 1e-3, -4, (2, 1), [1, 2], (3,), ())`);
    assert.deepEqual(c.positional, ['same', 'valid', true, false, null, 0.5, 0.001, -4, [2, 1], [1, 2], [3], []]);
  });

  it('evaluates simple arithmetic like Python', () => {
    const c = call('f(2**3, 7//2, -7//2, 7/2, -7 % 3, 2*(3+1), -(1+2), 1_000, 0x10)');
    assert.deepEqual(c.positional, [8, 3, -4, 3.5, 2, 8, -3, 1000, 16]);
  });

  it('decodes string escapes and raw strings', () => {
    assert.deepEqual(call(String.raw`f('a\'b', r'a\n', 'x' 'y')`).positional, ["a'b", 'a\\n', 'xy']);
  });

  it('reports syntax errors with an offset instead of throwing', () => {
    const r = parseCallExpression('nn.Conv2d(3,');
    assert.equal(r.ok, false);
    if (!r.ok) assert.ok(r.offset >= 10, `offset ${r.offset}`);
    assert.match(problem('f(a=)'), /syntax error/);
  });

  it('rejects what is not one literal call', () => {
    assert.match(problem('nn'), /call/);
    assert.match(problem('f(1)\ng(2)'), /exactly one/);
    assert.match(problem('f(1) + 1'), /call/);
    assert.match(problem('f(x)'), /not a literal: x/);
    assert.match(problem('f(*a)'), /\*args/);
    assert.match(problem('f(a=1, 2)'), /positional argument follows keyword/);
    assert.match(problem('f(a=1, a=2)'), /repeated/);
    assert.match(problem('f(1/0)'), /division by zero/);
    assert.match(problem('f(1j)'), /complex/);
    assert.match(problem('f(g(1))'), /not a literal/);
  });

  it('never throws on arbitrary text', () => {
    for (const t of ['', ')', '(((', 'f(,)', 'f(1,,2)', 'lambda: 1', 'f(**{})', '"unterminated', 'f(a.b)']) {
      const r = parseCallExpression(t);
      assert.equal(typeof r.ok, 'boolean');
    }
  });
});
