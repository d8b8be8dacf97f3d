import { strict as assert } from 'assert';
import { ParsedDocument, changedRange, readModule, walkStatements, type Stmt } from '../../../src/python';

const statements = (src: string) => [...walkStatements(ParsedDocument.parse(src).module.body)];

describe('python: reading statements', () => {
  it('reads classes with bases, methods with parameters and defaults', () => {
    const [cls] = ParsedDocument.parse(
      'class Net(nn.Module):\n    def __init__(self, a, b=2, *args, c: int = 3, **kw):\n        pass\n',
    ).module.body as Extract<Stmt, { k: 'class' }>[];
    assert.equal(cls.k, 'class');
    assert.equal(cls.def.name, 'Net');
    assert.equal(cls.def.bases.length, 1);
    const init = cls.def.body[0] as Extract<Stmt, { k: 'def' }>;
    assert.deepEqual(
      init.def.params.map(p => [p.name, p.kind, !!p.default]),
      [
        ['self', 'normal', false],
        ['a', 'normal', false],
        ['b', 'normal', true],
        ['args', 'star', false],
        ['c', 'normal', true],
        ['kw', 'dstar', false],
      ],
    );
  });

  it('reads assignments, tuple targets, augmented assignments, if/elif/else, for, comprehensions', () => {
    const kinds = statements(
      'a, b = 1, 2\nx += 1\nif a:\n    pass\nelif b:\n    pass\nelse:\n    c = [i for i in range(3) if i]\nfor i, v in enumerate(xs):\n    continue\n',
    ).map(s => s.k);
    assert.deepEqual(kinds, ['assign', 'aug', 'if', 'pass', 'pass', 'assign', 'for', 'continue']);
    const [ifs] = statements('if a:\n    pass\nelif b:\n    pass\nelse:\n    pass\n') as Extract<Stmt, { k: 'if' }>[];
    assert.deepEqual(
      ifs.branches.map(b => !!b.test),
      [true, true, false],
    );
  });

  it('marks only the statements the parser repaired', () => {
    const src =
      'class Net(nn.Module):\n    def __init__(self):\n        self.a = nn.Conv2d(3, 6, 5\n        self.b = nn.Linear(10, 2)\n    def forward(self, x)\n        x = self.a(x)\n        s = "abc\n        return self.b(x)\n';
    const simple = statements(src).filter(s => s.k === 'assign' || s.k === 'return');
    assert.deepEqual(
      simple.map(s => [src.slice(s.r.start, s.r.end).split('\n')[0].trim(), s.error]),
      [
        ['self.a = nn.Conv2d(3, 6, 5', true],
        ['self.b = nn.Linear(10, 2)', false],
        ['x = self.a(x)', false],
        ['s = "abc', false],
        ['return self.b(x)', false],
      ],
    );
  });

  it('reads an error-free tree without looking for repairs, to the same statements', () => {
    // The fast path (parse.ts passes `clean` when the tree holds no error node) against the read
    // that looks for repairs statement by statement; with an error, both mark the same ones.
    for (const src of [
      'import torch.nn as nn\nclass A(nn.Module):\n    def __init__(self, c: int = 3):\n        self.c = nn.Conv2d(c, 6, 5)\n    def forward(self, x):\n        y: int = 2\n        a = b = self.c(x)\n        return a\n',
      'x = 1\nif x:\n    y = [i for i in range(3)]\nelse:\n    y = {1: 2}\n',
      'class Net(nn.Module):\n    def __init__(self):\n        self.a = nn.Conv2d(3, 6, 5\n        self.b = nn.Linear(10, 2)\n',
    ]) {
      const doc = ParsedDocument.parse(src);
      assert.deepEqual(doc.module, readModule(doc.tree, src), src);
    }
  });

  it('re-parses incrementally to the same tree as a fresh parse', () => {
    const v1 =
      'import torch.nn as nn\nclass A(nn.Module):\n    def __init__(self):\n        self.c = nn.Conv2d(3, 6, 5)\n';
    const v2 = v1.replace('(3, 6, 5)', '(3, 16, 5, stride=2)');
    const incremental = ParsedDocument.parse(v1).update(v2);
    assert.equal(incremental.text, v2);
    assert.equal(incremental.tree.toString(), ParsedDocument.parse(v2).tree.toString());
    assert.deepEqual(changedRange('abcdef', 'abXYZef'), { fromA: 2, toA: 4, fromB: 2, toB: 5 });
    assert.equal(changedRange('same', 'same'), undefined);
  });

  it('never throws on garbage', () => {
    for (const src of ['', ')))', 'class', 'def f(:\n  x = [1, 2\n', '\u0000\uffff', 'x = """unterminated'])
      assert.ok(Array.isArray(ParsedDocument.parse(src).module.body));
  });
});
