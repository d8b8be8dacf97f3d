// The seed inputs that fuzzing mutates: every model fixture (PyTorch, Keras when present) and the
// examples, plus generated 1,000-line model files for timing at realistic size.
'use strict';
const fs = require('fs');
const path = require('path');
const { generateModelFile } = require('../bench/generate-model');

const ROOT = path.resolve(__dirname, '../..');
const DIRS = ['test/fixtures/pytorch', 'test/fixtures/keras', 'examples'];

/** Every fixture's name and text, in a stable order. */
function fixtureSources() {
  const out = [];
  for (const dir of DIRS) {
    const abs = path.join(ROOT, dir);
    if (!fs.existsSync(abs)) continue;
    for (const f of fs
      .readdirSync(abs)
      .filter(f => f.endsWith('.py'))
      .sort()) {
      out.push({ name: `${dir}/${f}`, text: fs.readFileSync(path.join(abs, f), 'utf8') });
    }
  }
  return out;
}

/** Generated model files of about 1,000 lines. */
function largeSources(count = 3) {
  return Array.from({ length: count }, (_, i) => ({
    name: `generated-1000-${i}`,
    text: generateModelFile({ lines: 1000, seed: 100 + i }).text,
  }));
}

/** Every 50th fuzz input mutates a 1,000-line file; the others mutate fixtures. */
const isLargeInput = i => i % 50 === 49;

/** The file the fuzz input of index `i` mutates (run.js and replay.js choose alike). */
const baseOf = (i, fixtures, large) => (isLargeInput(i) ? large[i % large.length] : fixtures[i % fixtures.length]);

module.exports = { fixtureSources, largeSources, isLargeInput, baseOf };
