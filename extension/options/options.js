// Second Thought options page. Generated from the rule registry (the wasm's rules()) and the
// active policy pack; everything is saved to storage.sync, where the background (pack, settings)
// and the content scripts (modes, authorised, holdOnWarnings) pick it up at once.
//
// storage.sync keys:
//   settings        JSON string of UserSettings {rules: {id: {enabled, severity}}, custom_terms, allowed_terms}
//   pack            JSON string of a whole policy pack (only when imported or the profile edited)
//   modes           {x, facebook, linkedin}: 'personal' | 'work'
//   authorised      boolean
//   holdOnWarnings  boolean
//
// storage.managed (enterprise policy, managed_schema.json) wins over them: what the organisation
// sets or locks is shown as "Set by your organisation", disabled, and never written here.
// Broken stored values (hand-edited, wrong types) are reset one by one when the page opens, and a
// notice says which (../settings.js decides both).
//
// Rule and user texts reach the page through textContent only.

import init, * as wasm from '../wasm/second_thought.js';
import '../settings.js';
import { el } from './el.js';

const api = globalThis.browser ?? globalThis.chrome;
const store = api.storage.sync;
const Settings = globalThis.__secondThought.Settings;
const SITES = ['x', 'facebook', 'linkedin'];
const SEVERITIES = ['stop', 'warn', 'note'];
const $ = (id) => document.getElementById(id);

/** The extension's own strings, from _locales (the English in the HTML is the fallback). */
function t(key, ...subs) {
  let s = '';
  try {
    s = api.i18n.getMessage(key, subs.map(String));
  } catch {
    // no i18n (a test page): fall back to the key
  }
  return s || key;
}

function localise(root = document) {
  for (const node of root.querySelectorAll('[data-i18n]')) {
    let s = '';
    try {
      s = api.i18n.getMessage(node.dataset.i18n);
    } catch {
      // keep the HTML's English
    }
    if (s) node.textContent = s;
  }
}


// ---- state -----------------------------------------------------------------------------------

const state = {
  registry: [], // rules()
  got: {}, // storage.sync as read
  managed: {}, // storage.managed as read
  resolved: null, // Settings.resolve(got, managed): what is in force, what is locked, what was reset
  packJson: null, // the pack in force as JSON, or null for the shipped one
  pack: null, // parsed pack in force
  settings: { rules: {}, custom_terms: [], allowed_terms: [] }, // the user's own
  terms: [], // custom-term rows being edited: {term, regex, severity, message, clause?}
};
const locks = () => state.resolved.locks;

function status(text) {
  $('status').textContent = text;
}

function showError(text) {
  const box = $('error');
  box.textContent = text;
  box.hidden = !text;
}

function storageError(e) {
  const why = String(e?.message ?? e);
  showError(/quota/i.test(why) ? t('errorQuota', why) : t('errorSave', why));
}

async function save(items) {
  try {
    await store.set(items);
    showError('');
    status(t('saved'));
    document.documentElement.dataset.saved = String(Date.now());
    return true;
  } catch (e) {
    storageError(e);
    return false;
  }
}

function check() {
  return { ruleIds: new Set(state.registry.map((r) => r.id)), validatePack: wasm.validatePack, validateSettings: wasm.validateSettings };
}

/**
 * Lays the organisation's settings over `got` (storage.sync items) into state. With keepEdits,
 * the user's settings being edited (state.settings, state.terms) stay as they are.
 */
function apply(got, { keepEdits = false } = {}) {
  if (keepEdits) got = { ...got, settings: JSON.stringify(state.settings) };
  state.got = got;
  const r = Settings.resolve(got, state.managed, check());
  state.resolved = r;
  state.packJson = r.pack ?? null;
  state.pack = JSON.parse(r.pack ?? wasm.defaultPack());
  if (!keepEdits) {
    state.settings = structuredClone(r.user.settings);
    state.terms = state.settings.custom_terms.map((c) => ({ ...c }));
  }
  return r;
}

async function load() {
  const [got, managed] = await Settings.readAll(api);
  state.managed = managed;
  return apply(got);
}

/** The settings in force with the user's current edits (for export and checks). */
function inForce() {
  return Settings.resolve({ ...state.got, settings: JSON.stringify(state.settings) }, state.managed, check());
}

/** Writes back the stored values that were broken (each reset to its default). */
async function repair(r) {
  const remove = Object.keys(r.repairs).filter((k) => r.repairs[k] === undefined);
  const set = Object.fromEntries(Object.entries(r.repairs).filter(([, v]) => v !== undefined));
  if (!remove.length && !Object.keys(set).length) return;
  try {
    if (remove.length) await store.remove(remove);
    if (Object.keys(set).length) await store.set(set);
  } catch (e) {
    storageError(e);
  }
}

// ---- notices: what was reset, what the organisation manages -----------------------------------

const KEY_NAMES = { pack: 'keyPack', settings: 'keySettings', modes: 'keyModes', authorised: 'authorisedLabel', holdOnWarnings: 'holdLabel', rules: 'rulesHeading', locked: 'keyLocked' };
function keyName(key) {
  const [head, ...rest] = key.split('.');
  const SITE_NAMES = { x: 'siteX', facebook: 'siteFacebook', linkedin: 'siteLinkedIn' };
  const name = KEY_NAMES[head] ? t(KEY_NAMES[head]) : head;
  if (!rest.length) return name;
  return `${name} (${head === 'modes' && SITE_NAMES[rest[0]] ? t(SITE_NAMES[rest[0]]) : rest.join('.')})`;
}

function renderNotices() {
  const r = state.resolved;
  const list = (area) => r.problems.filter((q) => q.area === area).map((q) => el('li', {}, el('strong', { text: `${keyName(q.key)}: ` }), q.reason));
  const reset = list('sync');
  $('repaired').hidden = reset.length === 0;
  $('repaired-list').replaceChildren(...reset);
  const refused = list('managed');
  $('managed-note').hidden = !r.managed;
  $('managed-refused').hidden = refused.length === 0;
  $('managed-refused-list').replaceChildren(...refused);
}

/**
 * Shows `control` as set by the organisation (disabled, with the visible note `noteId` that it
 * is described by), or not. The note goes at the end of the control's .field, or just after a
 * control that has none (a button).
 */
function lockControl(control, locked, noteId) {
  control.disabled = locked;
  let note = document.getElementById(noteId);
  if (locked && !note) {
    note = el('span', { id: noteId, class: 'locked', text: t('setByOrganisation') });
    const field = control.closest('.field');
    if (field) field.append(note);
    else control.after(' ', note);
  }
  if (note) note.hidden = !locked;
  const ids = new Set((control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean));
  if (locked) ids.add(noteId);
  else ids.delete(noteId);
  if (ids.size) control.setAttribute('aria-describedby', [...ids].join(' '));
  else control.removeAttribute('aria-describedby');
}

// ---- policy dates ----------------------------------------------------------------------------

function renderPolicy() {
  const org = state.pack.organisation?.name ?? '';
  const policy = state.pack.policy ?? {};
  const source = { organisation: 'policyManaged', user: 'policyCustom', shipped: 'policyShipped' }[state.resolved.packSource];
  $('policy-summary').textContent = t(source, policy.title ?? '', org);
  const dates = $('policy-dates');
  dates.replaceChildren();
  for (const [key, label] of [['published', 'datePublished'], ['reviewed', 'dateReviewed'], ['next_review', 'dateNextReview']]) {
    if (!policy[key]) continue;
    dates.append(el('dt', { text: t(label) }), el('dd', {}, el('time', { datetime: policy[key], text: formatMonth(policy[key]) })));
  }
  const note = $('review-note');
  const now = new Date();
  const thisMonth = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
  const overdue = typeof policy.next_review === 'string' && policy.next_review.slice(0, 7) < thisMonth;
  note.hidden = !overdue;
  note.textContent = overdue ? t('reviewOverdue', formatMonth(policy.next_review), state.pack.organisation?.manager?.title ?? t('yourManager')) : '';
}

function formatMonth(s) {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(s ?? '');
  if (!m) return s ?? '';
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, m[3] ? +m[3] : 1));
  return d.toLocaleDateString('en-GB', m[3] ? { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' } : { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

// ---- accounts --------------------------------------------------------------------------------

function renderAccounts() {
  const r = state.resolved;
  for (const site of SITES) {
    $(`mode-${site}`).value = r.modes[site];
    lockControl($(`mode-${site}`), r.locks.modes[site], `mode-${site}-locked`);
  }
  $('authorised').checked = r.authorised;
  lockControl($('authorised'), r.locks.authorised, 'authorised-locked');
  $('hold-warnings').checked = r.holdOnWarnings;
  lockControl($('hold-warnings'), r.locks.holdOnWarnings, 'hold-warnings-locked');
}

function bindAccounts() {
  for (const site of SITES) {
    $(`mode-${site}`).addEventListener('change', () => {
      if (locks().modes[site]) return;
      // A site the organisation sets keeps the user's own stored value (unused while it is set).
      const own = state.resolved.userAccounts.modes;
      const modes = Object.fromEntries(
        SITES.map((s) => [s, locks().modes[s] ? own[s] ?? 'personal' : $(`mode-${s}`).value === 'work' ? 'work' : 'personal']),
      );
      save({ modes });
    });
  }
  $('authorised').addEventListener('change', (e) => locks().authorised || save({ authorised: e.target.checked }));
  $('hold-warnings').addEventListener('change', (e) => locks().holdOnWarnings || save({ holdOnWarnings: e.target.checked }));
}

// ---- rules -----------------------------------------------------------------------------------

function packDefault(rule) {
  const p = state.pack.rules?.[rule.id] ?? {};
  return { enabled: p.enabled ?? true, severity: p.severity ?? rule.severity };
}

function effective(rule) {
  const d = packDefault(rule);
  const u = locks().rules ? {} : state.settings.rules[rule.id] ?? {};
  const f = state.resolved.forced[rule.id] ?? {};
  return { enabled: f.enabled ?? u.enabled ?? d.enabled, severity: f.severity ?? u.severity ?? d.severity };
}

/** Which of a rule's controls the organisation sets: {enabled, severity}. */
function ruleLocks(rule) {
  const f = state.resolved.forced[rule.id] ?? {};
  return { enabled: locks().rules || f.enabled !== undefined, severity: locks().rules || f.severity !== undefined };
}

function setRule(rule, change) {
  const lock = ruleLocks(rule);
  if ((lock.enabled && 'enabled' in change) || (lock.severity && 'severity' in change)) return;
  const d = packDefault(rule);
  const next = { ...effective(rule), ...change };
  const entry = { ...(state.settings.rules[rule.id] ?? {}) };
  delete entry.enabled;
  delete entry.severity;
  if (next.enabled !== d.enabled) entry.enabled = next.enabled;
  if (next.severity !== d.severity) entry.severity = next.severity;
  if (Object.keys(entry).length) state.settings.rules[rule.id] = entry;
  else delete state.settings.rules[rule.id];
  saveSettings();
}

const MODE_KEYS = { both: 'appliesBoth', personal: 'appliesPersonal', work: 'appliesWork' };

function ruleCard(rule) {
  const eff = effective(rule);
  const id = `rule-${rule.id}`;
  const toggle = el('input', { type: 'checkbox', id: `${id}-on`, 'aria-describedby': `${id}-desc` });
  toggle.checked = eff.enabled;
  toggle.addEventListener('change', () => {
    if (ruleLocks(rule).enabled) {
      toggle.checked = effective(rule).enabled; // set by the organisation: put it back
      return;
    }
    card.classList.toggle('off', !toggle.checked);
    setRule(rule, { enabled: toggle.checked });
  });
  const select = el('select', { id: `${id}-severity` }, SEVERITIES.map((s) => el('option', { value: s, text: t(`severity_${s}`) })));
  select.value = eff.severity;
  select.addEventListener('change', () => {
    if (ruleLocks(rule).severity) select.value = effective(rule).severity;
    else setRule(rule, { severity: select.value });
  });
  const lock = ruleLocks(rule);
  const lockNote = lock.enabled || lock.severity ? el('span', { id: `${id}-locked`, class: 'locked', text: t('setByOrganisation') }) : null;
  if (lockNote) {
    toggle.disabled = lock.enabled;
    select.disabled = lock.severity;
    for (const c of [lock.enabled && toggle, lock.severity && select]) {
      if (c) c.setAttribute('aria-describedby', [c.getAttribute('aria-describedby'), lockNote.id].filter(Boolean).join(' '));
    }
  }
  const card = el(
    'article',
    { class: `rule${eff.enabled ? '' : ' off'}`, id, 'data-rule': rule.id, 'aria-labelledby': `${id}-title` },
    el(
      'div',
      { class: 'rule-head' },
      el('h4', { id: `${id}-title` }, rule.title),
      el('label', { class: 'switch', for: `${id}-on` }, toggle, el('span', { text: t('ruleOn') }), el('span', { class: 'visually-hidden', text: `: ${rule.title}` })),
      el('label', { for: `${id}-severity`, class: 'sev-label' }, el('span', { text: t('severityLabel') }), el('span', { class: 'visually-hidden', text: ` ${rule.title}` })),
      select,
      lockNote,
    ),
    el('p', { id: `${id}-desc`, class: 'desc', text: rule.description }),
    el(
      'dl',
      { class: 'meta' },
      el('dt', { text: t('clauseLabel') }),
      el('dd', { text: rule.clause }),
      el('dt', { text: t('appliesLabel') }),
      el('dd', { text: t(MODE_KEYS[rule.modes] ?? 'appliesBoth') }),
      rule.example ? el('dt', { text: t('exampleLabel') }) : null,
      rule.example ? el('dd', {}, el('q', { class: 'example', text: rule.example })) : null,
    ),
    rule.quote ? el('blockquote', { class: 'quote' }, el('p', { text: rule.quote })) : null,
  );
  card.dataset.search = [rule.id, rule.title, rule.description, rule.clause, rule.quote, rule.example, rule.category_title].join(' ').toLowerCase();
  return card;
}

function renderRules() {
  const box = $('rules');
  box.replaceChildren();
  const groups = new Map();
  for (const r of state.registry) {
    if (!groups.has(r.category)) groups.set(r.category, { title: r.category_title || r.category, rules: [] });
    groups.get(r.category).rules.push(r);
  }
  for (const [category, g] of groups) {
    const hid = `group-${category}`;
    // Named "Rules: <group>", so that no group's name repeats another part of the page's.
    box.append(el('section', { class: 'group', 'data-category': category, 'aria-labelledby': `rules-heading ${hid}` }, el('h3', { id: hid, text: g.title }), g.rules.map(ruleCard)));
  }
  filterRules();
}

function filterRules() {
  const words = $('rule-search').value.toLowerCase().split(/\s+/).filter(Boolean);
  let shown = 0;
  for (const card of document.querySelectorAll('#rules article.rule')) {
    const match = words.every((w) => card.dataset.search.includes(w));
    card.hidden = !match;
    if (match) shown++;
  }
  for (const g of document.querySelectorAll('#rules section.group')) g.hidden = !g.querySelector('article.rule:not([hidden])');
  $('search-count').textContent = words.length ? t('searchCount', shown, state.registry.length) : '';
}

// ---- settings (rules, custom terms, allowed terms) --------------------------------------------

/** Checks one custom-term row; returns the reason it is refused, or '' when it is good. */
function termProblem(row) {
  if (row.term.trim() === '') return t('termEmpty');
  if (row.regex) {
    const why = wasm.validateRegex(row.term);
    if (why !== undefined) return t('termBadRegex', why);
  }
  if (row.message.trim() === '') return t('termNoMessage');
  return '';
}

let saveTimer = 0;
function saveSettings({ now = false } = {}) {
  clearTimeout(saveTimer);
  if (!now) {
    saveTimer = setTimeout(() => saveSettings({ now: true }), 250);
    return;
  }
  // A part the organisation locks is not shown for editing; the user's stored value is kept as is.
  const custom = locks().custom_terms
    ? state.settings.custom_terms
    : state.terms.filter((r) => termProblem(r) === '').map(({ term, regex, severity, message, clause }) => {
        const c = { term: term.trim(), regex: !!regex, severity, message: message.trim() };
        if (clause) c.clause = clause;
        return c;
      });
  const allowed = locks().allowed_terms ? state.settings.allowed_terms : $('allowed-terms').value.split('\n').map((s) => s.trim()).filter(Boolean);
  const settings = { rules: state.settings.rules, custom_terms: custom, allowed_terms: allowed };
  const json = JSON.stringify(settings);
  const why = wasm.validateSettings(json);
  const allowedError = $('allowed-error');
  if (why !== undefined) {
    showError(t('settingsRefused', why));
    if (/allowed_terms/.test(why)) {
      allowedError.textContent = why;
      allowedError.hidden = false;
      $('allowed-terms').setAttribute('aria-invalid', 'true');
    }
    return;
  }
  try {
    new wasm.Checker(state.packJson ?? undefined, json).free();
  } catch (e) {
    showError(t('settingsRefused', e?.message ?? e));
    return;
  }
  allowedError.hidden = true;
  $('allowed-terms').removeAttribute('aria-invalid');
  state.settings = settings;
  save({ settings: json });
}

function termRow(row, index) {
  const id = `term-${index}`;
  const errId = `${id}-error`;
  const term = el('input', { type: 'text', id: `${id}-term`, 'aria-describedby': errId });
  term.value = row.term;
  const regex = el('input', { type: 'checkbox', id: `${id}-regex` });
  regex.checked = !!row.regex;
  const severity = el('select', { id: `${id}-severity` }, SEVERITIES.map((s) => el('option', { value: s, text: t(`severity_${s}`) })));
  severity.value = row.severity;
  const message = el('input', { type: 'text', id: `${id}-message`, 'aria-describedby': errId });
  message.value = row.message;
  const error = el('p', { id: errId, class: 'field-error', 'aria-live': 'polite' });
  const remove = el('button', { type: 'button', class: 'remove', text: t('removeTerm') }, el('span', { class: 'visually-hidden', text: ` ${index + 1}` }));

  const check = () => {
    const why = termProblem(row);
    error.textContent = why;
    error.hidden = !why;
    const termBad = why !== '' && (row.term.trim() === '' || row.regex);
    const messageBad = why !== '' && !termBad;
    term.toggleAttribute('aria-invalid', termBad);
    if (termBad) term.setAttribute('aria-invalid', 'true');
    message.toggleAttribute('aria-invalid', messageBad);
    if (messageBad) message.setAttribute('aria-invalid', 'true');
    return why;
  };
  const changed = () => {
    check();
    saveSettings();
  };
  term.addEventListener('input', () => ((row.term = term.value), changed()));
  regex.addEventListener('change', () => ((row.regex = regex.checked), changed()));
  severity.addEventListener('change', () => ((row.severity = severity.value), changed()));
  message.addEventListener('input', () => ((row.message = message.value), changed()));
  remove.addEventListener('click', () => {
    state.terms.splice(index, 1);
    renderTerms();
    saveSettings({ now: true });
    ($('custom-terms').querySelector('input') ?? $('add-term')).focus();
  });
  const fieldset = el(
    'fieldset',
    { class: 'term', 'data-index': index },
    el('legend', { text: t('termLegend', index + 1) }),
    el('div', { class: 'field' }, el('label', { for: term.id, text: t('termLabel') }), term),
    el('div', { class: 'field' }, el('label', { class: 'inline', for: regex.id }, regex, ' ', t('termRegex'))),
    el('div', { class: 'field' }, el('label', { for: severity.id, text: t('severityLabel') }), severity),
    el('div', { class: 'field wide' }, el('label', { for: message.id, text: t('termMessage') }), message),
    error,
    remove,
  );
  check();
  return fieldset;
}

function renderTerms() {
  const box = $('custom-terms');
  const locked = locks().custom_terms;
  box.replaceChildren(...(locked ? [] : state.terms.map(termRow)));
  if (locked) box.append(el('p', { class: 'hint', text: t('termsLocked') }));
  else if (state.terms.length === 0) box.append(el('p', { class: 'hint', text: t('noTerms') }));
  lockControl($('add-term'), locked, 'add-term-locked');
  const allowed = $('allowed-terms');
  allowed.value = locks().allowed_terms ? '' : state.settings.allowed_terms.join('\n');
  lockControl(allowed, locks().allowed_terms, 'allowed-terms-locked');
}

function bindTerms() {
  $('add-term').addEventListener('click', () => {
    state.terms.push({ term: '', regex: false, severity: 'warn', message: '' });
    renderTerms();
    box().lastElementChild?.querySelector('input')?.focus();
  });
  const box = () => $('custom-terms');
  $('allowed-terms').addEventListener('input', () => saveSettings());
}

// ---- organisation profile (a copy of the pack) ------------------------------------------------

const lines = (s) => s.split('\n').map((x) => x.trim()).filter(Boolean);

function renderOrg() {
  const locked = locks().pack;
  for (const c of $('org-form').querySelectorAll('input, textarea')) {
    c.disabled = locked;
    if (locked) c.setAttribute('aria-describedby', 'org-locked');
    else c.removeAttribute('aria-describedby');
  }
  $('org-locked').hidden = !locked;
  $('org-hint').hidden = locked;
  const o = state.pack.organisation ?? {};
  const h = state.pack.working_hours ?? {};
  $('org-name').value = o.name ?? '';
  $('org-aliases').value = (o.aliases ?? []).join('\n');
  $('org-domains').value = (o.email_domains ?? []).join('\n');
  $('org-manager-title').value = o.manager?.title ?? '';
  $('org-manager-email').value = o.manager?.email ?? '';
  $('hours-start').value = h.start ?? '';
  $('hours-end').value = h.end ?? '';
  $('lunch-start').value = h.lunch?.start ?? '';
  $('lunch-end').value = h.lunch?.end ?? '';
}

let orgTimer = 0;
function saveOrg() {
  clearTimeout(orgTimer);
  if (locks().pack) return;
  orgTimer = setTimeout(() => {
    // Edits go into the user's own pack (or a copy of the shipped one), not the pack in force,
    // which may have had parts stripped by a lock.
    const pack = structuredClone(state.resolved.user.packObject ?? state.pack);
    pack.organisation ??= {};
    const o = pack.organisation;
    o.name = $('org-name').value.trim();
    o.aliases = lines($('org-aliases').value);
    o.email_domains = lines($('org-domains').value);
    const title = $('org-manager-title').value.trim();
    const email = $('org-manager-email').value.trim();
    if (title || email) o.manager = { ...(o.manager ?? {}), title, email };
    else delete o.manager;
    pack.working_hours ??= {};
    const h = pack.working_hours;
    h.start = $('hours-start').value;
    h.end = $('hours-end').value;
    const ls = $('lunch-start').value;
    const le = $('lunch-end').value;
    if (ls || le) h.lunch = { start: ls, end: le };
    else delete h.lunch;
    const json = JSON.stringify(pack);
    const why = wasm.validatePack(json);
    const err = $('org-error');
    if (why !== undefined) {
      err.textContent = t('orgRefused', why);
      err.hidden = false;
      return;
    }
    err.hidden = true;
    save({ pack: json }).then((ok) => {
      if (!ok) return;
      apply({ ...state.got, pack: json }, { keepEdits: true });
      renderPolicy();
    });
  }, 400);
}

// ---- import, export, reset ---------------------------------------------------------------------

function exportPack() {
  let json;
  try {
    const r = inForce();
    const checker = new wasm.Checker(r.pack, r.settings);
    // Without nulls (absent optional fields): Chrome refuses a policy value holding a null, so
    // the file can go into an enterprise policy as it is.
    json = JSON.stringify(JSON.parse(checker.packJson()), (k, v) => (v === null ? undefined : v), 2);
    checker.free();
  } catch {
    json = JSON.stringify(state.pack, (k, v) => (v === null ? undefined : v), 2);
  }
  const url = URL.createObjectURL(new Blob([json + '\n'], { type: 'application/json' }));
  const name = (state.pack.organisation?.name || 'policy').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const a = el('a', { href: url, download: `${name || 'policy'}-pack.json` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  status(t('exported'));
}

/** What the organisation keeps over any pack the user imports (rule titles and locked parts). */
function keptOverImports() {
  const kept = [];
  if (locks().rules) kept.push(t('keptAllRules'));
  else {
    for (const rule of state.registry) {
      const f = state.resolved.forced[rule.id];
      if (!f) continue;
      const what = [f.enabled === undefined ? null : f.enabled ? t('ruleOn').toLowerCase() : t('ruleOff'), f.severity].filter(Boolean).join(', ');
      kept.push(`${rule.title} (${what})`);
    }
  }
  if (locks().allowed_terms) kept.push(t('allowedHeading').toLowerCase());
  return kept;
}

async function importPack(file) {
  // The organisation's pack cannot be replaced: refused, whatever the file holds.
  if (locks().pack) {
    showError(t('importLocked'));
    return;
  }
  let json;
  try {
    json = await file.text();
  } catch (e) {
    showError(t('importRefused', e?.message ?? e));
    return;
  }
  const why = wasm.validatePack(json);
  if (why !== undefined) {
    showError(t('importRefused', why));
    return;
  }
  const compact = JSON.stringify(JSON.parse(json));
  // The user's own settings and the organisation's are kept; they must still make sense with
  // the new pack.
  try {
    const trial = Settings.resolve({ ...state.got, pack: compact, settings: JSON.stringify(state.settings) }, state.managed, check());
    new wasm.Checker(trial.pack, trial.settings).free();
  } catch (e) {
    showError(t('importRefused', e?.message ?? e));
    return;
  }
  if (await save({ pack: compact })) {
    apply({ ...state.got, pack: compact }, { keepEdits: true });
    renderPolicy();
    renderRules();
    renderOrg();
    const name = state.pack.organisation?.name ?? file.name;
    const kept = keptOverImports();
    status(kept.length ? t('importedKept', name, kept.join('; ')) : t('imported', name));
  }
}

async function reset() {
  try {
    await store.remove(Settings.SYNC_KEYS);
  } catch (e) {
    storageError(e);
    return;
  }
  await load();
  renderAll();
  showError('');
  status(t(state.resolved.managed ? 'resetDoneManaged' : 'resetDone'));
}

function bindPack() {
  $('export').addEventListener('click', exportPack);
  $('import').addEventListener('click', () => $('import-file').click());
  $('import-file').addEventListener('change', (e) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) importPack(file);
  });
  $('reset').addEventListener('click', () => {
    $('reset-confirm').hidden = false;
    $('reset-no').focus();
  });
  $('reset-no').addEventListener('click', () => {
    $('reset-confirm').hidden = true;
    $('reset').focus();
  });
  $('reset-yes').addEventListener('click', async () => {
    $('reset-confirm').hidden = true;
    await reset();
    $('reset').focus();
  });
}

// ---- start -------------------------------------------------------------------------------------

function renderAll() {
  renderNotices();
  renderPolicy();
  renderAccounts();
  renderRules();
  renderTerms();
  renderOrg();
  renderPackButtons();
}

function renderPackButtons() {
  lockControl($('import'), locks().pack, 'import-locked');
}

async function main() {
  localise();
  try {
    await init({ module_or_path: new URL('../wasm/second_thought_bg.wasm', import.meta.url) });
    // The classifier's model, a data file beside the wasm: checkers are made here too (previews, trials).
    const model = await fetch(new URL('../wasm/offensive.bin', import.meta.url));
    if (!model.ok) throw new Error(`wasm/offensive.bin: ${model.status}`);
    wasm.loadModel(new Uint8Array(await model.arrayBuffer()));
  } catch (e) {
    showError(t('errorLoad', e?.message ?? e));
    return;
  }
  state.registry = wasm.rules();
  const r = await load();
  renderAll();
  await repair(r);
  // The organisation's policy changed (Chrome notices within seconds): show what is in force now.
  api.storage.onChanged.addListener(async (changes, area) => {
    if (area !== 'managed') return;
    await load();
    renderAll();
    document.documentElement.dataset.managedChanged = String(Date.now());
  });
  bindAccounts();
  bindTerms();
  bindPack();
  $('rule-search').addEventListener('input', filterRules);
  $('org-form').addEventListener('input', saveOrg);
  $('org-form').addEventListener('submit', (e) => e.preventDefault());
  document.documentElement.dataset.ready = 'true';
  if (location.hash === '#no-manager-email') {
    // From "Report to my manager…" with no manager's email in the pack (see ../menu.js).
    status(t('noManagerEmail'));
    $('org-manager-email').focus();
  }
}

main();
