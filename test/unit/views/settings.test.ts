import { strict as assert } from 'assert';
import { DEFAULT_SETTINGS, settingsFromObject } from '../../../src/views/settings';

describe('views/settings: the language server’s initialization options as ConvShape settings', () => {
  it('defaults when nothing is given', () => {
    assert.deepEqual(settingsFromObject(undefined), DEFAULT_SETTINGS);
    assert.deepEqual(settingsFromObject(null), DEFAULT_SETTINGS);
    assert.deepEqual(settingsFromObject([1, 2]), DEFAULT_SETTINGS);
  });

  it('reads the VS Code settings’ names, nested, dotted or under "convshape"', () => {
    const nested = settingsFromObject({
      inlayHints: { enabled: false, sites: 'definitions', maximumLength: 0 },
      shapeFormat: 'times',
      diagnostics: { severity: { 'dropped-input': 'off' }, debounceMs: 10 },
      hover: { images: true },
    });
    assert.equal(nested.inlayHints, false);
    assert.equal(nested.hintSites, 'definitions');
    assert.equal(nested.hintMaxLength, 0);
    assert.equal(nested.shapeStyle, 'times');
    assert.deepEqual(nested.severity.overrides, { 'dropped-input': 'off' });
    assert.equal(nested.debounceMs, 10);
    assert.equal(nested.hoverImages, true);
    const dotted = settingsFromObject({ convshape: { 'inlayHints.sites': 'statements', 'hover.images': true } });
    assert.equal(dotted.hintSites, 'statements');
    assert.equal(dotted.hoverImages, true);
  });

  it('keeps the default for values of the wrong type and names unknown severity keys', () => {
    const s = settingsFromObject({
      inlayHints: { enabled: 'no', sites: 'everywhere' },
      shapeFormat: 3,
      diagnostics: { debounceMs: -5, severity: { 'not-a-code': 'error', 'rank-mismatch': 'loud' } },
    });
    assert.equal(s.inlayHints, true);
    assert.equal(s.hintSites, 'all');
    assert.equal(s.shapeStyle, 'auto');
    assert.equal(s.debounceMs, 250);
    assert.deepEqual(s.severity.overrides, {});
    assert.deepEqual([...s.severity.ignored].sort(), ['not-a-code', 'rank-mismatch']);
  });
});
