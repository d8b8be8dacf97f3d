// The Keras rules against test/golden/keras-layers.json, made by tools/golden/keras_layers.py from
// a port of Keras 3's own shape code: every case must agree on the output shape (or the error's
// code and message) and on the trainable parameter count.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import '../../../src/engine';
import { dimJson } from '../../../src/engine/dim';
import { applyLayer, bindLayer, layerParams } from '../../../src/engine/layer';
import type { ArgValue } from '../../../src/engine/types';

type JsonDim = number | null;
interface GoldenCase {
  layer: string;
  positional: ArgValue[];
  keywords: Record<string, ArgValue>;
  name?: string;
  inputs: JsonDim[][];
  built?: JsonDim[];
  expected:
    { output: JsonDim[]; params: number } | { stage: 'construct' | 'call'; error: { code: string; message: string } };
}

function goldenFile(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return path.join(dir, 'test', 'golden', 'keras-layers.json');
}

/** What the engine says for one case, in the golden file's terms. */
function engineAnswer(c: GoldenCase): unknown {
  const bound = bindLayer('keras', c.layer, c.positional, c.keywords, c.name ? { layerName: c.name } : {});
  if (!bound) return { unknownLayer: c.layer };
  if (!bound.ok) return { stage: 'construct', error: { code: bound.error.code, message: bound.error.message } };
  const result = applyLayer(bound.spec, c.inputs, c.built ? { built_input_shape: c.built } : undefined);
  if (!result.ok) return { stage: 'call', error: { code: result.error.code, message: result.error.message } };
  return { output: result.output ? result.output.map(dimJson) : null, params: layerParams(bound.spec, c.inputs[0]) };
}

describe('keras golden data (port of Keras 3 shape code)', () => {
  const doc = JSON.parse(fs.readFileSync(goldenFile(), 'utf8')) as { cases: GoldenCase[] };
  const byLayer = new Map<string, GoldenCase[]>();
  for (const c of doc.cases) byLayer.set(c.layer, [...(byLayer.get(c.layer) ?? []), c]);

  it('has at least 1,000 cases, with errors among them', () => {
    assert.ok(doc.cases.length >= 1000, `${doc.cases.length} cases`);
    assert.ok(doc.cases.filter(c => 'error' in c.expected).length >= 100);
  });

  for (const [layer, cases] of [...byLayer.entries()].sort()) {
    it(`${layer}: ${cases.length} cases agree`, () => {
      const disagreements = cases
        .map(c => ({ c, got: engineAnswer(c) }))
        .filter(({ c, got }) => JSON.stringify(got) !== JSON.stringify(c.expected));
      const shown = disagreements
        .slice(0, 5)
        .map(
          ({ c, got }) =>
            `${c.layer}(${JSON.stringify(c.positional)}, ${JSON.stringify(c.keywords)}) on ${JSON.stringify(c.inputs)}\n  keras:  ${JSON.stringify(c.expected)}\n  engine: ${JSON.stringify(got)}`,
        );
      assert.equal(disagreements.length, 0, `${disagreements.length}/${cases.length} disagree:\n${shown.join('\n')}`);
    });
  }
});
