// Properties of the engine's rules over random layer configurations (fast-check, fixed seeds):
// agreement with a sampled subset of the real-PyTorch goldens, the guide's relationship 14 (a
// convolution followed by its transposed convolution with output_padding a restores the input
// size), monotonicity of output size in input size, and agreement of symbolic with concrete
// evaluation once the symbols are substituted.
import { strict as assert } from 'assert';
import * as fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import {
  type ArgValue,
  applyLayer,
  bindLayer,
  type Dim,
  dimJson,
  layerParams,
  type Shape,
  substitute,
  sym,
} from '../../../src/engine';

const SEED = 20240601;
const run = (p: fc.IProperty<never> | fc.IProperty<unknown>, numRuns = 300) =>
  fc.assert(p as fc.IProperty<unknown>, { seed: SEED, numRuns });

/** Output shape of a PyTorch layer on one input, or an error string (construction or forward). */
function outputOf(
  kind: string,
  args: ArgValue[],
  kwargs: Record<string, ArgValue>,
  input: Shape,
  call?: Record<string, ArgValue>,
): Shape | null | string {
  const bound = bindLayer('pytorch', kind, args, kwargs);
  if (!bound) return 'unknown kind';
  if (!bound.ok) return `construct: ${bound.error.message}`;
  const r = applyLayer(bound.spec, [input], call);
  return r.ok ? r.output : `forward: ${r.error.message}`;
}

interface GoldenCase {
  kind: string;
  args: ArgValue[];
  kwargs: Record<string, ArgValue>;
  inputs: number[][];
  call?: Record<string, ArgValue>;
  output?: number[];
  params?: number;
  error?: { stage: 'construct' | 'forward'; message: string };
}

describe('engine properties (fast-check)', () => {
  it('agrees with real PyTorch on a sampled subset of test/golden/pytorch-layers.json', () => {
    const file = path.join(__dirname, '../../../../test/golden/pytorch-layers.json');
    const { cases } = JSON.parse(fs.readFileSync(file, 'utf8')) as { cases: GoldenCase[] };
    // Set elements print in hash order in Python; compare them sorted (as the golden test does).
    const norm = (m: string) =>
      m.replace(/\{('[^']*'(?:, '[^']*')*)\}/g, (_, inner: string) => `{${inner.split(', ').sort().join(', ')}}`);
    run(
      fc.property(fc.integer({ min: 0, max: cases.length - 1 }), i => {
        const c = cases[i];
        const bound = bindLayer('pytorch', c.kind, c.args, c.kwargs);
        assert.ok(bound, `${c.kind} unknown`);
        if (c.error?.stage === 'construct') {
          assert.ok(!bound.ok, `${c.kind} should fail to construct: ${c.error.message}`);
          return assert.equal(norm(bound.error.message), norm(c.error.message));
        }
        assert.ok(bound.ok, `${c.kind}: ${!bound.ok && bound.error.message}`);
        const result = applyLayer(bound.spec, c.inputs, c.call);
        if (c.error) {
          assert.ok(!result.ok, `${c.kind} should fail: ${c.error.message}`);
          return assert.equal(norm(result.error.message), norm(c.error.message));
        }
        assert.ok(result.ok, `${c.kind}: ${!result.ok && result.error.message}`);
        assert.deepEqual(
          result.output,
          c.output,
          `${c.kind}(${JSON.stringify(c.args)}, ${JSON.stringify(c.kwargs)}) on ${JSON.stringify(c.inputs)}`,
        );
        assert.equal(layerParams(bound.spec, c.inputs[0]), c.params);
      }),
      500,
    );
  });

  // One spatial axis' configuration; inputs large enough for the kernel.
  const axis = fc
    .record({
      kernel: fc.integer({ min: 1, max: 7 }),
      stride: fc.integer({ min: 1, max: 4 }),
      dilation: fc.integer({ min: 1, max: 3 }),
      extra: fc.integer({ min: 0, max: 40 }),
    })
    .chain(a =>
      fc.record({
        ...Object.fromEntries(Object.entries(a).map(([k, v]) => [k, fc.constant(v)])),
        padding: fc.integer({ min: 0, max: Math.floor(a.kernel / 2) }),
      }),
    ) as fc.Arbitrary<{ kernel: number; stride: number; dilation: number; extra: number; padding: number }>;

  it('relationship 14: Conv2d then ConvTranspose2d with output_padding a restores the input size', () => {
    run(
      fc.property(
        axis,
        axis,
        (
          { kernel: k1, stride: s1, dilation: d1, padding: p1, extra: e1 },
          { kernel: k2, stride: s2, dilation: d2, padding: p2, extra: e2 },
        ) => {
          const h = d1 * (k1 - 1) + 1 + e1,
            w = d2 * (k2 - 1) + 1 + e2;
          const conv = outputOf(
            'Conv2d',
            [4, 6, [k1, k2]],
            { stride: [s1, s2], padding: [p1, p2], dilation: [d1, d2] },
            [2, 4, h, w],
          );
          assert.ok(Array.isArray(conv), String(conv));
          // a = (i + 2p − d(k − 1) − 1) mod s: the input cells the stride left over (relationship 14).
          const a1 = (h + 2 * p1 - d1 * (k1 - 1) - 1) % s1,
            a2 = (w + 2 * p2 - d2 * (k2 - 1) - 1) % s2;
          const back = outputOf(
            'ConvTranspose2d',
            [6, 4, [k1, k2]],
            { stride: [s1, s2], padding: [p1, p2], dilation: [d1, d2], output_padding: [a1, a2] },
            conv,
          );
          assert.deepEqual(back, [2, 4, h, w]);
        },
      ),
    );
  });

  const spatialOut = (o: Shape | null | string): Dim[] | undefined => (Array.isArray(o) ? o.slice(2) : undefined);

  for (const [kind, extra] of [
    ['Conv2d', {}],
    ['MaxPool2d', {}],
    ['MaxPool2d', { ceil_mode: true }],
    ['AvgPool2d', { ceil_mode: true }],
    ['AvgPool2d', { ceil_mode: true, count_include_pad: false }],
  ] as const) {
    it(`${kind}${Object.keys(extra).length ? ' ' + JSON.stringify(extra) : ''}: output size is monotone in input size`, () => {
      let compared = 0;
      run(
        fc.property(axis, fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 30 }), (a, i1, grow) => {
          const i2 = i1 + grow;
          const isConv = kind === 'Conv2d';
          const args: ArgValue[] = isConv ? [3, 5, a.kernel] : [a.kernel];
          const kw: Record<string, ArgValue> = { stride: a.stride, padding: a.padding, dilation: a.dilation, ...extra };
          if (kind === 'AvgPool2d') delete kw.dilation;
          const o1 = spatialOut(outputOf(kind, args, kw, [1, 3, i1, i1]));
          const o2 = spatialOut(outputOf(kind, args, kw, [1, 3, i2, i2]));
          if (o1) assert.ok(o2, `${kind} accepts ${i1} but not ${i2}`);
          if (o1 && o2)
            o1.forEach((d, j) =>
              assert.ok((d as number) <= (o2[j] as number), `out(${i1}) = ${d} > out(${i2}) = ${o2[j]}`),
            );
          if (o1 && o2) compared++;
        }),
      );
      assert.ok(compared > 50, `only ${compared} comparable pairs`);
    });
  }

  for (const [kind, makeArgs] of [
    ['Conv2d', (k: number) => [3, 8, k] as ArgValue[]],
    ['ConvTranspose2d', (k: number) => [3, 8, k] as ArgValue[]],
    ['MaxPool2d', (k: number) => [k] as ArgValue[]],
    ['AvgPool2d', (k: number) => [k] as ArgValue[]],
  ] as const) {
    it(`${kind}: symbolic [N, 3, H, W] and concrete evaluation agree after substitution`, () => {
      let compared = 0;
      run(
        fc.property(
          axis,
          fc.boolean(),
          fc.integer({ min: 1, max: 8 }),
          fc.integer({ min: 1, max: 64 }),
          fc.integer({ min: 1, max: 64 }),
          (a, ceil, n, h, w) => {
            const kw: Record<string, ArgValue> = { stride: a.stride, padding: a.padding };
            if (kind !== 'AvgPool2d') kw.dilation = a.dilation;
            if (kind.includes('Pool')) kw.ceil_mode = ceil;
            const concrete = outputOf(kind, makeArgs(a.kernel), kw, [n, 3, h, w]);
            if (!Array.isArray(concrete)) return; // the framework raises for this size: nothing to compare
            const symbolic = outputOf(kind, makeArgs(a.kernel), kw, [sym('N'), 3, sym('H'), sym('W')]);
            assert.ok(Array.isArray(symbolic), `symbolic evaluation failed: ${symbolic}`);
            const env = { N: n, H: h, W: w };
            symbolic.forEach((d, j) => {
              if (d === null) return; // unknown is always allowed (no false claims)
              assert.equal(
                dimJson(substitute(d, env)),
                concrete[j],
                `axis ${j}: ${JSON.stringify(dimJson(d))} at ${JSON.stringify(env)}`,
              );
              if (j >= 2) compared++;
            });
          },
        ),
      );
      // Symbolic spatial sizes must mostly be known, or the comparison above would be vacuous.
      assert.ok(compared > 100, `only ${compared} symbolic spatial dims were known`);
    });
  }
});
