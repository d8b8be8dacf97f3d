// The one catalogue of diagnostics: every code ConvShape can report, with its default severity,
// what it means, an example, its quick fix, and what happens when it holds on some paths only.
// The DiagnosticCode type, the severities the analysis reports, the `convshape.diagnostics.severity`
// settings schema, the README table and docs/diagnostics.md all come from here (a test fails when
// the generated ones drift; UPDATE_EXPECT=1 rewrites them).

/** From most to least severe. */
export const SEVERITIES = ['error', 'warning', 'information', 'hint'] as const;
export type CatalogueSeverity = (typeof SEVERITIES)[number];

/** What `convshape.diagnostics.severity` may set a code to: a severity, or `off`. */
export const SEVERITY_OVERRIDES = [...SEVERITIES, 'off'] as const;

/**
 * A diagnostic that holds on some paths only (a branch taken in training mode only): `warning`
 * reports it as a warning whose message names the condition, e.g. "… (in training mode)";
 * `omit` does not report it. A path whose condition the analysis cannot name (an unknown flag, a
 * loop whose count is unknown) is never reported, whatever the code.
 */
export type OnSomePaths = 'warning' | 'omit';

export interface CatalogueEntry {
  readonly severity: CatalogueSeverity;
  readonly title: string;
  /** One line: when it is reported. */
  readonly description: string;
  /** The message it produces (numbers are examples), or a short snippet that raises it. */
  readonly example: string;
  /** What the quick fix does, or null when there is none. */
  readonly quickFix: string | null;
  readonly onSomePaths: OnSomePaths;
  /** Why `onSomePaths` is what it is. */
  readonly onSomePathsWhy: string;
}

// A framework error certainly raised on the named path is worth a warning there; a remark about a
// design choice (dropped input, a comment, Dense on a feature map) is not worth one that may not apply.
const FAILS_ON_THAT_PATH =
  'the framework raises it whenever that path runs, so a warning naming the condition is still true';
const PYTHON_FAILS_ON_THAT_PATH =
  'Python raises it whenever that path runs, so a warning naming the condition is still true';
const REMARK = 'a remark, not a failure: one that may not apply is noise';

export const DIAGNOSTIC_CATALOGUE = {
  'channel-mismatch': {
    severity: 'error',
    title: 'Channel mismatch',
    description:
      'A convolution or normalization layer expects a different number of channels (in_channels, num_features) than its input has.',
    example: 'running_mean should contain 64 elements not 32',
    quickFix:
      "Set in_channels / num_features / num_parameters to the incoming channel count (an UPPER_CASE module constant used nowhere else is changed at its definition); a Keras model called on another channel count declares that one as its input's last axis, when the model then builds.",
    onSomePaths: 'warning',
    onSomePathsWhy: FAILS_ON_THAT_PATH,
  },
  'features-mismatch': {
    severity: 'error',
    title: 'Features mismatch',
    description:
      "A layer's input size (Linear's in_features, an LSTM's input_size, MultiheadAttention's embed_dim, a transformer's d_model, LayerNorm's normalized_shape, a built Keras Dense) differs from the input's last axis.",
    example: 'mat1 and mat2 shapes cannot be multiplied (4x4096 and 3136x256)',
    quickFix:
      "Set in_features / input_size / normalized_shape to the incoming size, written as the author wrote it (`32 * 16 * 16` becomes the flattened C·H·W, `32 * 14 * 14`; an UPPER_CASE module constant used nowhere else is changed at its definition); a normalized_shape written as a tuple or list (nn.LayerNorm, F.layer_norm without weight or bias) becomes the input's trailing sizes, keeping its form, only the sizes that differ rewritten; embed_dim / d_model likewise, only when the layer then runs (the heads divide the size, key and value agree; none for 'embed_dim must be divisible by num_heads'), in the layer given to an nn.TransformerEncoder/Decoder where it was built; in an nn.Sequential meeting a rank ≥ 3 tensor, insert a Flatten() before the layer; a Keras model called on another size declares it as its input's last axis (`keras.Input(shape=...)`, `input_shape=`, `input_dim=`), when the model then builds.",
    onSomePaths: 'warning',
    onSomePathsWhy: FAILS_ON_THAT_PATH,
  },
  'kernel-too-large': {
    severity: 'error',
    title: 'Kernel too large',
    description: 'A sliding window is larger than its (padded) input, so the output size would be zero or negative.',
    example:
      "Calculated padded input size per channel: (2 x 2). Kernel size: (3 x 3). Kernel size can't be greater than actual input size",
    quickFix: null,
    onSomePaths: 'warning',
    onSomePathsWhy: FAILS_ON_THAT_PATH,
  },
  'invalid-padding': {
    severity: 'error',
    title: 'Invalid padding',
    description:
      "Padding the framework rejects: 'same' with stride > 1 (PyTorch), pool padding over half the kernel, an unknown padding string.",
    example: 'pad should be at most half of effective kernel size, but got pad=2, kernel_size=3 and dilation=1',
    quickFix: null,
    onSomePaths: 'warning',
    onSomePathsWhy: FAILS_ON_THAT_PATH,
  },
  'invalid-groups': {
    severity: 'error',
    title: 'Invalid groups',
    description: 'Channels are not divisible by groups.',
    example: 'in_channels must be divisible by groups',
    quickFix: null,
    onSomePaths: 'warning',
    onSomePathsWhy: FAILS_ON_THAT_PATH,
  },
  'invalid-output-padding': {
    severity: 'error',
    title: 'Invalid output padding',
    description: "A transposed convolution's output_padding is not smaller than its stride or dilation.",
    example:
      'output padding must be smaller than either stride or dilation, but got output_padding_height: 2 output_padding_width: 2 stride_height: 1 stride_width: 1 dilation_height: 1 dilation_width: 1',
    quickFix: null,
    onSomePaths: 'warning',
    onSomePathsWhy: FAILS_ON_THAT_PATH,
  },
  'rank-mismatch': {
    severity: 'error',
    title: 'Rank mismatch',
    description: 'A tensor has a number of dimensions the layer or operation does not accept.',
    example: 'Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [1, 8]',
    quickFix: null,
    onSomePaths: 'warning',
    onSomePathsWhy: FAILS_ON_THAT_PATH,
  },
  'broadcast-mismatch': {
    severity: 'error',
    title: 'Shapes do not broadcast',
    description: 'An elementwise operation (a residual add, Add, Multiply) meets shapes that cannot broadcast.',
    example: 'The size of tensor a (16) must match the size of tensor b (3) at non-singleton dimension 1',
    quickFix:
      "Where a stride-1 convolution shrank one operand, give it size-keeping padding (PyTorch: padding=k//2, 'same' for even kernels; Keras: padding='same').",
    onSomePaths: 'warning',
    onSomePathsWhy: FAILS_ON_THAT_PATH,
  },
  'cat-mismatch': {
    severity: 'error',
    title: 'Concatenation mismatch',
    description: 'torch.cat/torch.stack/Concatenate inputs differ off the concatenation axis.',
    example:
      'Sizes of tensors must match except in dimension 1. Expected size 28 but got size 27 for tensor number 1 in the list.',
    quickFix:
      "Where a stride-1 convolution shrank one input, give it size-keeping padding (PyTorch: padding=k//2, 'same' for even kernels; Keras: padding='same'); a Keras Concatenate whose written axis is not the one axis its inputs differ on gets that axis.",
    onSomePaths: 'warning',
    onSomePathsWhy: FAILS_ON_THAT_PATH,
  },
  'reshape-mismatch': {
    severity: 'error',
    title: 'Reshape mismatch',
    description: 'view/reshape/Reshape asks for a shape whose element count cannot match the input.',
    example: "shape '[-1, 784]' is invalid for input of size 100",
    quickFix:
      "A Keras Reshape (`The total size of the tensor must be unchanged`): both, since which is wrong cannot be told — set the units of the Dense directly before it to the target's size (`Dense(8 * 8 * 2)` when the target is written in numbers), and set the target's last axis to what the input's size leaves over the others (none when that is not a whole number); each only when the model then runs, as a re-analysis of the fixed text shows.",
    onSomePaths: 'warning',
    onSomePathsWhy: FAILS_ON_THAT_PATH,
  },
  'invalid-argument': {
    severity: 'error',
    title: 'Invalid argument',
    description:
      'Any other argument or input the framework rejects (a bad dim, a size of zero, a batch of one in training mode).',
    example: 'Expected more than 1 value per channel when training, got input size torch.Size([1, 64])',
    quickFix: null,
    onSomePaths: 'warning',
    onSomePathsWhy: FAILS_ON_THAT_PATH,
  },
  'unpack-mismatch': {
    severity: 'error',
    title: 'Unpack mismatch',
    description: 'Unpacking a tuple, a shape or a container into a different number of names.',
    example: 'ValueError: not enough values to unpack (expected 3, got 2)',
    quickFix: null,
    onSomePaths: 'warning',
    onSomePathsWhy: PYTHON_FAILS_ON_THAT_PATH,
  },
  'division-by-zero': {
    severity: 'error',
    title: 'Division by zero',
    description: 'Integer division or modulo of a known value by zero.',
    example: 'ZeroDivisionError: integer division or modulo by zero',
    quickFix: null,
    onSomePaths: 'warning',
    onSomePathsWhy: PYTHON_FAILS_ON_THAT_PATH,
  },
  'index-out-of-range': {
    severity: 'error',
    title: 'Index out of range',
    description:
      "Indexing a tuple, a shape or a ModuleList/Sequential past its end, or a tensor by indices that don't fit it (an int or a written list out of range, a mask of another shape, index tensors that don't broadcast).",
    example: 'IndexError: tuple index out of range',
    quickFix: null,
    onSomePaths: 'warning',
    onSomePathsWhy: PYTHON_FAILS_ON_THAT_PATH,
  },
  'no-accepted-input': {
    severity: 'error',
    title: 'No input size works',
    description:
      "On a symbolic input, the layers' requirements on the input size contradict each other: the model fails for every size.",
    example: 'No input size satisfies both fc1 (16·(⌊H/4⌋−3)² = 500) and conv3 (⌊H/4⌋ ≥ 9)',
    quickFix: null,
    onSomePaths: 'omit',
    onSomePathsWhy: 'requirements from a path that may not run are not solved at all',
  },
  'input-size-rejected': {
    severity: 'information',
    title: 'Input size not accepted',
    description:
      "A shape comment declares an input size outside the sizes the model accepts (the framework's own error is reported where the model fails); the message names the nearest sizes that work.",
    example: 'The model does not accept 64×64: it accepts H, W = 70–73; nearest: 70×70',
    quickFix: 'Rewrite the shape comment with the nearest accepted size.',
    onSomePaths: 'omit',
    onSomePathsWhy: 'requirements from a path that may not run are not solved at all',
  },
  'stale-shape-comment': {
    severity: 'warning',
    title: 'Stale shape comment',
    description: "A statement's trailing shape comment contradicts the shape it makes.",
    example: 'Stale shape comment: this statement makes a tensor of shape [4, 10], not [N, 100]',
    quickFix: "Rewrite the comment with the inferred shape, in the comment's own style.",
    onSomePaths: 'omit',
    onSomePathsWhy: 'a comment describes every run of its statement; one true on some paths only is not stale',
  },
  'dropped-input': {
    severity: 'information',
    title: 'Dropped input',
    description: "A stride leaves the last rows/columns of the input unused (the guide's relationship 6).",
    example: 'Conv2d with stride 2×2 never reads the last 1 row and 1 column of its input',
    quickFix: null,
    onSomePaths: 'omit',
    onSomePathsWhy: REMARK,
  },
  'dense-on-feature-map': {
    severity: 'information',
    title: 'Dense on a feature map',
    description:
      'A Keras Dense is applied to a rank ≥ 4 tensor: legal (it acts on the last axis), but usually a forgotten Flatten.',
    example: `Dense 'dense' is applied to a rank-4 tensor (None, 11, 11, 32): "If the input to the layer has a rank greater than 2, Dense computes the dot product between the inputs and the kernel along the last axis of the inputs", so its output is (None, 11, 11, 10). Insert a Flatten before it if one was meant.`,
    quickFix: 'Insert a Flatten() before the Dense (in a Sequential list, an .add() chain or around its input).',
    onSomePaths: 'omit',
    onSomePathsWhy: REMARK,
  },
} as const satisfies Record<string, CatalogueEntry>;

/** The stable code of a diagnostic. */
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CATALOGUE;

export const DIAGNOSTIC_CODES = Object.keys(DIAGNOSTIC_CATALOGUE) as readonly DiagnosticCode[];

export function isDiagnosticCode(s: string): s is DiagnosticCode {
  return Object.prototype.hasOwnProperty.call(DIAGNOSTIC_CATALOGUE, s);
}

export function catalogueEntry(code: DiagnosticCode): CatalogueEntry {
  return DIAGNOSTIC_CATALOGUE[code];
}

/** The milder of two severities: a diagnostic on some paths only is at most a warning. */
export function milderSeverity(a: CatalogueSeverity, b: CatalogueSeverity): CatalogueSeverity {
  return SEVERITIES.indexOf(a) >= SEVERITIES.indexOf(b) ? a : b;
}
