// Symbolic sizes, unknown arguments and unknown dims through the PyTorch rules: formulas in
// terms of the symbols, errors only when certain, and never an error from what is unknown.
import { strict as assert } from 'assert';
import '../../../src/engine/pytorch';
import {
  type ArgValue,
  type Inference,
  type Shape,
  UNKNOWN,
  add,
  applyLayer,
  bindLayer,
  dimText,
  layerParams,
  scale,
  shapeText,
  sym,
} from '../../../src/engine';

const N = sym('N'),
  H = sym('H'),
  W = sym('W'),
  C = sym('C');

function apply(
  kind: string,
  positional: ArgValue[],
  keywords: Record<string, ArgValue>,
  input: Shape,
  call?: Record<string, ArgValue>,
): Inference {
  const bound = bindLayer('pytorch', kind, positional, keywords);
  assert.ok(bound?.ok, `${kind} should construct: ${JSON.stringify(bound)}`);
  return applyLayer(bound.spec, [input], call);
}
function outputText(r: Inference): string {
  assert.ok(r.ok, JSON.stringify(r));
  return r.output ? shapeText(r.output) : 'unknown';
}

describe('PyTorch rules on symbolic sizes', () => {
  it('Conv2d(3, 16, 3, stride=2, padding=1) on [N, 3, H, W] → [N, 16, ⌊(H−1)/2⌋+1, ⌊(W−1)/2⌋+1]', () => {
    const r = apply('Conv2d', [3, 16, 3], { stride: 2, padding: 1 }, [N, 3, H, W]);
    assert.equal(outputText(r), '[N, 16, ⌊(H−1)/2⌋+1, ⌊(W−1)/2⌋+1]');
    assert.ok(r.ok && r.axes);
    assert.equal(r.axes[0].formula, '⌊(H + 2·1 − 3)/2⌋ + 1 = ⌊(H−1)/2⌋+1');
    assert.equal(r.macs, undefined, 'MACs depend on H and W');
  });

  it('keeps "same" convolutions at H and pools to ⌊H/2⌋', () => {
    assert.equal(outputText(apply('Conv2d', [8, 8, 3], { padding: 'same' }, [N, 8, H, W])), '[N, 8, H, W]');
    assert.equal(outputText(apply('MaxPool2d', [2], {}, [N, C, H, W])), '[N, C, ⌊H/2⌋, ⌊W/2⌋]');
    assert.equal(outputText(apply('MaxPool2d', [2], { ceil_mode: true }, [N, C, H, W])), '[N, C, ⌈H/2⌉, ⌈W/2⌉]');
  });

  it('doubles H with a 2×2, stride-2 transposed convolution', () => {
    assert.equal(outputText(apply('ConvTranspose2d', [16, 8, 2], { stride: 2 }, [N, 16, H, W])), '[N, 8, 2·H, 2·W]');
  });

  it("prints a symbolic batch in PyTorch's channel-mismatch message", () => {
    const r = apply('Conv2d', [64, 128, 3], {}, [N, 32, 56, 56]);
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'channel-mismatch');
    assert.equal(
      r.error.message,
      'Given groups=1, weight of size [128, 64, 3, 3], expected input[N, 32, 56, 56] to have 64 channels, but got 32 channels instead',
    );
    assert.equal(r.error.argument, 'in_channels');
    assert.equal(r.error.suggested, 32);
  });

  it('names in_features and suggests the incoming size for Linear', () => {
    const r = apply('Linear', [9000, 128], {}, [N, 9216]);
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'features-mismatch');
    assert.equal(r.error.message, 'mat1 and mat2 shapes cannot be multiplied (Nx9216 and 9000x128)');
    assert.equal(r.error.argument, 'in_features');
    assert.equal(r.error.suggested, 9216);
  });

  it('counts parameters and MACs per sample', () => {
    const bound = bindLayer('pytorch', 'Conv2d', [3, 16, 3], { padding: 1 });
    assert.ok(bound?.ok);
    const r = applyLayer(bound.spec, [[N, 3, 32, 32]]);
    assert.ok(r.ok);
    assert.equal(r.macs, 16 * 32 * 32 * 3 * 3 * 3);
    assert.equal(layerParams(bound.spec), 16 * 3 * 3 * 3 + 16);
  });
});

describe('PyTorch rules with unknown arguments and dims: no false alarms', () => {
  it('says nothing about channels when in_channels or the input channels are unknown', () => {
    assert.equal(outputText(apply('Conv2d', [UNKNOWN, 16, 3], {}, [N, 3, 8, 8])), '[N, 16, 6, 6]');
    assert.equal(outputText(apply('Conv2d', [3, 16, 3], {}, [N, C, 8, 8])), '[N, 16, 6, 6]');
    assert.equal(outputText(apply('Conv2d', [3, 16, 3], {}, [N, null, 8, 8])), '[N, 16, 6, 6]');
    assert.equal(outputText(apply('Linear', [10, 5], {}, [N, null])), '[N, 5]');
    assert.equal(outputText(apply('BatchNorm2d', [UNKNOWN], {}, [N, 3, H, W])), '[N, 3, H, W]');
  });

  it('gives unknown spatial sizes for unknown kernels, strides and paddings', () => {
    assert.equal(outputText(apply('Conv2d', [3, 16, UNKNOWN], {}, [N, 3, 8, 8])), '[N, 16, ?, ?]');
    assert.equal(outputText(apply('Conv2d', [3, 16, 3], { stride: UNKNOWN }, [N, 3, 8, 8])), '[N, 16, ?, ?]');
    assert.equal(outputText(apply('MaxPool2d', [UNKNOWN], {}, [N, 3, 8, 8])), '[N, 3, ?, ?]');
    assert.equal(outputText(apply('ConvTranspose2d', [3, 4, 3], { padding: UNKNOWN }, [N, 3, 8, 8])), '[N, 4, ?, ?]');
  });

  it('never judges a kernel against a symbolic or unknown input size', () => {
    assert.equal(outputText(apply('Conv2d', [3, 16, 7], {}, [N, 3, H, null])), '[N, 16, H−6, ?]');
    assert.equal(outputText(apply('MaxPool2d', [3], {}, [N, 3, H, W])), '[N, 3, ⌊H/3⌋, ⌊W/3⌋]');
  });

  it('never flags a Lazy module: it takes its in_channels from the input', () => {
    const bound = bindLayer('pytorch', 'LazyConv2d', [16, 3], {});
    assert.ok(bound?.ok);
    const r = applyLayer(bound.spec, [[N, 7, 32, 32]]);
    assert.equal(outputText(r), '[N, 16, 30, 30]');
    assert.equal(layerParams(bound.spec, [N, 7, 32, 32]), 16 * 7 * 9 + 16);
    assert.equal(outputText(apply('LazyLinear', [10], {}, [N, 123])), '[N, 10]');
  });

  it('explains what ceil_mode changed and asymmetric same padding', () => {
    const pool = apply('MaxPool2d', [2, 2], { ceil_mode: true }, [1, 1, 5, 5]);
    assert.ok(pool.ok && pool.notes);
    assert.ok(pool.notes.includes('H: ceil_mode adds a last window: 3 instead of 2'), pool.notes.join('; '));
    const same = apply('Conv2d', [1, 1, 4], { padding: 'same' }, [1, 1, 9, 9]);
    assert.ok(same.ok && same.axes && same.notes);
    assert.equal(same.axes[0].padBefore, 1);
    assert.equal(same.axes[0].padAfter, 2);
    assert.ok(same.notes.some(n => n.includes('1 before and 2 after')));
    assert.equal(dimText(same.axes[0].output), '9');
  });
});

// dimDiffers is the engine's one way to claim two sizes differ: sizes that differ by a constant
// are caught even when symbolic; a symbol against an integer argument stays quiet.
describe('PyTorch rules claim a size mismatch only through dimDiffers', () => {
  function bilinear(a: Shape, b: Shape): Inference {
    const bound = bindLayer('pytorch', 'Bilinear', [5, 6, 7], {});
    assert.ok(bound?.ok);
    return applyLayer(bound.spec, [a, b]);
  }

  it('Bilinear: batch N against N + 1 certainly differs', () => {
    const r = bilinear([N, 5], [add(N, 1), 6]);
    assert.ok(!r.ok, 'N and N + 1 can never be equal');
    assert.equal(r.error.code, 'features-mismatch');
    assert.equal(r.error.message, 'bilinear(): input batch dimensions do not match at dim 0: got N and N+1');
  });

  it('Bilinear: batch N against N, or against an unrelated M, is not an error', () => {
    assert.equal(outputText(bilinear([N, 5], [N, 6])), '[N, 7]');
    assert.ok(bilinear([N, 5], [sym('M'), 6]).ok, 'M may equal N');
  });

  it('Linear(10, 4) on a symbolic last axis (H, 2·H, H + 3) stays quiet', () => {
    for (const last of [H, scale(H, 2), add(H, 3)]) {
      assert.equal(outputText(apply('Linear', [10, 4], {}, [N, last])), '[N, 4]', dimText(last));
    }
  });

  it('BatchNorm2d(16), LayerNorm(10), Conv2d(16, …) on symbolic channels stay quiet', () => {
    assert.ok(apply('BatchNorm2d', [16], {}, [N, C, H, W]).ok);
    assert.ok(apply('LayerNorm', [10], {}, [N, scale(C, 2)]).ok);
    assert.ok(apply('Conv2d', [16, 8, 3], {}, [N, add(C, 1), 32, 32]).ok);
  });

  it("a known mismatch still fails in PyTorch's words, with the incoming size suggested", () => {
    const r = apply('Linear', [10, 4], {}, [N, 12]);
    assert.ok(!r.ok);
    assert.equal(r.error.message, 'mat1 and mat2 shapes cannot be multiplied (Nx12 and 10x4)');
    assert.equal(r.error.suggested, 12);
  });
});
