import { clear, h, post } from './dom.js';

// Type a pattern: the server tests it on the recent audit entries with the emulator's engine and
// answers the matches and the metric value, or where the pattern is broken (drawn with a caret).
export function mount(element, { problem }) {
  const pattern = h('input', {
    type: 'text',
    class: 'pattern-input',
    spellcheck: 'false',
    'data-testid': 'wb-pattern',
    value: '{ $.type = "response" && $.request.path = "sys/auth" }',
    oninput: () => schedule(),
  });
  const value = h('input', {
    type: 'text',
    'data-testid': 'wb-value',
    value: '1',
    size: 12,
    oninput: () => schedule(),
  });
  const caret = h('pre', { class: 'caret-error', 'data-testid': 'wb-error', hidden: true });
  const summary = h('p', { 'data-testid': 'wb-summary' });
  const matches = h('ol', { class: 'wb-matches', 'data-testid': 'wb-matches' });
  const ruleId = h('input', {
    type: 'text',
    placeholder: 'rule id (kebab-case)',
    'data-testid': 'wb-rule-id',
  });
  const threshold = h('input', {
    type: 'number',
    value: '1',
    min: '0',
    step: 'any',
    'data-testid': 'wb-threshold',
    size: 5,
  });
  const addButton = h('button', { 'data-testid': 'wb-add', onclick: () => addRule() }, 'Add as rule');
  const format = h(
    'select',
    { 'data-testid': 'wb-format' },
    ['cli', 'cloudformation', 'terraform'].map((f) => h('option', { value: f }, f)),
  );
  const exported = h('pre', { class: 'export', 'data-testid': 'wb-export', hidden: true });
  clear(
    element,
    h('label', { class: 'field' }, 'filter pattern', pattern),
    caret,
    h('label', { class: 'field inline' }, 'metric value ', value),
    summary,
    matches,
    h(
      'div',
      { class: 'toolbar' },
      ruleId,
      h('label', {}, ' alarm when Sum ≥ ', threshold, ' in a minute '),
      addButton,
    ),
    h(
      'div',
      { class: 'toolbar' },
      h(
        'button',
        { 'data-testid': 'wb-export-button', onclick: () => exportRules() },
        'Export the rule set as',
      ),
      format,
    ),
    exported,
  );

  let timer;
  let sequence = 0;
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(test, 120);
  }
  async function test() {
    const mine = ++sequence;
    try {
      const result = await post('/api/workbench', { pattern: pattern.value, metricValue: value.value });
      if (mine !== sequence) return;
      show(result);
    } catch (error) {
      problem(`workbench: ${error.message}`);
    }
  }
  function show(result) {
    caret.hidden = result.ok;
    if (!result.ok) {
      const start = result.start ?? 0;
      const width = Math.max(1, (result.end ?? start + 1) - start);
      caret.textContent =
        result.start === undefined
          ? result.error
          : `${result.error}\n  ${pattern.value}\n  ${' '.repeat(start)}${'^'.repeat(width)}\nPutMetricFilter would answer: ${result.awsMessage}`;
      summary.textContent = '';
      clear(matches);
      matches.hidden = true;
      return;
    }
    matches.hidden = result.matches.length === 0;
    summary.textContent = `${result.matched} of the last ${result.tested} audit entries match; one minute of them would publish ${result.total}.`;
    clear(
      matches,
      result.matches.map((m) =>
        h(
          'li',
          { 'data-seq': m.seq },
          h('span', { class: 'value' }, m.value === null ? 'no value' : `+${m.value}`),
          ' ',
          m.text,
        ),
      ),
    );
  }
  async function addRule() {
    try {
      await post('/api/rules', {
        id: ruleId.value.trim(),
        pattern: pattern.value,
        metricValue: value.value,
        threshold: Number(threshold.value),
      });
      problem(`rule ${ruleId.value.trim()} provisioned into the live lab: see it under Rules`);
    } catch (error) {
      problem(`Add as rule: ${error.message}`);
    }
  }
  async function exportRules() {
    const response = await fetch(`/api/export?format=${encodeURIComponent(format.value)}`);
    const text = await response.text();
    if (!response.ok) return problem(`export: ${text}`);
    exported.hidden = false;
    exported.textContent = text;
  }
  return {
    update(kind) {
      if (kind === 'snapshot' || kind === 'audit') {
        if (
          kind === 'snapshot' ||
          !caret.hidden ||
          document.getElementById('view-workbench')?.hidden === false
        )
          schedule();
      }
    },
  };
}
