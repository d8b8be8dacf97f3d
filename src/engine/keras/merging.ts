// Keras 3 merge layers (keras/src/layers/merging/): the elementwise merges of base_merge.py
// (Add, Subtract, Multiply, Average, Maximum, Minimum) and Concatenate. Both validate in
// `build` and then compute the shape in `compute_output_shape`.
import { type Dim, type Shape, add, dimDiffers, dimEquals, isKnown } from '../dim';
import { type LayerRule, registerRules } from '../layer';
import { sameSize } from '../quasi-affine';
import { requireBroadcast, requireEqual } from '../size-requirements';
import { type Inference, type LayerSpec, inferred } from '../types';
import { argInt, guarded, layerName, params, pyShapeList, pyTuple, Quiet, raise } from './common';

const ELEMENTWISE = ['Add', 'Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum'];

/** `Merge._compute_elemwise_op_output_shape`: right-aligned, 1 broadcasts, None stays None. */
function elementwise(shape1: readonly Dim[], shape2: readonly Dim[], name: string): Dim[] {
  if (shape1.length < shape2.length) return elementwise(shape2, shape1, name);
  if (shape2.length === 0) return [...shape1];
  const out: Dim[] = shape1.slice(0, shape1.length - shape2.length);
  shape1.slice(shape1.length - shape2.length).forEach((i, n) => {
    const j = shape2[n];
    if (i === null || j === null) out.push(null);
    else if (i === 1) out.push(j);
    else if (j === 1) out.push(i);
    else if (sameSize(i, j)) out.push(i);
    else {
      if (dimDiffers(i, j))
        raise(
          'broadcast-mismatch',
          `Inputs have incompatible shapes. Received shapes ${pyTuple(shape1)} and ${pyTuple(shape2)}`,
        );
      // Two sizes that may or may not be equal: the result is one of them, but which is unknown.
      requireBroadcast(i, j, name);
      out.push(dimEquals(i, j) || (isKnown(i) && isKnown(j)) ? i : null);
    }
  });
  return out;
}

function inferElementwise(spec: LayerSpec, inputs: readonly Shape[]): Inference {
  return guarded(() => {
    if (inputs.length < 1) throw new Quiet();
    const batches = new Set(inputs.map(s => s[0]).filter(isKnown));
    if (batches.size > 1) {
      raise(
        'broadcast-mismatch',
        `Cannot merge tensors with different batch sizes. Received tensors with shapes ${pyShapeList(inputs)}`,
      );
    }
    let out: Dim[] = inputs[0].slice(1);
    for (const s of inputs.slice(1)) out = elementwise(out, s.slice(1), layerName(spec));
    if (spec.kind === 'Subtract' && inputs.length !== 2) {
      raise(
        'invalid-argument',
        `A \`Subtract\` layer should be called on exactly 2 inputs. Received: input_shape=${pyShapeList(inputs)}`,
      );
    }
    const batch =
      batches.size === 1 ? [...batches][0] : inputs.every(s => dimEquals(s[0], inputs[0][0])) ? inputs[0][0] : null;
    return inferred([batch, ...out]);
  });
}

export const mergeRule: LayerRule = {
  framework: 'keras',
  kinds: ELEMENTWISE,
  signature: () => [],
  infer: inferElementwise,
  params: () => 0,
};

/**
 * `Concatenate.build`: every input with the concatenation axis removed must agree (sizes that
 * are None are skipped), then `compute_output_shape` sums that axis.
 */
function inferConcatenate(spec: LayerSpec, inputs: readonly Shape[]): Inference {
  return guarded(() => {
    const axis = argInt(spec, 'axis');
    if (inputs.length < 1) throw new Quiet();
    const message = `A \`Concatenate\` layer requires inputs with matching shapes except for the concatenation axis. Received: input_shape=${pyShapeList(inputs)}`;
    // Keras deletes index `axis` (Python indexing) when len > axis; negative axes always apply.
    const reduced = inputs.map(s => {
      const r = [...s];
      if (r.length > axis) {
        const at = axis < 0 ? r.length + axis : axis;
        if (at < 0) throw new Quiet(); // IndexError in Keras
        r.splice(at, 1);
      }
      return r;
    });
    const ranks = new Set(reduced.map(r => r.length));
    if (ranks.size > 1) raise('cat-mismatch', message);
    const rank = reduced[0].length;
    for (let a = 0; a < rank; a++) {
      const dims = reduced.map(r => r[a]).filter(d => d !== null);
      if (dims.some(d => dims.some(e => dimDiffers(d, e)))) raise('cat-mismatch', message);
      dims.slice(1).forEach(d => requireEqual(dims[0], d, layerName(spec)));
    }
    const first = inputs[0];
    const at = axis < 0 ? first.length + axis : axis;
    if (
      at < 0 ||
      at >= first.length ||
      inputs.some(s => (axis < 0 ? s.length + axis : axis) >= s.length || (axis < 0 && s.length + axis < 0))
    ) {
      raise('invalid-argument', 'list index out of range', 'axis');
    }
    const out: Dim[] = [...first];
    let total: Dim = first[at];
    for (const s of inputs.slice(1)) {
      const d = s[axis < 0 ? s.length + axis : axis];
      if (total === null || d === null) {
        total = null;
        break;
      }
      total = add(total, d);
    }
    out[at] = total;
    return inferred(out);
  });
}

export const concatenateRule: LayerRule = {
  framework: 'keras',
  kinds: ['Concatenate'],
  signature: () => params(['axis', -1]),
  infer: inferConcatenate,
  params: () => 0,
};

registerRules([mergeRule, concatenateRule]);
