// `convshape explain`: exit statuses, the --json contract of docs/json-contract.md, the text report, --svg.
// Shapes, parameter counts and error texts are checked against real PyTorch (golden/).
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';

const root = path.resolve(__dirname, '../../../..');
const golden = JSON.parse(fs.readFileSync(path.join(root, 'test/unit/cli/golden/explain-pytorch.json'), 'utf8')) as {
  cases: { expr: string; input: number[]; output?: number[]; params?: number; error?: string }[];
};

interface Run {
  code: number;
  out: string;
  err: string;
  files: Record<string, string>;
}
async function run(...argv: string[]): Promise<Run> {
  const r: Run = { code: -1, out: '', err: '', files: {} };
  const io: CliIo = {
    out: t => {
      r.out += t;
    },
    err: t => {
      r.err += t;
    },
    writeFile: (p, d) => {
      r.files[p] = d;
    },
  };
  r.code = await main(argv, io);
  return r;
}
async function runJson(...argv: string[]): Promise<{ code: number; json: Record<string, unknown> }> {
  const r = await run('explain', '--json', ...argv);
  assert.equal(r.out.trim().split('\n').length, 1, 'one JSON object on one line');
  return { code: r.code, json: JSON.parse(r.out) };
}

describe('cli/explain', () => {
  describe('agrees with real PyTorch (golden)', () => {
    for (const c of golden.cases) {
      it(`${c.expr} on ${c.input.join(',')}`, async () => {
        const { code, json } = await runJson('--input', c.input.join(','), c.expr);
        if (c.error !== undefined) {
          assert.equal(code, 1);
          assert.equal(json.output, undefined);
          assert.deepEqual(Object.keys(json.error as object).sort(), ['code', 'message']);
          assert.equal((json.error as { message: string }).message, c.error);
        } else {
          assert.equal(code, 0, JSON.stringify(json));
          assert.deepEqual(json.output, c.output);
          assert.deepEqual(json.input, c.input);
          assert.equal(json.params, c.params);
        }
      });
    }
  });

  it('--json has output, input, layer, formula, params; symbolic dims are names, None is null', async () => {
    const a = await runJson('--input', '[N,3,32,32]', 'nn.Conv2d(3, 16, 3, stride=2, padding=1)');
    assert.equal(a.code, 0);
    assert.deepEqual(a.json.output, ['N', 16, 16, 16]);
    assert.deepEqual(a.json.input, ['N', 3, 32, 32]);
    assert.equal(a.json.layer, 'Conv2d');
    assert.equal(a.json.params, 448);
    const formula = a.json.formula as { axis: string; formula: string; relationship: number }[];
    assert.deepEqual(
      formula.map(f => [f.axis, f.relationship]),
      [
        ['H', 6],
        ['W', 6],
      ],
    );
    assert.match(formula[0].formula, /= 16$/);
    const k = await runJson('--input', '(None,28,28,1)', "layers.Conv2D(32, 3, strides=2, padding='same')");
    assert.equal(k.code, 0);
    assert.deepEqual(k.json.output, [null, 14, 14, 32]); // Keras same: ⌈28/2⌉
    assert.deepEqual(k.json.input, [null, 28, 28, 1]);
    assert.equal(k.json.params, 3 * 3 * 1 * 32 + 32);
  });

  it('picks the framework from the prefix, or from --framework', async () => {
    for (const expr of ['keras.layers.MaxPooling2D(2)', 'tf.keras.layers.MaxPooling2D(2)', 'layers.MaxPooling2D(2)']) {
      const r = await runJson('--input', '(None,8,8,3)', expr);
      assert.equal(r.json.framework, 'keras', expr);
      assert.deepEqual(r.json.output, [null, 4, 4, 3]);
    }
    const t = await runJson('--input', '1,3,8,8', 'torch.nn.MaxPool2d(2)');
    assert.equal(t.json.framework, 'pytorch');
    const bare = await runJson('--framework', 'pytorch', '--input', '1,3,8,8', 'MaxPool2d(2)');
    assert.deepEqual(bare.json.output, [1, 3, 4, 4]);
    const conflict = await run('explain', '--framework', 'keras', 'nn.Conv2d(3, 16, 3)');
    assert.equal(conflict.code, 2);
    assert.match(conflict.err, /PyTorch layer/);
  });

  it('usage errors exit 2 with a message on stderr and nothing on stdout', async () => {
    const cases: [string[], RegExp][] = [
      [['explain', 'nn.Conv2d(3,'], /cannot read EXPR/],
      [['explain', 'nn.NoSuchLayer(3)'], /unknown PyTorch layer/],
      [['explain', '--input', '1,3,x-1', 'nn.Conv2d(3, 16, 3)'], /not a size/],
      [['explain', '--input', '[1,3,32', 'nn.Conv2d(3, 16, 3)'], /unbalanced/],
      [['explain'], /missing EXPR/],
      [['explain', '--framework', 'jax', 'Conv2d(3, 16, 3)'], /pytorch or keras/],
      [['explain', '--bogus', 'nn.Conv2d(3, 16, 3)'], /unknown option/],
      [['explain', 'nn.Conv2d(3, x, 3)'], /not a literal/],
      [['frobnicate'], /unknown command/],
      [[], /usage/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(...argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.err, message, argv.join(' '));
      assert.equal(r.out, '', argv.join(' '));
    }
  });

  it('text: title, formulas with relationship numbers, notes, params and MACs, an ASCII diagram', async () => {
    const r = await run('explain', '--input', '1,3,32,32', 'nn.Conv2d(3, 16, 3, stride=2, padding=1)');
    assert.equal(r.code, 0);
    const lines = r.out.split('\n');
    assert.equal(lines[0], 'Conv2d  [1, 3, 32, 32] → [1, 16, 16, 16]');
    assert.ok(lines.includes('H: ⌊(32 + 2·1 − 3)/2⌋ + 1 = 16   (relationship 6)'), r.out);
    assert.ok(lines.includes('W: ⌊(32 + 2·1 − 3)/2⌋ + 1 = 16   (relationship 6)'), r.out);
    // 16·16 outputs × 16 filters × 3·3·3 taps = 110592 MACs; 16·27 + 16 = 448 params
    assert.ok(lines.includes('params 448 · MACs 110.6K'), r.out);
    assert.match(r.out, /unused/); // i = 32, p = 1, s = 2: the last padded row is never read
    assert.match(r.out, /■/);
    assert.match(r.out, /…/); // 34 padded cells are abbreviated
    assert.ok(lines.length < 40, 'a 32×32 diagram stays short');
  });

  it('text: the default input is symbolic and says so; the diagram is drawn for a size it names', async () => {
    const r = await run('explain', 'nn.Conv2d(3, 16, 3, stride=2, padding=1)');
    assert.equal(r.code, 0);
    assert.match(r.out, /^Conv2d {2}\[N, 3, H, W\] → \[N, 16, ⌊\(H−1\)\/2⌋\+1, ⌊\(W−1\)\/2⌋\+1\]/);
    assert.match(r.out, /assumed \[N, 3, H, W\]/);
    // The formulas stay symbolic; H = W = 3 is the smallest size with two outputs per axis (⌊(2 + 2 − 3)/2⌋ + 1 = 1).
    assert.match(r.out, /H: ⌊\(H \+ 2·1 − 3\)\/2⌋ \+ 1/);
    const lines = r.out.split('\n');
    const label = lines.indexOf('Drawn for H = W = 3, a representative size; the input is symbolic.');
    assert.ok(label > 0, r.out);
    assert.equal(lines[label + 2], 'input         o = 2');
    assert.ok(lines.includes('i = 3, k = 3, s = 2, p = 1'), r.out);
    const k = await run('explain', "layers.Conv2D(32, 3, padding='same')");
    assert.match(k.out, /assumed \(None, H, W, C\)/);
  });

  it('text: a framework error goes to stderr with its code, exit 1', async () => {
    const r = await run('explain', '--input', '1,1,32,32', 'nn.Conv2d(3, 16, 3)');
    assert.equal(r.code, 1);
    assert.match(
      r.err,
      /expected input\[1, 1, 32, 32\] to have 3 channels, but got 1 channels instead \[channel-mismatch\]/,
    );
  });

  it('a recurrent layer prints its whole tuple (shapes and params from PyTorch 1.13)', async () => {
    const r = await run('explain', 'nn.LSTM(16, 32)');
    assert.equal(r.code, 0);
    assert.match(r.out, /^LSTM {2}\[L, N, 16\] → output \[L, N, 32\], h_n \[1, N, 32\], c_n \[1, N, 32\]\n/);
    assert.match(r.out, /params 6\.4K/);
    const j = await runJson('--input', '4,20,16', 'nn.GRU(16, 8, num_layers=2, batch_first=True, bidirectional=True)');
    assert.deepEqual(j.json.output, [4, 20, 16]);
    assert.deepEqual(j.json.outputs, [
      { name: 'output', shape: [4, 20, 16] },
      { name: 'h_n', shape: [4, 4, 8] },
    ]);
    assert.equal(j.json.params, 2496);
    const bad = await run('explain', '--input', '5,3,150', 'nn.LSTM(128, 32)');
    assert.equal(bad.code, 1);
    assert.match(bad.err, /input\.size\(-1\) must be equal to input_size\. Expected 128, got 150/);
  });

  it('attention is explained as self-attention; a transformer layer keeps its input (params from PyTorch 1.13)', async () => {
    const r = await run('explain', 'nn.MultiheadAttention(64, 4, batch_first=True)');
    assert.equal(r.code, 0);
    assert.match(
      r.out,
      /^MultiheadAttention {2}\[N, L, 64\] → attn_output \[N, L, 64\], attn_output_weights \[N, L, L\]\n/,
    );
    const j = await runJson('--input', '10,2,32', 'nn.TransformerEncoderLayer(32, 4, 64)');
    assert.deepEqual(j.json.output, [10, 2, 32]);
    assert.equal(j.json.params, 8544);
    const bad = await run('explain', 'nn.MultiheadAttention(100, 8)');
    assert.equal(bad.code, 1);
    assert.match(bad.err, /embed_dim must be divisible by num_heads/);
  });

  it('notes what ceil_mode changed', async () => {
    const r = await run('explain', '--input', '1,1,8,8', 'torch.nn.MaxPool2d(3, 2, ceil_mode=True)');
    assert.match(r.out, /ceil_mode/);
    assert.match(r.out, /\b4\b.*\b3\b|\b3\b.*\b4\b/);
  });

  it("--svg writes the hover renderer's SVG", async () => {
    const r = await run(
      'explain',
      '--svg',
      'out.svg',
      '--input',
      '1,1,3,3',
      'nn.ConvTranspose2d(1, 1, 3, stride=2, padding=1, output_padding=1)',
    );
    assert.equal(r.code, 0);
    const svg = r.files['out.svg'];
    assert.ok(svg?.startsWith('<svg'), 'an SVG was written');
    assert.match(svg, /ConvTranspose2d/);
    assert.match(svg, /a = 1/);
  });

  it('runs as a process: exit status and stdout', function () {
    this.timeout(20000);
    const script = path.join(root, 'out/src/cli/main.js');
    const ok = spawnSync(
      process.execPath,
      [script, 'explain', '--json', '--input', '1,3,32,32', 'nn.Conv2d(3, 16, 3, stride=2, padding=1)'],
      { encoding: 'utf8' },
    );
    assert.equal(ok.status, 0, ok.stderr);
    assert.deepEqual(JSON.parse(ok.stdout).output, [1, 16, 16, 16]);
    const bad = spawnSync(
      process.execPath,
      [script, 'explain', '--json', '--input', '1,1,32,32', 'nn.Conv2d(3, 16, 3)'],
      { encoding: 'utf8' },
    );
    assert.equal(bad.status, 1);
    assert.equal(JSON.parse(bad.stdout).error.code, 'channel-mismatch');
    const usage = spawnSync(process.execPath, [script, 'explain', 'nn.Conv2d(3,'], { encoding: 'utf8' });
    assert.equal(usage.status, 2);
    assert.equal(usage.stdout, '');
  });
});
