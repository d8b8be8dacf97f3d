// keras.applications backbones against test/golden/keras-applications.json, made by
// tools/golden/keras_applications.py from Keras' own architecture files run on the port of
// Keras 3's shape code: output shape, trainable and non-trainable weights, or Keras' error.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import '../../../src/engine';
import { dimJson } from '../../../src/engine/dim';
import { applyLayer, bindLayer, findRule, layerFrozenParams, layerParams } from '../../../src/engine/layer';
import type { ArgValue } from '../../../src/engine/types';

interface GoldenCase {
  model: string;
  keywords: Record<string, ArgValue>;
  expected: { output: (number | null)[]; params: number; nonTrainable: number } | { error: string };
}

function goldenFile(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return path.join(dir, 'test', 'golden', 'keras-applications.json');
}

function engineAnswer(c: GoldenCase): unknown {
  const bound = bindLayer('keras', c.model, [], { weights: null, ...c.keywords });
  if (!bound) return { unknownModel: c.model };
  if (!bound.ok) return { error: bound.error.message };
  const result = applyLayer(bound.spec, []);
  if (!result.ok) return { error: result.error.message };
  return {
    output: result.output?.map(dimJson) ?? null,
    params: layerParams(bound.spec),
    nonTrainable: layerFrozenParams(bound.spec),
  };
}

describe('keras golden data: keras.applications (Keras architecture code on the port)', () => {
  const doc = JSON.parse(fs.readFileSync(goldenFile(), 'utf8')) as { cases: GoldenCase[] };
  const byModel = new Map<string, GoldenCase[]>();
  for (const c of doc.cases) byModel.set(c.model, [...(byModel.get(c.model) ?? []), c]);
  const covered = [...byModel.keys()].filter(m => findRule('keras', m));

  it(`the engine builds ${covered.length} of the ${byModel.size} backbones in the golden data`, () => {
    assert.ok(covered.length >= 38, covered.join(', '));
  });

  for (const model of covered.sort()) {
    const cases = byModel.get(model)!;
    it(`${model}: ${cases.length} cases agree`, function () {
      this.timeout(60_000); // hundreds of layers per build, 25 builds, on a shared machine
      const wrong = cases
        .map(c => ({ c, got: engineAnswer(c) }))
        .filter(({ c, got }) => JSON.stringify(got) !== JSON.stringify(c.expected));
      const shown = wrong
        .slice(0, 4)
        .map(
          ({ c, got }) =>
            `${JSON.stringify(c.keywords)}\n  keras:  ${JSON.stringify(c.expected)}\n  engine: ${JSON.stringify(got)}`,
        );
      assert.equal(wrong.length, 0, `${wrong.length}/${cases.length} disagree:\n${shown.join('\n')}`);
    });
  }
});

describe('keras.applications: an input_shape the port does not follow', () => {
  it('a size that is not an integer leaves the output unknown, never a fractional size', () => {
    for (const model of ['EfficientNetB0', 'ResNet50', 'MobileNetV2']) {
      const sizes: ArgValue[][] = [
        [224, 224.5, 3],
        [224.5, 224, 3],
      ];
      for (const input_shape of sizes) {
        const bound = bindLayer('keras', model, [], { weights: null, include_top: false, input_shape });
        assert.ok(bound?.ok, model);
        const result = applyLayer(bound.spec, []);
        assert.deepEqual(result, { ok: true, output: null }, `${model} ${JSON.stringify(input_shape)}`);
      }
      const whole = bindLayer('keras', model, [], { weights: null, include_top: false, input_shape: [224, 224, 3] });
      assert.ok(whole?.ok);
      const known = applyLayer(whole.spec, []);
      assert.ok(known.ok && known.output?.every(d => d === null || Number.isInteger(d)), model);
    }
  });
});
