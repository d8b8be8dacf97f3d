// What one analysis keeps for Keras: its automatic layer names, the file's image data format,
// and the models built or applied at module level.
import type { Shape } from '../../engine';
import type { Context } from '../context';
import type { FrontendState } from '../frontend';
import type { Expr } from '../../python';
import type { GraphModelValue, LayerValue, ObjectValue } from '../values';

/** A subclassed keras.Model called on Keras tensors at module level: one model application. */
export interface KerasObjectRun {
  readonly obj: ObjectValue;
  readonly inputs: (Shape | null)[];
  readonly output: Shape | null;
  readonly layers: number[];
}

export class KerasState implements FrontendState {
  /** Keras' automatic layer names: the next uid per prefix (`conv2d`, `conv2d_1`, ...). */
  uids = new Map<string, number>();
  /** `keras.backend.set_image_data_format(...)` when the file sets it. */
  dataFormat?: string;
  /** Keras Sequential and Functional models, in construction order. */
  readonly models: GraphModelValue[] = [];
  /** keras.applications backbones made at module level: Functional models of their own. */
  readonly applications: LayerValue[] = [];
  /** Subclassed Keras models applied at module level. */
  readonly objectRuns: KerasObjectRun[] = [];
  nodeId = 0;
  /** How each declared input's shape is written in this document (`keras.Input(shape=(28, 28, 1))`'s
   *  tuple, a first layer's `input_shape=` tuple or `input_dim=` number), by the declaration's offset. */
  readonly declaredShapes = new Map<number, Expr>();
  /** A model is being built anew apart from the analysis (accepted.ts): its errors get no fixes. */
  rerunning = false;
  /** `keras.Input(..., name="image")`: the name written, by the offset of the call (`--input image=...`). */
  readonly inputNames = new Map<number, string>();
  /** Each Input's name as Keras gives it (`name=`, else `input_layer`, `input_layer_1`, …). */
  readonly inputLabels = new Map<number, string>();

  /** Keras' `backend.get_uid(prefix)` naming: `conv2d`, then `conv2d_1`, `conv2d_2`, ... */
  uniqueName(prefix: string): string {
    const n = this.uids.get(prefix) ?? 0;
    this.uids.set(prefix, n + 1);
    return n === 0 ? prefix : `${prefix}_${n}`;
  }

  stamp(): string {
    return `${this.uids.size}:${this.nodeId}`;
  }

  settingsKey(): string {
    return this.dataFormat ?? '';
  }
}

export const kerasState = (ctx: Context): KerasState => ctx.frontendState<KerasState>('keras');
