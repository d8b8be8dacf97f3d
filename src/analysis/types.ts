// The Analysis of one document: plain data (docs/design.md, invariant 4). Hints, hovers, diagnostics,
// CodeLens and `convshape check --json` are all views of this one object. Offsets are UTF-16 code
// units into the analysed text (for a notebook, the cells joined in order; see `cells`).
import type {
  AxisArithmetic,
  DiagnosticCode,
  Framework,
  LayerSpec,
  RepresentativeDrawing,
  Shape,
  TupleOutput,
} from '../engine';
import type { SizeSet } from '../engine/accepted-sizes';
import type { LinkDescription } from '../engine/accepted-text';
import type { CatalogueSeverity } from '../engine/diagnostic-catalogue';

export interface TextRange {
  readonly start: number;
  readonly end: number;
}

export type Severity = CatalogueSeverity;

export interface TextEdit {
  readonly range: TextRange;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** Preferred when it is the one obvious fix (set in_features to the inferred value). */
  readonly preferred?: boolean;
  /** Internal: to be tried on the text before it is offered (tried-fixes.ts); never in an Analysis. */
  readonly untried?: true;
}

export interface Diagnostic {
  readonly range: TextRange;
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly fixes: readonly Fix[];
  /** Set when it holds on some paths only: the condition its message names (`in training mode`). */
  readonly condition?: string;
}

/** One executed layer call, in execution order (a shared module appears once per call). */
export interface LayerCall {
  /** Qualified module path as `named_modules()` gives it (`features.0`), or the Keras layer name. */
  readonly name: string;
  /** Class name, e.g. `Conv2d`, or the functional form (`F.max_pool2d`). */
  readonly kind: string;
  readonly framework: Framework;
  readonly spec?: LayerSpec;
  /** Where the layer was constructed (`nn.Conv2d(...)`), when it was. */
  readonly definition?: TextRange;
  /** Where it was called (`self.conv1(x)`). */
  readonly call?: TextRange;
  /** Constructor arguments whose value is a command-line option's default: `ngf = 64, the default of --ngf`. */
  readonly origins?: readonly string[];
  readonly inputs: readonly (Shape | null)[];
  readonly output: Shape | null;
  /** A layer that returns a tuple (an LSTM's `(output, (h_n, c_n))`): all of it; `output` is its first tensor. */
  readonly tuple?: TupleOutput;
  /** Every weight the layer creates (Keras' Param # counts the non-trainable ones too). */
  readonly params?: number;
  /** Of those, the non-trainable ones (Keras BatchNormalization's moving statistics), when known. */
  readonly nonTrainableParams?: number;
  readonly macs?: number;
  readonly axes?: readonly AxisArithmetic[];
  readonly notes?: readonly string[];
  /** Receptive field and jump (per spatial axis) of the chain up to and including this layer. */
  readonly receptiveField?: readonly { readonly size: number; readonly jump: number }[];
  /** On a symbolic input: the diagram's arithmetic for one concrete size (representative.ts). */
  readonly drawnFor?: RepresentativeDrawing;
  /** Built and called by a library's code (torchvision's builders): summaries fold it into its stage. */
  readonly library?: true;
}

/** An inline shape: after a layer definition or a statement that makes a tensor. */
export interface ShapeHint {
  /** Where the hint is drawn: the end of the statement's last line. */
  readonly offset: number;
  readonly shape: Shape;
  readonly site: 'definition' | 'statement';
  /** The statement the hint belongs to (hover target). */
  readonly range: TextRange;
  /** Index into `Analysis.layers` of the layer this hint describes, if any. */
  readonly layer?: number;
  /** Set for Keras shapes, whose batch axis is None (shown `None`, not `?`). */
  readonly framework?: Framework;
}

/** Sizes of one input axis the model accepts (accepted-sizes.ts): v = min + k·step, v ≤ max. */
export interface AcceptedAxis {
  /** A model of several inputs: the forward parameter whose tensor this axis is of. */
  readonly input?: string;
  /** The axis of the input tensor (PyTorch [N, C, H, W]: H is 2; Keras (None, H, W, C): H is 1). */
  readonly dim: number;
  /** Its symbol in the symbolic run (`H`). */
  readonly symbol: string;
  readonly sets: readonly SizeSet[];
}

/** Two axes tied by one requirement (a Linear after a flatten): every accepted pair, listed. */
export interface AcceptedPairs {
  /** A model of several inputs: the input both axes are of. */
  readonly input?: string;
  readonly dims: readonly [number, number];
  readonly symbols: readonly [string, string];
  /** The requirement as an equation (`64·(⌊H/2⌋−2)·(⌊W/2⌋−2) = 9216`). */
  readonly relation: string;
  /** The layer that states it (`fc1`). */
  readonly layer: string;
  readonly pairs: readonly (readonly [number, number])[];
}

/**
 * Two axes of different inputs tied by relations (`x + skip`: H = H₂ or either is 1): the pairs
 * accepted, as families (engine/linked-sizes.ts). A pair is accepted when a family holds it.
 */
export interface AcceptedLink extends LinkDescription {
  /** The two axes, each of its input's tensor. */
  readonly dims: readonly [number, number];
}

/** The input sizes a model accepts; axes left out accept every size ≥ 1. */
export interface AcceptedInputs {
  readonly axes: readonly AcceptedAxis[];
  readonly coupled: AcceptedPairs | null;
  /** A model of several inputs: their names (forward parameters, in order) and the links. */
  readonly inputs?: readonly string[];
  readonly links?: readonly AcceptedLink[];
}

/** The input the layers pin (finitely many sizes): the smallest, square where one is. */
export interface ImpliedInput {
  readonly shape: Shape;
  /** The layer whose fixed size implies it (`fc1`). */
  readonly layer: string;
  readonly range?: TextRange;
  /** The edit that declares it where the code declares its input (a Keras Input's shape), when
   *  a shape comment is not the way. */
  readonly declaration?: { readonly range: TextRange; readonly newText: string };
}

export interface ModelInfo {
  readonly name: string;
  readonly framework: Framework;
  /** The class name (or the variable a functional/Sequential model is bound to). */
  readonly range: TextRange;
  readonly inputs: readonly (Shape | null)[];
  readonly output: Shape | null;
  readonly params?: number;
  /** Keras: `params` split as model.summary() prints it (Trainable / Non-trainable), when known. */
  readonly trainableParams?: number;
  readonly nonTrainableParams?: number;
  readonly macs?: number;
  /** Indices into `Analysis.layers`, in execution order. */
  readonly layers: readonly number[];
  /**
   * Parameters modules hold themselves, outside any layer (an nn.Parameter attribute: a ConvNeXt
   * block's `layer_scale`), by module name; set when `params` is known and some module does.
   */
  readonly heldParams?: Readonly<Record<string, number>>;
  /** The input sizes it accepts, when every requirement on them was understood. */
  readonly accepted?: AcceptedInputs;
  /** The input its layers pin, when they do (never assumed: shapes stay symbolic). */
  readonly implied?: ImpliedInput;
}

export interface Analysis {
  readonly models: readonly ModelInfo[];
  readonly layers: readonly LayerCall[];
  readonly hints: readonly ShapeHint[];
  readonly diagnostics: readonly Diagnostic[];
  /** For notebooks: the start offset of each cell in the joined text. */
  readonly cells?: readonly number[];
  /** The declared inputs `--input` replaced (or refused to), each said by the CLI. */
  readonly replacedInputs?: readonly ReplacedInput[];
  /** Module-level names bound to another project file's class, function or module (imports). */
  readonly imported?: readonly ImportedName[];
}

/** A model input the code declares (`keras.Input(shape=...)`) and the caller's `--input` replaced, or could not. */
export interface ReplacedInput {
  readonly model: string;
  readonly range: TextRange;
  readonly given: Shape;
  readonly declared: Shape | null;
  /** Why it was not replaced (the ranks differ); absent: replaced. */
  readonly refused?: string;
  /** Given for this model by name (`--input model=...`), not for every model. */
  readonly byName: boolean;
}

/** A name the document imported from another file of its project. */
export interface ImportedName {
  readonly name: string;
  readonly kind: 'class' | 'function' | 'module';
  /** The file it came from, relative to the project root (`models/common.py`). */
  readonly from: string;
}
