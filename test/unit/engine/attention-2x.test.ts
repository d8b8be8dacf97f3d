// Rules of PyTorch 2.x operations that PyTorch 1.13 lacks, so no golden can be made here: the
// shapes their documentation states (F.scaled_dot_product_attention, 2.0; nn.RMSNorm, 2.4).
import { strict as assert } from 'assert';
import '../../../src/engine';
import { applyLayer, bindLayer, layerParams } from '../../../src/engine/layer';
import { applyFunctional } from '../../../src/engine/pytorch/functional';
import { type OpResult, tensorArg } from '../../../src/engine/types';

const shape = (r: OpResult | undefined) => (r?.ok && r.value.kind === 'tensor' ? r.value.shape : 'no tensor');

describe('PyTorch 2.x rules from the documentation', () => {
  it('scaled_dot_product_attention: (N, H, L, E), (N, H, S, E), (N, H, S, Ev) → (N, H, L, Ev)', () => {
    const r = applyFunctional(
      'scaled_dot_product_attention',
      [tensorArg([2, 8, 5, 16]), tensorArg([2, 8, 7, 16]), tensorArg([2, 8, 7, 32])],
      {},
    );
    assert.deepEqual(shape(r), [2, 8, 5, 32]);
    const causal = applyFunctional(
      'scaled_dot_product_attention',
      [tensorArg([3, 4, 8]), tensorArg([3, 4, 8]), tensorArg([3, 4, 8])],
      { is_causal: true },
    );
    assert.deepEqual(shape(causal), [3, 4, 8]);
  });

  it('scaled_dot_product_attention leaves a mismatch unknown (its messages cannot be checked here)', () => {
    const r = applyFunctional(
      'scaled_dot_product_attention',
      [tensorArg([2, 8, 5, 16]), tensorArg([2, 8, 7, 12]), tensorArg([2, 8, 7, 32])],
      {},
    );
    assert.equal(shape(r), null);
    const gqa = applyFunctional(
      'scaled_dot_product_attention',
      [tensorArg([2, 8, 5, 16]), tensorArg([2, 2, 7, 16]), tensorArg([2, 2, 7, 16])],
      { enable_gqa: true },
    );
    assert.deepEqual(shape(gqa), [2, 8, 5, 16]);
  });

  it('RMSNorm keeps the shape, checks normalized_shape as LayerNorm does, and has a weight only', () => {
    const bound = bindLayer('pytorch', 'RMSNorm', [64], {});
    assert.ok(bound?.ok);
    const ok = applyLayer(bound.spec, [[2, 10, 64]]);
    assert.deepEqual(ok.ok && ok.output, [2, 10, 64]);
    const bad = applyLayer(bound.spec, [[2, 10, 32]]);
    assert.equal(
      !bad.ok && bad.error.message,
      'Given normalized_shape=[64], expected input with shape [*, 64], but got input of size[2, 10, 32]',
    );
    assert.equal(layerParams(bound.spec), 64);
    const plain = bindLayer('pytorch', 'RMSNorm', [[4, 8]], { elementwise_affine: false });
    assert.equal(plain?.ok && layerParams(plain.spec), 0);
  });
});
