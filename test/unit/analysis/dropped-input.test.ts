// dropped-input (information) is said only where the last rows or columns are skipped unlike the
// others: when the effective kernel k̂ = d·(k − 1) + 1 is at least the stride. A window smaller
// than its stride (a ResNet 1×1 stride-2 shortcut) skips every other row by design.
import { strict as assert } from 'assert';
import { analyze } from './helpers';

function dropped(init: string, forward: string, input: string): string[] {
  const { a } = analyze(`class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.m = ${init}

    def forward(self, x):  # x: ${input}
        return ${forward}
`);
  return a.diagnostics.filter(d => d.code === 'dropped-input').map(d => d.message);
}

describe('analysis: dropped-input only where k̂ ≥ stride', () => {
  it('1×1 stride-2 convolution on an even size: nothing (k̂ = 1 < 2)', () => {
    assert.deepEqual(
      dropped('nn.Conv2d(16, 32, kernel_size=1, stride=2, bias=False)', 'self.m(x)', '[1, 16, 32, 32]'),
      [],
    );
  });

  it('kernel 2, stride 3: nothing (k̂ = 2 < 3)', () => {
    assert.deepEqual(dropped('nn.Conv1d(4, 4, 2, stride=3)', 'self.m(x)', '[1, 4, 10]'), []);
  });

  it('MaxPool2d(2) on 13: the last row and column (k̂ = s = 2)', () => {
    assert.deepEqual(dropped('nn.MaxPool2d(2)', 'self.m(x)', '[1, 4, 13, 13]'), [
      'MaxPool2d with stride 2×2 never reads the last 1 row and 1 column of its input',
    ]);
  });

  it('Conv2d(3, stride=2) without padding on an even size: the last row and column', () => {
    assert.deepEqual(dropped('nn.Conv2d(3, 8, 3, stride=2)', 'self.m(x)', '[1, 3, 32, 32]'), [
      'Conv2d with stride 2×2 never reads the last 1 row and 1 column of its input',
    ]);
  });

  it('dilation counts: kernel 2, dilation 2, stride 3 on 10 (k̂ = 3 ≥ 3) drops the last element', () => {
    assert.deepEqual(dropped('nn.Conv1d(4, 4, 2, stride=3, dilation=2)', 'self.m(x)', '[1, 4, 10]'), [
      'Conv1d with stride 3 never reads the last 1 element of its input',
    ]);
  });

  it('per axis: kernel (1, 3) with stride 2 says only the column', () => {
    assert.deepEqual(dropped('nn.Conv2d(3, 8, (1, 3), stride=2)', 'self.m(x)', '[1, 3, 32, 32]'), [
      'Conv2d with stride 2×2 never reads the last 1 column of its input',
    ]);
  });
});
