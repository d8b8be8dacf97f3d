// Arithmetic on Keras tensors (`x + y`, `x * y`, comparisons). `KerasTensor.__add__` is
// `ops.Add().symbolic_call`, whose `compute_output_spec` is `operation_utils.broadcast_shapes`
// (Keras 3), not the Add layer's rule: the shorter shape is padded with 1s on the left and the
// axes are compared left to right; 1 takes the other size, None takes the other size (None
// against 1), and the first axis where two sizes differ, neither being 1, raises
//   Cannot broadcast shape, the failure dim has value 4, which cannot be broadcasted to 3.
//   Input shapes are: [None, 4, 4, 64] and [None, 3, 3, 64].
import { type Dim, type Shape, type ShapeError, dimDiffers, dimEquals, dimText } from '../../engine';

const pyDim = (d: Dim) => (d === null ? 'None' : dimText(d));
/** The shapes as Keras prints them here: `list(shape)`, so `[None, 4, 4, 64]`. */
const pyList = (s: Shape) => `[${s.map(pyDim).join(', ')}]`;

export type KerasBroadcast =
  { readonly ok: true; readonly shape: Shape } | { readonly ok: false; readonly error: ShapeError };

export function kerasBroadcastShapes(shape1: Shape, shape2: Shape): KerasBroadcast {
  const n = Math.max(shape1.length, shape2.length);
  const s1: Dim[] = [...Array<Dim>(n - shape1.length).fill(1), ...shape1];
  const s2: Dim[] = [...Array<Dim>(n - shape2.length).fill(1), ...shape2];
  const out: Dim[] = [];
  for (let i = 0; i < n; i++) {
    const [a, b] = [s1[i], s2[i]];
    if (a === 1) out.push(b);
    else if (a === null) out.push(b === 1 ? null : b);
    else if (b === 1 || b === null || dimEquals(a, b)) out.push(a);
    else if (dimDiffers(a, b)) {
      const message = `Cannot broadcast shape, the failure dim has value ${pyDim(a)}, which cannot be broadcasted to ${pyDim(b)}. Input shapes are: ${pyList(shape1)} and ${pyList(shape2)}.`;
      return { ok: false, error: { code: 'broadcast-mismatch', message } };
    }
    // Two sizes that may or may not be equal (symbolic): Keras would give one of them; which is unknown.
    else out.push(null);
  }
  return { ok: true, shape: out };
}
