// `convshape explain` for the Keras building blocks: Param # as Keras' summary counts it, list
// outputs by name, self-attention from one tensor, a keras.applications backbone.
import { strict as assert } from 'assert';
import { main } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';

async function explainJson(...argv: string[]): Promise<Record<string, unknown>> {
  let out = '';
  const io: CliIo = { out: t => void (out += t), err: () => undefined, writeFile: () => undefined };
  const code = await main(['explain', '--json', ...argv], io);
  assert.equal(code, 0, out);
  return JSON.parse(out) as Record<string, unknown>;
}

describe('cli/explain: Keras building blocks', () => {
  it('BatchNormalization on 32 channels: Param # 128 (64 of them non-trainable)', async () => {
    const j = await explainJson('layers.BatchNormalization()', '--input', 'None,28,28,32');
    assert.equal(j.params, 128);
  });

  it('LSTM with return_state: its three outputs, and 4·64·(100 + 64) + 256 weights', async () => {
    const j = await explainJson('layers.LSTM(64, return_state=True)', '--input', 'None,20,100');
    assert.deepEqual(j.output, [null, 64]);
    assert.equal(j.params, 42240);
  });

  it('MultiHeadAttention on one tensor: self-attention keeps the shape', async () => {
    const j = await explainJson('layers.MultiHeadAttention(num_heads=2, key_dim=2)', '--input', 'None,8,16');
    assert.deepEqual(j.output, [null, 8, 16]);
    assert.equal(j.params, 284);
  });

  it('keras.applications.ResNet50 without its top: (7, 7, 2048) and 23,587,712 weights', async () => {
    const j = await explainJson(
      'keras.applications.ResNet50(include_top=False)',
      '--framework',
      'keras',
      '--input',
      'None,224,224,3',
    );
    assert.deepEqual(j.output, [null, 7, 7, 2048]);
    assert.equal(j.params, 23587712);
  });
});
