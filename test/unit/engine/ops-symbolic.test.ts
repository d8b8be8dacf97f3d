// Tensor operations on symbolic sizes (N, H, W): decided only when certain, quiet otherwise.
import { strict as assert } from 'assert';
import '../../../src/engine';
import { type Dim, type Shape, dimText, mul, shapeText, sym, add } from '../../../src/engine/dim';
import { applyFunctional } from '../../../src/engine/pytorch/functional';
import { applyTensorMethod, applyTorchFunction } from '../../../src/engine/pytorch/tensor-ops';
import { type OpResult, UNKNOWN, tensorArg } from '../../../src/engine/types';

const N = sym('N'),
  H = sym('H'),
  W = sym('W'),
  M = sym('M');
const T = (...shape: Dim[]) => tensorArg(shape);

function shapeOfResult(r: OpResult | undefined): string {
  assert.ok(r, 'a known op');
  if (!r.ok) assert.fail(`unexpected error: ${r.error.message}`);
  assert.equal(r.value.kind, 'tensor');
  const shape = (r.value as { shape: Shape | null }).shape;
  return shape === null ? 'unknown' : shapeText(shape);
}
function errorOf(r: OpResult | undefined): { code: string; message: string } {
  assert.ok(r && !r.ok, 'an error');
  return (r as Extract<OpResult, { ok: false }>).error;
}

describe('tensor ops on symbolic sizes', () => {
  describe('view / reshape / flatten', () => {
    it('view(-1, 16*5*5) on [N, 16, 5, 5] is [N, 400]', () => {
      assert.equal(shapeOfResult(applyTensorMethod('view', [N, 16, 5, 5], [-1, 400], {})), '[N, 400]');
    });
    it('view(N, -1) on [N, 16, H, W] is [N, 16·H·W]', () => {
      assert.equal(shapeOfResult(applyTensorMethod('view', [N, 16, H, W], [N, -1], {})), '[N, 16·H·W]');
    });
    it('x.view(x.size(0), -1) works through the size query', () => {
      const size0 = applyTensorMethod('size', [N, 16, H, W], [0], {});
      assert.ok(size0?.ok && size0.value.kind === 'dim');
      const n = (size0.value as { dim: Dim }).dim;
      assert.equal(shapeOfResult(applyTensorMethod('reshape', [N, 16, H, W], [n as never, -1], {})), '[N, 16·H·W]');
    });
    it('leaves an inferred size unknown when the division is not certain, and raises nothing', () => {
      assert.equal(shapeOfResult(applyTensorMethod('view', [N, 16], [-1, 7], {})), '[?, 7]');
      // N·300 vs N·400 cannot both be right unless N = 0: not certain, so no error.
      assert.equal(shapeOfResult(applyTensorMethod('view', [N, 16, 5, 5], [N, 300], {})), '[N, 300]');
    });
    it("raises reshape-mismatch in PyTorch's words for concrete sizes", () => {
      const e = errorOf(applyTensorMethod('view', [100], [-1, 784], {}));
      assert.equal(e.code, 'reshape-mismatch');
      assert.equal(e.message, "shape '[-1, 784]' is invalid for input of size 100");
    });
    it('a tensor of unknown shape still gives the requested rank', () => {
      assert.equal(shapeOfResult(applyTensorMethod('view', null, [N, -1], {})), '[N, ?]');
    });
    it('flatten(1) and torch.flatten(x) multiply symbolic axes', () => {
      assert.equal(shapeOfResult(applyTensorMethod('flatten', [N, 16, H, W], [1], {})), '[N, 16·H·W]');
      assert.equal(shapeOfResult(applyTorchFunction('flatten', [T(N, 3)], {})), '[3·N]');
    });
  });

  describe('broadcasting arithmetic', () => {
    it('a residual add keeps symbolic axes; 1 broadcasts to a symbol', () => {
      assert.equal(shapeOfResult(applyTensorMethod('+', [N, 16, H, W], [T(16, 1, 1)], {})), '[N, 16, H, W]');
      assert.equal(shapeOfResult(applyTensorMethod('add', [1, 16, 1, W], [T(N, 1, H, 1)], {})), '[N, 16, H, W]');
    });
    it('two different symbols give an unknown axis and no error', () => {
      assert.equal(shapeOfResult(applyTensorMethod('+', [N, H], [T(N, W)], {})), '[N, ?]');
    });
    it('a symbol against a concrete size gives the concrete size', () => {
      assert.equal(shapeOfResult(applyTensorMethod('*', [N, H], [T(N, 3)], {})), '[N, 3]');
    });
    it('sizes that certainly differ raise broadcast-mismatch naming the axis', () => {
      const e = errorOf(applyTensorMethod('+', [N, 16, 8, 8], [T(N, 3, 8, 8)], {}));
      assert.equal(e.code, 'broadcast-mismatch');
      assert.equal(
        e.message,
        'The size of tensor a (16) must match the size of tensor b (3) at non-singleton dimension 1',
      );
    });
    it('a number or a size broadcasts to anything', () => {
      assert.equal(shapeOfResult(applyTensorMethod('*', [N, 3], [0.5], {})), '[N, 3]');
      assert.equal(shapeOfResult(applyTensorMethod('/', [N, 3], [N], {})), '[N, 3]');
    });
    it('an operand the analysis could not evaluate makes the result unknown', () => {
      assert.equal(shapeOfResult(applyTensorMethod('+', [N, 3], [UNKNOWN], {})), 'unknown');
    });
  });

  describe('cat / stack / split', () => {
    it('cat along a symbolic axis adds the sizes', () => {
      assert.equal(shapeOfResult(applyTorchFunction('cat', [[T(N, 3), T(M, 3)]], {})), '[M+N, 3]');
      assert.equal(
        shapeOfResult(applyTorchFunction('cat', [[T(N, 16, H, W), T(N, 32, H, W)]], { dim: 1 })),
        '[N, 48, H, W]',
      );
    });
    it('cat raises cat-mismatch only when the off-axis sizes certainly differ', () => {
      assert.equal(shapeOfResult(applyTorchFunction('cat', [[T(N, 16, H), T(N, 8, W)], 1], {})), '[N, 24, H]');
      const e = errorOf(applyTorchFunction('cat', [[T(N, 16, 28), T(N, 8, 27)], 1], {}));
      assert.equal(e.code, 'cat-mismatch');
      assert.equal(
        e.message,
        'Sizes of tensors must match except in dimension 1. Expected size 28 but got size 27 for tensor number 1 in the list.',
      );
    });
    it('stack adds an axis of the tensor count', () => {
      assert.equal(shapeOfResult(applyTorchFunction('stack', [[T(N, H), T(N, H), T(N, H)]], { dim: 1 })), '[N, 3, H]');
    });
    it('chunk of a symbolic axis is unknown (the count depends on the size); split with sizes is known', () => {
      assert.equal(shapeOfResult(applyTensorMethod('chunk', [N, H], [2, 1], {})), 'unknown');
      const r = applyTensorMethod('split', [N, add(H, 2)], [[H, 2], 1], {});
      assert.ok(r?.ok && r.value.kind === 'tensors');
      assert.deepEqual(
        r.value.items.map(t => shapeText(t.shape ?? [])),
        ['[N, H]', '[N, 2]'],
      );
    });
  });

  describe('matmul and friends', () => {
    it('batched matmul keeps symbolic batch axes', () => {
      assert.equal(shapeOfResult(applyTensorMethod('@', [N, M, 64], [T(64, 32)], {})), '[N, M, 32]');
      assert.equal(shapeOfResult(applyTorchFunction('matmul', [T(N, 1, H, 8), T(4, 8, W)], {})), '[N, 4, H, W]');
    });
    it("mat1/mat2 mismatch in PyTorch's words, with rows folded", () => {
      const e = errorOf(applyTorchFunction('mm', [T(32, 512), T(256, 10)], {}));
      assert.equal(e.code, 'features-mismatch');
      assert.equal(e.message, 'mat1 and mat2 shapes cannot be multiplied (32x512 and 256x10)');
    });
  });

  describe('axes, reductions, queries, factories', () => {
    it('squeeze keeps symbolic axes; an unknown axis makes it unknown', () => {
      assert.equal(shapeOfResult(applyTensorMethod('squeeze', [N, 1, H], [], {})), '[N, H]');
      assert.equal(shapeOfResult(applyTensorMethod('squeeze', [null, 1, H], [], {})), 'unknown');
    });
    it('mean over spatial axes with keepdim', () => {
      assert.equal(
        shapeOfResult(applyTensorMethod('mean', [N, 64, H, W], [[2, 3]], { keepdim: true })),
        '[N, 64, 1, 1]',
      );
      assert.equal(shapeOfResult(applyTensorMethod('sum', [N, 64, H, W], [], {})), '[]');
    });
    it('max along a dim gives (values, indices)', () => {
      const r = applyTensorMethod('max', [N, 10], [1], {});
      assert.ok(r?.ok && r.value.kind === 'tensors');
      assert.deepEqual(
        r.value.items.map(t => shapeText(t.shape ?? [])),
        ['[N]', '[N]'],
      );
    });
    it('size(), size(d), shape, dim(), numel()', () => {
      const dims = applyTensorMethod('shape', [N, 3, H], [], {});
      assert.ok(dims?.ok && dims.value.kind === 'dims');
      assert.equal(shapeText(dims.value.dims), '[N, 3, H]');
      const d = applyTensorMethod('size', [N, 3, H], [-1], {});
      assert.ok(d?.ok && d.value.kind === 'dim' && dimText(d.value.dim) === 'H');
      const rank = applyTensorMethod('dim', [N, 3, H], [], {});
      assert.ok(rank?.ok && rank.value.kind === 'dim' && rank.value.dim === 3);
      const n = applyTensorMethod('numel', [N, 3, H], [], {});
      assert.ok(n?.ok && n.value.kind === 'dim' && dimText(n.value.dim) === dimText(mul(mul(N, 3), H)));
      const bad = errorOf(applyTensorMethod('size', [N, 3], [2], {}));
      assert.equal(bad.message, 'Dimension out of range (expected to be in range of [-2, 1], but got 2)');
    });
    it('factories take sizes as varargs, a tuple, or symbols', () => {
      assert.equal(shapeOfResult(applyTorchFunction('randn', [1, 3, 32, 32], {})), '[1, 3, 32, 32]');
      assert.equal(shapeOfResult(applyTorchFunction('zeros', [[2, 3]], {})), '[2, 3]');
      assert.equal(shapeOfResult(applyTorchFunction('ones', [N, 3], {})), '[N, 3]');
      assert.equal(shapeOfResult(applyTorchFunction('zeros_like', [T(N, H)], {})), '[N, H]');
    });
    it('expand -1 keeps symbolic axes', () => {
      assert.equal(shapeOfResult(applyTensorMethod('expand', [N, 1, H], [-1, 4, -1], {})), '[N, 4, H]');
    });
  });

  describe('functional forms', () => {
    it('F.max_pool2d reuses the MaxPool2d rule and reports its spec and arithmetic', () => {
      const r = applyFunctional('max_pool2d', [T(N, 16, 10, 10), 2], {});
      assert.ok(r?.ok && r.value.kind === 'tensor');
      assert.equal(shapeText(r.value.shape ?? []), '[N, 16, 5, 5]');
      assert.equal(r.spec?.kind, 'MaxPool2d');
      assert.ok(r.inference?.ok && r.inference.axes?.length === 2);
    });
    it('F.conv2d maps the weight to a Conv2d and keeps symbolic sizes', () => {
      const r = applyFunctional('conv2d', [T(N, 3, H, W), T(16, 3, 3, 3)], { padding: 1 });
      assert.equal(shapeOfResult(r), '[N, 16, H, W]');
      assert.equal(r?.ok && r.spec?.args.in_channels, 3);
    });
    it('F.linear with a mismatched weight gives the mat1/mat2 error', () => {
      const e = errorOf(applyFunctional('linear', [T(4, 9216), T(128, 9000)], {}));
      assert.equal(e.message, 'mat1 and mat2 shapes cannot be multiplied (4x9216 and 9000x128)');
    });
    it('F.one_hot without num_classes has an unknown last axis', () => {
      assert.equal(shapeOfResult(applyFunctional('one_hot', [T(N)], {})), '[N, ?]');
    });
    it('unknown names are undefined (the caller stays quiet)', () => {
      assert.equal(applyFunctional('no_such_function', [T(2)], {}), undefined);
      assert.equal(applyTensorMethod('no_such_method', [2], [], {}), undefined);
      assert.equal(applyTorchFunction('no_such_function', [T(2)], {}), undefined);
    });
  });
});
