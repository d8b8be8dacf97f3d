// ConvShape's accepted input sizes for models of several inputs against the frameworks: every
// fixture of test/golden/accepted-multi was run in real PyTorch on every pair of square sizes
// 1–64 of its image inputs and a spread of rectangles (tools/golden/accepted_inputs.py), every
// Keras one of test/golden/keras-accepted-multi built by Keras' own shape code, ported, on the
// same sizes (tools/golden/keras_accepted_inputs.py); the predicate validInputs
// states (its axes, pairs and links, read as docs/json-contract.md defines them) must agree on
// every one of them.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../../src/analysis';
import type { AcceptedInputs, ModelInfo } from '../../../src/analysis/types';
import { acceptsLine } from '../../../src/render/accepted';

const GOLDEN = path.resolve(__dirname, '../../../../test/golden');
/** PyTorch models (real PyTorch) and Keras functional models (Keras' own shape code, ported). */
const DIRS = ['accepted-multi', 'keras-accepted-multi'];

interface Golden {
  readonly inputs: readonly { readonly name?: string; readonly channels?: number; readonly shape?: number[] }[];
  readonly squares: readonly string[];
  readonly rectangles: readonly (readonly number[])[];
}

type SizeSet = { min: number; max: number | null; step: number };
/** v ∈ {min + k·step, v ≤ max}. */
const inSet = (s: SizeSet, v: number) => v >= s.min && (s.max === null || v <= s.max) && (v - s.min) % s.step === 0;

/** The sizes of each image input, by input name and axis: [N, C, H, W] has H at 2, W at 3. */
type Sizes = ReadonlyMap<string, readonly [number, number]>;

/** The predicate validInputs states, as the JSON contract reads it (H at `first`: 2 in PyTorch's
 *  [N, C, H, W], 1 in Keras' (None, H, W, C)). */
function predicate(accepted: AcceptedInputs, first: number): (sizes: Sizes) => boolean {
  const size = (sizes: Sizes, input: string | undefined, dim: number) => sizes.get(input!)![dim - first];
  return sizes => {
    for (const a of accepted.axes) if (!a.sets.some(s => inSet(s, size(sizes, a.input, a.dim)))) return false;
    const c = accepted.coupled;
    if (c) {
      const [h, w] = [size(sizes, c.input, c.dims[0]), size(sizes, c.input, c.dims[1])];
      if (!c.pairs.some(([x, y]) => x === h && y === w)) return false;
    }
    for (const l of accepted.links ?? []) {
      const x = size(sizes, l.inputs[0], l.dims[0]);
      const y = size(sizes, l.inputs[1], l.dims[1]);
      const held =
        l.diagonal.some(t => y - x === t.offset && t.sets.some(s => inSet(s, x))) ||
        l.rows.some(t => x === t.at && t.sets.some(s => inSet(s, y))) ||
        l.columns.some(t => y === t.at && t.sets.some(s => inSet(s, x)));
      if (!held) return false;
    }
    return true;
  };
}

/** The last class the file defines, else its module-level `model`. */
function modelOf(text: string): ModelInfo | undefined {
  const names = [...text.matchAll(/^class (\w+)\(/gm)].map(m => m[1]);
  return analyzeText(text).models.find(m => m.name === (names[names.length - 1] ?? 'model'));
}

const fixtures = DIRS.flatMap(dir =>
  fs
    .readdirSync(path.join(GOLDEN, dir))
    .filter(f => f.endsWith('.json'))
    .map(f => `${dir}/${f.slice(0, -5)}`)
    .sort(),
);
const fileOf = (name: string, ext: string) => path.join(GOLDEN, `${name}.${ext}`);

describe('accepted input sizes of models with several inputs vs. real PyTorch (brute force)', function () {
  this.timeout(60_000);

  it('has at least 3 PyTorch and 2 Keras fixtures, each with its golden', () => {
    assert.ok(fixtures.filter(f => f.startsWith('accepted-multi/')).length >= 3, `${fixtures.length} fixtures`);
    assert.ok(fixtures.filter(f => f.startsWith('keras-')).length >= 2, `${fixtures.length} fixtures`);
    for (const f of fixtures) assert.ok(fs.existsSync(fileOf(f, 'py')), f);
  });

  for (const name of fixtures) {
    it(`${name}: validInputs agrees with the framework on every size tried`, () => {
      const golden = JSON.parse(fs.readFileSync(fileOf(name, 'json'), 'utf8')) as Golden;
      const model = modelOf(fs.readFileSync(fileOf(name, 'py'), 'utf8'));
      assert.ok(model?.accepted, 'validInputs is known');
      const inputs = model.accepted.inputs ?? [];
      assert.equal(inputs.length, golden.inputs.length);
      // PyTorch's golden names the forward parameters; Keras' lists the Inputs in order.
      if (model.framework === 'pytorch')
        assert.deepEqual(
          inputs,
          golden.inputs.map(i => i.name),
        );
      const accepts = predicate(model.accepted, model.framework === 'keras' ? 1 : 2);
      const images = inputs.filter((_, k) => golden.inputs[k].channels !== undefined);
      const at = (sizes: (readonly [number, number])[]): Sizes => new Map(images.map((n, k) => [n, sizes[k]]));
      const wrong: string[] = [];
      let tried = 0;
      golden.squares.forEach((row, i) =>
        [...row].forEach((bit, j) => {
          const sizes =
            images.length === 2 ? [[i + 1, i + 1] as const, [j + 1, j + 1] as const] : [[j + 1, j + 1] as const];
          tried++;
          if (accepts(at(sizes)) !== (bit === '1')) wrong.push(`${JSON.stringify(sizes)}: framework ${bit === '1'}`);
        }),
      );
      for (const r of golden.rectangles) {
        const sizes = images.length === 2 ? [[r[0], r[1]] as const, [r[2], r[3]] as const] : [[r[0], r[1]] as const];
        tried++;
        if (accepts(at(sizes)) !== (r[r.length - 1] === 1))
          wrong.push(`${JSON.stringify(sizes)}: framework ${r[r.length - 1] === 1}`);
      }
      assert.ok(tried >= 64, `${tried} sizes tried`);
      assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} of ${tried} sizes disagree`);
    });
  }

  // What the CodeLens, the hover and the summary say (after "accepts").
  const TEXT: Record<string, string> = {
    'keras-accepted-multi/image_with_metadata': 'accepts image: H, W ≥ 13',
    'accepted-multi/rgbd_fusion':
      'accepts rgb and depth: ⌊H/2⌋−1 = ⌊H₂/2⌋−1 (torch.cat): H₂ = H−1 for H = 2k+1, k ≥ 2, or H₂ = H ≥ 4, or H₂ = H+1 for H = 2k, k ≥ 2; likewise W',
    'accepted-multi/residual_merge': 'accepts x and y: H and H₂ broadcast: H₂ = H ≥ 2, or H = 1, or H₂ = 1; likewise W',
    'accepted-multi/film_block': 'accepts x: H, W ≥ 9',
    'accepted-multi/siamese_pair': 'accepts a, b: H, W ≥ 14',
  };
  for (const [name, text] of Object.entries(TEXT)) {
    it(`${name}: its accepted sizes read as one line naming its inputs`, () => {
      const model = modelOf(fs.readFileSync(fileOf(name, 'py'), 'utf8'))!;
      assert.equal(acceptsLine(model), text);
    });
  }

  it('an input not understood leaves the answer unknown', () => {
    // `skip` is added to an upsampled map: the two inputs' sizes are tied at different scales.
    const text = [
      'import torch.nn as nn',
      'import torch.nn.functional as F',
      'class Up(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.conv = nn.Conv2d(8, 8, 3, padding=1)',
      '    def forward(self, x, skip):  # skip: [N, 8, 32, 32]',
      '        return F.interpolate(self.conv(x), scale_factor=2) + skip',
      '',
    ].join('\n');
    const up = modelOf(text);
    assert.ok(up, 'the model is found');
    assert.equal(up.accepted, undefined);
  });

  it('an input nothing tells the shape of leaves the whole answer unknown', () => {
    const model = (forward: string) => {
      const found = modelOf(
        [
          'import torch.nn as nn',
          'class Net(nn.Module):',
          '    def __init__(self):',
          '        super().__init__()',
          '        self.conv = nn.Conv2d(3, 8, 3)',
          '        self.fc = nn.Linear(16, 8)',
          forward,
          '',
        ].join('\n'),
      );
      assert.ok(found, 'the model is found');
      return found;
    };
    // `y` reaches no layer and is not declared; `cond` reaches a Linear, whose rank is open.
    assert.equal(model('    def forward(self, x, y):\n        return self.conv(x) + y').accepted, undefined);
    const film = '    def forward(self, x, cond):\n        return self.conv(x) * self.fc(cond)[:, :, None, None]';
    assert.equal(model(film).accepted, undefined);
    // Declared, the same model is answered.
    assert.ok(model(film.replace('cond):', 'cond):  # cond: [N, 16]')).accepted);
  });
});
