// extension/managed_schema.json, the schema of the organisation's settings (storage.managed):
// that Chrome can take it (its subset of JSON Schema), that it agrees with the pack model, and
// that the README's worked policies for Chrome and Firefox fit it and are used whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const read = (p) => readFileSync(new URL(p, root), 'utf8');
const schema = JSON.parse(read('extension/managed_schema.json'));
const manifest = JSON.parse(read('manifest.json'));

// Chrome's schema keywords (components/policy/core/common/json_schema_constants.cc).
const KEYWORDS = new Set(['type', 'properties', 'additionalProperties', 'patternProperties', 'items', 'enum', 'minimum', 'maximum', 'pattern', 'required', '$ref', 'id', 'title', 'description', 'sensitiveValue']);
const TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);

/** Every node of the schema, with its path; and the ids it defines. */
function nodes(node, path = '', out = [], ids = new Map()) {
  out.push([path || '(top)', node]);
  if (node.id) ids.set(node.id, node);
  for (const [k, v] of Object.entries(node.properties ?? {})) nodes(v, `${path}.${k}`, out, ids);
  if (node.additionalProperties) nodes(node.additionalProperties, `${path}.*`, out, ids);
  for (const [k, v] of Object.entries(node.patternProperties ?? {})) nodes(v, `${path}.${k}`, out, ids);
  if (node.items) nodes(node.items, `${path}[]`, out, ids);
  return { out, ids };
}
const { out: ALL, ids: IDS } = nodes(schema);

/** Chrome's validation of a policy value (strict: unknown properties are errors here). */
function validate(value, node = schema, path = '') {
  if (node.$ref) return validate(value, IDS.get(node.$ref), path);
  const type = Array.isArray(value) ? 'array' : value === null ? 'null' : Number.isInteger(value) && node.type === 'integer' ? 'integer' : typeof value;
  const ok = node.type === type || (node.type === 'number' && typeof value === 'number');
  if (!ok) return [`${path || '(top)'}: ${type}, expected ${node.type}`];
  const errors = [];
  if (node.enum && !node.enum.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} not in ${node.enum}`);
  if (node.minimum !== undefined && value < node.minimum) errors.push(`${path}: below ${node.minimum}`);
  if (type === 'array') value.forEach((v, i) => errors.push(...validate(v, node.items, `${path}[${i}]`)));
  if (type === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const sub = node.properties?.[k] ?? node.additionalProperties;
      if (!sub) errors.push(`${path}.${k}: not in the schema`);
      else errors.push(...validate(v, sub, `${path}.${k}`));
    }
  }
  return errors;
}

test('the manifest names the schema, and Chrome can take it', () => {
  assert.equal(manifest.storage?.managed_schema, 'managed_schema.json');
  assert.equal(schema.type, 'object', 'the top level is an object');
  assert.equal(schema.additionalProperties, undefined, 'no additionalProperties at the top');
  for (const [path, node] of ALL) {
    for (const k of Object.keys(node)) assert.ok(KEYWORDS.has(k), `${path}: ${k} is not a keyword Chrome knows`);
    assert.ok(!!node.type !== !!node.$ref, `${path}: exactly one of type and $ref`);
    if (node.type) assert.ok(TYPES.has(node.type), `${path}: type ${node.type}`);
    if (node.$ref) assert.ok(IDS.has(node.$ref), `${path}: $ref ${node.$ref} is defined`);
  }
});

test('the schema declares what settings.js reads, and only that', () => {
  assert.deepEqual(Object.keys(schema.properties).sort(), ['authorised', 'holdOnWarnings', 'locked', 'modes', 'pack', 'rules'].sort());
  assert.deepEqual(schema.properties.locked.items.enum.sort(), ['allowed_terms', 'authorised', 'custom_terms', 'holdOnWarnings', 'modes', 'pack', 'rules'].sort());
  assert.deepEqual(Object.keys(schema.properties.modes.properties).sort(), ['facebook', 'linkedin', 'x']);
});

test('the pack part agrees with the pack model: the shipped pack and the README pack fit it; nulls and wrong types do not', () => {
  const shipped = JSON.parse(read('policies/central-bedfordshire-sendiass.json'));
  assert.deepEqual(validate({ pack: shipped }), []);
  const readmePack = JSON.parse(/## Writing a policy pack[\s\S]*?```json\n([\s\S]*?)```/.exec(read('README.md'))[1]);
  assert.deepEqual(validate({ pack: readmePack }), []);
  assert.notDeepEqual(validate({ pack: { ...shipped, working_hours: null } }), [], 'a null is refused (the options page exports without them)');
  assert.notDeepEqual(validate({ pack: { ...shipped, schema: '1' } }), []);
  assert.notDeepEqual(validate({ rules: { threat: { severity: 'block' } } }), []);
  assert.notDeepEqual(validate({ locked: ['everything'] }), []);
});

const glue = await import(new URL('dist/chrome/wasm/second_thought.js', root));
glue.initSync({ module: readFileSync(new URL('dist/chrome/wasm/second_thought_bg.wasm', root)) });
glue.loadModel(readFileSync(new URL('dist/chrome/wasm/offensive.bin', root)));
await import(new URL('dist/chrome/settings.js', root));
const S = globalThis.__secondThought.Settings;
const check = { ruleIds: new Set(glue.rules().map((r) => r.id)), validatePack: glue.validatePack, validateSettings: glue.validateSettings };

const example = (browser) => {
  const m = new RegExp(`<!-- policy-example: ${browser} -->\\n\`\`\`json\\n([\\s\\S]*?)\`\`\``).exec(read('README.md'));
  assert.ok(m, `README has the ${browser} example`);
  const doc = JSON.parse(m[1]);
  return browser === 'chrome' ? doc['3rdparty'].extensions.EXTENSION_ID : doc.policies['3rdparty'].Extensions['second-thought@example.org'];
};

test("the README's Chrome and Firefox policies are the same settings, fit the schema and are used whole", () => {
  const chrome = example('chrome');
  assert.deepEqual(example('firefox'), chrome);
  assert.deepEqual(validate(chrome), []);
  const r = S.resolve({ settings: JSON.stringify({ rules: { 'personal-data': { enabled: false } }, allowed_terms: ['RFST-12345'] }), modes: { linkedin: 'personal' } }, chrome, check);
  assert.deepEqual(r.problems, []);
  assert.equal(r.packSource, 'organisation');
  assert.equal(r.locks.pack && r.locks.rules && r.locks.allowed_terms && r.locks.modes.linkedin, true);
  assert.equal(r.modes.linkedin, 'work');
  const findings = new glue.Checker(r.pack, r.settings).check('Case RFST-12345: call 07700 900123', { mode: 'work', site: 'linkedin', authorised: true });
  const rules = findings.map((f) => `${f.rule}:${f.severity}`);
  assert.ok(rules.includes('custom-term:stop'), `the pack's case reference, not allowed by the user (locked): ${rules}`);
  assert.ok(rules.includes('personal-data:stop'), `forced on over the user's "off": ${rules}`);
});
