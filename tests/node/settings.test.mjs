// extension/settings.js (as copied into dist/chrome) in Node with the built wasm's validators:
// how the organisation's settings (storage.managed) are laid over the user's (storage.sync), and
// how broken stored values are reset part by part. The browsers run the same file (see
// tests/playground/options.test.mjs for real enterprise policies in Chromium and Firefox).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const ext = new URL('dist/chrome/', root);
const glue = await import(new URL('wasm/second_thought.js', ext));
glue.initSync({ module: readFileSync(new URL('wasm/second_thought_bg.wasm', ext)) });
glue.loadModel(readFileSync(new URL('wasm/offensive.bin', ext)));
await import(new URL('settings.js', ext));
const S = globalThis.__secondThought.Settings;
const check = { ruleIds: new Set(glue.rules().map((r) => r.id)), validatePack: glue.validatePack, validateSettings: glue.validateSettings };
const shipped = () => JSON.parse(glue.defaultPack());
const resolve = (got, managed = {}) => S.resolve(got, managed, check);
const keys = (r, area) => r.problems.filter((q) => q.area === area).map((q) => q.key);

test('nothing stored, no policy: the defaults, nothing locked, nothing to report', () => {
  const r = resolve({});
  assert.deepEqual(r.modes, { x: 'personal', facebook: 'personal', linkedin: 'personal' });
  assert.equal(r.authorised, false);
  assert.equal(r.holdOnWarnings, false);
  assert.equal(r.pack, undefined);
  assert.equal(r.packSource, 'shipped');
  assert.deepEqual(JSON.parse(r.settings), { rules: {}, custom_terms: [], allowed_terms: [] });
  assert.equal(r.managed, false);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.repairs, {});
  assert.equal(Object.values(r.locks).flatMap((v) => (typeof v === 'object' ? Object.values(v) : [v])).some(Boolean), false);
});

test('readManaged: {} when the browser throws (Firefox without a policy) or has no managed area', async () => {
  const throwing = { storage: { managed: { get: async () => Promise.reject(new Error('Managed storage manifest not found')) } } };
  assert.deepEqual(await S.readManaged(throwing), {});
  assert.deepEqual(await S.readManaged({ storage: {} }), {});
  assert.deepEqual(await S.readManaged({ storage: { managed: { get: async () => undefined } } }), {});
  assert.deepEqual(await S.readManaged({ storage: { managed: { get: async () => ({ authorised: true }) } } }), { authorised: true });
});

test('the organisation wins: its values are used and locked, whatever the user stored', () => {
  const user = { modes: { x: 'work', facebook: 'work' }, authorised: false, holdOnWarnings: true, settings: JSON.stringify({ rules: { 'obscene-language': { enabled: false }, 'angry-tone': { severity: 'note' } } }) };
  const r = resolve(user, { modes: { x: 'personal' }, authorised: true, rules: { 'obscene-language': { enabled: true, severity: 'stop' } } });
  assert.deepEqual(r.modes, { x: 'personal', facebook: 'work', linkedin: 'personal' });
  assert.deepEqual(r.locks.modes, { x: true, facebook: false, linkedin: false });
  assert.equal(r.authorised, true);
  assert.equal(r.locks.authorised, true);
  assert.equal(r.holdOnWarnings, true, 'not set by the organisation: the user\'s');
  assert.equal(r.locks.holdOnWarnings, false);
  const rules = JSON.parse(r.settings).rules;
  assert.deepEqual(rules['obscene-language'], { enabled: true, severity: 'stop' }, 'forced on over the user\'s off');
  assert.deepEqual(rules['angry-tone'], { severity: 'note' }, 'the user\'s other rules stay');
  assert.equal(r.managed, true);
  assert.deepEqual(r.problems, []);
  // The checker really uses them.
  const findings = new glue.Checker(r.pack, r.settings).check('What a f*cking shambles', { mode: 'personal', site: 'x' });
  assert.ok(findings.some((f) => f.rule === 'obscene-language' && f.severity === 'stop'), JSON.stringify(findings));
});

test('locked without a value: the user\'s value is ignored and the default used', () => {
  const user = { modes: { linkedin: 'work' }, authorised: true, holdOnWarnings: true, settings: JSON.stringify({ rules: { 'personal-data': { enabled: false } }, custom_terms: [{ term: 'heron', severity: 'stop', message: 'Secret.' }], allowed_terms: ['bloody'] }) };
  const r = resolve(user, { locked: ['modes', 'authorised', 'holdOnWarnings', 'rules', 'custom_terms', 'allowed_terms'] });
  assert.deepEqual(r.modes, { x: 'personal', facebook: 'personal', linkedin: 'personal' });
  assert.equal(r.authorised, false);
  assert.equal(r.holdOnWarnings, false);
  assert.deepEqual(JSON.parse(r.settings), { rules: {}, custom_terms: [], allowed_terms: [] });
  // ... but the user's stored values are kept (and shown by userAccounts / user.settings).
  assert.deepEqual(r.userAccounts, { modes: { linkedin: 'work' }, authorised: true, holdOnWarnings: true });
  assert.equal(r.user.settings.custom_terms.length, 1);
  assert.deepEqual(r.repairs, {});
});

test('a lock on rules or allowed terms also holds for a pack the user imported', () => {
  const pack = shipped();
  pack.rules['obscene-language'] = { enabled: false, allowed_terms: ['shit'] };
  pack.allowed_terms = ['fuck'];
  const got = { pack: JSON.stringify(pack) };
  assert.equal(resolve(got).packSource, 'user');
  const r = resolve(got, { locked: ['rules', 'allowed_terms'] });
  assert.equal(r.packSource, 'user');
  const inForce = JSON.parse(r.pack);
  assert.deepEqual(inForce.rules['obscene-language'], {});
  assert.deepEqual(inForce.allowed_terms, []);
  const findings = new glue.Checker(r.pack, r.settings).check('fuck this shit', {});
  assert.equal(findings.filter((f) => f.rule === 'obscene-language').length, 2, JSON.stringify(findings));
});

test('the organisation\'s pack replaces the user\'s; a locked pack means the shipped one', () => {
  const mine = shipped();
  mine.organisation.name = 'Mine';
  const theirs = shipped();
  theirs.organisation.name = 'Theirs';
  let r = resolve({ pack: JSON.stringify(mine) }, { pack: theirs });
  assert.equal(r.packSource, 'organisation');
  assert.equal(JSON.parse(r.pack).organisation.name, 'Theirs');
  assert.equal(r.locks.pack, true);
  r = resolve({ pack: JSON.stringify(mine) }, { pack: JSON.stringify(theirs) });
  assert.equal(JSON.parse(r.pack).organisation.name, 'Theirs', 'a JSON string is taken too (Firefox)');
  r = resolve({ pack: JSON.stringify(mine) }, { locked: ['pack'] });
  assert.equal(r.packSource, 'shipped');
  assert.equal(r.pack, undefined);
});

test('an invalid organisation pack is refused whole, with the reason, and nothing of it is used', () => {
  const bad = shipped();
  bad.organisation.name = 'Half Applied Trust';
  bad.working_hours.start = '25:00';
  const mine = shipped();
  mine.organisation.name = 'Mine';
  let r = resolve({ pack: JSON.stringify(mine) }, { pack: bad });
  assert.deepEqual(keys(r, 'managed'), ['pack']);
  assert.match(r.problems[0].reason, /working_hours\.start/);
  assert.equal(JSON.parse(r.pack).organisation.name, 'Mine', 'not locked: the user\'s pack stays');
  assert.equal(r.locks.pack, false);
  r = resolve({ pack: JSON.stringify(mine) }, { pack: bad, locked: ['pack'] });
  assert.equal(r.packSource, 'shipped', 'locked: the shipped pack, never half of the bad one');
  r = resolve({}, { pack: 'not json' });
  assert.match(r.problems[0].reason, /not valid JSON/);
  r = resolve({}, { pack: 42 });
  assert.match(r.problems[0].reason, /not a policy pack but a number/);
});

test('bad organisation values are ignored one by one, with the reason', () => {
  const r = resolve(
    { authorised: true },
    { authorised: 'yes', modes: { x: 'holiday', myspace: 'work', linkedin: 'work' }, rules: { 'no-such-rule': { enabled: true }, threat: { enabled: 'on', severity: 'warn', extra: 1 } }, locked: ['everything', 'modes'], colour: 'red' },
  );
  assert.deepEqual(keys(r, 'managed').sort(), ['authorised', 'colour', 'locked', 'modes.myspace', 'modes.x', 'rules.no-such-rule', 'rules.threat.enabled', 'rules.threat.extra'].sort());
  assert.equal(r.authorised, true, 'the organisation\'s bad value is ignored: the user\'s stays');
  assert.equal(r.modes.linkedin, 'work');
  assert.equal(r.locks.modes.x, true, 'modes is locked all the same');
  assert.deepEqual(r.forced, { threat: { severity: 'warn' } });
});

test('broken stored settings: each broken part is reset, with the reason; the rest is kept', () => {
  const good = shipped();
  good.organisation.name = 'Kept Trust';
  const settings = {
    rules: { 'no-such-rule': { enabled: false }, 'angry-tone': { severity: 'note' }, threat: { severity: 'loud' }, copyright: 'off' },
    custom_terms: [
      { term: 'Project Heron', severity: 'stop', message: 'Not announced.' },
      { term: '(unclosed', regex: true, severity: 'stop', message: 'Bad regex.' },
      'garbage',
    ],
    allowed_terms: ['Dick Whittington', 42, ''],
    colour: 'red',
  };
  const r = resolve({ pack: JSON.stringify(good), settings: JSON.stringify(settings), modes: { x: 'work', facebook: 7 }, authorised: 'true', holdOnWarnings: true });
  assert.equal(JSON.parse(r.pack).organisation.name, 'Kept Trust');
  assert.deepEqual(r.user.settings, {
    rules: { 'angry-tone': { severity: 'note' } },
    custom_terms: [{ term: 'Project Heron', severity: 'stop', message: 'Not announced.' }],
    allowed_terms: ['Dick Whittington'],
  });
  assert.deepEqual(r.modes, { x: 'work', facebook: 'personal', linkedin: 'personal' });
  assert.equal(r.authorised, false);
  assert.equal(r.holdOnWarnings, true);
  const reasons = r.problems.map((q) => `${q.key}: ${q.reason}`).join('\n');
  for (const what of [/no-such-rule/, /threat/, /copyright/, /custom_terms\[1\]/, /custom_terms\[2\]/, /allowed_terms\[1\]/, /allowed_terms\[2\]/, /colour/, /modes\.facebook/, /authorised/]) {
    assert.match(reasons, what);
  }
  assert.doesNotMatch(reasons, /known:/, 'no list of every rule id in a notice');
  assert.deepEqual(Object.keys(r.repairs).sort(), ['authorised', 'modes', 'settings']);
  assert.deepEqual(r.repairs.modes, { x: 'work' });
  assert.equal(r.repairs.authorised, undefined);
  assert.deepEqual(JSON.parse(r.repairs.settings), r.user.settings);
  // What is left is good.
  assert.doesNotThrow(() => new glue.Checker(r.pack, r.settings).free());
});

test('garbage in every key: all defaults, every key reported, nothing thrown', () => {
  for (const junk of [null, 42, 'nonsense', '{"rules": ', [1, 2], { a: 1 }, true]) {
    const r = resolve({ pack: junk, settings: junk, modes: junk, authorised: junk, holdOnWarnings: junk });
    assert.equal(typeof r.settings, 'string');
    assert.doesNotThrow(() => new glue.Checker(r.pack, r.settings).free(), JSON.stringify(junk));
  }
  const r = resolve({ pack: '{"schema": 1}', settings: 'not json', modes: 'work', authorised: 1, holdOnWarnings: 'no' });
  assert.deepEqual(keys(r, 'sync').sort(), ['authorised', 'holdOnWarnings', 'modes', 'pack', 'settings']);
  assert.deepEqual(r.repairs, { pack: undefined, settings: undefined, modes: undefined, authorised: undefined, holdOnWarnings: undefined });
  assert.equal(r.packSource, 'shipped');
});

test('the content scripts\' view (no wasm): only the account settings, same rules', () => {
  const r = S.resolve({ modes: { x: 'work' }, authorised: true, holdOnWarnings: 'yes' }, { holdOnWarnings: true, locked: ['authorised'] });
  assert.deepEqual(r.modes, { x: 'work', facebook: 'personal', linkedin: 'personal' });
  assert.equal(r.authorised, false);
  assert.equal(r.holdOnWarnings, true);
  assert.equal(r.pack, undefined);
  assert.equal(r.settings, undefined);
});
