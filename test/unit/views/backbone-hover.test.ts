// The hover of a torchvision backbone: a compact stage table checked against real torchvision
// (test/golden/torchvision_stages.json, made by tools/golden/torchvision_stages.py): each row's
// output shape and parameters are those of the modules it stands for, the total is the model's.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../../src/analysis';
import type { LayerCall } from '../../../src/analysis/types';
import { stagesOf } from '../../../src/render/stages';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lspHover } from '../../../src/lsp/convert';
import { DEFAULT_SETTINGS } from '../../../src/views/settings';
import { backboneHover, identifierAt } from '../../../src/views/backbone-hover';
import { wholeText } from '../../../src/views/slice';

interface GoldenModel {
  input: number[];
  output: number[];
  params: number;
  modules: Record<string, { output: number[] | null; params: number }>;
}

function golden(): Record<string, GoldenModel> {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  const file = path.join(dir, 'test', 'golden', 'torchvision_stages.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { models: Record<string, GoldenModel> }).models;
}

interface Row {
  stage: string;
  output: number[] | null;
  params: number | undefined;
}

const unescape = (s: string) => s.replace(/\\(.)/g, '$1');

/** The table's rows, read back from the markdown. */
function rowsOf(markdown: string): Row[] {
  return markdown
    .split('\n')
    .filter(l => l.startsWith('| ') && !l.startsWith('| Stage |'))
    .map(l => {
      const [stage, output, params] = l
        .slice(2, -2)
        .split(' | ')
        .map(c => unescape(c.trim()));
      return {
        stage,
        output: output === '?' ? null : (JSON.parse(output) as number[]),
        params: params === '?' ? undefined : Number(params.replace(/,/g, '')),
      };
    });
}

/** The modules a row stands for: `features.4–6` is features.4, features.5 and features.6. */
function modulesOf(stage: string): string[] {
  const range = /^(.*\.)(\d+)–(\d+)$/.exec(stage);
  if (!range) return [stage];
  const out: string[] = [];
  for (let i = Number(range[2]); i <= Number(range[3]); i++) out.push(`${range[1]}${i}`);
  return out;
}

function hoverOf(source: string, word: string, at: string) {
  const analysis = analyzeText(source);
  return backboneHover(wholeText(analysis, source.length), source.lastIndexOf(at), word);
}

const file = (build: string, size: number[]) =>
  `import torch\nimport torchvision.models as models\nm = models.${build}\nout = m(torch.randn(${size.join(', ')}))\n`;

describe('hover of a torchvision backbone: its stages, not its layers', () => {
  const models = golden();

  /** Every row agrees with torchvision; a row's parameters may be unknown, never wrong. */
  function checkRows(rows: Row[], g: GoldenModel): void {
    assert.ok(rows.length <= 12, `${rows.length} rows`);
    for (const row of rows) {
      const names = modulesOf(row.stage);
      const last = g.modules[names[names.length - 1]];
      assert.ok(last, `${row.stage} is no module of the model`);
      assert.deepEqual(row.output, last.output, row.stage);
      const params = names.reduce((a, n) => a + g.modules[n].params, 0);
      if (row.params !== undefined) assert.equal(row.params, params, row.stage);
    }
  }

  it('resnet50: conv1 … layer1–layer4, avgpool, fc with their shapes and parameters', () => {
    const g = models.resnet50;
    const md = hoverOf(file('resnet50(weights=None)', g.input), 'm', 'm(');
    assert.ok(md);
    const rows = rowsOf(md);
    const top = Object.keys(g.modules).filter(n => !n.includes('.'));
    assert.deepEqual(
      rows.map(r => r.stage),
      top,
    );
    checkRows(rows, g);
    assert.ok(rows.every(r => r.params !== undefined));
    assert.match(
      md,
      new RegExp(`^\\*\\*m\\*\\* \\\\\\[${g.input.join(', ')}\\\\\\] → \\\\\\[${g.output.join(', ')}\\\\\\]`),
    );
    assert.match(md, /25,557,032 params/);
    assert.equal(g.params, 25557032);
  });

  it('mobilenet_v2: twenty stages merged to ten rows, repeated blocks as features.4–6', () => {
    const g = models.mobilenet_v2;
    const md = hoverOf(file('mobilenet_v2(weights=None)', g.input), 'm', 'm = ');
    assert.ok(md);
    const rows = rowsOf(md);
    checkRows(rows, g);
    assert.ok(rows.every(r => r.params !== undefined));
    // Every stage of features once, in order, then the classifier.
    const covered = rows.flatMap(r => modulesOf(r.stage));
    const expected = Object.keys(g.modules).filter(n => /^features\.\d+$/.test(n) || n === 'classifier');
    assert.deepEqual(covered, expected);
    assert.ok(rows.some(r => r.stage === 'features.4–6'));
    assert.match(md, new RegExp(`${g.params.toLocaleString('en-US')} params`));
  });

  it("convnext_tiny on a non-square input: a stage counts its blocks' layer_scale and LayerNorm2d", () => {
    const g = models.convnext_tiny;
    const md = hoverOf(file('convnext_tiny(weights=None)', g.input), 'm', 'm(');
    assert.ok(md);
    const rows = rowsOf(md);
    checkRows(rows, g);
    assert.ok(rows.every(r => r.params !== undefined));
    assert.equal(rows.find(r => r.stage === 'features.1')?.params, g.modules['features.1'].params);
    assert.match(md, new RegExp(`${g.params.toLocaleString('en-US')} params`));
  });

  it('self.backbone(x) in a model of the file: the backbone submodule, named from it', () => {
    const g = models.resnet50;
    const source = [
      'import torch',
      'import torch.nn as nn',
      'import torchvision.models as models',
      '',
      'class Net(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.backbone = models.resnet50(weights=None)',
      '        self.head = nn.Linear(1000, 3)',
      '',
      '    def forward(self, x):',
      '        return self.head(self.backbone(x))',
      '',
      'net = Net()',
      `out = net(torch.randn(${g.input.join(', ')}))`,
      '',
    ].join('\n');
    const md = hoverOf(source, 'backbone', 'backbone(x)');
    assert.ok(md);
    assert.match(md, /^\*\*Net\.backbone\*\*/);
    const rows = rowsOf(md);
    assert.deepEqual(
      rows.map(r => r.stage),
      Object.keys(g.modules).filter(n => !n.includes('.')),
    );
    checkRows(rows, g);
    assert.match(md, /25,557,032 params/);
    // The model's own layer and other words are no backbone.
    assert.equal(hoverOf(source, 'head', 'head('), undefined);
    assert.equal(hoverOf(source, 'torch', 'torch.randn'), undefined);
  });

  it('a stage whose count does not add up to the total (a module never called) is unknown, not short', () => {
    const call = (name: string, params: number): LayerCall => ({
      name,
      kind: 'Conv2d',
      framework: 'pytorch',
      inputs: [[1, 3, 8, 8]],
      output: [1, 3, 8, 8],
      params,
      library: true,
    });
    const layers = [call('layer1.0', 10), call('layer1.1', 20), call('fc', 5)];
    assert.deepEqual(
      stagesOf(layers, 35).map(s => s.params),
      [30, 5],
    );
    assert.deepEqual(
      stagesOf(layers, 40, { layer1: 5 }).map(s => s.params),
      [35, 5],
    );
    // 7 parameters nobody called: which stage holds them is not known (a layer's own count is).
    assert.deepEqual(
      stagesOf(layers, 42).map(s => s.params),
      [undefined, 5],
    );
  });

  it("a stage's MACs are unknown, not short, when one of its convolutions has no count", () => {
    const call = (name: string, kind: string, macs?: number): LayerCall => ({
      name,
      kind,
      framework: 'pytorch',
      inputs: [[1, 3, 8, 8]],
      output: [1, 3, 8, 8],
      ...(macs !== undefined ? { macs } : {}),
      library: true,
    });
    const known = [call('layer1.0', 'Conv2d', 100), call('layer1.1', 'ReLU'), call('layer1.2', 'Conv2d', 50)];
    // An activation has no MACs to count: the stage's total is its convolutions'.
    assert.deepEqual(
      stagesOf([...known, call('fc', 'Linear', 5)], undefined).map(s => s.macs),
      [150, 5],
    );
    const unknown = [call('layer1.0', 'Conv2d', 100), call('layer1.1', 'Conv2d'), call('fc', 'Linear', 5)];
    assert.deepEqual(
      stagesOf(unknown, undefined).map(s => s.macs),
      [undefined, 5],
    );
  });

  it('the language server answers the hover of m(x) with the same table', () => {
    const source = file('resnet50(weights=None)', models.resnet50.input);
    const analysis = analyzeText(source);
    const document = TextDocument.create('file:///backbone.py', 'python', 1, source);
    const slice = { ...wholeText(analysis, source.length), document, version: 1 };
    const at = source.lastIndexOf('m(') + 1;
    const hover = lspHover(slice, at, DEFAULT_SETTINGS);
    assert.ok(hover && typeof hover.contents === 'object' && 'value' in hover.contents);
    assert.equal(hover.contents.value, backboneHover(slice, at, 'm'));
    assert.deepEqual(hover.range, { start: document.positionAt(at - 1), end: document.positionAt(at) });
  });

  it('identifierAt: the word under the offset, ends included', () => {
    assert.deepEqual(identifierAt('y = self.backbone(x)', 12), { word: 'backbone', start: 9, end: 17 });
    assert.deepEqual(identifierAt('y = self.backbone(x)', 17), { word: 'backbone', start: 9, end: 17 });
    assert.equal(identifierAt('y = (1, 2)', 5), undefined);
  });
});
