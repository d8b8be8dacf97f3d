// How a raised diagnostic is reported: the catalogue's severity, and for one that holds on some
// paths only, a warning naming the condition or nothing, as the code's `onSomePaths` says.
import { strict as assert } from 'assert';
import { DIAGNOSTIC_CATALOGUE, DIAGNOSTIC_CODES, type DiagnosticCode } from '../../../src/engine/diagnostic-catalogue';
import { asReported, severityFor } from '../../../src/analysis/reported';

const raised = (code: DiagnosticCode) => ({
  range: { start: 3, end: 9 },
  code,
  message: 'Expected more than 1 value per channel when training',
  fixes: [],
});

describe('analysis: reported diagnostics', () => {
  it("takes every code's severity from the catalogue", () => {
    for (const code of DIAGNOSTIC_CODES) {
      assert.equal(severityFor(code), DIAGNOSTIC_CATALOGUE[code].severity);
      assert.equal(asReported(raised(code))?.severity, DIAGNOSTIC_CATALOGUE[code].severity);
    }
    assert.equal(severityFor('channel-mismatch'), 'error');
    assert.equal(severityFor('stale-shape-comment'), 'warning');
    assert.equal(severityFor('dropped-input'), 'information');
  });

  it('keeps the message, range and fixes of a diagnostic that holds on every path', () => {
    const d = asReported(raised('invalid-argument'));
    assert.deepEqual(d, { ...raised('invalid-argument'), severity: 'error' });
    assert.equal(d?.condition, undefined);
  });

  it('reports an error that holds in training mode only as a warning naming the condition', () => {
    const d = asReported(raised('invalid-argument'), 'in training mode');
    assert.equal(d?.severity, 'warning');
    assert.equal(d?.message, 'Expected more than 1 value per channel when training (in training mode)');
    assert.equal(d?.condition, 'in training mode');
  });

  it('does not report a code whose onSomePaths is omit when it holds on some paths only', () => {
    for (const code of DIAGNOSTIC_CODES) {
      const d = asReported(raised(code), 'in training mode');
      if (DIAGNOSTIC_CATALOGUE[code].onSomePaths === 'omit') assert.equal(d, undefined, code);
      else assert.ok(d && (d.severity === 'warning' || d.severity === DIAGNOSTIC_CATALOGUE[code].severity), code);
    }
    assert.equal(asReported(raised('dropped-input'), 'in training mode'), undefined);
  });
});
