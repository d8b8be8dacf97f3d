// What the diagnostic catalogue generates: the `convshape.diagnostics.severity` settings schema
// (package.json), the README's diagnostics table and docs/diagnostics.md. catalogue.test.ts fails
// when the committed ones drift; UPDATE_EXPECT=1 rewrites them.
import {
  type CatalogueEntry,
  type DiagnosticCode,
  DIAGNOSTIC_CATALOGUE,
  DIAGNOSTIC_CODES,
  SEVERITY_OVERRIDES,
} from '../../../src/engine/diagnostic-catalogue';

export const TABLE_BEGIN = '<!-- diagnostics-table:begin -->';
export const TABLE_END = '<!-- diagnostics-table:end -->';

const entries = (): [DiagnosticCode, CatalogueEntry][] => DIAGNOSTIC_CODES.map(c => [c, DIAGNOSTIC_CATALOGUE[c]]);

const SOME_PATHS: Record<CatalogueEntry['onSomePaths'], string> = {
  warning: 'warning naming the condition',
  omit: 'not reported',
};

/** The value of package.json's `contributes.configuration.properties["convshape.diagnostics.severity"]`. */
export function severitySettingSchema(): object {
  const properties: Record<string, object> = {};
  for (const [code, e] of entries()) {
    properties[code] = {
      type: 'string',
      enum: [...SEVERITY_OVERRIDES],
      default: e.severity,
      description: `${e.title} (default: ${e.severity}). ${e.description}`,
    };
  }
  return {
    type: 'object',
    default: {},
    description:
      'Override the severity of a diagnostic code, e.g. {"dropped-input": "off", "stale-shape-comment": "error"}. ' +
      'A diagnostic that holds on some paths only stays at most a warning.',
    properties,
    additionalProperties: false,
  };
}

/** One table cell: no line breaks, no unescaped pipes. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The README's table, markers included. */
export function readmeTable(): string {
  const rows = entries().map(
    ([code, e]) =>
      `| \`${code}\` | ${e.severity} | ${cell(e.description)} | ${e.quickFix ? 'yes' : '—'} | ${SOME_PATHS[e.onSomePaths]} |`,
  );
  return [
    TABLE_BEGIN,
    '| Code | Severity | When | Quick fix | On some paths only |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    'Each code with an example, its fix and why: [docs/diagnostics.md](docs/diagnostics.md).',
    TABLE_END,
  ].join('\n');
}

/** The README with its table between the markers replaced; undefined when the markers are missing. */
export function withReadmeTable(readme: string): string | undefined {
  const begin = readme.indexOf(TABLE_BEGIN);
  const end = readme.indexOf(TABLE_END);
  if (begin < 0 || end < begin) return undefined;
  return readme.slice(0, begin) + readmeTable() + readme.slice(end + TABLE_END.length);
}

/** docs/diagnostics.md: one section per code. */
export function docsPage(): string {
  const out = [
    '<!-- Generated from src/engine/diagnostic-catalogue.ts: do not edit by hand. Regenerate with',
    '     UPDATE_EXPECT=1 npx mocha out/test/unit/catalogue/catalogue.test.js (after npm run compile). -->',
    '# Diagnostics',
    '',
    'Every diagnostic ConvShape reports, by its stable code. A diagnostic is reported only when it',
    'holds on every path through the code. One that holds on some paths only (a branch taken in',
    'training mode only) is either reported as a warning whose message names the condition, e.g.',
    '"… (in training mode)", or not reported, as each code says below; where the condition cannot be',
    'named (an unknown flag, a loop whose count is unknown), nothing is reported.',
    '',
    'Severities can be changed per code with the `convshape.diagnostics.severity` setting',
    `(${SEVERITY_OVERRIDES.map(s => `\`${s}\``).join(', ')}).`,
  ];
  for (const [code, e] of entries()) {
    out.push(
      '',
      `## \`${code}\` — ${e.title}`,
      '',
      `Default severity: **${e.severity}**. ${e.description}`,
      '',
      '```text',
      e.example,
      '```',
      '',
      `Quick fix: ${e.quickFix ?? 'none.'}`,
      '',
      `On some paths only: ${SOME_PATHS[e.onSomePaths]} (${e.onSomePathsWhy}).`,
    );
  }
  return `${out.join('\n')}\n`;
}
