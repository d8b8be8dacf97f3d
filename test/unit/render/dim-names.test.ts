import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../../src/analysis';
import { add, type Dim, floorDiv, product, sub, sym } from '../../../src/engine/dim';
import { formatShapeWithin } from '../../../src/render/dim-names';
import { formatShape } from '../../../src/render/shape-format';
import { evaluateDimText } from '../properties/dim-text-eval';

/** VS Code's default `editor.inlayHints.maximumLength` (43) less the hint's `→ `. */
const HINT_BUDGET = 41;

describe('shapes within a length budget', () => {
  const N = sym('N'),
    D = sym('D'),
    H = sym('H'),
    W = sym('W');
  const quarter = (d: Dim) => floorDiv(sub(d, 1), 4);
  // A 3-d net: two stride-2 stages and a 9-wide valid conv on each axis, a flatten of 128 channels.
  const dPrime = sub(quarter(D), 4);
  const hPrime = sub(quarter(H), 4);
  const wPrime = sub(quarter(W), 4);
  const flat = product([128, dPrime, hPrime, wPrime]);

  it('writes a shape that fits as it is, with no legend', () => {
    const shape = [N, 64, floorDiv(H, 2), 7];
    assert.deepEqual(formatShapeWithin(shape, HINT_BUDGET), { text: formatShape(shape), legend: [] });
  });

  it('names each factor in one symbol after it, and spells the names', () => {
    const shape = [N, flat];
    assert.ok(formatShape(shape).length > HINT_BUDGET, formatShape(shape));
    const named = formatShapeWithin(shape, HINT_BUDGET);
    assert.equal(named.text, '[N, 128·D′·H′·W′]');
    assert.deepEqual(named.legend, ['D′ = ⌊(D−1)/4⌋−4', 'H′ = ⌊(H−1)/4⌋−4', 'W′ = ⌊(W−1)/4⌋−4']);
  });

  it('gives the same size the same name across the shape', () => {
    const named = formatShapeWithin([N, 128, dPrime, hPrime, wPrime, flat], HINT_BUDGET);
    assert.equal(named.text, '[N, 128, D′, H′, W′, 128·D′·H′·W′]');
    assert.equal(named.legend.length, 3);
  });

  it('names whole sizes, longest first, when primes are not enough', () => {
    const mixed = add(product([3, H, W]), product([5, hPrime]));
    const named = formatShapeWithin([N, mixed, flat], 24);
    assert.ok(named.text.length <= 24, named.text);
    assert.match(named.text, /^\[N, F, /);
    assert.equal(named.legend[0].startsWith('F = '), true);
  });

  it('never cuts: a legend line spelled out evaluates to the size it names', () => {
    const named = formatShapeWithin([N, flat], HINT_BUDGET);
    const env = { H: 97, W: 130 };
    const hLine = named.legend[1];
    assert.equal(evaluateDimText(hLine.split(' = ')[1], env), Math.floor(96 / 4) - 4);
  });

  it('reads the MNIST flatten hint whole: [N, 64·(⌊H/2⌋−2)·(⌊W/2⌋−2)]', () => {
    const file = path.join(__dirname, '../../../../test/fixtures/pytorch/mnist_symbolic.py');
    const text = fs.readFileSync(file, 'utf8');
    const analysis = analyzeText(text);
    const flattenAt = text.indexOf('x = torch.flatten(x, 1)');
    const hint = analysis.hints.find(h => h.offset > flattenAt && h.offset < text.indexOf('\n', flattenAt) + 1);
    assert.ok(hint, 'a hint on the flatten line');
    assert.deepEqual(formatShapeWithin(hint.shape, HINT_BUDGET), {
      text: '[N, 64·(⌊H/2⌋−2)·(⌊W/2⌋−2)]',
      legend: [],
    });
  });
});
