// The page: one EventSource for everything live, one module per view. Each view exports
// mount(element, context) returning { update(kind, data) } for the stream's events it cares about.
import { clear, h } from './dom.js';
import * as pipeline from './pipeline.js';
import * as clock from './clock.js';
import * as audit from './audit.js';
import * as rules from './rules.js';
import * as inbox from './inbox.js';
import * as scenarios from './scenarios.js';
import * as vault from './vault.js';
import * as workbench from './workbench.js';

const problems = document.getElementById('problems');
function problem(message) {
  const note = h(
    'div',
    { class: 'problem' },
    message,
    h('button', { onclick: () => note.remove(), 'aria-label': 'dismiss' }, '×'),
  );
  problems.append(note);
  setTimeout(() => note.remove(), 15_000);
}

const context = { problem, showTab: (id) => showTab(id) };
const views = [
  pipeline.mount(document.getElementById('pipeline'), context),
  clock.mount(document.getElementById('clock'), context),
];
const tabs = [
  ['audit', audit],
  ['rules', rules],
  ['inbox', inbox],
  ['scenarios', scenarios],
  ['vault', vault],
  ['workbench', workbench],
];
const tabBar = document.getElementById('tabs');
for (const [id, module] of tabs) {
  const section = document.getElementById(`view-${id}`);
  views.push(module.mount(section, context));
  tabBar.append(
    h(
      'button',
      { role: 'tab', id: `tab-${id}`, 'aria-controls': `view-${id}`, onclick: () => showTab(id) },
      section.dataset.view,
    ),
  );
}

function showTab(id) {
  for (const [other] of tabs) {
    document.getElementById(`view-${other}`).hidden = other !== id;
    document.getElementById(`tab-${other}`).setAttribute('aria-selected', String(other === id));
  }
  location.hash = id;
  for (const view of views) view.shown?.(id);
}
showTab(tabs.some(([id]) => `#${id}` === location.hash) ? location.hash.slice(1) : 'audit');

const connection = document.getElementById('connection');
const source = new EventSource('/api/events');
const KINDS = [
  'snapshot',
  'audit',
  'alarms',
  'metrics',
  'inbox',
  'pipeline',
  'clock',
  'scenarios',
  'rules',
  'problem',
];
for (const kind of KINDS) {
  source.addEventListener(kind, (event) => {
    const data = JSON.parse(event.data);
    if (kind === 'problem') return problem(data.message);
    for (const view of views) view.update(kind, data);
  });
}
source.onopen = () => (clear(connection, 'live').className = 'badge ok');
source.onerror = () => (clear(connection, 'reconnecting…').className = 'badge alarm');
