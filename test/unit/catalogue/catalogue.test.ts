// The diagnostic catalogue is the one source of codes and severities: the settings schema, the
// README table and docs/diagnostics.md must be what it generates (UPDATE_EXPECT=1 rewrites them),
// every code raised in src must be in it, and no raise site may choose its own severity.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DIAGNOSTIC_CATALOGUE, DIAGNOSTIC_CODES } from '../../../src/engine/diagnostic-catalogue';
import { TABLE_BEGIN, TABLE_END, docsPage, readmeTable, severitySettingSchema, withReadmeTable } from './generated';

const root = path.resolve(__dirname, '../../../..');
const UPDATE = process.env.UPDATE_EXPECT === '1';
const SETTING = 'convshape.diagnostics.severity';

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const CATALOGUE_FILE = path.join('src', 'engine', 'diagnostic-catalogue.ts');
const sources = tsFiles(path.join(root, 'src'))
  .filter(f => path.relative(root, f) !== CATALOGUE_FILE)
  .map(f => ({ file: path.relative(root, f), text: fs.readFileSync(f, 'utf8') }));

/** Codes handed to whatever raises a diagnostic: `code: '…'`, `failed('…'`, `fail('…'`, `raise('…'`, `axisCode = '…'`. */
const RAISED = /(?:\bcode:\s*|\bfailed\(\s*|\bfail\(\s*|\braise\(\s*|\baxisCode\b[^=\n]*=\s*)'([a-z]+(?:-[a-z]+)+)'/g;

/** Catalogued for the interpreter's Python errors, which another change raises. */
const NOT_YET_RAISED = new Set(['unpack-mismatch', 'division-by-zero', 'index-out-of-range']);

describe('diagnostic catalogue', () => {
  it('has a title, description, example and reason for every code, and codes in kebab case', () => {
    assert.ok(DIAGNOSTIC_CODES.length >= 16);
    for (const code of DIAGNOSTIC_CODES) {
      const e = DIAGNOSTIC_CATALOGUE[code];
      assert.match(code, /^[a-z]+(-[a-z]+)+$/);
      for (const field of [e.title, e.description, e.example, e.onSomePathsWhy])
        assert.ok(field.trim().length > 3, `${code}: empty field`);
      assert.ok(!e.description.includes('\n'), `${code}: the description is one line`);
    }
  });

  it(`package.json: ${SETTING} has exactly the catalogue's codes, with their descriptions`, () => {
    const file = path.join(root, 'package.json');
    const text = fs.readFileSync(file, 'utf8');
    const pkg = JSON.parse(text);
    const properties = pkg.contributes.configuration.properties;
    if (UPDATE) {
      properties[SETTING] = severitySettingSchema();
      fs.writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
    }
    const schema = properties[SETTING];
    assert.deepEqual(
      Object.keys(schema.properties ?? {}),
      [...DIAGNOSTIC_CODES],
      'codes in package.json ≠ catalogue (UPDATE_EXPECT=1 regenerates)',
    );
    assert.equal(schema.additionalProperties, false, 'unknown codes must be rejected');
    assert.deepEqual(
      schema,
      severitySettingSchema(),
      'the schema drifted from the catalogue (UPDATE_EXPECT=1 regenerates)',
    );
  });

  it('README: the diagnostics table between its markers is the catalogue', () => {
    const file = path.join(root, 'README.md');
    const before = fs.readFileSync(file, 'utf8');
    const regenerated = withReadmeTable(before);
    assert.ok(regenerated, `README.md has ${TABLE_BEGIN} … ${TABLE_END}`);
    if (UPDATE && regenerated !== before) fs.writeFileSync(file, regenerated);
    const text = fs.readFileSync(file, 'utf8');
    const shown = text.slice(text.indexOf(TABLE_BEGIN), text.indexOf(TABLE_END) + TABLE_END.length);
    const codes = [...shown.matchAll(/^\| `([a-z-]+)` \|/gm)].map(m => m[1]);
    assert.deepEqual(
      codes,
      [...DIAGNOSTIC_CODES],
      'codes in the README table ≠ catalogue (UPDATE_EXPECT=1 regenerates)',
    );
    assert.equal(shown, readmeTable(), 'the README table drifted from the catalogue (UPDATE_EXPECT=1 regenerates)');
  });

  it('docs/diagnostics.md is the catalogue', () => {
    const file = path.join(root, 'docs/diagnostics.md');
    if (UPDATE) fs.writeFileSync(file, docsPage());
    assert.ok(fs.existsSync(file), 'docs/diagnostics.md is missing (UPDATE_EXPECT=1 writes it)');
    const text = fs.readFileSync(file, 'utf8');
    const codes = [...text.matchAll(/^## `([a-z-]+)`/gm)].map(m => m[1]);
    assert.deepEqual(codes, [...DIAGNOSTIC_CODES], 'sections of docs/diagnostics.md ≠ catalogue');
    assert.equal(text, docsPage(), 'docs/diagnostics.md drifted from the catalogue (UPDATE_EXPECT=1 regenerates)');
  });

  it('every code raised in src is in the catalogue', () => {
    const raised = new Set<string>();
    for (const s of sources) for (const m of s.text.matchAll(RAISED)) raised.add(m[1]);
    assert.ok(raised.size >= 10, `found too few raised codes: ${[...raised].join(', ')}`);
    assert.deepEqual(
      [...raised].filter(c => !(c in DIAGNOSTIC_CATALOGUE)),
      [],
    );
  });

  it('every catalogued code is raised somewhere in src', () => {
    const all = sources.map(s => s.text).join('\n');
    const unraised = DIAGNOSTIC_CODES.filter(c => !NOT_YET_RAISED.has(c) && !all.includes(`'${c}'`));
    assert.deepEqual(unraised, []);
  });

  it('no raise site chooses a severity: it comes from the catalogue', () => {
    const literal = /\bseverity\s*[:=]\s*'(error|warning|information|hint)'|:\s*Severity\s*=\s*'/;
    const offenders = sources
      .filter(s => !s.file.startsWith(path.join('src', 'extension')))
      .filter(s => literal.test(s.text))
      .map(s => s.file);
    assert.deepEqual(offenders, []);
  });
});
