// Every kind of quick fix, applied in VS Code: the fixture pairs of test/fixtures/ (NAME.py fails in
// the framework, NAME_fixed.py runs; test/unit/analysis/repair-fixes.test.ts checks them without
// VS Code). Each test opens NAME.py, waits for its one diagnostic, asks VS Code for the code actions
// on it, applies the fix, and checks that the text is NAME_fixed.py's and that the re-analysis of
// the edited document reports nothing.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activated, closeAll, untitled, waitForDiagnostics } from './features-support';
import { REPO_ROOT } from './helpers';

interface FixCase {
  /** What the fix is, as the test's name says it. */
  readonly kind: string;
  readonly fixture: string;
  readonly framework: 'pytorch' | 'keras';
  /** The diagnostic's catalogue code. */
  readonly code: string;
  readonly title: string;
  /** The fixed fixture, when not NAME_fixed (a bug with two fixes). */
  readonly fixed?: string;
}

const CASES: readonly FixCase[] = [
  {
    kind: "Linear's in_features written as C·H·W keeps that form",
    fixture: 'fix_linear_chw',
    framework: 'pytorch',
    code: 'features-mismatch',
    title: 'Set in_features to 6272',
  },
  {
    kind: "Linear's in_features written as a number becomes the right number",
    fixture: 'fix_linear_number',
    framework: 'pytorch',
    code: 'features-mismatch',
    title: 'Set in_features to 9216',
  },
  {
    kind: 'a module constant used once is changed at its definition',
    fixture: 'fix_constant_once',
    framework: 'pytorch',
    code: 'features-mismatch',
    title: 'Set in_features to 9216',
  },
  {
    kind: 'a module constant used elsewhere too is replaced at the call',
    fixture: 'fix_constant_shared',
    framework: 'pytorch',
    code: 'channel-mismatch',
    title: 'Set num_features to 48',
  },
  {
    kind: "Conv2d's in_channels",
    fixture: 'fix_conv_in_channels',
    framework: 'pytorch',
    code: 'channel-mismatch',
    title: 'Set in_channels to 64',
  },
  {
    kind: "BatchNorm2d's num_features written as a product becomes the number",
    fixture: 'fix_batchnorm_expression',
    framework: 'pytorch',
    code: 'channel-mismatch',
    title: 'Set num_features to 64',
  },
  {
    kind: 'nn.Flatten() inserted before a Linear in a Sequential',
    fixture: 'fix_sequential_flatten',
    framework: 'pytorch',
    code: 'features-mismatch',
    title: 'Insert nn.Flatten() before this layer',
  },
  {
    kind: 'padding=k//2 for a residual add',
    fixture: 'fix_residual_padding',
    framework: 'pytorch',
    code: 'broadcast-mismatch',
    title: 'Set padding=1 to keep the size',
  },
  {
    kind: 'padding=k//2 for a torch.cat',
    fixture: 'fix_concat_padding',
    framework: 'pytorch',
    code: 'cat-mismatch',
    title: 'Set padding=2 to keep the size',
  },
  {
    kind: "padding='same' for an even kernel",
    fixture: 'fix_residual_same',
    framework: 'pytorch',
    code: 'broadcast-mismatch',
    title: "Set padding='same' to keep the size",
  },
  {
    kind: "an LSTM's input_size after a packed sequence",
    fixture: 'fix_lstm_packed_input_size',
    framework: 'pytorch',
    code: 'features-mismatch',
    title: 'Set input_size to 64',
  },
  // The pairs below fail in real PyTorch 1.13 and their _fixed programs run there (the fixtures'
  // .torch.json goldens, made with /usr/bin/python3 by tools/golden/pytorch_models.py).
  {
    kind: "an LSTM's input_size is the incoming features",
    fixture: 'fix_lstm_input_size',
    framework: 'pytorch',
    code: 'features-mismatch',
    title: 'Set input_size to 150',
  },
  {
    kind: "MultiheadAttention's embed_dim is the tokens' width",
    fixture: 'fix_attention_embed_dim',
    framework: 'pytorch',
    code: 'features-mismatch',
    title: 'Set embed_dim to 128',
  },
  {
    kind: "a TransformerEncoderLayer's d_model, a constant used once, is changed at its definition",
    fixture: 'fix_encoder_d_model',
    framework: 'pytorch',
    code: 'features-mismatch',
    title: 'Set d_model to 300',
  },
  {
    kind: "LayerNorm's normalized_shape written as a tuple keeps that form",
    fixture: 'fix_layernorm_tuple',
    framework: 'pytorch',
    code: 'features-mismatch',
    title: 'Set normalized_shape to (32, 8, 8)',
  },
  {
    kind: "LayerNorm's normalized_shape written as a list with a product",
    fixture: 'fix_layernorm_list',
    framework: 'pytorch',
    code: 'features-mismatch',
    title: 'Set normalized_shape to [32, 16, 16]',
  },
  {
    kind: "F.layer_norm's normalized_shape",
    fixture: 'fix_functional_layer_norm',
    framework: 'pytorch',
    code: 'features-mismatch',
    title: 'Set normalized_shape to (64, 96)',
  },
  {
    kind: 'batch_first=True for a batch-first tensor packed',
    fixture: 'fix_pack_batch_first',
    framework: 'pytorch',
    code: 'invalid-argument',
    title: 'Set batch_first=True',
  },
  {
    kind: 'enforce_sorted=False for sequences not sorted by length',
    fixture: 'fix_pack_unsorted',
    framework: 'pytorch',
    code: 'invalid-argument',
    title: 'Set enforce_sorted=False',
  },
  {
    kind: "Keras padding='same' for Add",
    fixture: 'fix_add_same_padding',
    framework: 'keras',
    code: 'broadcast-mismatch',
    title: "Set padding='same' to keep the size",
  },
  {
    kind: "Keras padding='same' for Concatenate",
    fixture: 'fix_concat_same_padding',
    framework: 'keras',
    code: 'cat-mismatch',
    title: 'Set padding="same" to keep the size',
  },
  {
    kind: "Keras: a Sequential's declared input is the size it is called on",
    fixture: 'fix_declared_input_constant',
    framework: 'keras',
    code: 'features-mismatch',
    title: "Declare the input's last axis as 256",
  },
  {
    kind: "Keras: Concatenate's axis is the one its inputs differ on",
    fixture: 'fix_concat_axis',
    framework: 'keras',
    code: 'cat-mismatch',
    title: 'Set axis=-1',
  },
  {
    kind: 'Keras layers.Flatten() inserted before a Dense on a map',
    fixture: 'fix_dense_flatten',
    framework: 'keras',
    code: 'dense-on-feature-map',
    title: 'Insert layers.Flatten() before this Dense',
  },
  // The Reshape pairs fail in the Keras 3 port (tools/golden/keras_models.py); the fixed ones build.
  {
    kind: "Keras: the Dense before a Reshape makes the target's size",
    fixture: 'fix_reshape_dense_units',
    framework: 'keras',
    code: 'reshape-mismatch',
    title: "Set the Dense's units to 128",
  },
  {
    kind: "Keras: a Reshape's last axis holds its input's size",
    fixture: 'fix_reshape_target',
    framework: 'keras',
    code: 'reshape-mismatch',
    title: 'Set target_shape to (4, 4, 6)',
  },
  {
    kind: "Keras: the other fix of the same Reshape, the Dense's units",
    fixture: 'fix_reshape_target',
    fixed: 'fix_reshape_target_dense_fixed',
    framework: 'keras',
    code: 'reshape-mismatch',
    title: "Set the Dense's units to 128",
  },
];

function fixtureText(c: FixCase, name: string): string {
  return fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', c.framework, `${name}.py`), 'utf8');
}

/** The code without its docstring line (the pair's docstrings say which one is the bug). */
const code = (text: string) => text.slice(text.indexOf('\n') + 1);

describe('quick fixes applied in VS Code, one per kind', () => {
  before(activated);
  afterEach(closeAll);

  for (const c of CASES) {
    it(`${c.kind} (${c.fixture})`, async () => {
      const { document } = await untitled(fixtureText(c, c.fixture));
      const [diagnostic] = await waitForDiagnostics(document.uri, `the ${c.code} diagnostic`, ds => ds.length === 1);
      assert.equal(diagnostic.code, c.code);
      const actions =
        (await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          document.uri,
          diagnostic.range,
          vscode.CodeActionKind.QuickFix.value,
        )) ?? [];
      const fix = actions.find(a => a.title === c.title);
      assert.ok(fix?.edit, `no "${c.title}" among: ${actions.map(a => a.title).join(', ')}`);
      assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
      assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the edit was applied');
      assert.equal(code(document.getText()), code(fixtureText(c, c.fixed ?? `${c.fixture}_fixed`)));
      await waitForDiagnostics(document.uri, 'no diagnostic after the fix', ds => ds.length === 0);
    });
  }
});
