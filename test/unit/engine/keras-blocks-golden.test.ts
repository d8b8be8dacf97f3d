// The Keras recurrent layers, wrappers, attention and group normalization against
// test/golden/keras-blocks.json, made by tools/golden/keras_blocks.py from the port of Keras 3's
// shape code: every case agrees on the output (every tensor of a list output), or the error's
// code and message, and on the trainable parameter count.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import '../../../src/engine';
import { dimJson } from '../../../src/engine/dim';
import { applyLayer, bindLayer, layerParams } from '../../../src/engine/layer';
import { type ArgValue, type ShapeError, flatOutputs } from '../../../src/engine/types';

type JsonDim = number | null;
interface LayerJson {
  layer: string;
  keywords: Record<string, unknown>;
  name?: string;
}
interface GoldenCase extends LayerJson {
  inputs: JsonDim[][];
  call?: Record<string, ArgValue>;
  expected: unknown;
}

function goldenFile(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return path.join(dir, 'test', 'golden', 'keras-blocks.json');
}

class ConstructError extends Error {
  constructor(readonly error: ShapeError) {
    super(error.message);
  }
}

/** Binds a layer, its wrapped layer first (a construction error there is the case's error). */
function bind(desc: LayerJson) {
  const keywords: Record<string, ArgValue> = {};
  for (const [k, v] of Object.entries(desc.keywords)) {
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && 'layer' in v) {
      keywords[k] = { kind: 'layer', spec: bind(v as LayerJson) };
    } else keywords[k] = v as ArgValue;
  }
  const bound = bindLayer('keras', desc.layer, [], keywords, desc.name ? { layerName: desc.name } : {});
  if (!bound) throw new Error(`unknown layer ${desc.layer}`);
  if (!bound.ok) throw new ConstructError(bound.error);
  return bound.spec;
}

function engineAnswer(c: GoldenCase): unknown {
  let spec;
  try {
    spec = bind(c);
  } catch (e) {
    if (e instanceof ConstructError)
      return { stage: 'construct', error: { code: e.error.code, message: e.error.message } };
    throw e;
  }
  const result = applyLayer(spec, c.inputs, c.call);
  if (!result.ok) return { stage: 'call', error: { code: result.error.code, message: result.error.message } };
  const shapes = result.tuple
    ? { outputs: flatOutputs(result.tuple).map(o => (o.shape ? o.shape.map(dimJson) : null)) }
    : { output: result.output ? result.output.map(dimJson) : null };
  return { ...shapes, params: layerParams(spec, c.inputs[0], c.inputs), nonTrainable: 0 };
}

describe('keras golden data: recurrent layers, wrappers, attention (port of Keras 3 shape code)', () => {
  const doc = JSON.parse(fs.readFileSync(goldenFile(), 'utf8')) as { cases: GoldenCase[] };
  const byLayer = new Map<string, GoldenCase[]>();
  for (const c of doc.cases) byLayer.set(c.layer, [...(byLayer.get(c.layer) ?? []), c]);

  it('has at least 500 cases, with errors and list outputs among them', () => {
    assert.ok(doc.cases.length >= 500, `${doc.cases.length} cases`);
    assert.ok(doc.cases.filter(c => 'error' in (c.expected as object)).length >= 50);
    assert.ok(doc.cases.filter(c => 'outputs' in (c.expected as object)).length >= 50);
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
            `${c.layer}(${JSON.stringify(c.keywords)}) on ${JSON.stringify(c.inputs)} ${JSON.stringify(c.call ?? {})}\n  keras:  ${JSON.stringify(c.expected)}\n  engine: ${JSON.stringify(got)}`,
        );
      assert.equal(disagreements.length, 0, `${disagreements.length}/${cases.length} disagree:\n${shown.join('\n')}`);
    });
  }
});
