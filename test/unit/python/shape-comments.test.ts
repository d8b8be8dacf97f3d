import { strict as assert } from 'assert';
import {
  ParsedDocument,
  inputShapeComments,
  jaxtypingShape,
  parseShapeText,
  trailingShapeComment,
  type FunctionDef,
  type Stmt,
} from '../../../src/python';

function forwardOf(src: string): FunctionDef {
  const cls = ParsedDocument.parse(src).module.body.find(s => s.k === 'class') as Extract<Stmt, { k: 'class' }>;
  const def = cls.def.body.find(s => s.k === 'def' && s.def.name === 'forward') as Extract<Stmt, { k: 'def' }>;
  return def.def;
}

describe('python: shape comments', () => {
  const forms: [string, (number | string | null)[]][] = [
    ['[N, 3, 32, 32]', ['N', 3, 32, 32]],
    ['(B, 3, ?, ?)', ['B', 3, null, null]],
    ['B x 3 x 32 x 32', ['B', 3, 32, 32]],
    ['B × 3 × 32 × 32', ['B', 3, 32, 32]],
    ['torch.Size([1, 3, 32, 32])', [1, 3, 32, 32]],
    ['Size([1, 10])', [1, 10]],
    ['[batch, 128]', ['batch', 128]],
    ['(3,)', [3]],
    ['[None, 28, 28, 1]', [null, 28, 28, 1]],
  ];
  for (const [text, dims] of forms) it(`reads ${text}`, () => assert.deepEqual(parseShapeText(text), dims));

  it('rejects prose and expressions', () => {
    for (const t of ['apply the first conv', '[N, H*W]', 'x + 1', '[N, 3.5]'])
      assert.equal(parseShapeText(t), undefined, t);
  });

  it('finds the input comment on the def line, naming the argument', () => {
    const src =
      'class Net(nn.Module):\n    def forward(self, x, y):  # x: [N, 3, 32, 32], y: (N, 10)\n        return x\n';
    const found = inputShapeComments(src, forwardOf(src));
    assert.deepEqual(
      found.map(c => [c.name, c.shape]),
      [
        ['x', ['N', 3, 32, 32]],
        ['y', ['N', 10]],
      ],
    );
    assert.equal(src.slice(found[0].range.start, found[0].range.end), '[N, 3, 32, 32]');
  });

  it('finds the input comment on the line above the def, in every accepted form', () => {
    for (const form of ['x: B x 3 x 32 x 32', 'x: torch.Size([1, 3, 32, 32])', 'x: [1, 3, 32, 32]']) {
      const src = `class Net(nn.Module):\n    # ${form}\n    def forward(self, x):\n        return x\n`;
      const [c] = inputShapeComments(src, forwardOf(src));
      assert.equal(c?.name, 'x', form);
      assert.equal(c.shape.length, 4, form);
    }
  });

  it('does not read a comment two lines above or a string containing #', () => {
    const src = 'class Net(nn.Module):\n    # x: [1, 2]\n\n    def forward(self, x, s="# x: [9]"):\n        return x\n';
    assert.deepEqual(inputShapeComments(src, forwardOf(src)), []);
  });

  it('reads a trailing statement comment with its range', () => {
    const src = 'x = self.conv1(x)  # [N, 6, 28, 28]\ny = 1  # just a note\n';
    const c = trailingShapeComment(src, src.indexOf(')') + 1);
    assert.deepEqual(c?.shape, ['N', 6, 28, 28]);
    assert.equal(src.slice(c!.range.start, c!.range.end), '[N, 6, 28, 28]');
    assert.equal(trailingShapeComment(src, src.indexOf('1  #') + 1), undefined);
    const arrow = 'x = f(x)  # -> (N, 10)\n';
    assert.deepEqual(trailingShapeComment(arrow, arrow.indexOf(')') + 1)?.shape, ['N', 10]);
  });

  it('reads jaxtyping annotations', () => {
    const src =
      'class Net(nn.Module):\n    def forward(self, x: Float[Tensor, "batch 3 32 32"], m: Bool[Tensor, "batch _"]):\n        return x\n';
    const [x, m] = forwardOf(src).params.slice(1);
    assert.deepEqual(jaxtypingShape(x.annotation), ['batch', 3, 32, 32]);
    assert.deepEqual(jaxtypingShape(m.annotation), ['batch', null]);
    const variadic = 'class Net(nn.Module):\n    def forward(self, x: Float[Tensor, "*batch 3"]):\n        return x\n';
    assert.equal(jaxtypingShape(forwardOf(variadic).params[1].annotation), undefined);
  });
});
