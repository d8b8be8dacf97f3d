// Internal errors travel with an analysis' answer (worker or in-process) and reach the ConvShape
// output channel; an analysis without any sends nothing extra.
import { strict as assert } from 'assert';
import { DocumentAnalyzer } from '../../../src/analysis';
import { reportInternalError } from '../../../src/common/internal-errors';
import { AnalysisClient, type AnalysisHost } from '../../../src/worker/analysis-client';
import { answer, createAnalysisService } from '../../../src/worker/analysis-service';

const TEXT =
  'import torch.nn as nn\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):  # x: [1, 4]\n        return self.fc(x)\n';

/** Runs `f` (and waits for it) while every DocumentAnalyzer.update reports one deliberate internal error. */
function withBuggyAnalysis<T>(f: () => T): T;
function withBuggyAnalysis<T>(f: () => Promise<T>): Promise<T>;
function withBuggyAnalysis<T>(f: () => T | Promise<T>): T | Promise<T> {
  const update = DocumentAnalyzer.prototype.update;
  DocumentAnalyzer.prototype.update = function (this: DocumentAnalyzer, ...args: Parameters<typeof update>) {
    reportInternalError('test.guard', new TypeError('deliberate'));
    return update.apply(this, args);
  };
  const restore = () => void (DocumentAnalyzer.prototype.update = update);
  let result: T | Promise<T>;
  try {
    result = f();
  } catch (e) {
    restore();
    throw e;
  }
  if (result instanceof Promise) return result.finally(restore);
  restore();
  return result;
}

describe('internal errors reach the ConvShape log', () => {
  it('the worker answer carries them, and only when there are some', () => {
    const service = createAnalysisService();
    const clean = answer(service, { type: 'analyse', id: 1, key: 'a', texts: [TEXT], notebook: false });
    assert.ok(clean?.reply.type === 'result' && !('internalErrors' in clean.reply));
    const buggy = withBuggyAnalysis(() =>
      answer(service, { type: 'analyse', id: 2, key: 'b', texts: [TEXT], notebook: false }),
    );
    assert.ok(buggy?.reply.type === 'result');
    assert.equal(buggy.reply.type === 'result' && buggy.reply.internalErrors?.count, 1);
    assert.equal(
      buggy.reply.type === 'result' && buggy.reply.internalErrors?.recent[0].message,
      'TypeError: deliberate',
    );
  });

  it('the client logs them (in-process analysis)', async () => {
    const log: string[] = [];
    const host: AnalysisHost = {
      kind: 'none',
      spawn: () => {
        throw new Error('no Worker here');
      },
      inProcess: createAnalysisService,
    };
    const client = new AnalysisClient(host, line => log.push(line));
    try {
      const result = await withBuggyAnalysis(() => client.analyse({ key: 'k', texts: [TEXT], notebook: false }));
      assert.equal(result?.where, 'in-process');
      assert.ok(
        log.some(l => /analysis: 1 internal error\(s\)/.test(l)),
        log.join('\n'),
      );
      assert.ok(
        log.some(l => /internal error in test\.guard: TypeError: deliberate/.test(l)),
        log.join('\n'),
      );
    } finally {
      client.dispose();
    }
  });
});
