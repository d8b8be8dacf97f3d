// The messages between the explorer panel (explorer-panel.ts, extension host) and its webview
// script (src/webview/explorer.ts). Plain data; no `vscode` and no DOM here.
import type { AxisArithmetic } from '../engine/types';
import type { ChannelGroups } from '../webview/groups-svg';

/** What a control sets: a layer argument (by its role; its name differs by framework) or the model's input size. */
export type ControlRole = 'kernel' | 'stride' | 'padding' | 'dilation' | 'outputPadding' | 'groups' | 'input';

export interface ExplorerControl {
  readonly role: ControlRole;
  /** The argument's name in the call (`kernel_size`, `strides`), or the input's name for `input`. */
  readonly param: string;
  readonly label: string;
  readonly value: number | string;
  readonly min?: number;
  readonly max?: number;
  /** A choice instead of a range (Keras padding modes, the divisors groups may be). */
  readonly options?: readonly (number | string)[];
  /** Differs from the code (not applied yet). */
  readonly changed: boolean;
}

/** A problem of the re-analysed model, with its 1-based line. */
export interface ExplorerProblem {
  readonly line: number;
  readonly severity: string;
  readonly message: string;
  /** Not in the code as it is: the controls' values cause it. */
  readonly introduced: boolean;
}

export interface ExplorerView {
  /** `conv2: Conv2d  [1, 16, 16, 16] → [1, 32, 8, 8]`. */
  readonly title: string;
  readonly kind: string;
  readonly name?: string;
  /** Absent when the layer cannot be drawn with these arguments (its error says why). */
  readonly axes?: readonly AxisArithmetic[];
  /** `H: ⌊(16 + 2·1 − 3)/2⌋ + 1 = 8   (relationship 6)`, one per spatial axis. */
  readonly formulas: readonly string[];
  readonly notes: readonly string[];
  readonly channels?: ChannelGroups;
  readonly controls: readonly ExplorerControl[];
  /** `SmallConvNet: [1, 3, 32, 32] → [1, 10]`, with the controls' values. */
  readonly model?: string;
  readonly problems: readonly ExplorerProblem[];
  /** The layer's own error with the controls' values. */
  readonly error?: string;
  /** Whether the controls differ from the code, and whether "Apply to code" can write them. */
  readonly changed: boolean;
  readonly applicable: boolean;
  readonly notApplicable?: string;
  /** Where the layer is written, for the panel's heading: `model.py:11`. */
  readonly location: string;
}

/**
 * One kernel position, drawn by the extension with the hover's renderer (render/svg.ts): the
 * webview only plays them, so the drawing code ships once per host, not again in the webview.
 */
export interface ExplorerFrame {
  /** Which of the played frames (0-based) and how many there are. */
  readonly position: number;
  readonly count: number;
  readonly svg: string;
  /** `output (1, 2) reads input rows 1–3 × columns 3–5`. */
  readonly caption: string;
  /** Where the window sits on each axis, with the numbers. */
  readonly arithmetic: readonly string[];
}

export type ToExplorer =
  | { readonly type: 'view'; readonly view: ExplorerView }
  | { readonly type: 'frame'; readonly frame: ExplorerFrame }
  | { readonly type: 'empty'; readonly message: string };

export type FromExplorer =
  | { readonly type: 'ready' }
  | { readonly type: 'frame'; readonly position: number }
  | { readonly type: 'set'; readonly role: ControlRole; readonly value: number | string }
  | { readonly type: 'apply' }
  | { readonly type: 'reset' }
  | { readonly type: 'reveal' };
