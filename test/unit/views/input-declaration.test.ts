// "Declare Input Shape…", its CodeLens and the explorer write the input shape comment of a model's
// forward (views/input-declaration.ts): one argument `# x: [..]`, several `# x: [..], t: [..]`,
// an existing declaration rewritten in place with the other arguments kept. Each written comment
// is read back by the analysis as the declared inputs.
import { strict as assert } from 'assert';
import { analyzeText } from '../../../src/analysis';
import { shapeText } from '../../../src/engine';
import {
  currentDeclaration,
  declarationEdit,
  inputDeclarationSite,
  parseDeclaration,
} from '../../../src/views/input-declaration';

const MODEL = (def: string, above = '') => `import torch
import torch.nn as nn


class TimeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, padding=1)
        self.time = nn.Linear(1, 16)
${above}    ${def}
        return self.conv(x) + self.time(t)[:, :, None, None]
`;

function declare(text: string, answer: string): string {
  const site = inputDeclarationSite(text, text.indexOf('class TimeNet'))!;
  const shapes = parseDeclaration(answer, site);
  assert.ok(shapes, `not a declaration: ${answer}`);
  const e = declarationEdit(text, site, shapes);
  return text.slice(0, e.start) + e.newText + text.slice(e.end);
}

const inputsOf = (text: string) => analyzeText(text).models[0].inputs.map(s => (s ? shapeText(s) : null));
const defLine = (text: string) =>
  text
    .split('\n')
    .find(l => l.includes('def forward'))!
    .trim();

describe('views: declaring the inputs of a forward with several arguments', () => {
  it('finds every argument of the def, across lines, without *args and **kwargs', () => {
    const text = MODEL('def forward(self, x,\n                t: torch.Tensor, *rest, mask=None, **kw):');
    assert.deepEqual(inputDeclarationSite(text, 0)?.arguments, ['x', 't', 'mask']);
  });

  it('writes x: [..], t: [..] on the def line, read back as both inputs', () => {
    const text = declare(MODEL('def forward(self, x, t):'), 'x: [2, 3, 8, 8], t: [2, 1]');
    assert.equal(defLine(text), 'def forward(self, x, t):  # x: [2, 3, 8, 8], t: [2, 1]');
    assert.deepEqual(inputsOf(text), ['[2, 3, 8, 8]', '[2, 1]']);
  });

  it('one shape declares the first argument, keeping what the comment says of the others', () => {
    const text = declare(MODEL('def forward(self, x, t):  # t: [N, 1]'), '[N, 3, 16, 16]');
    assert.equal(defLine(text), 'def forward(self, x, t):  # x: [N, 3, 16, 16], t: [N, 1]');
    assert.deepEqual(inputsOf(text), ['[N, 3, 16, 16]', '[N, 1]']);
  });

  it('rewrites a declaration on the line above in place, and leaves another comment alone', () => {
    const above = declare(MODEL('def forward(self, x, t):  # noqa', '    # x: [1, 3, 8, 8], t: [1, 1]\n'), 't: [1, 1]');
    assert.match(above, / {4}# x: \[1, 3, 8, 8\], t: \[1, 1\]\n {4}def forward\(self, x, t\): {2}# noqa\n/);
    const fresh = declare(MODEL('def forward(self, x, t):  # noqa'), 'x: [4, 3, 8, 8], t: [4, 1]');
    assert.match(fresh, / {4}# x: \[4, 3, 8, 8\], t: \[4, 1\]\n {4}def forward\(self, x, t\): {2}# noqa\n/);
    assert.deepEqual(inputsOf(fresh), ['[4, 3, 8, 8]', '[4, 1]']);
  });

  it('refuses an answer naming no argument of the forward', () => {
    const site = inputDeclarationSite(MODEL('def forward(self, x, t):'), 0)!;
    assert.equal(parseDeclaration('y: [1, 2]', site), undefined);
    assert.equal(parseDeclaration('x: [1, 2], t: [1.5]', site), undefined);
    assert.equal(parseDeclaration('1.5, 2', site), undefined);
  });

  it('starts the input box from the current inputs, named when there are several', () => {
    const site = inputDeclarationSite(MODEL('def forward(self, x, t):'), 0)!;
    assert.equal(
      currentDeclaration(
        site,
        [
          [2, 3, 8, 8],
          [2, 1],
        ],
        'pytorch',
      ),
      'x: [2, 3, 8, 8], t: [2, 1]',
    );
    assert.equal(currentDeclaration(site, [[2, 3, 8, 8]], 'pytorch'), '[2, 3, 8, 8]');
    assert.equal(currentDeclaration(site, [[null, 28, 28, 1], null], 'keras'), 'x: [?, 28, 28, 1]');
  });
});
