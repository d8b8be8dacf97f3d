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
