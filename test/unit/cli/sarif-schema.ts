// The part of the SARIF 2.1.0 JSON schema (OASIS, sarif-schema-2.1.0.json) that covers what
// `convshape check --format sarif` emits, transcribed definition by definition, and a validator
// for the JSON-schema keywords it uses. No package with the schema can be installed offline
// beside a validator, so the test carries this subset. It is stricter than the full schema in
// one way only: a property the full schema allows but ConvShape never writes is rejected here,
// so emitting something new means adding its definition from the schema first.

type Schema = { readonly [keyword: string]: unknown };

const bag: Schema = { type: 'object' }; // propertyBag: any properties (its `tags` are not used)
const level: Schema = { enum: ['none', 'note', 'warning', 'error'] };

const DEFINITIONS: Record<string, Schema> = {
  run: {
    type: 'object',
    additionalProperties: false,
    required: ['tool'],
    properties: {
      tool: { $ref: 'tool' },
      results: { type: 'array', items: { $ref: 'result' } },
      columnKind: { enum: ['utf16CodeUnits', 'unicodeCodePoints'] },
      properties: bag,
    },
  },
  tool: {
    type: 'object',
    additionalProperties: false,
    required: ['driver'],
    properties: { driver: { $ref: 'toolComponent' }, properties: bag },
  },
  toolComponent: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: { type: 'string' },
      version: { type: 'string' },
      informationUri: { type: 'string', format: 'uri' },
      rules: { type: 'array', uniqueItems: true, items: { $ref: 'reportingDescriptor' } },
      properties: bag,
    },
  },
  reportingDescriptor: {
    type: 'object',
    additionalProperties: false,
    required: ['id'],
    properties: {
      id: { type: 'string' },
      name: { type: 'string' },
      shortDescription: { $ref: 'multiformatMessageString' },
      fullDescription: { $ref: 'multiformatMessageString' },
      help: { $ref: 'multiformatMessageString' },
      defaultConfiguration: { $ref: 'reportingConfiguration' },
      properties: bag,
    },
  },
  multiformatMessageString: {
    type: 'object',
    additionalProperties: false,
    required: ['text'],
    properties: { text: { type: 'string' }, markdown: { type: 'string' }, properties: bag },
  },
  reportingConfiguration: {
    type: 'object',
    additionalProperties: false,
    properties: { level, properties: bag },
  },
  result: {
    type: 'object',
    additionalProperties: false,
    required: ['message'],
    properties: {
      ruleId: { type: 'string' },
      ruleIndex: { type: 'integer', minimum: -1 },
      level,
      message: { $ref: 'message' },
      locations: { type: 'array', items: { $ref: 'location' } },
      properties: bag,
    },
  },
  message: {
    type: 'object',
    additionalProperties: false,
    anyOf: [{ required: ['text'] }, { required: ['id'] }],
    properties: { text: { type: 'string' }, markdown: { type: 'string' }, id: { type: 'string' }, properties: bag },
  },
  location: {
    type: 'object',
    additionalProperties: false,
    properties: { physicalLocation: { $ref: 'physicalLocation' }, message: { $ref: 'message' }, properties: bag },
  },
  physicalLocation: {
    type: 'object',
    additionalProperties: false,
    anyOf: [{ required: ['address'] }, { required: ['artifactLocation'] }],
    properties: { artifactLocation: { $ref: 'artifactLocation' }, region: { $ref: 'region' }, properties: bag },
  },
  artifactLocation: {
    type: 'object',
    additionalProperties: false,
    properties: { uri: { type: 'string', format: 'uri-reference' }, properties: bag },
  },
  region: {
    type: 'object',
    additionalProperties: false,
    properties: {
      startLine: { type: 'integer', minimum: 1 },
      startColumn: { type: 'integer', minimum: 1 },
      endLine: { type: 'integer', minimum: 1 },
      endColumn: { type: 'integer', minimum: 1 },
      properties: bag,
    },
  },
};

const SARIF_LOG: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'runs'],
  properties: {
    $schema: { type: 'string', format: 'uri' },
    version: { enum: ['2.1.0'] },
    runs: { type: 'array', items: { $ref: 'run' } },
    properties: bag,
  },
};

/** The problems of `value` against the SARIF 2.1.0 log schema: empty when it validates. */
export function sarifSchemaErrors(value: unknown): string[] {
  const errors: string[] = [];
  check(SARIF_LOG, value, '', errors);
  return errors;
}

function check(schema: Schema, value: unknown, at: string, errors: string[]): void {
  if (typeof schema.$ref === 'string') return check(DEFINITIONS[schema.$ref], value, at, errors);
  const fail = (why: string): void => void errors.push(`${at || '/'}: ${why}`);
  if (schema.type !== undefined && !hasType(value, schema.type as string)) return fail(`not ${String(schema.type)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return fail(`${JSON.stringify(value)} not in enum`);
  if (typeof schema.minimum === 'number' && typeof value === 'number' && value < schema.minimum) fail('below minimum');
  if (schema.format === 'uri' && !isUri(value as string, false)) fail('not a URI');
  if (schema.format === 'uri-reference' && !isUri(value as string, true)) fail('not a URI reference');
  if (Array.isArray(value)) {
    value.forEach((item, i) => schema.items && check(schema.items as Schema, item, `${at}/${i}`, errors));
    const texts = value.map(v => JSON.stringify(v));
    if (schema.uniqueItems && new Set(texts).size !== texts.length) fail('items not unique');
  } else if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in object)) fail(`missing ${key}`);
    const anyOf = schema.anyOf as { required: string[] }[] | undefined;
    if (anyOf && !anyOf.some(s => s.required.every(k => k in object))) fail('none of anyOf holds');
    for (const [key, v] of Object.entries(object)) {
      if (properties[key]) check(properties[key], v, `${at}/${key}`, errors);
      else if (schema.additionalProperties === false) fail(`unexpected property ${key}`);
    }
  }
}

function hasType(value: unknown, type: string): boolean {
  if (type === 'array') return Array.isArray(value);
  if (type === 'object') return value !== null && typeof value === 'object' && !Array.isArray(value);
  if (type === 'integer') return Number.isInteger(value);
  return typeof value === type;
}

/** RFC 3986 in the small: no characters that must be percent-encoded; absolute ones have a scheme. */
function isUri(s: string, referenceAllowed: boolean): boolean {
  if (typeof s !== 'string' || /[\s"<>\\^`{|}]/.test(s) || /%(?![0-9A-Fa-f]{2})/.test(s)) return false;
  return referenceAllowed || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s);
}
