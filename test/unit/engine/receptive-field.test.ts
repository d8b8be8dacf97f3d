import { strict as assert } from 'assert';
import { receptiveField } from '../../../src/engine/receptive-field';
import { axisArithmetic } from '../../../src/engine/window';

const conv = (kernel: number, stride = 1, dilation = 1, transposed = false) =>
  axisArithmetic({
    input: null,
    kernel,
    stride,
    dilation,
    padBefore: 0,
    padAfter: 0,
    output: null,
    formula: '',
    transposed,
  });

describe('receptive field', () => {
  it('is one cell for an empty chain', () => {
    assert.deepEqual(receptiveField([]), { size: 1, jump: 1 });
  });

  it('grows by k − 1 per unit-stride layer: two 3×3 convs see 5 cells', () => {
    assert.deepEqual(receptiveField([conv(3), conv(3)]), { size: 5, jump: 1 });
  });

  it('multiplies later growth by earlier strides', () => {
    // conv3/s2 → r 3, j 2; conv3 → r 3 + 2·2 = 7; maxpool2/s2 → r 7 + 1·2 = 9, j 4
    assert.deepEqual(receptiveField([conv(3, 2), conv(3), conv(2, 2)]), { size: 9, jump: 4 });
  });

  it('gives the ResNet stem (7×7/2 conv, 3×3/2 max pool) its known 11-pixel field', () => {
    assert.deepEqual(receptiveField([conv(7, 2), conv(3, 2)]), { size: 11, jump: 4 });
  });

  it('uses the effective kernel of a dilated layer', () => {
    // k̂ = 2·(3 − 1) + 1 = 5
    assert.deepEqual(receptiveField([conv(3, 1, 2)]), { size: 5, jump: 1 });
  });

  it('divides the jump by the stride of a transposed convolution', () => {
    // conv3/s2 (r 3, j 2) then a 2×2/s2 transposed conv: j 1, r 3 + 1·1 = 4
    assert.deepEqual(receptiveField([conv(3, 2), conv(2, 2, 1, true)]), { size: 4, jump: 1 });
  });
});
