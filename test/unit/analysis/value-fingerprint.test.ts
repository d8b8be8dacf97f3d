import { strict as assert } from 'assert';
import { type ClassDef, type FunctionDef, ParsedDocument, type Stmt } from '../../../src/python';
import { Scope } from '../../../src/analysis/scope';
import { fingerprintValue, type StatementLocator } from '../../../src/analysis/value-fingerprint';
import type { ClassValue, Value } from '../../../src/analysis/values';

const SOURCE = `def helper(self, x):
    return x


class Net(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, x):
        return x
`;

const body = ParsedDocument.parse(SOURCE).module.body;
const defOf = (k: number) => (body[k] as Extract<Stmt, { k: 'def' }>).def;
const classDef = (body[1] as Extract<Stmt, { k: 'class' }>).def;
const [init, forward] = classDef.body.map(s => (s as Extract<Stmt, { k: 'def' }>).def);

const moduleScope = new Scope();
const method = (def: FunctionDef, closure = moduleScope): Value => ({ k: 'func', def, closure });
const nnModule: Value = { k: 'extern', q: 'torch.nn.Module' };

function classValue(def: ClassDef, bases: Value[], attrs: [string, Value][]): ClassValue {
  return { k: 'class', def, bases, attrs: new Map(attrs), isModule: true, framework: 'pytorch' };
}

/** A locator over the two top-level statements: the function's, named `helperId`, and the
 *  class', named `classId` (offsets within it). */
const locator =
  (classId: string, helperId = 'h'): StatementLocator =>
  offset =>
    offset < body[1].r.start ? `${helperId}+${offset}` : `${classId}+${offset - body[1].r.start}`;

/** The fingerprint of the same class on a copy of its definition (a class met for the first time). */
function afresh(cls: ClassValue, locate: StatementLocator): string | undefined {
  const copy = structuredClone(cls.def);
  const own = new Map(cls.def.body.map((s, i) => [(s as { def?: FunctionDef }).def, copy.body[i]]));
  const attrs = [...cls.attrs].map(([name, v]): [string, Value] => {
    const moved = v.k === 'func' ? (own.get(v.def) as Extract<Stmt, { k: 'def' }> | undefined)?.def : undefined;
    return [name, v.k === 'func' && moved ? { ...v, def: moved } : v];
  });
  return fingerprintValue(classValue(copy, [...cls.bases], attrs), locate);
}

describe('analysis: value fingerprints of classes', () => {
  it('gives a class met again, with its definition kept, the fingerprint it gives a class met afresh', () => {
    const plain = () =>
      classValue(
        classDef,
        [nnModule],
        [
          ['__init__', method(init)],
          ['forward', method(forward)],
        ],
      );
    const first = fingerprintValue(plain(), locator('7'));
    assert.ok(first?.startsWith('class:7+'), first);
    const withHelper = () =>
      classValue(
        classDef,
        [nnModule],
        [
          ['__init__', method(init)],
          ['forward', method(defOf(0))],
        ],
      );
    // Each change after the class as it was met last (or as given third: the same class before).
    const variants: [string, ClassValue, StatementLocator, [ClassValue, StatementLocator]?][] = [
      ['the same class', plain(), locator('7')],
      ['its statement another text', plain(), locator('8')],
      [
        'another base',
        classValue(classDef, [{ k: 'extern', q: 'torch.nn.Sequential' }], [...plain().attrs]),
        locator('7'),
      ],
      ['a second base', classValue(classDef, [nnModule, nnModule], [...plain().attrs]), locator('7')],
      ['a method less', classValue(classDef, [nnModule], [['forward', method(forward)]]), locator('7')],
      ['methods in another order', classValue(classDef, [nnModule], [...plain().attrs].reverse()), locator('7')],
      [
        'a method renamed',
        classValue(
          classDef,
          [nnModule],
          [
            ['__init__', method(init)],
            ['call', method(forward)],
          ],
        ),
        locator('7'),
      ],
      ['a function of the module as a method', withHelper(), locator('7')],
      ["that function's statement another text", withHelper(), locator('7', 'h2'), [withHelper(), locator('7')]],
      [
        'a method closing over a function',
        classValue(
          classDef,
          [nnModule],
          [
            ['__init__', method(init)],
            ['forward', method(forward, new Scope(moduleScope))],
          ],
        ),
        locator('7'),
      ],
      [
        'a class attribute',
        classValue(classDef, [nnModule], [...plain().attrs, ['WIDTH', { k: 'int', v: 8 }]]),
        locator('7'),
      ],
    ];
    const seen = new Set<string | undefined>();
    for (const [what, cls, locate, before] of variants) {
      fingerprintValue(...(before ?? [plain(), locator('7')]));
      const again = fingerprintValue(cls, locate);
      assert.equal(again, afresh(cls, locate), what);
      seen.add(again);
    }
    assert.equal(fingerprintValue(plain(), locator('7')), first, 'then the class as it was');
    assert.equal(seen.size, variants.length, 'each change gives another fingerprint (a closure: none)');
    assert.ok(seen.has(first) && seen.has(undefined));
  });
});
