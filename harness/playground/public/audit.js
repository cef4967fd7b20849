import { clear, h } from './dom.js';

// Every audit entry, newest on top, tagged with the rules it matched. The page keeps at most
// MAX_ENTRIES summaries (the oldest go first) and draws only the rows in view, so 100,000 entries
// cost a few hundred DOM nodes; an entry's full JSON is fetched from the server when expanded.
export const MAX_ENTRIES = 100_000;
const ROW_HEIGHT = 26;
const HMAC = /^hmac-sha256:[0-9a-f]{64}$/;

export function mount(element, { problem }) {
  let entries = [];
  let shown = [];
  let rules = [];
  const filter = { rule: '', type: '', text: '' };
  let expanded;

  const ruleSelect = h('select', {
    'data-testid': 'audit-rule-filter',
    onchange: () => setFilter('rule', ruleSelect.value),
  });
  const typeSelect = h(
    'select',
    { 'data-testid': 'audit-type-filter', onchange: () => setFilter('type', typeSelect.value) },
    h('option', { value: '' }, 'requests and responses'),
    h('option', { value: 'request' }, 'requests'),
    h('option', { value: 'response' }, 'responses'),
  );
  const text = h('input', {
    type: 'search',
    placeholder: 'filter: path, identity, error, address…',
    'data-testid': 'audit-text-filter',
    oninput: () => setFilter('text', text.value.trim().toLowerCase()),
  });
  const count = h('span', { class: 'muted', 'data-testid': 'audit-count' });
  const spacer = h('div', { class: 'spacer' });
  const viewport = h('div', { class: 'rows', 'data-testid': 'audit-rows' });
  const scroller = h('div', { class: 'audit-scroll', onscroll: () => draw() }, spacer, viewport);
  const detail = h(
    'div',
    { class: 'audit-detail', 'data-testid': 'audit-detail' },
    h('p', { class: 'muted' }, 'Click an entry to see its JSON.'),
  );
  clear(
    element,
    h('div', { class: 'toolbar' }, ruleSelect, typeSelect, text, count),
    h('div', { class: 'audit-layout' }, scroller, detail),
  );

  function matches(entry) {
    if (filter.type && entry.type !== filter.type) return false;
    if (filter.rule === '*' && entry.rules.length === 0) return false;
    if (filter.rule && filter.rule !== '*' && !entry.rules.includes(filter.rule)) return false;
    if (filter.text) {
      const haystack =
        `${entry.operation} ${entry.path} ${entry.who} ${entry.error} ${entry.remote} ${entry.rules.join(' ')}`.toLowerCase();
      if (!haystack.includes(filter.text)) return false;
    }
    return true;
  }
  function setFilter(key, value) {
    filter[key] = value;
    shown = entries.filter(matches);
    scroller.scrollTop = 0;
    draw();
  }
  function add(batch) {
    entries.push(...batch);
    shown.push(...batch.filter(matches));
    if (entries.length > MAX_ENTRIES) {
      // Drop a tenth at once so trimming is rare, not once per entry.
      entries = entries.slice(entries.length - Math.floor(MAX_ENTRIES * 0.9));
      const oldest = entries[0].seq;
      const firstKept = shown.findIndex((e) => e.seq >= oldest);
      shown = firstKept < 0 ? [] : shown.slice(firstKept);
    }
    // Keep the rows in view still when reading further down: new rows push the list by their height.
    if (scroller.scrollTop > 0) scroller.scrollTop += batch.filter(matches).length * ROW_HEIGHT;
    draw();
  }
  function draw() {
    count.textContent = `${shown.length.toLocaleString()} shown of ${entries.length.toLocaleString()} kept`;
    spacer.style.height = `${shown.length * ROW_HEIGHT}px`;
    const first = Math.floor(scroller.scrollTop / ROW_HEIGHT);
    const visible = Math.ceil(scroller.clientHeight / ROW_HEIGHT) + 2;
    const rows = [];
    for (let i = first; i < Math.min(shown.length, first + visible); i++) {
      const entry = shown[shown.length - 1 - i];
      rows.push(
        h(
          'div',
          {
            class: `row${entry.seq === expanded ? ' selected' : ''}${entry.error ? ' failed' : ''}`,
            style: `top:${i * ROW_HEIGHT}px`,
            'data-seq': entry.seq,
            onclick: () => expand(entry),
          },
          h('span', { class: 'time' }, entry.time.slice(11, 23)),
          h('span', { class: `type ${entry.type}` }, entry.type),
          h('span', { class: 'op' }, entry.operation),
          h('span', { class: 'path', title: entry.path }, entry.path),
          h('span', { class: 'who' }, entry.who),
          h(
            'span',
            { class: 'tags' },
            entry.rules.map((r) => h('span', { class: 'tag', 'data-rule': r }, r)),
          ),
          entry.error ? h('span', { class: 'error', title: entry.error }, entry.error) : null,
        ),
      );
    }
    clear(viewport, rows);
  }
  async function expand(entry) {
    expanded = entry.seq;
    draw();
    clear(detail, h('p', { class: 'muted' }, `entry ${entry.seq}…`));
    try {
      const response = await fetch(`/api/audit/${entry.seq}`);
      if (!response.ok) throw new Error((await response.json()).error);
      const json = await response.json();
      clear(
        detail,
        h('h3', {}, `entry ${entry.seq}: ${entry.type} ${entry.operation} ${entry.path}`),
        entry.rules.length
          ? h(
              'p',
              {},
              'matched: ',
              entry.rules.map((r) => h('span', { class: 'tag' }, r)),
            )
          : h('p', { class: 'muted' }, 'matched no rule'),
        h(
          'p',
          { class: 'muted' },
          h('span', { class: 'hmac' }, 'hmac-sha256:…'),
          ' values are HMAC’d by the audit device: Vault writes a keyed hash, never the secret',
        ),
        h('pre', { class: 'json' }, renderJson(json, 0)),
      );
    } catch (error) {
      problem(`audit entry ${entry.seq}: ${error.message}`);
    }
  }
  function setRules(list) {
    rules = list;
    const current = ruleSelect.value;
    clear(
      ruleSelect,
      h('option', { value: '' }, 'all entries'),
      h('option', { value: '*' }, 'matching any rule'),
      rules.map((r) => h('option', { value: r.id }, `matching ${r.id}`)),
    );
    ruleSelect.value = current;
  }
  return {
    update(kind, data) {
      if (kind === 'snapshot') {
        setRules(data.rules);
        entries = [];
        shown = [];
        add(data.audit);
      } else if (kind === 'audit') add(data);
      else if (kind === 'rules') setRules(data);
    },
    shown: (id) => id === 'audit' && draw(),
  };
}

function renderJson(value, depth) {
  const pad = '  '.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return [
      '[\n',
      ...value.flatMap((v, i) => [pad, '  ', renderJson(v, depth + 1), i < value.length - 1 ? ',\n' : '\n']),
      pad,
      ']',
    ];
  }
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) return '{}';
    return [
      '{\n',
      ...keys.flatMap((k, i) => [
        pad,
        '  ',
        h('span', { class: 'key' }, JSON.stringify(k)),
        ': ',
        renderJson(value[k], depth + 1),
        i < keys.length - 1 ? ',\n' : '\n',
      ]),
      pad,
      '}',
    ];
  }
  if (typeof value === 'string' && HMAC.test(value)) {
    return h(
      'span',
      {
        class: 'hmac',
        title:
          'HMAC’d by the audit device (vault write sys/audit-hash/<device> input=… computes the same hash)',
      },
      JSON.stringify(value),
    );
  }
  return h('span', { class: typeof value }, JSON.stringify(value));
}
