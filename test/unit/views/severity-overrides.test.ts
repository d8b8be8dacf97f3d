// The user's per-code severity overrides: only catalogue codes and known severities count; a
// diagnostic that holds on some paths only stays at most a warning.
import { strict as assert } from 'assert';
import { severityOverrides, shownSeverity } from '../../../src/views/severity-overrides';

describe('views: severity overrides', () => {
  it('keeps catalogue codes with a known severity and names every other key', () => {
    const { overrides, ignored } = severityOverrides({
      'dropped-input': 'off',
      'stale-shape-comment': 'error',
      'no-such-code': 'error',
      'channel-mismatch': 'loud',
      'rank-mismatch': 3,
    });
    assert.deepEqual(overrides, { 'dropped-input': 'off', 'stale-shape-comment': 'error' });
    assert.deepEqual(ignored, ['no-such-code', 'channel-mismatch', 'rank-mismatch']);
  });

  it('reads anything that is not an object as no overrides', () => {
    for (const raw of [undefined, null, 'error', ['dropped-input'], 3])
      assert.deepEqual(severityOverrides(raw), { overrides: {}, ignored: [] });
  });

  it('replaces the default, but keeps a conditional diagnostic at most a warning', () => {
    assert.equal(shownSeverity({ severity: 'error' }, undefined), 'error');
    assert.equal(shownSeverity({ severity: 'warning' }, 'error'), 'error');
    assert.equal(shownSeverity({ severity: 'error' }, 'hint'), 'hint');
    assert.equal(shownSeverity({ severity: 'warning', condition: 'in training mode' }, 'error'), 'warning');
    assert.equal(shownSeverity({ severity: 'warning', condition: 'in training mode' }, 'information'), 'information');
    assert.equal(shownSeverity({ severity: 'warning', condition: 'in training mode' }, 'off'), 'off');
  });
});
