// The internal-error side channel: a guard that catches a bug counts it, and no unit test may
// leave one behind (a root-level hook below checks after every test of the suite).
import { strict as assert } from 'assert';
import {
  internalErrorCount,
  onInternalError,
  reportUnexpected,
  takeInternalErrors,
  type InternalError,
} from '../../../src/common/internal-errors';
import { analyzeText } from '../../../src/analysis';
import type { Shape } from '../../../src/engine';
import { applyTensorMethod } from '../../../src/engine/pytorch/tensor-ops';
import { Quiet } from '../../../src/engine/keras/common';

// Root-level hooks (outside any describe): they run around every test of the unit suite.
const leftBehind: string[] = [];
afterEach(function () {
  const { count, recent } = takeInternalErrors();
  if (count > 0)
    leftBehind.push(
      `${this.currentTest?.fullTitle() ?? '?'}: ${count} internal error(s), last: ${recent[recent.length - 1]?.where} ${recent[recent.length - 1]?.message}`,
    );
});
after(function () {
  assert.deepEqual(leftBehind, [], 'tests that left internal errors behind');
});

describe('internal errors (side channel)', () => {
  it('counts a bug a rule throws, while the op still answers "unknown"', () => {
    // A shape that throws on any use: a deliberate bug inside a guarded engine rule.
    const poisoned = new Proxy([], {
      get() {
        throw new TypeError('deliberate rule bug');
      },
    }) as unknown as Shape;
    const seen: InternalError[] = [];
    const stop = onInternalError(e => seen.push(e));
    try {
      const result = applyTensorMethod('flatten', poisoned, [], {});
      assert.deepEqual(result, applyTensorMethod('flatten', null, [], {}), 'the same answer as for an unknown shape');
      assert.equal(internalErrorCount(), 1);
      assert.equal(seen.length, 1);
      assert.match(seen[0].where, /tensorMethod flatten/);
      assert.match(seen[0].message, /TypeError: deliberate rule bug/);
      assert.ok(seen[0].stack?.includes('deliberate rule bug'));
    } finally {
      stop();
      takeInternalErrors();
    }
  });

  it('says nothing for errors thrown on purpose (a rule\'s "unknown", the stack limit)', () => {
    reportUnexpected('test', new Quiet());
    reportUnexpected('test', new RangeError('Maximum call stack size exceeded'));
    assert.equal(internalErrorCount(), 0);
  });

  it('keeps the last few and their count, and takeInternalErrors resets both', () => {
    for (let i = 0; i < 50; i++) reportUnexpected('test', new Error(`bug ${i}`));
    const taken = takeInternalErrors();
    assert.equal(taken.count, 50);
    assert.ok(taken.recent.length > 0 && taken.recent.length < 50);
    assert.equal(taken.recent[taken.recent.length - 1].message, 'Error: bug 49');
    assert.equal(internalErrorCount(), 0);
  });

  it('an ordinary analysis reports none', () => {
    analyzeText(
      'import torch.nn as nn\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):  # x: [1, 4]\n        return self.fc(x)\n',
    );
    assert.equal(internalErrorCount(), 0);
  });
});
