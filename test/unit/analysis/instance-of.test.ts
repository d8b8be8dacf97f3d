// isinstance on PyTorch modules (src/analysis/pytorch/instance-of.ts): decided only where torch.nn's
// class tree cannot make the answer wrong.
import { strict as assert } from 'assert';
import '../../../src/engine';
import { pytorchInstanceOf } from '../../../src/analysis/pytorch/instance-of';
import type { Value } from '../../../src/analysis/values';

const layer = (kind: string) => ({ k: 'layer', framework: 'pytorch', kind, site: {} }) as unknown as Value;

describe('isinstance on PyTorch modules', () => {
  it('answers for a module whose class has no public base but nn.Module', () => {
    assert.equal(pytorchInstanceOf(layer('Conv2d'), 'torch.nn.Conv2d'), true);
    assert.equal(pytorchInstanceOf(layer('Conv2d'), 'torch.nn.MaxPool2d'), false);
    assert.equal(pytorchInstanceOf(layer('Linear'), 'torch.nn.Linear'), true);
    assert.equal(pytorchInstanceOf(layer('Linear'), 'torch.nn.RNNBase'), false);
    assert.equal(pytorchInstanceOf(layer('BatchNorm2d'), 'torch.nn.Module'), true);
  });

  it('leaves the class tree and Lazy classes unknown', () => {
    assert.equal(pytorchInstanceOf(layer('LSTM'), 'torch.nn.RNNBase'), undefined);
    assert.equal(pytorchInstanceOf(layer('Upsample'), 'torch.nn.UpsamplingNearest2d'), undefined);
    assert.equal(pytorchInstanceOf(layer('Linear'), 'torch.nn.NonDynamicallyQuantizableLinear'), undefined);
    assert.equal(pytorchInstanceOf(layer('Linear'), 'torch.nn.LazyLinear'), undefined);
    assert.equal(pytorchInstanceOf(layer('Conv2d'), 'torch.nn.modules.conv._ConvNd'), undefined);
  });

  it('a tensor is no module', () => {
    assert.equal(pytorchInstanceOf({ k: 'tensor', shape: [1] } as Value, 'torch.nn.Module'), false);
  });
});
