// Second Thought: the settings in force, from what the user stored (storage.sync) and what the
// organisation set (storage.managed, from enterprise policy; see managed_schema.json and the
// README). One copy of these rules for the background, the options page and the content scripts.
//
// A classic script that also works as a module: the content scripts load it from the manifest
// (before content/content.js), the background and the options page `import` it for its side
// effect. Either way it sets globalThis.__secondThought.Settings.
//
// The rules:
// - The organisation wins: a value it gives (a pack, a rule's enabled/severity, a site's account
//   mode, authorised, holdOnWarnings) is used whatever the user stored, and cannot be changed.
// - `locked` names settings the user may not change even where the organisation gives no value:
//   the user's stored value is ignored and the default used. Locking `rules` or `allowed_terms`
//   also strips those parts from a pack the user imported, so an import cannot get round a lock.
// - An organisation's pack that is invalid is refused whole (with the reason) and never
//   half-applied; so is the user's. Other broken parts are reset to their defaults one by one:
//   a bad rule entry, a bad custom term, a bad account mode. Nothing else is lost.
(() => {
  'use strict';
  const ST = (globalThis.__secondThought ??= {});
  if (ST.Settings) return;

  const SITES = ['x', 'facebook', 'linkedin'];
  const MODES = ['personal', 'work'];
  const SEVERITIES = ['stop', 'warn', 'note'];
  const LOCKABLE = ['pack', 'rules', 'custom_terms', 'allowed_terms', 'modes', 'authorised', 'holdOnWarnings'];
  const SYNC_KEYS = ['pack', 'settings', 'modes', 'authorised', 'holdOnWarnings'];
  const MANAGED_KEYS = ['pack', 'rules', 'modes', 'authorised', 'holdOnWarnings', 'locked'];

  const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const typeName = (v) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);
  const quote = (v) => {
    let s;
    try {
      s = JSON.stringify(v);
    } catch {
      s = String(v);
    }
    s = s ?? String(v);
    return s.length > 60 ? `${s.slice(0, 57)}…` : s;
  };

  /**
   * storage.managed as an object, {} when there is no policy: Chrome answers {} then, Firefox
   * throws ("Managed storage manifest not found"), and some browsers have no managed area.
   */
  async function readManaged(api) {
    try {
      const area = api?.storage?.managed;
      if (!area?.get) return {};
      const got = await area.get(null);
      return isObject(got) ? got : {};
    } catch {
      return {};
    }
  }

  /**
   * How long the background and the content scripts wait for storage.managed before going on
   * without it: it can take seconds to answer the first time in a browser session (Debian's
   * Chromium: 2.6-3.7 s, storage.sync under 25 ms). Each takes the organisation's values when
   * they come.
   */
  const MANAGED_WAIT_MS = 300;

  /** `promise`'s value, or `undefined` if it has not settled within `ms`. */
  async function within(promise, ms) {
    let timer;
    const late = new Promise((resolve) => {
      timer = setTimeout(resolve, ms);
    });
    try {
      return await Promise.race([promise, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Reads both areas (`keys` of storage.sync); resolves to [sync items, managed items]. */
  async function readAll(api, keys = SYNC_KEYS) {
    return Promise.all([api.storage.sync.get(keys), readManaged(api)]);
  }

  // ---- the user's settings (storage.sync) --------------------------------------------------------

  /**
   * The user's settings JSON (UserSettings: {rules, custom_terms, allowed_terms}) with every
   * broken part left out. `check.validateSettings(json)` is the checker's own validation.
   * Returns {settings, problems: [reason]}.
   */
  function sanitiseSettings(value, check) {
    const empty = { rules: {}, custom_terms: [], allowed_terms: [] };
    if (value === undefined || value === null || value === '') return { settings: empty, problems: [] };
    if (typeof value !== 'string') return { settings: empty, problems: [`not text but ${typeName(value)}`] };
    let s;
    try {
      s = JSON.parse(value);
    } catch {
      return { settings: empty, problems: ['not valid JSON'] };
    }
    if (!isObject(s)) return { settings: empty, problems: [`not an object but ${typeName(s)}`] };
    // The checker's reasons name the field. Left out of them: the list of every known rule id, and
    // the line and column, which are those of the part checked here, not of what was stored.
    const valid = (part) => check.validateSettings(JSON.stringify(part))?.replace(/ \(known: [^)]*\)/, '').replace(/ at line \d+ column \d+$/, '');
    if (valid(s) === undefined) {
      return { settings: { rules: s.rules ?? {}, custom_terms: s.custom_terms ?? [], allowed_terms: s.allowed_terms ?? [] }, problems: [] };
    }
    // Something is wrong: keep what is good, part by part.
    const problems = [];
    const out = { rules: {}, custom_terms: [], allowed_terms: [] };
    for (const key of Object.keys(s)) if (!(key in out)) problems.push(`${key}: not a setting`);
    if (s.rules !== undefined) {
      if (!isObject(s.rules)) problems.push(`rules: not an object but ${typeName(s.rules)}`);
      else {
        for (const [id, entry] of Object.entries(s.rules)) {
          const why = valid({ rules: { [id]: entry } });
          if (why === undefined) out.rules[id] = entry;
          else problems.push(why);
        }
      }
    }
    for (const key of ['custom_terms', 'allowed_terms']) {
      if (s[key] === undefined) continue;
      if (!Array.isArray(s[key])) {
        problems.push(`${key}: not a list but ${typeName(s[key])}`);
        continue;
      }
      s[key].forEach((item, i) => {
        const why = valid({ [key]: [item] });
        if (why === undefined) out[key].push(item);
        else problems.push(why.replace(`${key}[0]`, `${key}[${i}]`));
      });
    }
    const why = valid(out);
    if (why !== undefined) return { settings: empty, problems: [...problems, why] };
    return { settings: out, problems };
  }

  /** The user's account settings, each broken one reset: {modes, authorised, holdOnWarnings, problems}. */
  function userAccounts(got) {
    const problems = [];
    const modes = {};
    if (got.modes !== undefined) {
      if (!isObject(got.modes)) problems.push({ key: 'modes', reason: `not an object but ${typeName(got.modes)}` });
      else {
        for (const site of SITES) {
          const m = got.modes[site];
          if (m === undefined) continue;
          if (MODES.includes(m)) modes[site] = m;
          else problems.push({ key: `modes.${site}`, reason: `${quote(m)} is not personal or work` });
        }
      }
    }
    const flag = (key) => {
      const v = got[key];
      if (v === undefined || typeof v === 'boolean') return v === true;
      problems.push({ key, reason: `${quote(v)} is not true or false` });
      return false;
    };
    return { modes, authorised: flag('authorised'), holdOnWarnings: flag('holdOnWarnings'), problems };
  }

  // ---- the organisation's settings (storage.managed) --------------------------------------------

  /** What the organisation set, validated; bad parts are left out with the reason. */
  function managedPolicy(raw, check) {
    const problems = [];
    const p = {
      any: Object.keys(raw).length > 0,
      pack: undefined,
      rules: {},
      modes: {},
      authorised: undefined,
      holdOnWarnings: undefined,
      locked: new Set(),
      problems,
    };
    for (const key of Object.keys(raw)) if (!MANAGED_KEYS.includes(key)) problems.push({ key, reason: 'not a setting this version knows' });

    if (raw.locked !== undefined) {
      const list = Array.isArray(raw.locked) ? raw.locked : typeof raw.locked === 'string' ? [raw.locked] : null;
      if (!list) problems.push({ key: 'locked', reason: `not a list but ${typeName(raw.locked)}` });
      else {
        for (const name of list) {
          if (LOCKABLE.includes(name)) p.locked.add(name);
          else problems.push({ key: 'locked', reason: `${quote(name)} is not one of ${LOCKABLE.join(', ')}` });
        }
      }
    }
    if (raw.modes !== undefined) {
      if (!isObject(raw.modes)) problems.push({ key: 'modes', reason: `not an object but ${typeName(raw.modes)}` });
      else {
        for (const [site, m] of Object.entries(raw.modes)) {
          if (!SITES.includes(site)) problems.push({ key: `modes.${site}`, reason: `not one of ${SITES.join(', ')}` });
          else if (!MODES.includes(m)) problems.push({ key: `modes.${site}`, reason: `${quote(m)} is not personal or work` });
          else p.modes[site] = m;
        }
      }
    }
    for (const key of ['authorised', 'holdOnWarnings']) {
      const v = raw[key];
      if (v === undefined) continue;
      if (typeof v === 'boolean') p[key] = v;
      else problems.push({ key, reason: `${quote(v)} is not true or false` });
    }
    if (check && raw.rules !== undefined) {
      if (!isObject(raw.rules)) problems.push({ key: 'rules', reason: `not an object but ${typeName(raw.rules)}` });
      else {
        for (const [id, entry] of Object.entries(raw.rules)) {
          if (!check.ruleIds.has(id)) {
            problems.push({ key: `rules.${id}`, reason: 'no such rule' });
            continue;
          }
          if (!isObject(entry)) {
            problems.push({ key: `rules.${id}`, reason: `not an object but ${typeName(entry)}` });
            continue;
          }
          const forced = {};
          for (const [k, v] of Object.entries(entry)) {
            if (k === 'enabled' && typeof v === 'boolean') forced.enabled = v;
            else if (k === 'severity' && SEVERITIES.includes(v)) forced.severity = v;
            else if (k === 'enabled' || k === 'severity') problems.push({ key: `rules.${id}.${k}`, reason: `${quote(v)} is not ${k === 'enabled' ? 'true or false' : SEVERITIES.join(', ')}` });
            else problems.push({ key: `rules.${id}.${k}`, reason: 'only enabled and severity can be set here' });
          }
          if (Object.keys(forced).length) p.rules[id] = forced;
        }
      }
    }
    if (check && raw.pack !== undefined) {
      // Chrome hands the pack over as an object (the schema says so); a JSON string is taken too.
      let json = null;
      if (typeof raw.pack === 'string') json = raw.pack;
      else if (isObject(raw.pack)) json = JSON.stringify(raw.pack);
      const why = json === null ? `not a policy pack but ${typeName(raw.pack)}` : check.validatePack(json);
      if (why === undefined) p.pack = json;
      else p.packError = why;
    }
    return p;
  }

  // ---- the two laid together ----------------------------------------------------------------------

  /**
   * The settings in force.
   *   got    storage.sync items (pack, settings, modes, authorised, holdOnWarnings)
   *   raw    storage.managed items
   *   check  {ruleIds: Set, validatePack(json), validateSettings(json)} (each validator answers
   *          undefined or the reason), from the wasm; without it (the content scripts) only the
   *          account settings are worked out.
   * Returns {
   *   modes: {x, facebook, linkedin}, authorised, holdOnWarnings   (in force)
   *   pack: JSON string of the pack in force, or undefined for the shipped one
   *   packSource: 'organisation' | 'user' | 'shipped'
   *   settings: JSON string of the UserSettings in force (the user's, minus what is locked,
   *             with the organisation's rules laid over)
   *   forcedSettings: JSON string with the organisation's rules alone
   *   user: {pack (its JSON string or undefined), packObject, settings {rules, custom_terms,
   *          allowed_terms}}: what the user stored, each broken part left out
   *   locks: {pack, rules, custom_terms, allowed_terms, authorised, holdOnWarnings: boolean,
   *           modes: {x, facebook, linkedin: boolean}}
   *   forced: {ruleId: {enabled?, severity?}}  the organisation's rules
   *   userAccounts: {modes, authorised, holdOnWarnings}  the user's own (broken ones reset)
   *   managed: true when any policy is set
   *   problems: [{area: 'sync' | 'managed', key, reason}]  what was reset or refused
   *   repairs: {key: value | undefined}  storage.sync values to write back (undefined: remove)
   * }
   */
  function resolve(got, raw, check) {
    got = isObject(got) ? got : {};
    raw = isObject(raw) ? raw : {};
    const problems = [];
    const repairs = {};
    const managed = managedPolicy(raw, check);
    for (const q of managed.problems) problems.push({ area: 'managed', ...q });
    if (managed.packError !== undefined) problems.push({ area: 'managed', key: 'pack', reason: managed.packError });

    // The user's account settings.
    const acc = userAccounts(got);
    for (const q of acc.problems) problems.push({ area: 'sync', ...q });
    if (acc.problems.some((q) => q.key === 'modes' || q.key.startsWith('modes.'))) {
      if (!isObject(got.modes)) repairs.modes = undefined;
      else {
        const fixed = { ...got.modes };
        for (const site of SITES) if (site in fixed && !MODES.includes(fixed[site])) delete fixed[site];
        repairs.modes = fixed;
      }
    }
    for (const key of ['authorised', 'holdOnWarnings']) if (acc.problems.some((q) => q.key === key)) repairs[key] = undefined;

    const L = managed.locked;
    const locks = {
      pack: L.has('pack') || managed.pack !== undefined,
      rules: L.has('rules'),
      custom_terms: L.has('custom_terms'),
      allowed_terms: L.has('allowed_terms'),
      authorised: L.has('authorised') || managed.authorised !== undefined,
      holdOnWarnings: L.has('holdOnWarnings') || managed.holdOnWarnings !== undefined,
      modes: Object.fromEntries(SITES.map((s) => [s, L.has('modes') || managed.modes[s] !== undefined])),
    };
    const modes = Object.fromEntries(SITES.map((s) => [s, managed.modes[s] ?? (locks.modes[s] ? 'personal' : acc.modes[s] ?? 'personal')]));
    const flag = (key) => managed[key] ?? (locks[key] ? false : acc[key]);
    const out = {
      modes,
      authorised: flag('authorised'),
      holdOnWarnings: flag('holdOnWarnings'),
      locks,
      forced: managed.rules,
      userAccounts: { modes: acc.modes, authorised: acc.authorised, holdOnWarnings: acc.holdOnWarnings },
      managed: managed.any,
      problems,
      repairs,
    };
    if (!check) return out;

    // The user's pack: whole or not at all.
    let userPack;
    let userPackObject;
    if (got.pack !== undefined && got.pack !== null && got.pack !== '') {
      const why = typeof got.pack !== 'string' ? `not text but ${typeName(got.pack)}` : check.validatePack(got.pack);
      if (why === undefined) {
        userPack = got.pack;
        userPackObject = JSON.parse(got.pack);
      } else {
        problems.push({ area: 'sync', key: 'pack', reason: why });
        repairs.pack = undefined;
      }
    }
    // The user's settings: each broken part left out.
    const us = sanitiseSettings(got.settings, check);
    for (const reason of us.problems) problems.push({ area: 'sync', key: 'settings', reason });
    if (us.problems.length) {
      const empty = !Object.keys(us.settings.rules).length && !us.settings.custom_terms.length && !us.settings.allowed_terms.length;
      repairs.settings = empty ? undefined : JSON.stringify(us.settings);
    }
    out.user = { pack: userPack, packObject: userPackObject, settings: us.settings };

    // The pack in force.
    if (managed.pack !== undefined) {
      out.pack = managed.pack;
      out.packSource = 'organisation';
    } else if (userPack !== undefined && !locks.pack) {
      // A lock on rules or allowed terms holds for the user's own pack too.
      const p = structuredClone(userPackObject);
      if (locks.rules || locks.allowed_terms) {
        for (const r of Object.values(p.rules ?? {})) {
          if (locks.rules) {
            delete r.enabled;
            delete r.severity;
          }
          if (locks.allowed_terms) delete r.allowed_terms;
        }
        if (locks.allowed_terms) p.allowed_terms = [];
      }
      out.pack = JSON.stringify(p);
      out.packSource = 'user';
    } else {
      out.pack = undefined;
      out.packSource = 'shipped';
    }

    // The settings in force.
    const rules = locks.rules ? {} : structuredClone(us.settings.rules);
    for (const [id, f] of Object.entries(managed.rules)) rules[id] = { ...(rules[id] ?? {}), ...f };
    out.settings = JSON.stringify({
      rules,
      custom_terms: locks.custom_terms ? [] : us.settings.custom_terms,
      allowed_terms: locks.allowed_terms ? [] : us.settings.allowed_terms,
    });
    out.forcedSettings = JSON.stringify({ rules: managed.rules });
    return out;
  }

  /** A one-line account of the problems, for logs and the background's packError. */
  function describe(problems) {
    return problems
      .map((q) => `${q.area === 'managed' ? "the organisation's" : 'your saved'} ${q.key}: ${q.reason}`)
      .join('; ');
  }

  ST.Settings = { SITES, MODES, SEVERITIES, LOCKABLE, SYNC_KEYS, MANAGED_WAIT_MS, within, readManaged, readAll, resolve, sanitiseSettings, describe };
})();
