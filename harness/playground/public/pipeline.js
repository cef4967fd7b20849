import { clear, h } from './dom.js';

// The article's chain as stages with live counters; a click shows what passed through it last.
const STAGES = [
  ['written', 'Vault audit log', 'lines written', (c) => c.written],
  ['shipped', 'Shipper', 'events shipped', (c) => c.shipped],
  ['ingested', 'CloudWatch Logs', 'events ingested', (c) => c.ingested],
  ['matches', 'Metric filters', 'matches', (c) => Object.values(c.matches).reduce((a, b) => a + b, 0)],
  ['datapoints', 'Metrics', 'datapoints (30 min)', (c) => c.datapoints],
  ['alarms', 'Alarms', 'in ALARM', (c) => c.states.ALARM ?? 0],
  ['sns', 'SNS topic', 'messages', (c) => c.snsMessages],
  ['deliveries', 'Subscribers', 'HTTP deliveries', (c) => c.deliveries],
];

export function mount(element) {
  let selected;
  let last = {};
  let counters;
  const detail = h('pre', { class: 'stage-detail', 'data-testid': 'stage-detail' });
  const row = h('ol', { class: 'stages' });
  clear(element, row, detail);

  function render() {
    if (!counters) return;
    clear(
      row,
      STAGES.map(([id, title, unit, value]) =>
        h(
          'li',
          {
            class: `stage${id === selected ? ' selected' : ''}`,
            'data-stage': id,
            onclick: () => select(id),
          },
          h('strong', {}, title),
          h('span', { class: 'count', 'data-testid': `count-${id}` }, String(value(counters))),
          h(
            'small',
            {},
            id === 'alarms'
              ? `${unit} · ${counters.states.OK ?? 0} OK · ${counters.states.INSUFFICIENT_DATA ?? 0} no data`
              : unit,
          ),
        ),
      ),
    );
    if (selected) {
      const extra =
        selected === 'matches'
          ? Object.entries(counters.matches)
              .map(([rule, n]) => `${rule}: ${n}`)
              .join('\n')
          : '';
      const title = STAGES.find((s) => s[0] === selected)[1];
      detail.textContent = `${extra ? `matches per metric filter:\n${extra}\n\n` : ''}${title}, last: ${last[selected] ?? '(nothing yet)'}`;
    }
  }
  function select(id) {
    selected = selected === id ? undefined : id;
    detail.hidden = !selected;
    render();
  }
  detail.hidden = true;
  return {
    update(kind, data) {
      const view = kind === 'snapshot' ? data.pipeline : kind === 'pipeline' ? data : undefined;
      if (!view) return;
      counters = view.counters;
      last = view.last;
      render();
    },
  };
}
