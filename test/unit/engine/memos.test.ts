// The engine's memos give what a fresh computation gives: an inference reused by spec, inputs and
// call arguments (with the size requirements it stated, stated again), a signature made once per
// rule and kind, a canonical name worked out once. Equal specs and shapes that are other objects
// find the same entry; a spec, an input or a call argument that differs does not.
import { strict as assert } from 'assert';
import { applyLayer, bindLayer, findRule, knownKinds, signatureOf, sym } from '../../../src/engine';
import type { LayerSpec, Shape } from '../../../src/engine';
import { type SizeRequirement, collectRequirements } from '../../../src/engine/size-requirements';
import { canonicalName } from '../../../src/python/imports';

const conv = (outChannels: number): LayerSpec => {
  const bound = bindLayer('pytorch', 'Conv2d', [3, outChannels, 3], {});
  assert.ok(bound?.ok);
  return bound.spec;
};

/** The inference and the requirements it states, heard by a collector of its own. */
function applied(spec: LayerSpec, inputs: Shape[], callArgs?: Record<string, number>) {
  const stated: SizeRequirement[] = [];
  const inference = collectRequirements(
    r => stated.push(r),
    () => applyLayer(spec, inputs, callArgs),
  );
  return { inference, stated };
}

describe('engine: memos', () => {
  it('an inference applied again is the same, found by equal specs and shapes that are other objects', () => {
    const first = applied(conv(8), [[1, 3, 32, 32]]);
    const again = applied(conv(8), [[1, 3, 32, 32]]);
    assert.ok(first.inference.ok);
    assert.deepEqual((first.inference as { output: Shape }).output, [1, 8, 30, 30]);
    assert.equal(again.inference, first.inference);
  });

  it('another spec, input or call argument is not taken for a remembered one', () => {
    const wide = applied(conv(16), [[1, 3, 32, 32]]).inference;
    const small = applied(conv(8), [[1, 3, 10, 10]]).inference;
    assert.deepEqual(wide.ok && wide.output, [1, 16, 30, 30]);
    assert.deepEqual(small.ok && small.output, [1, 8, 8, 8]);
    const up = bindLayer('pytorch', 'ConvTranspose2d', [8, 4, 3], { stride: 2 });
    assert.ok(up?.ok);
    const plain = applied(up.spec, [[1, 8, 5, 5]]).inference;
    const sized = applied(up.spec, [[1, 8, 5, 5]], { output_size: [12, 12] } as never).inference;
    assert.deepEqual(plain.ok && plain.output, [1, 4, 11, 11]);
    assert.deepEqual(sized.ok && sized.output, [1, 4, 12, 12]);
  });

  it('a remembered inference states its size requirements again', () => {
    const input: Shape = [1, 3, sym('H'), sym('W')];
    const first = applied(conv(8), [input]);
    const again = applied(conv(8), [[1, 3, sym('H'), sym('W')]]);
    assert.ok(first.stated.length > 0, 'a 3×3 kernel requires H, W ≥ 3');
    assert.equal(again.inference, first.inference);
    assert.deepEqual(again.stated, first.stated);
  });

  it('a signature made once is the rule’s own, for every kind the engine knows', () => {
    for (const framework of ['pytorch', 'keras'] as const) {
      for (const name of knownKinds(framework)) {
        const { rule, kind } = findRule(framework, name)!;
        const once = signatureOf(rule, kind);
        assert.equal(signatureOf(rule, kind), once, `${framework} ${name}: made once`);
        assert.deepEqual(once.params, rule.signature(kind), `${framework} ${name}`);
        assert.deepEqual(
          once.positional,
          rule.signature(kind).filter(p => !p.keywordOnly),
        );
      }
    }
  });

  it('binding to a remembered signature leaves the spec as the rule’s defaults make it', () => {
    const a = bindLayer('pytorch', 'Conv2d', [3, 8, 3], {});
    const b = bindLayer('pytorch', 'Conv2d', [3, 8], { kernel_size: 3 });
    assert.ok(a?.ok && b?.ok);
    assert.deepEqual(a.spec, b.spec);
    assert.deepEqual(a.spec.args.stride, 1);
    const missing = bindLayer('pytorch', 'Conv2d', [3, 8], {});
    assert.ok(missing && !missing.ok);
    assert.match(missing.error.message, /missing 1 required positional argument: 'kernel_size'/);
  });

  it('a canonical name asked again is the one worked out the first time', () => {
    for (const [asked, canonical] of [
      ['tensorflow.keras.layers.Conv2D', 'keras.layers.Conv2D'],
      ['torch.nn.modules.conv.Conv2d', 'torch.nn.Conv2d'],
      ['keras.layers.convolutional.Conv2D', 'keras.layers.Conv2D'],
      ['torch.nn.functional.relu', 'torch.nn.functional.relu'],
    ]) {
      assert.equal(canonicalName(asked), canonical);
      assert.equal(canonicalName(asked), canonical, `${asked} again`);
    }
  });
});
