// The explorer's controls, the argument changes "Apply to code" writes, and its page's policy.
import { strict as assert } from 'assert';
import { analyzeText } from '../../../src/analysis';
import type { LayerCall } from '../../../src/analysis/types';
import { explorerHtml, makeNonce } from '../../../src/extension/explorer-html';
import {
  argumentChanges,
  explorerView,
  layerControls,
  problemsOf,
  resizedInput,
} from '../../../src/extension/explorer-view';

const MODEL = `import torch.nn as nn
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 8, 3, stride=2, padding=1, groups=2)
        self.up = nn.ConvTranspose2d(8, 8, 3, stride=2, padding=1, output_padding=1)
        self.fc = nn.Linear(8 * 8 * 8, 10)

    def forward(self, x):  # x: [1, 4, 8, 8]
        return self.fc(self.up(self.conv(x)).flatten(1))
`;

function layer(name: string): LayerCall {
  const found = analyzeText(MODEL).layers.find(l => l.name === name);
  assert.ok(found, name);
  return found;
}

describe('extension/explorer-view', () => {
  it("offers each argument the layer has, with the code's values and ranges", () => {
    const controls = layerControls(layer('conv'), {}, undefined);
    assert.deepEqual(
      controls.map(c => [c.role, c.param, c.value]),
      [
        ['kernel', 'kernel_size', 3],
        ['stride', 'stride', 2],
        ['padding', 'padding', 1],
        ['dilation', 'dilation', 1],
        ['groups', 'groups', 2],
      ],
    );
    assert.deepEqual(controls.find(c => c.role === 'groups')!.options, [1, 2, 4]);
    const up = layerControls(layer('up'), { stride: 3 }, undefined);
    const a = up.find(c => c.role === 'outputPadding')!;
    assert.equal(a.value, 1);
    assert.equal(a.max, 2, 'output_padding must stay below the stride');
    assert.ok(up.find(c => c.role === 'stride')!.changed);
  });

  it('writes only the values that differ from the code, one per spatial axis', () => {
    assert.deepEqual(argumentChanges(layer('conv'), { stride: 2, kernel: 5 }), { kernel_size: [5, 5] });
  });

  it('the model input is resized on its spatial axes only', () => {
    assert.equal(resizedInput({ argument: 'x', shape: [1, 4, 8, 8], framework: 'pytorch' }, 12), '[1, 4, 12, 12]');
    assert.equal(resizedInput({ argument: 'x', shape: [null, 8, 8, 3], framework: 'keras' }, 5), '[?, 5, 5, 3]');
  });

  it('marks the problems the new values cause, with their lines', () => {
    const original = analyzeText(MODEL);
    const changed = MODEL.replace('stride=2, padding=1, groups', 'stride=1, padding=1, groups');
    const problems = problemsOf(analyzeText(changed), changed, 0, original);
    assert.ok(problems.length > 0 && problems.every(p => p.introduced));
    assert.equal(problems[0].line, 10);
    const view = explorerView({
      original: layer('conv'),
      shown: layer('conv'),
      overrides: { stride: 1 },
      input: undefined,
      model: original.models[0],
      problems,
      layerError: undefined,
      applicable: true,
      location: 'model.py:5',
    });
    assert.ok(view.changed && view.applicable);
    assert.deepEqual(view.channels, { input: 4, output: 8, groups: 2 });
    assert.match(view.formulas[0], /\(relationship 6\)$/);
  });

  it('the page allows only its own nonce: no remote content, no inline script or style', () => {
    const nonce = makeNonce();
    assert.match(nonce, /^[a-z0-9]{32}$/);
    assert.notEqual(makeNonce(), nonce);
    const html = explorerHtml({
      nonce,
      cspSource: 'https://file+.vscode-resource.test',
      scriptUri: 'https://x/explorer.js',
    });
    const csp = /content="(default-src[^"]*)"/.exec(html)?.[1] ?? '';
    assert.equal(
      csp,
      `default-src 'none'; img-src https://file+.vscode-resource.test data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'`,
    );
    assert.ok(!/unsafe-inline|unsafe-eval|http:/.test(html));
    const tags = [...html.matchAll(/<(script|style)\b[^>]*>/g)].map(m => m[0]);
    assert.ok(tags.length === 2 && tags.every(t => t.includes(`nonce="${nonce}"`)));
    assert.match(html, /body\.vscode-high-contrast\{[^}]*--cs-input:#1f6fd6;/);
  });
});
