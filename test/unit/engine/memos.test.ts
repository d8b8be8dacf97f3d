// The engine's memos give what a fresh computation gives: an inference reused by spec, inputs and
// call arguments (with the size requirements it stated, stated again), a signature made once per
// rule and kind, a canonical name worked out once. Equal specs and shapes that are other objects
// find the same entry; a spec, an input or a call argument that differs does not.
import { strict as assert } from 'assert';
import { applyLayer, bindLayer, findRule, forgetBoundSpecs, knownKinds, signatureOf, sym } from '../../../src/engine';
import type { ArgValue, Framework, LayerSpec, Shape } from '../../../src/engine';
import { type SizeRequirement, collectRequirements } from '../../../src/engine/size-requirements';
import { moduleArg } from '../../../src/engine/pytorch/module-arg';
import { canonicalName } from '../../../src/python/imports';

/** A Conv2d spec of its own: a copy, so that the inference memo is found by equal specs, not one object. */
const conv = (outChannels: number): LayerSpec => {
  const bound = bindLayer('pytorch', 'Conv2d', [3, outChannels, 3], {});
  assert.ok(bound?.ok);
  return { ...bound.spec, args: { ...bound.spec.args } };
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

  it('a constructor bound again gives the one shared spec, equal to a binding made afresh', () => {
    const calls: [Framework, string, ArgValue[], Record<string, ArgValue>, { layerName?: string }?][] = [
      ['pytorch', 'Conv2d', [3, 16, 3], { padding: 1, bias: false }],
      ['pytorch', 'Conv2d', [3, 16, [3, 5]], { padding: 'same' }],
      ['pytorch', 'Linear', [64, 10], {}],
      ['pytorch', 'MaxPool2d', [2], { ceil_mode: true }],
      ['pytorch', 'Dropout', [0.25], {}],
      ['keras', 'Conv2D', [], { filters: 8, kernel_size: 3, strides: 2 }, { layerName: 'stem' }],
      ['keras', 'Dense', [32], { activation: null }],
    ];
    for (const [framework, name, positional, keywords, options] of calls) {
      const what = `${framework} ${name} ${JSON.stringify([positional, keywords])}`;
      const first = bindLayer(framework, name, positional, keywords, options);
      const again = bindLayer(framework, name, [...positional], { ...keywords }, { ...options });
      assert.ok(first?.ok && again?.ok, what);
      assert.equal(again.spec, first.spec, `${what}: shared`);
      forgetBoundSpecs();
      const fresh = bindLayer(framework, name, positional, keywords, options);
      assert.ok(fresh?.ok, what);
      assert.notEqual(fresh.spec, first.spec, `${what}: made afresh`);
      assert.deepEqual(fresh.spec, first.spec, what);
    }
  });

  it('a binding differing in any part of the call is not taken for a remembered one', () => {
    const spec = (name: string, positional: ArgValue[], keywords: Record<string, ArgValue> = {}, options = {}) => {
      const bound = bindLayer('pytorch', name, positional, keywords, options);
      assert.ok(bound?.ok, `${name}(${JSON.stringify(positional)})`);
      return bound.spec;
    };
    assert.equal(spec('Conv2d', [3, 8, 3]).args.kernel_size, 3);
    assert.equal(spec('Conv2d', [3, 8, 5]).args.kernel_size, 5);
    assert.equal(spec('Conv2d', [3, 8, '3' as never]).args.kernel_size, '3');
    assert.equal(spec('Conv2d', [3, 8, 3], { stride: 2 }).args.stride, 2);
    assert.equal(spec('Conv1d', [3, 8, 3]).kind, 'Conv1d');
    assert.equal(spec('Dropout', [0.5]).args.p, 0.5);
    assert.equal(spec('Dropout', [0.25]).args.p, 0.25);
    // A missing argument is an error unless the rest of the call is not known.
    assert.ok(bindLayer('pytorch', 'Conv2d', [3, 8], {}, { unknownRest: true })?.ok);
    assert.equal(bindLayer('pytorch', 'Conv2d', [3, 8], {})?.ok, false);
    const named = bindLayer('keras', 'Dense', [4], {}, { layerName: 'head' });
    const plain = bindLayer('keras', 'Dense', [4], {});
    assert.ok(named?.ok && plain?.ok);
    assert.equal(named.spec.name, 'head');
    assert.equal(plain.spec.name, undefined);
  });

  it('a call with a symbolic size or a −0 keeps its own values (JSON would not tell them apart)', () => {
    const c = sym('C');
    const a = bindLayer('pytorch', 'Linear', [c, 10], {});
    const b = bindLayer('pytorch', 'Linear', [sym('C'), 10], {});
    assert.ok(a?.ok && b?.ok);
    assert.equal(a.spec.args.in_features, c);
    assert.notEqual(a.spec, b.spec);
    // A module given to a stack: the analysis finds where it was built by the argument's object.
    const layer = bindLayer('pytorch', 'TransformerEncoderLayer', [16, 4], {});
    assert.ok(layer?.ok);
    const [one, two] = [moduleArg(layer.spec), moduleArg(layer.spec)];
    const stacks = [one, two].map(arg => bindLayer('pytorch', 'TransformerEncoder', [arg, 2], {}));
    assert.ok(stacks[0]?.ok && stacks[1]?.ok);
    assert.equal(stacks[0].spec.args.encoder_layer, one);
    assert.equal(stacks[1].spec.args.encoder_layer, two);
    bindLayer('pytorch', 'Dropout', [0], {});
    const negative = bindLayer('pytorch', 'Dropout', [-0], {});
    assert.ok(negative?.ok);
    assert.ok(Object.is(negative.spec.args.p, -0));
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
