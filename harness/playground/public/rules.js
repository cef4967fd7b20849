import uPlot from '/vendor/uplot/uPlot.esm.js';
import { clear, h, isoTime, stateClass } from './dom.js';

// Each rule: its pattern, its metric per minute with the threshold line (uPlot), the alarm's state,
// its state timeline from DescribeAlarmHistory and the last StateReason.
const MINUTES = 30;

export function mount(element) {
  let rules = [];
  let alarms = new Map();
  let metrics = new Map();
  const cards = new Map();
  let visible = false;
  let aheadMs = 0;
  const list = h('div', { class: 'rule-cards' });
  clear(element, list);

  function build() {
    for (const card of cards.values()) card.chart?.destroy();
    cards.clear();
    clear(
      list,
      rules.map((rule) => {
        const state = h('span', { class: 'badge', 'data-testid': `state-${rule.id}` });
        const reason = h('p', { class: 'reason', 'data-testid': `reason-${rule.id}` });
        const timeline = h('ol', { class: 'timeline', 'data-testid': `timeline-${rule.id}` });
        const chartBox = h('div', { class: 'chart' });
        const element = h(
          'article',
          { class: 'rule', 'data-rule': rule.id },
          h('header', {}, h('h3', {}, rule.id), state),
          h('p', { class: 'muted' }, rule.rationale),
          h('code', { class: 'pattern' }, rule.filter.pattern),
          h(
            'p',
            { class: 'muted' },
            `${rule.filter.namespace}/${rule.filter.metricName} · ${alarmText(rule.alarm)}`,
          ),
          chartBox,
          reason,
          timeline,
        );
        const card = { rule, element, state, reason, timeline, chartBox, chart: undefined };
        cards.set(rule.id, card);
        return element;
      }),
    );
    render();
  }

  function render() {
    for (const card of cards.values()) {
      const alarm = alarms.get(card.rule.id);
      const value = alarm?.state ?? 'INSUFFICIENT_DATA';
      card.state.textContent = value;
      card.state.className = `badge ${stateClass(value)}`;
      card.element.dataset.state = value;
      card.reason.textContent = alarm?.reason ? `StateReason: ${alarm.reason}` : '';
      clear(
        card.timeline,
        (alarm?.timeline ?? [])
          .slice(-8)
          .reverse()
          .map((t) =>
            h(
              'li',
              { title: t.reason },
              isoTime(t.at),
              ' ',
              h('span', { class: `badge ${stateClass(t.from)}` }, t.from),
              ' → ',
              h('span', { class: `badge ${stateClass(t.to)}` }, t.to),
            ),
          ),
      );
      if (visible) drawChart(card);
    }
  }

  function drawChart(card) {
    const points = metrics.get(card.rule.id) ?? [];
    const end = Math.ceil((Date.now() + aheadMs) / 60_000) * 60;
    const values = new Map(points.map(([t, v]) => [t / 1000, v]));
    const latest = points.length ? points[points.length - 1][0] / 1000 : end;
    const last = Math.max(end, latest + 60);
    const xs = [];
    for (let t = last - MINUTES * 60; t <= last; t += 60) xs.push(t);
    const data = [xs, xs.map((t) => values.get(t) ?? null), xs.map(() => card.rule.alarm.threshold)];
    if (!card.chart) {
      card.chart = new uPlot(
        {
          width: 340,
          height: 130,
          legend: { show: false },
          // Lab time is shown in UTC everywhere on the page.
          tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
          cursor: { show: false },
          scales: {
            y: { range: (_u, min, max) => [0, Math.max(max ?? 0, card.rule.alarm.threshold) * 1.25 || 1] },
          },
          series: [
            {},
            {
              label: card.rule.filter.metricName,
              stroke: '#2563eb',
              fill: 'rgba(37,99,235,0.15)',
              paths: uPlot.paths.bars({ size: [0.6, 12] }),
              points: { show: false },
            },
            { label: 'threshold', stroke: '#dc2626', dash: [6, 4], width: 1.5, points: { show: false } },
          ],
          axes: [{ space: 60 }, { size: 40 }],
        },
        data,
        card.chartBox,
      );
    } else card.chart.setData(data);
  }

  return {
    update(kind, data) {
      if (kind === 'clock') aheadMs = data.aheadMs;
      if (kind === 'snapshot') {
        aheadMs = data.clock.aheadMs;
        rules = data.rules;
        alarms = new Map(data.alarms.map((a) => [a.ruleId, a]));
        metrics = new Map(data.metrics.map((m) => [m.ruleId, m.points]));
        build();
      } else if (kind === 'rules') {
        rules = data;
        build();
      } else if (kind === 'alarms') {
        alarms = new Map(data.map((a) => [a.ruleId, a]));
        render();
      } else if (kind === 'metrics') {
        metrics = new Map(data.map((m) => [m.ruleId, m.points]));
        render();
      }
    },
    shown(id) {
      visible = id === 'rules';
      if (visible) render();
    },
  };
}

function alarmText(a) {
  return `${a.statistic} ${comparisonText(a.comparison)} ${a.threshold} over ${a.period} s, ${a.datapointsToAlarm} of ${a.evaluationPeriods} · missing data: ${a.treatMissingData}`;
}

function comparisonText(comparison) {
  return (
    {
      GreaterThanOrEqualToThreshold: '≥',
      GreaterThanThreshold: '>',
      LessThanThreshold: '<',
      LessThanOrEqualToThreshold: '≤',
    }[comparison] ?? comparison
  );
}
