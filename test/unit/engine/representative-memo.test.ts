// The representative-size searches keep what they found by spec and input (representative.ts):
// asked again, for the same objects or equal ones, they must give what the search itself gives.
// The reference below is the search written out without any memo.
import { strict as assert } from 'assert';
import {
  type ArgValue,
  type AxisArithmetic,
  type DrawableLayer,
  LARGEST_REPRESENTATIVE,
  type LayerSpec,
  type RepresentativeDrawing,
  type Shape,
  type SymbolSizes,
  applyLayer,
  bindLayer,
  modelRepresentative,
  representativeDrawing,
  substitute,
  sym,
  symbolsOf,
} from '../../../src/engine';
import { axisGeometry } from '../../../src/engine/geometry';
import { type SizeRequirement, collectRequirements } from '../../../src/engine/size-requirements';

const N = sym('N'),
  H = sym('H'),
  W = sym('W');

function spec(kind: string, positional: ArgValue[], keywords: Record<string, ArgValue> = {}): LayerSpec {
  const bound = bindLayer('pytorch', kind, positional, keywords);
  assert.ok(bound?.ok, `${kind} binds`);
  return bound.spec;
}

function referenceAxes(
  s: LayerSpec,
  input: Shape,
  count: number,
  sizes: SymbolSizes,
  nonDegenerate: boolean,
): readonly AxisArithmetic[] | undefined {
  const inference = applyLayer(s, [input.map(d => substitute(d, sizes))]);
  if (!inference.ok || inference.axes?.length !== count) return undefined;
  for (const a of inference.axes) {
    if (typeof a.input !== 'number' || typeof a.output !== 'number') return undefined;
    if (nonDegenerate && (a.input < 2 || a.output < 2)) return undefined;
  }
  return inference.axes.every(a => axisGeometry(a)) ? inference.axes : undefined;
}

function referenceDrawing(
  s: LayerSpec,
  input: Shape,
  axes: readonly AxisArithmetic[],
  implied?: SymbolSizes,
): RepresentativeDrawing | undefined {
  if (axes.every(a => typeof a.input === 'number' && typeof a.output === 'number')) return undefined;
  const symbols = new Set<string>();
  for (const a of axes) symbolsOf(a.input, symbols);
  if (symbols.size === 0) return undefined;
  if (implied && [...symbols].every(x => x in implied)) {
    const sizes = Object.fromEntries([...symbols].map(x => [x, implied[x]]));
    const drawn = referenceAxes(s, input, axes.length, sizes, false);
    if (drawn) return { sizes, basis: 'implied', axes: drawn };
  }
  for (let n = 1; n <= LARGEST_REPRESENTATIVE; n++) {
    const sizes = Object.fromEntries([...symbols].map(x => [x, n]));
    const drawn = referenceAxes(s, input, axes.length, sizes, true);
    if (drawn) return { sizes, basis: 'smallest', axes: drawn };
  }
  return undefined;
}

function referenceModel(layers: readonly DrawableLayer[]): SymbolSizes | undefined {
  const drawable = layers.filter(l => l.spec && l.inputs[0] && l.axes?.length);
  const symbols = new Set<string>();
  for (const l of drawable) for (const a of l.axes!) symbolsOf(a.input, symbols);
  if (symbols.size === 0) return undefined;
  for (const nonDegenerate of [true, false]) {
    for (let n = 1; n <= LARGEST_REPRESENTATIVE; n++) {
      const sizes = Object.fromEntries([...symbols].map(x => [x, n]));
      if (drawable.every(l => referenceAxes(l.spec!, l.inputs[0]!, l.axes!.length, sizes, nonDegenerate))) return sizes;
    }
  }
  return undefined;
}

/** A stem and an Inception auxiliary head: ⌊·⌋ sizes, and a 5×5 conv no size up to the limit draws. */
function chain(): DrawableLayer[] {
  const layers: DrawableLayer[] = [];
  let x: Shape = [N, 3, H, W];
  for (const s of [
    spec('Conv2d', [3, 32, 3], { stride: 2 }),
    spec('Conv2d', [32, 32, 3]),
    spec('MaxPool2d', [3, 2]),
    spec('Conv2d', [32, 64, 3], { padding: 1, dilation: 2 }),
    spec('AvgPool2d', [5], { stride: 3 }),
    spec('Conv2d', [64, 128, 5]),
    spec('Conv2d', [128, 768, 5]),
  ]) {
    const inference = applyLayer(s, [x]);
    assert.ok(inference.ok && inference.axes && inference.output);
    layers.push({ spec: s, inputs: [x], axes: inference.axes });
    x = inference.output;
  }
  return layers;
}

/** The same layers on inputs that are other objects, equal. */
const copied = (layers: readonly DrawableLayer[]) =>
  layers.map(l => ({ ...l, inputs: l.inputs.map(i => (i ? [...i] : i)) }));

describe('engine: the representative-size searches remembered', () => {
  it('each layer, drawn alone, twice and on an equal input, gets what the search gives', () => {
    const layers = chain();
    for (const l of [...layers, ...layers, ...copied(layers)]) {
      const want = referenceDrawing(l.spec!, l.inputs[0]!, l.axes!);
      assert.deepStrictEqual(representativeDrawing(l.spec, l.inputs[0], l.axes), want);
    }
    // The last layers need more than LARGEST_REPRESENTATIVE: no picture, remembered as none.
    assert.equal(representativeDrawing(layers[6].spec, layers[6].inputs[0], layers[6].axes), undefined);
  });

  it('with an implied size that runs, and one that does not (the search is then asked)', () => {
    for (const l of chain()) {
      for (const implied of [
        { H: 299, W: 299 },
        { H: 5, W: 5 },
        { H: 40, W: 41 },
      ]) {
        const want = referenceDrawing(l.spec!, l.inputs[0]!, l.axes!, implied);
        const got = representativeDrawing(l.spec, l.inputs[0], l.axes, implied);
        assert.deepStrictEqual(got, want);
      }
    }
  });

  it('a model: the size every layer is drawn for, or none, as the search gives', () => {
    const layers = chain();
    for (const some of [layers.slice(0, 4), layers.slice(0, 5), layers]) {
      const want = referenceModel(some);
      assert.deepStrictEqual(modelRepresentative(some), want);
      assert.deepStrictEqual(modelRepresentative(copied(some)), want);
    }
    assert.equal(modelRepresentative(layers), undefined);
    assert.ok(modelRepresentative(layers.slice(0, 4)));
  });

  it('under a collector of size requirements: the same drawing, and what the rules state heard as without a memo', () => {
    const s = spec('Conv2d', [32, 32, 3], { stride: 2 });
    const input: Shape = [N, sym('C'), H, W];
    const inference = applyLayer(s, [input]);
    assert.ok(inference.ok && inference.axes);
    const axes = inference.axes;
    representativeDrawing(s, input, axes);
    const heard: SizeRequirement[] = [];
    const again = collectRequirements(
      r => heard.push(r),
      () => representativeDrawing(s, input, axes),
    );
    const fresh: SizeRequirement[] = [];
    const want = collectRequirements(
      r => fresh.push(r),
      () => referenceDrawing(s, input, axes),
    );
    assert.deepStrictEqual(again, want);
    assert.deepStrictEqual(heard, fresh);
  });
});
