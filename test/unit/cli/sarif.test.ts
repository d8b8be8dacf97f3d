// `convshape check --format sarif`: a SARIF 2.1.0 log that validates against the schema, with the
// catalogue as rules and each diagnostic as a result with its code, level and region.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DIAGNOSTIC_CATALOGUE, DIAGNOSTIC_CODES, SEVERITIES } from '../../../src/engine/diagnostic-catalogue';
import { artifactUri, sarifLevel, sarifLog } from '../../../src/cli/sarif';
import { packageVersion } from '../../../src/cli/tool-info';
import { repoRoot, runCli, workspaceFile } from './run-cli';
import { sarifSchemaErrors } from './sarif-schema';

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region?: Region } }[];
}
interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string };
  defaultConfiguration: { level: string };
}
interface Sarif {
  version: string;
  runs: { tool: { driver: { name: string; version: string; rules: SarifRule[] } }; results: SarifResult[] }[];
}

const relativeToCwd = (name: string) => path.relative(process.cwd(), workspaceFile(name)).split(path.sep).join('/');

describe('cli/check --format sarif', () => {
  let log: Sarif;
  let code: number;
  before(async () => {
    const r = await runCli('check', '--format', 'sarif', workspaceFile(''));
    code = r.code;
    log = JSON.parse(r.out) as Sarif;
  });

  it('validates against the SARIF 2.1.0 schema, and the validator rejects what the schema rejects', () => {
    assert.deepEqual(sarifSchemaErrors(log), []);
    const broken = JSON.parse(JSON.stringify(log)) as Sarif & Record<string, unknown>;
    broken.runs[0].results[1].level = 'information';
    broken.runs[0].results[1].locations[0].physicalLocation.region!.startLine = 0;
    (broken.runs[0].tool.driver.rules[0] as unknown as Record<string, unknown>).severity = 'error';
    delete (broken.runs[0].results[0] as Partial<SarifResult>).message;
    assert.deepEqual(sarifSchemaErrors(broken).sort(), [
      '/runs/0/results/0: missing message',
      '/runs/0/results/1/level: "information" not in enum',
      '/runs/0/results/1/locations/0/physicalLocation/region/startLine: below minimum',
      '/runs/0/tool/driver/rules/0: unexpected property severity',
    ]);
    assert.deepEqual(sarifSchemaErrors({ ...log, version: '2.0.0' }), ['/version: "2.0.0" not in enum']);
  });

  it('has one rule per catalogue code, with its title, description, help and level', () => {
    const { driver } = log.runs[0].tool;
    assert.equal(driver.name, 'ConvShape');
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    assert.equal(driver.version, manifest.version);
    assert.deepEqual(
      driver.rules.map(r => r.id),
      DIAGNOSTIC_CODES,
    );
    const features = driver.rules.find(r => r.id === 'features-mismatch')!;
    const entry = DIAGNOSTIC_CATALOGUE['features-mismatch'];
    assert.equal(features.shortDescription.text, entry.title);
    assert.equal(features.fullDescription.text, entry.description);
    for (const part of [entry.description, entry.example, entry.quickFix])
      assert.ok(features.help.text.includes(part), part);
    const dropped = driver.rules.find(r => r.id === 'dropped-input')!;
    assert.equal(dropped.defaultConfiguration.level, 'note');
    assert.equal(driver.rules.find(r => r.id === 'stale-shape-comment')!.defaultConfiguration.level, 'warning');
  });

  it('maps severities onto SARIF levels', () => {
    assert.deepEqual(SEVERITIES.map(sarifLevel), ['error', 'warning', 'note', 'note']);
  });

  it('reports each diagnostic with its code, level, message and the region --json gives', async () => {
    assert.equal(code, 1, 'an error was found');
    const json = JSON.parse((await runCli('check', '--json', workspaceFile('wrong_features.py'))).out) as {
      files: { diagnostics: { line: number; column: number; endLine: number; endColumn: number }[] }[];
    };
    const [d] = json.files[0].diagnostics;
    const result = log.runs[0].results.find(r => r.ruleId === 'features-mismatch')!;
    assert.equal(result.level, 'error');
    assert.equal(result.message.text, 'mat1 and mat2 shapes cannot be multiplied (2x5408 and 9000x10)');
    assert.equal(log.runs[0].tool.driver.rules[result.ruleIndex].id, 'features-mismatch');
    const { physicalLocation } = result.locations[0];
    assert.equal(physicalLocation.artifactLocation.uri, relativeToCwd('wrong_features.py'));
    assert.deepEqual(physicalLocation.region, {
      startLine: d.line,
      startColumn: d.column,
      endLine: d.endLine,
      endColumn: d.endColumn,
    });
    assert.equal(d.line, 9);
  });

  it('gives a notebook result no region (its lines are inside a cell) and says where in its message', () => {
    const result = log.runs[0].results.find(r => r.ruleId === 'channel-mismatch')!;
    const { physicalLocation } = result.locations[0];
    assert.equal(physicalLocation.artifactLocation.uri, relativeToCwd('notebook.ipynb'));
    assert.equal(physicalLocation.region, undefined);
    assert.match(result.message.text, /^cell 3, line 4, column \d+: Given groups=1, weight of size \[8, 4, 3, 3\]/);
  });

  it('writes URIs relative to the working directory, percent-encoded, and file: URIs outside it', () => {
    const cwd = path.resolve('/srv/project');
    assert.equal(artifactUri(path.join(cwd, 'models', 'my net#1.py'), cwd), 'models/my%20net%231.py');
    assert.equal(artifactUri('models/net.py', cwd), 'models/net.py');
    assert.match(artifactUri(path.resolve('/elsewhere/my net.py'), cwd), /^file:\/\/\/(.*\/)?elsewhere\/my%20net\.py$/);
  });

  it('is a valid log with no results when nothing is wrong', () => {
    const empty = sarifLog([{ path: 'a.py', diagnostics: [] }], { version: '1.2.3' }, process.cwd());
    assert.deepEqual(sarifSchemaErrors(empty), []);
    assert.deepEqual(empty.runs[0].results, []);
  });

  it('states the version of the convshape package.json above it, or none', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'convshape-version-'));
    try {
      fs.mkdirSync(path.join(tmp, 'other', 'dist'), { recursive: true });
      fs.writeFileSync(path.join(tmp, 'other', 'package.json'), '{"name": "other", "version": "9.9.9"}');
      assert.equal(packageVersion(path.join(tmp, 'other', 'dist')), undefined);
      fs.writeFileSync(path.join(tmp, 'package.json'), '{"name": "convshape", "version": "1.2.3"}');
      assert.equal(packageVersion(path.join(tmp, 'other', 'dist')), '1.2.3');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    const log = sarifLog([], {}, process.cwd());
    assert.equal('version' in log.runs[0].tool.driver, false);
    assert.deepEqual(sarifSchemaErrors(log), []);
  });
});
