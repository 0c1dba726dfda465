// The rules page: every rule from the registry, grouped by the policy's sections, with its
// documentation. The wasm's registry carries each rule's first paragraph (`description`); the
// whole doc comment comes from rule-docs.json, generated from the same registry (`second-thought
// docs --format json`) and kept out of the wasm for its size. The documentation is Markdown; a
// small safe renderer turns headings, paragraphs, lists and `code` into DOM nodes (text only,
// never HTML).

import { loadChecker, el, MODES } from './common.js';

const $ = (id) => document.getElementById(id);

/** Inline Markdown: `code` and **bold**; everything else is text. */
function inline(text) {
  const out = [];
  const re = /`([^`]+)`|\*\*([^*]+)\*\*/g;
  let last = 0;
  for (let m; (m = re.exec(text)); ) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(m[1] !== undefined ? el('code', { text: m[1] }) : el('strong', { text: m[2] }));
    last = re.lastIndex;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Block Markdown: `#` headings (shown one level below the rule's), paragraphs, `-`/`*` lists. */
export function renderMarkdown(md) {
  const box = el('div', { class: 'doc' });
  const blocks = String(md).replace(/\r\n?/g, '\n').split(/\n{2,}/);
  for (const block of blocks) {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    let rest = lines;
    const heading = /^(#{1,6})\s+(.*)$/.exec(lines[0]);
    if (heading) {
      box.append(el('h4', {}, ...inline(heading[2])));
      rest = lines.slice(1);
      if (rest.length === 0) continue;
    }
    if (rest.every((l) => /^\s*([-*]|\d+\.)\s+/.test(l) || /^\s{2,}/.test(l))) {
      const ordered = /^\s*\d+\./.test(rest[0]);
      const listEl = el(ordered ? 'ol' : 'ul');
      for (const l of rest) {
        const item = /^\s*(?:[-*]|\d+\.)\s+(.*)$/.exec(l);
        if (item) listEl.append(el('li', {}, ...inline(item[1])));
        else listEl.lastElementChild?.append(' ', ...inline(l.trim()));
      }
      box.append(listEl);
    } else {
      box.append(el('p', {}, ...inline(rest.join(' '))));
    }
  }
  return box;
}

function ruleCard(rule, doc) {
  const headingId = `rule-${rule.id}`;
  const tryUrl = `index.html?text=${encodeURIComponent(rule.example ?? '')}`;
  return el(
    'article',
    { class: 'rule', id: rule.id, 'aria-labelledby': headingId, 'data-rule': rule.id },
    el('h3', { id: headingId }, rule.title, ' ', el('span', { class: `sev sev-${rule.severity}`, text: rule.severity })),
    el(
      'dl',
      {},
      el('dt', { text: 'Rule id' }),
      el('dd', {}, el('code', { text: rule.id })),
      el('dt', { text: 'Severity' }),
      el('dd', { text: rule.severity }),
      el('dt', { text: 'Clause' }),
      el('dd', { text: rule.clause }),
      el('dt', { text: 'Applies to' }),
      el('dd', { text: MODES[rule.modes] ?? rule.modes }),
      rule.example ? el('dt', { text: 'Example' }) : null,
      rule.example ? el('dd', {}, el('span', { class: 'example', text: rule.example }), ' ', el('a', { class: 'try', href: tryUrl, text: 'try it' })) : null,
    ),
    rule.quote ? el('blockquote', {}, el('p', { text: `“${rule.quote}”` })) : null,
    doc ? renderMarkdown(doc) : el('p', { text: rule.description ?? '' }),
  );
}

async function main() {
  let wasm;
  try {
    wasm = await loadChecker();
  } catch (e) {
    $('status').textContent = `The checker could not be loaded: ${e?.message ?? e}. Serve this folder over http(s), not from a file.`;
    return;
  }
  const rules = wasm.rules();
  $('version').textContent = wasm.version();
  // Without the file (or with a broken one) each rule still shows its first paragraph.
  let docs = {};
  try {
    const res = await fetch('rule-docs.json');
    if (res.ok) docs = await res.json();
  } catch {
    docs = {};
  }
  const groups = new Map();
  for (const r of rules) {
    if (!groups.has(r.category)) groups.set(r.category, { title: r.category_title || r.category, rules: [] });
    groups.get(r.category).rules.push(r);
  }
  const toc = el('ul');
  const container = $('rules');
  for (const [category, group] of groups) {
    const sectionHeading = `section-${category}`;
    const section = el('section', { 'aria-labelledby': sectionHeading, 'data-category': category }, el('h2', { id: sectionHeading, text: group.title }));
    const sub = el('ul');
    for (const r of group.rules) {
      section.append(ruleCard(r, r.doc ?? docs[r.id]));
      sub.append(el('li', {}, el('a', { href: `#${r.id}`, text: r.title })));
    }
    container.append(section);
    toc.append(el('li', {}, el('a', { href: `#${sectionHeading}`, text: group.title }), sub));
  }
  $('toc').append(el('h2', { text: 'Contents' }), toc);
  $('toc').hidden = false;
  $('status').textContent = `${rules.length} rules in ${groups.size} sections.`;
  document.documentElement.dataset.ready = 'true';
  if (location.hash.length > 1) document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
}

main();
