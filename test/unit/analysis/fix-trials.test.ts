import { strict as assert } from 'assert';
import { DocumentAnalyzer, analyzeText } from '../../../src/analysis';

// A Keras Reshape whose target does not hold its input: both fixes are offered only when the text
// with each applied, analysed again, runs (tried-fixes.ts). An edited document tries them through
// analysers of its own, incrementally; the verdicts must be those of fresh trials.
const KERAS = `import keras
from keras import layers
import torch.nn as nn


class Head(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(128, 10)

    def forward(self, x):  # x: [N, 128]
        return self.fc(x)


codes = keras.Input(shape=(24,))
x = layers.Dense(96, activation="relu")(codes)  # projection
x = layers.Reshape((4, 4, 8))(x)
x = layers.Conv2D(16, 3, padding="same", activation="relu")(x)
outputs = layers.Conv2D(3, 3, padding="same")(x)
model = keras.Model(codes, outputs)
`;

/** The document after `k` keystrokes in its comment, the way an author types. */
const typed = (k: number) => KERAS.replace('# projection', `# projection${' of the codes'.slice(0, k)}`);

const fixTitles = (diagnostics: readonly { fixes: readonly { title: string }[] }[]) =>
  diagnostics.flatMap(d => d.fixes.map(f => f.title));

describe('analysis: an edited document tries its fixes incrementally', () => {
  it('offers exactly what a fresh analysis offers, version after version', () => {
    const analyzer = new DocumentAnalyzer();
    for (let k = 0; k <= 8; k++) {
      const text = typed(k);
      const fresh = analyzeText(text).diagnostics;
      assert.deepEqual(analyzer.update(text).diagnostics, fresh, `after ${k} keystrokes`);
    }
    // Both fixes, each tried on the text with it applied.
    assert.deepEqual(fixTitles(analyzer.update(typed(9)).diagnostics).sort(), [
      'Set target_shape to (4, 4, 6)',
      "Set the Dense's units to 128",
    ]);
  });

  it("reuses the trials' model runs the edit did not touch", () => {
    const analyzer = new DocumentAnalyzer();
    analyzer.update(typed(0));
    analyzer.update(typed(1)); // the first edited version: its trials' analysers start
    assert.equal(analyzer.trialRunStats.reused, 0);
    analyzer.update(typed(2));
    // Each of the two trials reused the PyTorch head's run instead of running it again.
    assert.equal(analyzer.trialRunStats.reused, 2);
  });

  it('tries nothing more once the error is gone, and offers no fix an analysis does not', () => {
    const analyzer = new DocumentAnalyzer();
    analyzer.update(typed(0));
    analyzer.update(typed(1));
    analyzer.update(typed(2));
    assert.ok(analyzer.trialRunStats.ran + analyzer.trialRunStats.reused > 0, 'the error was tried');
    const fixed = typed(3).replace('Dense(96', 'Dense(128');
    assert.deepEqual(analyzer.update(fixed).diagnostics, analyzeText(fixed).diagnostics);
    assert.deepEqual(fixTitles(analyzer.update(fixed).diagnostics), []);
    // The trials' analysers were let go with the error: nothing is counted for them.
    assert.deepEqual(analyzer.trialRunStats, { reused: 0, ran: 0 });
  });
});
