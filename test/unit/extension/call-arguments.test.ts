// "Apply to code" rewrites only the values it changes, in the author's form.
import { strict as assert } from 'assert';
import { formatValue, readCall, rewriteCall } from '../../../src/extension/call-arguments';

const CONV = ['in_channels', 'out_channels', 'kernel_size', 'stride', 'padding', 'dilation', 'groups', 'bias'];

describe('extension/call-arguments', () => {
  it('reads positional and keyword arguments, skipping comments and nested brackets', () => {
    const text = 'nn.Conv2d(3, 16,  # channels\n    kernel_size=(3, 3), stride=f(2, 1))';
    const call = readCall(text)!;
    assert.deepEqual(
      call.args.map(a => [a.name ?? '', text.slice(a.valueStart, a.valueEnd)]),
      [
        ['', '3'],
        ['', '16'],
        ['kernel_size', '(3, 3)'],
        ['stride', 'f(2, 1)'],
      ],
    );
    assert.equal(text[call.close], ')');
  });

  it('replaces a keyword value, a positional value, and adds what is not written', () => {
    const text = 'nn.Conv2d(16, 32, 3, padding=1)';
    assert.equal(
      rewriteCall(text, CONV, { kernel_size: [5, 5], padding: [2, 2], stride: [2, 2] }),
      'nn.Conv2d(16, 32, 5, padding=2, stride=2)',
    );
  });

  it('keeps tuples as tuples, lists as lists, and quotes as written', () => {
    assert.equal(formatValue([3, 3], '(1, 1)'), '(3, 3)');
    assert.equal(formatValue([3, 1], '1'), '(3, 1)');
    assert.equal(formatValue([2], '[1]'), '[2,]');
    assert.equal(formatValue('same', '"valid"'), '"same"');
    assert.equal(formatValue('valid', "'same'"), "'valid'");
  });

  it('keeps a multi-line call with a trailing comma and comments intact', () => {
    const text = 'nn.Conv2d(\n    16,\n    32,\n    kernel_size=3,  # k\n    stride=1,\n)';
    assert.equal(
      rewriteCall(text, CONV, { stride: [2, 2], dilation: [2, 2] }),
      'nn.Conv2d(\n    16,\n    32,\n    kernel_size=3,  # k\n    stride=2, dilation=2,\n)',
    );
  });

  it('does not rewrite a call with *args or **kwargs, nor an unclosed one', () => {
    assert.equal(rewriteCall('nn.Conv2d(*cfg, stride=2)', CONV, { stride: [1] }), undefined);
    assert.equal(rewriteCall('nn.Conv2d(3, 8, 3, **kw)', CONV, { stride: [1] }), undefined);
    assert.equal(rewriteCall('nn.Conv2d(3, 8, 3', CONV, { stride: [1] }), undefined);
  });

  it("does not take a string's comma or hash for the call's", () => {
    const text = "layers.Conv2D(8, 3, padding='same', name='a,#b')";
    const out = rewriteCall(text, ['filters', 'kernel_size', 'strides', 'padding'], {
      padding: 'valid',
      strides: [2, 2],
    });
    assert.equal(out, "layers.Conv2D(8, 3, padding='valid', name='a,#b', strides=2)");
  });
});
