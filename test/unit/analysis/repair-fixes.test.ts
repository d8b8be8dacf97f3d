// Quick fixes over fixture pairs: NAME.py fails in real PyTorch, NAME_fixed.py runs (both have
// goldens). Applying the fix offered on NAME.py must give NAME_fixed.py's code, and a re-analysis
// must report nothing. One pair per kind of fix; `bugRuns` marks a bug the framework runs (Keras'
// Dense on the last axis of a map), reported as information. The integration suite applies the
// same fixes in VS Code (test/integration/suite/fixes-applied.test.ts).
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../../src/analysis';
import { triedFixes } from '../../../src/analysis/tried-fixes';
import type { Diagnostic, Fix } from '../../../src/analysis/types';
import { fixtureDir, readGolden } from '../fixtures/torch-golden';

/** The framework's errors: the note that a declared input is outside the accepted sizes aside. */
const framework = (text: string) => analyzeText(text).diagnostics.filter(d => d.code !== 'input-size-rejected');

/** The edits applied to the text, last first so that earlier offsets hold. */
function applyFix(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.range.start - a.range.start);
  return edits.reduce((t, e) => t.slice(0, e.range.start) + e.newText + t.slice(e.range.end), text);
}

/** The code without its docstring line (the pair's docstrings say which one is the bug). */
const code = (text: string) => text.slice(text.indexOf('\n') + 1);

const kerasDir = path.join(fixtureDir, '..', 'keras');

/** The fixture's golden error (null: it ran), from real PyTorch or the Keras 3 port. */
const golden = (name: string, keras?: boolean): { error: unknown } =>
  keras
    ? (JSON.parse(fs.readFileSync(path.join(kerasDir, `${name}.keras.json`), 'utf8')) as { error: unknown })
    : readGolden({ name, source: '', golden: path.join(fixtureDir, `${name}.torch.json`), expected: '' });

interface FixCase {
  readonly name: string;
  readonly title: string;
  /** The new text of each edit, in order (one string: a single edit). */
  readonly edited: string | readonly string[];
  /** The fixed fixture, when not NAME_fixed (a bug with two fixes). */
  readonly fixed?: string;
  readonly keras?: boolean;
  readonly bugRuns?: boolean;
}

const CASES: readonly FixCase[] = [
  { name: 'fix_linear_chw', title: 'Set in_features to 6272', edited: '32 * 14 * 14' },
  { name: 'fix_linear_number', title: 'Set in_features to 9216', edited: '9216' },
  { name: 'fix_conv_in_channels', title: 'Set in_channels to 64', edited: '64' },
  { name: 'fix_batchnorm_expression', title: 'Set num_features to 64', edited: '64' },
  { name: 'fix_sequential_flatten', title: 'Insert nn.Flatten() before this layer', edited: 'nn.Flatten(), ' },
  { name: 'fix_constant_once', title: 'Set in_features to 9216', edited: '64 * 12 * 12' },
  { name: 'fix_constant_shared', title: 'Set num_features to 48', edited: '48' },
  { name: 'fix_residual_padding', title: 'Set padding=1 to keep the size', edited: ', padding=1' },
  { name: 'fix_concat_padding', title: 'Set padding=2 to keep the size', edited: '2' },
  { name: 'fix_residual_same', title: "Set padding='same' to keep the size", edited: "'same'" },
  { name: 'fix_lstm_packed_input_size', title: 'Set input_size to 64', edited: '64' },
  // The pairs below: each bug raises in real PyTorch 1.13 and each _fixed program runs there
  // (their .torch.json goldens, from tools/golden/pytorch_models.py with /usr/bin/python3).
  { name: 'fix_lstm_input_size', title: 'Set input_size to 150', edited: '150' },
  { name: 'fix_gru_input_size_expression', title: 'Set input_size to 192', edited: '192' },
  { name: 'fix_attention_embed_dim', title: 'Set embed_dim to 128', edited: '128' },
  // The layer given to nn.TransformerEncoder is fixed where it was built: at D_MODEL's definition.
  { name: 'fix_encoder_d_model', title: 'Set d_model to 300', edited: '300' },
  { name: 'fix_transformer_d_model', title: 'Set d_model to 256', edited: '256' },
  { name: 'fix_layernorm_size', title: 'Set normalized_shape to 768', edited: '768' },
  // A normalized_shape written as a sequence keeps its form; only the sizes that differ change.
  { name: 'fix_layernorm_tuple', title: 'Set normalized_shape to (32, 8, 8)', edited: ['8', '8'] },
  { name: 'fix_layernorm_list', title: 'Set normalized_shape to [32, 16, 16]', edited: '32' },
  { name: 'fix_functional_layer_norm', title: 'Set normalized_shape to (64, 96)', edited: '64' },
  { name: 'fix_pack_batch_first', title: 'Set batch_first=True', edited: ', batch_first=True' },
  { name: 'fix_pack_unsorted', title: 'Set enforce_sorted=False', edited: ', enforce_sorted=False' },
  {
    name: 'fix_add_same_padding',
    title: "Set padding='same' to keep the size",
    edited: ", padding='same'",
    keras: true,
  },
  { name: 'fix_concat_same_padding', title: 'Set padding="same" to keep the size', edited: '"same"', keras: true },
  // Keras pairs: the bug raises in the Keras 3 port (tools/golden/keras_models.py), the fix builds.
  {
    name: 'fix_declared_input_constant',
    title: "Declare the input's last axis as 256",
    edited: '256',
    keras: true,
  },
  { name: 'fix_declared_input_dim', title: "Declare the input's last axis as 24", edited: '24', keras: true },
  { name: 'fix_concat_axis', title: 'Set axis=-1', edited: '-1', keras: true },
  {
    name: 'fix_dense_flatten',
    title: 'Insert layers.Flatten() before this Dense',
    edited: 'layers.Flatten(), ',
    keras: true,
    bugRuns: true,
  },
  // A Reshape's target and its input's size differ: which is wrong cannot be told, so the Dense
  // before it and the target's last axis are both offered where they then run.
  {
    name: 'fix_reshape_dense_units',
    title: "Set the Dense's units to 128",
    edited: '8 * 8 * 2',
    keras: true,
  },
  {
    name: 'fix_reshape_target',
    title: "Set the Dense's units to 128",
    edited: '4 * 4 * 8',
    fixed: 'fix_reshape_target_dense_fixed',
    keras: true,
  },
  { name: 'fix_reshape_target', title: 'Set target_shape to (4, 4, 6)', edited: '6', keras: true },
];

describe('analysis: quick fixes in the author’s form, applied to fixtures', () => {
  for (const c of CASES) {
    const fixed = c.fixed ?? `${c.name}_fixed`;
    it(`${c.name}: ${c.title} gives ${fixed}.py and a re-analysis reports nothing`, () => {
      const source = (n: string) => path.join(c.keras ? kerasDir : fixtureDir, `${n}.py`);
      const text = fs.readFileSync(source(c.name), 'utf8');
      const fixedText = fs.readFileSync(source(fixed), 'utf8');
      if (c.bugRuns) assert.equal(golden(c.name, c.keras).error, null, 'the framework runs the bug');
      else assert.ok(golden(c.name, c.keras).error, 'the bug fails in the framework');
      assert.equal(golden(fixed, c.keras).error, null, 'the fixed model runs in the framework');
      const before = framework(text);
      assert.equal(before.length, 1, JSON.stringify(before));
      const fix = before[0].fixes.find(f => f.title === c.title);
      assert.ok(fix, JSON.stringify(before[0].fixes));
      assert.deepEqual(
        fix.edits.map(e => e.newText),
        typeof c.edited === 'string' ? [c.edited] : c.edited,
      );
      const after = applyFix(text, fix);
      assert.equal(code(after), code(fixedText));
      assert.deepEqual(framework(after), []);
    });
  }
});

describe('analysis: which written arguments get a fix', () => {
  const net = (fc: string, prelude = '') => `import torch
import torch.nn as nn
${prelude}

class Net(nn.Module):
    def __init__(self, width=4):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)
        self.fc = ${fc}

    def forward(self, x):  # x: [2, 3, 10, 10]
        return self.fc(torch.flatten(self.conv(x), 1))
`;
  const fixesOf = (text: string) => framework(text).flatMap(d => d.fixes.map(f => f.edits.map(e => e.newText)));

  it('a sum of literals becomes the plain number', () => {
    assert.deepEqual(fixesOf(net('nn.Linear(500 + 10, 10)')), [['512']]);
  });

  it('a product that does not split as the flattened map keeps no product form', () => {
    assert.deepEqual(fixesOf(net('nn.Linear(2 * 128, 10)')), [['512']]);
  });

  it('a parameter, an attribute or a lower-case name gets no fix (its other uses are unknown)', () => {
    assert.deepEqual(fixesOf(net('nn.Linear(width * 100, 10)')), []);
    assert.deepEqual(fixesOf(net('nn.Linear(size, 10)', 'size = 100')), []);
    assert.deepEqual(fixesOf(net('nn.Linear(SIZE, 10)', 'SIZE = 100\nSIZE = 200')), []);
  });

  it('a constant used only by the call is fixed at its definition, else at the call', () => {
    const once = net('nn.Linear(SIZE, 10)', 'SIZE = 8 * 7 * 7');
    assert.deepEqual(fixesOf(once), [['8 * 8 * 8']]);
    const edit = framework(once)[0].fixes[0].edits[0];
    assert.equal(once.slice(edit.range.start, edit.range.end), '8 * 7 * 7');
    const twice = net('nn.Linear(SIZE, SIZE)', 'SIZE = 8 * 7 * 7');
    const e2 = framework(twice)[0].fixes[0].edits[0];
    assert.equal(twice.slice(e2.range.start, e2.range.end), 'SIZE');
    assert.equal(e2.newText, '512');
  });
});

describe('analysis: a normalized_shape written as a sequence', () => {
  // Each bug raises in PyTorch 1.13 ("Given normalized_shape=..."), checked with /usr/bin/python3.
  const net = (norm: string, call = 'self.norm(y)', prelude = '') => `import torch
import torch.nn as nn
import torch.nn.functional as F
${prelude}

class Net(nn.Module):
    def __init__(self, side=16):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.norm = ${norm}

    def forward(self, x):  # x: [2, 3, 12, 12]
        y = self.conv(x)
        return ${call}
`;
  const fixesOf = (text: string) => {
    const diagnostics = framework(text);
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    return diagnostics[0].fixes.map(f => [f.title, ...f.edits.map(e => e.newText)]);
  };

  it('a one-item tuple stays a tuple; a constant used only there changes at its definition', () => {
    assert.deepEqual(fixesOf(net('nn.LayerNorm((16,))')), [['Set normalized_shape to (12,)', '12']]);
    const constant = net('nn.LayerNorm((8, 12, SIDE))', undefined, 'SIDE = 5 * 2');
    assert.deepEqual(fixesOf(constant), [['Set normalized_shape to (8, 12, 12)', '12']]);
    const edit = framework(constant)[0].fixes[0].edits[0];
    assert.equal(constant.slice(edit.range.start, edit.range.end), '5 * 2');
  });

  it('an item not read here (a parameter) gets no fix, nor a shape longer than the input', () => {
    assert.deepEqual(fixesOf(net('nn.LayerNorm((8, side, 12))')), []);
    assert.deepEqual(fixesOf(net('nn.LayerNorm((2, 3, 8, 12, 12))')), []);
  });

  it('F.layer_norm gets the fix only without a weight or bias (sized by the old shape)', () => {
    assert.deepEqual(fixesOf(net('None', 'F.layer_norm(y, [8, 12, 10])')), [
      ['Set normalized_shape to [8, 12, 12]', '12'],
    ]);
    assert.deepEqual(
      fixesOf(net('nn.Parameter(torch.ones(8, 12, 10))', 'F.layer_norm(y, [8, 12, 10], self.norm)')),
      [],
    );
  });
});

describe('analysis: size-keeping padding is offered only where it provably cures the error', () => {
  const residual = (layers: string, body: string) => `import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
${layers
  .split('\n')
  .map(l => `        ${l}`)
  .join('\n')}

    def forward(self, x):  # x: [1, 4, 16, 16]
${body
  .split('\n')
  .map(l => `        ${l}`)
  .join('\n')}
`;
  const fixTitles = (text: string) => {
    const diagnostics = framework(text);
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    return diagnostics[0].fixes.map(f => f.title);
  };

  it('a dilated 3×3 convolution gets padding=dilation', () => {
    const text = residual('self.conv = nn.Conv2d(4, 4, 3, dilation=2)', 'return x + self.conv(x)');
    assert.deepEqual(fixTitles(text), ['Set padding=2 to keep the size']);
  });

  it('a symbolic batch size does not stand in the way', () => {
    const text = residual('self.conv = nn.Conv2d(4, 4, 3)', 'return x + self.conv(x)').replace('[1, 4', '[N, 4');
    assert.deepEqual(fixTitles(text), ['Set padding=1 to keep the size']);
  });

  it('a per-axis kernel gets per-axis padding', () => {
    const text = residual('self.conv = nn.Conv2d(4, 4, (3, 5))', 'return x + self.conv(x)');
    assert.deepEqual(fixTitles(text), ['Set padding=(1, 2) to keep the size']);
  });

  it('no fix when two convolutions shrank the map, or a strided one, or an adaptive pool fixed the size', () => {
    const twice = residual('self.a = nn.Conv2d(4, 4, 3)\nself.b = nn.Conv2d(4, 4, 3)', 'return x + self.b(self.a(x))');
    assert.deepEqual(fixTitles(twice), []);
    const strided = residual('self.conv = nn.Conv2d(4, 4, 3, stride=2, padding=1)', 'return x + self.conv(x)');
    assert.deepEqual(fixTitles(strided), []);
    const pooled = residual(
      'self.conv = nn.Conv2d(4, 4, 3)\nself.pool = nn.AdaptiveAvgPool2d(14)',
      'return x + self.pool(self.conv(x))',
    );
    assert.deepEqual(fixTitles(pooled), []);
  });

  it('no fix when the operands differ in channels too', () => {
    const text = residual('self.conv = nn.Conv2d(4, 8, 3)', 'return x + self.conv(x)');
    assert.deepEqual(fixTitles(text), []);
  });
});

describe('analysis: Keras size-keeping padding', () => {
  it("`x + conv(x)` on Keras tensors gets padding='same'; a strided conv gets none", () => {
    const model = (conv: string) => `import keras
from keras import layers

inputs = keras.Input(shape=(12, 12, 4))
y = inputs + ${conv}(inputs)
model = keras.Model(inputs, y)
`;
    const titles = (text: string) => framework(text).flatMap(d => d.fixes.map(f => f.title));
    assert.deepEqual(titles(model('layers.Conv2D(4, 3)')), ["Set padding='same' to keep the size"]);
    assert.deepEqual(titles(model('layers.Conv2D(4, 3, strides=2)')), []);
  });
});

describe('analysis: the C·H·W form is for flattened maps only', () => {
  it('in_channels written as a product becomes the plain number', () => {
    const text = `import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 32, 3)
        self.b = nn.Conv2d(2 * 8, 8, 3)

    def forward(self, x):  # x: [1, 3, 6, 10] (conv a gives 32×4×8: 4·8 = 32 must not be used)
        return self.b(self.a(x))
`;
    const fixes = framework(text).flatMap(d => d.fixes.map(f => f.edits.map(e => e.newText)));
    assert.deepEqual(fixes, [['32']]);
  });
});

describe('analysis: embed_dim / d_model is offered only when the layer then runs', () => {
  // Each bug below raises in PyTorch 1.13 (run with /usr/bin/python3): "was expecting embedding
  // dimension of 64, but got …", or with norm_first the LayerNorm's "Given normalized_shape=[64]".
  const model = (layer: string, call: string, inputs: string) => `import torch
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.layer = ${layer}

    def forward(self, q, k):  # q: ${inputs}
        return ${call}
`;
  const fixesOf = (text: string) => {
    const diagnostics = framework(text);
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    return diagnostics[0].fixes.map(f => f.title);
  };

  it('self-attention on 128-wide tokens gets embed_dim 128', () => {
    const text = model('nn.MultiheadAttention(64, 4)', 'self.layer(q, q, q)[0]', '[10, 2, 128], k: [7, 2, 128]');
    assert.deepEqual(fixesOf(text), ['Set embed_dim to 128']);
  });

  it('no fix when the heads do not divide the incoming size (embed_dim must be divisible by num_heads)', () => {
    const text = model('nn.MultiheadAttention(64, 4)', 'self.layer(q, q, q)[0]', '[10, 2, 150], k: [7, 2, 150]');
    assert.deepEqual(fixesOf(text), []);
  });

  it('no fix when key and value would then disagree with it (a kdim given, or a memory of another width)', () => {
    const kdim = model(
      'nn.MultiheadAttention(64, 4, kdim=64, vdim=64)',
      'self.layer(q, k, k)[0]',
      '[10, 2, 128], k: [7, 2, 128]',
    );
    assert.deepEqual(fixesOf(kdim), []);
    const memory = model('nn.TransformerDecoderLayer(64, 4)', 'self.layer(q, k)', '[10, 2, 128], k: [7, 2, 64]');
    assert.deepEqual(fixesOf(memory), []);
  });

  it('a layer given to a stack is fixed where it was built; the norm_first LayerNorm error too', () => {
    const stacked = model(
      'nn.TransformerEncoder(nn.TransformerEncoderLayer(64, 4), 2)',
      'self.layer(q)',
      '[10, 2, 128], k: [1]',
    );
    const [d] = framework(stacked);
    assert.equal(stacked.slice(d.range.start, d.range.end), '64');
    assert.deepEqual(
      d.fixes.map(f => f.title),
      ['Set d_model to 128'],
    );
    const normFirst = model(
      'nn.TransformerEncoderLayer(64, 4, norm_first=True)',
      'self.layer(q)',
      '[10, 2, 128], k: [1]',
    );
    // Both run in PyTorch 1.13 once fixed (checked with /usr/bin/python3): the stack's final norm
    // and a decoder layer inside nn.TransformerDecoder.
    const norm = model(
      'nn.TransformerEncoder(nn.TransformerEncoderLayer(128, 4), 2, norm=nn.LayerNorm(64))',
      'self.layer(q)',
      '[10, 2, 128], k: [1]',
    );
    const [n] = framework(norm);
    assert.equal(norm.slice(n.range.start, n.range.end), '64');
    assert.deepEqual(
      n.fixes.map(f => f.edits[0].newText),
      ['128'],
    );
    const decoder = model(
      'nn.TransformerDecoder(nn.TransformerDecoderLayer(64, 4), 2)',
      'self.layer(q, k)',
      '[10, 2, 128], k: [7, 2, 128]',
    );
    assert.deepEqual(fixesOf(decoder), ['Set d_model to 128']);
    assert.deepEqual(fixesOf(normFirst), ['Set d_model to 128']);
  });
});

describe('analysis: Keras fixes offered only where they cure the error', () => {
  const titles = (text: string) => framework(text).flatMap(d => d.fixes.map(f => f.title));

  it('a declared input is not redeclared when the model built on the incoming size fails too', () => {
    // A Reshape pinned to 28×28 fails on 2352 features however the input is declared.
    const text = `import keras
from keras import layers

decoder = keras.Sequential([keras.Input(shape=(784,)), layers.Reshape((28, 28, 1)), layers.Conv2D(8, 3)])
codes = keras.Input(shape=(2352,))
model = keras.Model(codes, decoder(codes))
`;
    assert.deepEqual(titles(text), []);
  });

  it('a declared channel count is redeclared: the convolutions adapt to it', () => {
    const text = `import keras
from keras import layers

stem = keras.Sequential([keras.Input(shape=(32, 32, 3)), layers.Conv2D(8, 3), layers.GlobalAveragePooling2D()])
gray = keras.Input(shape=(32, 32, 1))
model = keras.Model(gray, stem(gray))
`;
    assert.deepEqual(titles(text), ["Declare the input's last axis as 1"]);
  });

  describe('a Reshape whose target does not hold its input', () => {
    // Each raises in the Keras 3 port (tools/golden/keras-port.py): "The total size of the tensor
    // must be unchanged".
    const model = (...lines: string[]) => `import keras
from keras import layers

inputs = keras.Input(shape=(32,))
${lines.join('\n')}
`;

    it('no target fix when no integer last axis holds the size (100 over 8×8)', () => {
      const text = model(
        'x = layers.Dense(100)(inputs)',
        'x = layers.Reshape((8, 8, 2))(x)',
        'm = keras.Model(inputs, x)',
      );
      assert.deepEqual(titles(text), ["Set the Dense's units to 128"]);
      // The mark that a fix is still to be tried never reaches the Analysis.
      assert.equal(JSON.stringify(analyzeText(text)).includes('untried'), false);
    });

    it('a list target stays a list; no units fix without a Dense directly before', () => {
      const text = model(
        'x = layers.Dense(96)(inputs)',
        'x = layers.Activation("relu")(x)',
        'x = layers.Reshape([4, 4, 8])(x)',
        'm = keras.Model(inputs, x)',
      );
      assert.deepEqual(titles(text), ['Set target_shape to [4, 4, 6]']);
    });

    it('a units fix that another use of the Dense would not take is not offered', () => {
      const text = model(
        'y = layers.Dense(100)(inputs)',
        'x = layers.Reshape((10, 10, 2))(y)',
        'z = layers.Reshape((10, 10))(y)',
        'm = keras.Model(inputs, [x, z])',
      );
      assert.deepEqual(titles(text), ['Set target_shape to (10, 10, 1)']);
    });

    it('a fix whose trial analysis failed (a bug: nothing is known of the fixed text) is not offered', () => {
      const fix: Fix = { title: 'Set units', edits: [{ range: { start: 0, end: 1 }, newText: 'y' }], untried: true };
      const error: Diagnostic = {
        range: { start: 0, end: 1 },
        severity: 'error',
        code: 'reshape-mismatch',
        message: 'total size',
        fixes: [fix],
      };
      assert.deepEqual(triedFixes([error], 'x', () => undefined)[0].fixes, []);
      assert.deepEqual(
        triedFixes([error], 'x', () => [])[0].fixes.map(f => f.title),
        ['Set units'],
        'the same fix passes when its trial runs clean',
      );
    });

    it('neither fix when a layer after the Reshape would then fail', () => {
      const text = model(
        'x = layers.Dense(96)(inputs)',
        'x = layers.Reshape((4, 4, 8))(x)',
        'x = layers.Conv2D(4, 3)(x)',
        'x = layers.Reshape((8,))(x)',
        'm = keras.Model(inputs, x)',
      );
      assert.deepEqual(titles(text), []);
    });
  });

  it('no axis fix when the inputs differ on two axes, or when the axis is not written', () => {
    const model = (concat: string, b: string) => `import keras
from keras import layers

a = keras.Input(shape=(8, 8, 4))
b = keras.Input(shape=${b})
model = keras.Model([a, b], ${concat}([a, b]))
`;
    assert.deepEqual(titles(model('layers.Concatenate(axis=1)', '(8, 6, 5)')), []);
    assert.deepEqual(titles(model('layers.Concatenate()', '(6, 8, 4)')), []);
    assert.deepEqual(titles(model('layers.Concatenate(axis=-1)', '(6, 8, 4)')), ['Set axis=1']);
  });
});
