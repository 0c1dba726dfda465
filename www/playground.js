// The playground: the extension's checker on a plain page. Type a post, pick the context,
// see the findings highlighted and listed.

import { loadChecker, el, SEVERITY_ORDER } from './common.js';

const $ = (id) => document.getElementById(id);
const form = $('post-form');
const post = $('post');
const preview = $('preview');
const list = $('findings');
const summary = $('summary');
const count = $('count');
const packStatus = $('pack-status');
const packReset = $('pack-reset');

let wasm = null;
let checker = null;
let ruleTitles = new Map();

function context() {
  const data = new FormData(form);
  const ctx = {
    site: data.get('site') || 'other',
    mode: data.get('mode') === 'work' ? 'work' : 'personal',
    authorised: $('authorised').checked,
  };
  const at = $('at').value;
  if (at) ctx.at = at.slice(0, 16); // YYYY-MM-DDTHH:MM
  return ctx;
}

function sortFindings(findings) {
  return [...findings].sort(
    (a, b) => a.start - b.start || (SEVERITY_ORDER[a.severity] ?? 9) - (SEVERITY_ORDER[b.severity] ?? 9) || b.end - a.end,
  );
}

/** Renders the text, split at every finding boundary; each covered piece is a <mark>. */
function renderPreview(text, findings) {
  preview.replaceChildren();
  if (text === '') {
    preview.append(el('span', { class: 'placeholder', text: 'Your post will appear here.' }));
    return;
  }
  const cuts = new Set([0, text.length]);
  for (const f of findings) {
    cuts.add(Math.max(0, Math.min(text.length, f.start)));
    cuts.add(Math.max(0, Math.min(text.length, f.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i < points.length - 1; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const piece = text.slice(from, to);
    const covering = findings
      .map((f, n) => ({ f, n }))
      .filter(({ f }) => f.start <= from && f.end >= to && f.end > f.start);
    if (covering.length === 0) {
      preview.append(document.createTextNode(piece));
      continue;
    }
    const worst = covering.reduce((w, c) => (SEVERITY_ORDER[c.f.severity] < SEVERITY_ORDER[w.f.severity] ? c : w));
    const label = covering.map(({ f, n }) => `${n + 1}: ${ruleTitles.get(f.rule) ?? f.rule} (${f.severity})`).join('; ');
    preview.append(
      el('mark', { class: `sev-${worst.f.severity}${covering.length > 1 ? ' overlap' : ''}`, title: label, 'data-findings': covering.map((c) => c.n + 1).join(' ') }, piece),
    );
  }
}

function renderList(text, findings) {
  list.replaceChildren();
  findings.forEach((f, n) => {
    const excerpt = text.slice(f.start, f.end);
    const item = el(
      'li',
      { class: `finding sev-${f.severity}`, 'data-rule': f.rule, 'data-severity': f.severity },
      el(
        'p',
        { class: 'finding-head' },
        el('span', { class: `sev sev-${f.severity}`, text: f.severity }),
        ' ',
        el('strong', { class: 'finding-title', text: ruleTitles.get(f.rule) ?? f.rule }),
        ' ',
        el('code', { class: 'rule-id', text: f.rule }),
        ' ',
        el('span', { class: 'clause', text: `clause ${f.clause}` }),
      ),
      excerpt.length > 0 && excerpt.length < text.length
        ? el('p', { class: 'excerpt' }, 'At ', el('q', { text: excerpt.length > 120 ? `${excerpt.slice(0, 117)}…` : excerpt }))
        : null,
      el('p', { class: 'message', text: f.message }),
      f.suggestion ? el('p', { class: 'suggestion' }, el('span', { class: 'label', text: 'Suggestion: ' }), f.suggestion) : null,
    );
    item.setAttribute('aria-label', `Finding ${n + 1}: ${ruleTitles.get(f.rule) ?? f.rule}, ${f.severity}`);
    list.append(item);
  });
}

function describe(findings) {
  if (findings.length === 0) return 'Nothing found: the policy has no objection to this post.';
  const by = { stop: 0, warn: 0, note: 0 };
  for (const f of findings) by[f.severity] = (by[f.severity] ?? 0) + 1;
  const parts = [];
  if (by.stop) parts.push(`${by.stop} to stop for`);
  if (by.warn) parts.push(`${by.warn} warning${by.warn === 1 ? '' : 's'}`);
  if (by.note) parts.push(`${by.note} note${by.note === 1 ? '' : 's'}`);
  const head = `${findings.length} finding${findings.length === 1 ? '' : 's'}: ${parts.join(', ')}.`;
  return by.stop ? `${head} If in doubt, don't publish.` : head;
}

let scheduled = 0;
function update() {
  scheduled = 0;
  const text = post.value;
  count.textContent = `${[...text].length} character${[...text].length === 1 ? '' : 's'}`;
  if (!checker) return;
  let findings;
  try {
    findings = sortFindings(checker.check(text, context()));
  } catch (e) {
    summary.textContent = `The checker could not check this: ${e?.message ?? e}`;
    summary.dataset.state = 'error';
    return;
  }
  renderPreview(text, findings);
  renderList(text, findings);
  summary.textContent = text.trim() === '' ? 'Type a post to check it.' : describe(findings);
  summary.dataset.state = text.trim() === '' ? 'empty' : findings.length ? 'findings' : 'clean';
  document.body.dataset.checked = String(Date.now());
}

function schedule() {
  if (!scheduled) scheduled = requestAnimationFrame(update);
}

async function usePackFile(file) {
  const json = await file.text();
  const problem = wasm.validatePack(json);
  if (problem !== undefined) {
    packStatus.textContent = `That file was not used: ${problem}`;
    packStatus.dataset.state = 'error';
    return;
  }
  try {
    checker = new wasm.Checker(json);
  } catch (e) {
    packStatus.textContent = `That file was not used: ${e?.message ?? e}`;
    packStatus.dataset.state = 'error';
    return;
  }
  let name = file.name;
  try {
    name = JSON.parse(json)?.organisation?.name || name;
  } catch {
    // validated above; keep the file name
  }
  packStatus.textContent = `Using the policy pack of ${name}.`;
  packStatus.dataset.state = 'custom';
  packReset.hidden = false;
  update();
}

function nowLocal() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

async function main() {
  const params = new URLSearchParams(location.search);
  if (params.has('text')) post.value = params.get('text');
  $('at').value = params.has('at') ? params.get('at') : nowLocal();
  renderPreview(post.value, []);
  try {
    wasm = await loadChecker();
    checker = new wasm.Checker();
    ruleTitles = new Map(wasm.rules().map((r) => [r.id, r.title]));
    $('version').textContent = wasm.version();
  } catch (e) {
    summary.textContent = `The checker could not be loaded: ${e?.message ?? e}. Serve this folder over http(s), not from a file.`;
    summary.dataset.state = 'error';
    return;
  }
  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
  form.addEventListener('submit', (e) => e.preventDefault());
  $('pack-file').addEventListener('change', (e) => {
    const file = e.target.files?.[0];
    if (file) usePackFile(file);
  });
  packReset.addEventListener('click', () => {
    checker = new wasm.Checker();
    $('pack-file').value = '';
    packStatus.textContent = 'Using the shipped policy.';
    packStatus.dataset.state = '';
    packReset.hidden = true;
    update();
  });
  document.documentElement.dataset.ready = 'true';
  update();
}

main();
