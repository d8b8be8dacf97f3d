// Hovers through VS Code's API: the guide's diagram as a data: URI image, the formula with the
// numbers and the relationship number, the cost; within VS Code's size limit; for every theme kind.
import { strict as assert } from 'assert';
import * as vscode from 'vscode';
import { openFixture } from './helpers';
import { activated, closeAll, golden, positionOf, snippet, untitled } from './features-support';

async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  const hovers =
    (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position)) ?? [];
  return hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value)));
}

function svgOf(markdown: string): string {
  const m = /!\[[^\]]*\]\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)(?:\|width=\d+,height=\d+)?\)/.exec(markdown);
  assert.ok(m, `no data: URI image in\n${markdown.slice(0, 500)}`);
  return Buffer.from(m[1], 'base64').toString('utf8');
}

describe('hover', () => {
  before(activated);
  after(closeAll);

  it('explains a Conv2d definition: title, diagram, formula with numbers, params and MACs', async () => {
    const { document } = await openFixture('model.py');
    const [markdown] = await hoverText(document, positionOf(document, 'nn.Conv2d(16, 32', 4));
    assert.ok(markdown, 'a hover');
    // Input 16×16 (after the pool), output as PyTorch gives it: [1, 32, 8, 8].
    assert.deepEqual(golden['model.py'].definitions['11'], [1, 32, 8, 8]);
    assert.match(markdown, /conv2: Conv2d\*\*/);
    assert.match(markdown, /\\\[1, 16, 16, 16\\\] → \\\[1, 32, 8, 8\\\]/);
    assert.match(markdown, /H: ⌊\(16 \+ 2·1 − 3\)\/2⌋ \+ 1 = 8 {3}\(relationship 6\)/);
    assert.match(markdown, /W: ⌊\(16 \+ 2·1 − 3\)\/2⌋ \+ 1 = 8/);
    // 16·32·3·3 + 32 = 4,640 parameters; 4,608 weights × 64 output positions = 294.9K MACs.
    assert.match(markdown, /params 4\\?\.6K/);
    assert.match(markdown, /MACs 294\\?\.9K/);
    assert.match(markdown, /receptive field/);
    const svg = svgOf(markdown);
    assert.match(svg, /^<svg[\s\S]*<\/svg>\s*$/);
    // The formulas come first, in the hover's first view; a tall diagram below is scaled to 240 px.
    assert.ok(markdown.indexOf('relationship 6') < markdown.indexOf('data:image'));
    const natural = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg);
    assert.ok(natural, 'the SVG states its size');
    const shown = /\|width=(\d+),height=(\d+)\)/.exec(markdown);
    if (Number(natural[2]) > 240) {
      assert.ok(shown, 'a tall diagram is scaled');
      assert.equal(Number(shown[2]), 240);
      assert.equal(Number(shown[1]), Math.round((Number(natural[1]) * 240) / Number(natural[2])));
    } else {
      assert.equal(shown, null);
    }
    assert.ok(markdown.length < 100000, `${markdown.length} characters`);
  });

  it('explains the layer at its call in forward, with the same diagram', async () => {
    const { document } = await openFixture('model.py');
    const [atCall] = await hoverText(document, positionOf(document, 'self.conv1(x)', 6));
    assert.match(atCall, /conv1: Conv2d/);
    assert.match(atCall, /H: ⌊\(32 \+ 2·1 − 3\)\/1⌋ \+ 1 = 32 {3}\(relationship 3\)/);
    svgOf(atCall);
  });

  it('says nothing away from layers', async () => {
    const { document } = await openFixture('model.py');
    assert.deepEqual(await hoverText(document, positionOf(document, 'import torch', 2)), []);
  });

  it('draws a 224×224 input abbreviated, within 100,000 characters', async () => {
    const { document } = await untitled(
      'import torch\nimport torch.nn as nn\nstem = nn.Sequential(nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3))\ny = stem(torch.randn(1, 3, 224, 224))\n',
    );
    const [markdown] = await hoverText(document, positionOf(document, 'nn.Conv2d(3, 64', 4));
    // ⌊(224 + 2·3 − 7)/2⌋ + 1 = 112, as PyTorch's ResNet stem.
    assert.equal(snippet('ResNet stem on 1x3x224x224').output?.[2], 112);
    assert.match(markdown, /⌊\(224 \+ 2·3 − 7\)\/2⌋ \+ 1 = 112/);
    const svg = svgOf(markdown);
    assert.match(svg, /…|⋯|\.\.\./, 'an ellipsis in the abbreviated grid');
    assert.ok(markdown.length < 100000, `${markdown.length} characters`);
  });

  it("chooses the diagram's colours for the theme kind", async () => {
    const { document } = await openFixture('model.py');
    const at = positionOf(document, 'nn.Conv2d(3, 16', 4);
    const svgs: Record<string, string> = {};
    const workbench = vscode.workspace.getConfiguration('workbench');
    const before = workbench.inspect('colorTheme')?.globalValue;
    try {
      for (const theme of ['Default Light Modern', 'Default Dark Modern', 'Default High Contrast']) {
        await workbench.update('colorTheme', theme, vscode.ConfigurationTarget.Global);
        const kind = await new Promise<vscode.ColorThemeKind>(resolve => {
          const expected = theme.includes('High')
            ? vscode.ColorThemeKind.HighContrast
            : theme.includes('Dark')
              ? vscode.ColorThemeKind.Dark
              : vscode.ColorThemeKind.Light;
          if (vscode.window.activeColorTheme.kind === expected) return resolve(expected);
          const sub = vscode.window.onDidChangeActiveColorTheme(t => {
            if (t.kind === expected) {
              sub.dispose();
              resolve(t.kind);
            }
          });
        });
        svgs[kind] = svgOf((await hoverText(document, at))[0]);
      }
    } finally {
      await workbench.update('colorTheme', before, vscode.ConfigurationTarget.Global);
    }
    const distinct = new Set(Object.values(svgs));
    assert.equal(distinct.size, 3, 'light, dark and high-contrast diagrams differ');
  });

  it('draws a layer on a symbolic input for a representative size, and says so', async () => {
    const { document } = await untitled(`import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3, stride=2)

    def forward(self, x):
        return self.conv(x)
`);
    let markdown = '';
    const at = positionOf(document, 'nn.Conv2d(1, 8', 4);
    for (let i = 0; i < 50 && !markdown.includes('data:image'); i++) {
      [markdown = ''] = await hoverText(document, at);
      if (!markdown.includes('data:image')) await new Promise(r => setTimeout(r, 100));
    }
    // The formulas stay symbolic; the picture is of H = W = 5 (the smallest with two outputs),
    // the one size the model's input is drawn for.
    assert.match(markdown, /H: ⌊\(H \+ 2·0 − 3\)\/2⌋ \+ 1/);
    assert.match(
      markdown,
      /Drawn for H \\?= W \\?= 5, a representative size of the model\\?'s input; the input is symbolic/,
    );
    assert.match(svgOf(markdown), /i = 5/);
  });
});
