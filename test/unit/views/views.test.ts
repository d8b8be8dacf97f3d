// The views shared by VS Code's providers and the language server, on a real Analysis.
import { strict as assert } from 'assert';
import { analyzeText } from '../../../src/analysis';
import { fixesIn, shownDiagnostics } from '../../../src/views/diagnostics';
import { shapeHints } from '../../../src/views/hints';
import { layerHover } from '../../../src/views/hover';
import { modelLenses } from '../../../src/views/lenses';
import { DEFAULT_SETTINGS } from '../../../src/views/settings';
import { wholeText, type AnalysisSlice } from '../../../src/views/slice';

const SOURCE = `import torch
from torch import nn


class Head(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3)
        self.fc = nn.Linear(9000, 10)

    def forward(self, x):
        return self.fc(torch.flatten(self.conv(x), 1))


model = Head()
model(torch.randn(2, 1, 28, 28))
`;

const lineOf = (offset: number) => SOURCE.slice(0, offset).split('\n').length - 1;

describe('views: hints, lenses, diagnostics and hover from one Analysis', () => {
  const slice = wholeText(analyzeText(SOURCE), SOURCE.length);

  it('hints: one per line, filtered by site, with the formulas as tooltip', () => {
    const all = shapeHints(slice, 0, SOURCE.length, lineOf, DEFAULT_SETTINGS);
    const byLine = new Map(all.map(h => [lineOf(h.offset), h]));
    assert.equal(byLine.get(7)?.label, '→ [2, 8, 26, 26]');
    assert.match(byLine.get(7)?.tooltip ?? '', /conv \(Conv2d\)\n {2}H: .* = 26/);
    assert.equal(new Set(all.map(h => lineOf(h.offset))).size, all.length, 'one hint per line');
    const statements = shapeHints(slice, 0, SOURCE.length, lineOf, { ...DEFAULT_SETTINGS, hintSites: 'statements' });
    assert.ok(statements.length > 0 && statements.every(h => lineOf(h.offset) >= 10), 'no definition lines');
    const inRange = shapeHints(slice, SOURCE.indexOf('self.fc ='), SOURCE.length, lineOf, DEFAULT_SETTINGS);
    assert.ok(inRange.every(h => lineOf(h.offset) >= 8));
  });

  it('lenses: the model summary', () => {
    const [lens, ...rest] = modelLenses(slice, 'auto');
    assert.equal(rest.length, 0);
    assert.equal(lens.model.name, 'Head');
    assert.match(lens.title, /^\[2, 1, 28, 28\] → \[2, 10\] · [\d.]+K params$/);
    assert.equal(modelLenses(slice, 'times')[0].title.startsWith('2×1×28×28 → 2×10'), true);
  });

  it('diagnostics: severity overrides and fixes limited to the document', () => {
    const [shown] = shownDiagnostics(slice, DEFAULT_SETTINGS.severity);
    assert.equal(shown.diagnostic.code, 'features-mismatch');
    assert.equal(shown.severity, 'error');
    assert.ok(shown.fixes.some(f => f.edits.some(e => e.newText === '5408')));
    assert.deepEqual(shownDiagnostics(slice, { overrides: { 'features-mismatch': 'off' }, ignored: [] }), []);
    assert.equal(
      shownDiagnostics(slice, { overrides: { 'features-mismatch': 'hint' }, ignored: [] })[0].severity,
      'hint',
    );
    const elsewhere: AnalysisSlice = { ...slice, ownsRange: () => false, contains: () => false };
    assert.deepEqual(fixesIn(elsewhere, shown.diagnostic.fixes), []);
  });

  it('hover: the text diagram for editors without images, the SVG for those with', () => {
    const at = SOURCE.indexOf('nn.Conv2d') + 3;
    const text = layerHover(slice, at, { images: false });
    assert.ok(text);
    assert.match(text.markdown, /\*\*conv: Conv2d\*\*/);
    assert.match(text.markdown, /```text\ninput {13}o = 26\n■ ■ ■ ▣/);
    assert.doesNotMatch(text.markdown, /data:image/);
    const image = layerHover(slice, at, { images: true });
    assert.match(image?.markdown ?? '', /!\[Conv2d diagram\]\(data:image\/svg\+xml;base64,/);
    assert.doesNotMatch(image?.markdown ?? '', /■/);
    assert.equal(layerHover(slice, 0, { images: false }), undefined);
  });
});
