// The registered front ends divide the frameworks' names between them: each name has one owner,
// whatever the order of registration.
import { strict as assert } from 'assert';
import { FRONTENDS } from '../../../src/analysis/frontends';
import { Context } from '../../../src/analysis/context';

const owners = (q: string) => FRONTENDS.filter(f => f.owns(q)).map(f => f.id);

describe('analysis: front ends', () => {
  it('have distinct ids', () => {
    const ids = FRONTENDS.map(f => f.id);
    assert.deepEqual([...new Set(ids)], ids);
  });

  it('hold every hook they name (an import cycle would leave one undefined)', () => {
    const missing = FRONTENDS.flatMap(f =>
      [...Object.entries(f), ...Object.entries(f.arithmetic)]
        .filter(([, v]) => v === undefined)
        .map(([k]) => `${f.id}.${k}`),
    );
    assert.deepEqual(missing, []);
  });

  it('each base class belongs to exactly one front end, the one that owns its name', () => {
    for (const f of FRONTENDS) {
      for (const base of Object.keys(f.moduleBases)) assert.deepEqual(owners(base), [f.id], base);
    }
  });

  it('imported names have one owner at most', () => {
    const names = [
      'torch.nn.Conv2d',
      'torch.nn.functional.relu',
      'torch.randn',
      'torchinfo.summary',
      'torchsummary.summary',
      'keras.layers.Dense',
      'keras.Input',
      'math.floor',
      'collections.OrderedDict',
    ];
    assert.deepEqual(
      names.map(q => [q, owners(q)]),
      [
        ['torch.nn.Conv2d', ['pytorch']],
        ['torch.nn.functional.relu', ['pytorch']],
        ['torch.randn', ['pytorch']],
        ['torchinfo.summary', ['pytorch']],
        ['torchsummary.summary', ['pytorch']],
        ['keras.layers.Dense', ['keras']],
        ['keras.Input', ['keras']],
        ['math.floor', []],
        ['collections.OrderedDict', []],
      ],
    );
  });

  it("the first is the plain tensors' front end: its arithmetic claims no operands of its own", () => {
    const ctx = new Context('', undefined, FRONTENDS);
    const plain = { k: 'tensor' as const, shape: [1, 2] };
    assert.equal(FRONTENDS[0].arithmetic.claims(ctx, plain, plain), false);
    assert.ok(FRONTENDS[0].arithmetic.matmul, 'plain tensors have a matmul rule');
  });

  it("a front end's state changes its stamp when it names a layer", () => {
    const ctx = new Context('', undefined, FRONTENDS);
    const before = ctx.frontendStamp();
    const keras = ctx.frontendState<{ uniqueName(prefix: string): string } & { stamp(): string }>('keras');
    assert.equal(keras.uniqueName('dense'), 'dense');
    assert.equal(keras.uniqueName('dense'), 'dense_1');
    assert.notEqual(ctx.frontendStamp(), before);
  });
});
