import { clear, h, post } from './dom.js';

// The scenarios with what each must fire; Run one or Run all with the runner's own code, verdicts inline.
export function mount(element, { problem }) {
  let scenarios = [];
  let progress = { running: undefined, phase: undefined, results: {} };
  const runAll = h('button', { 'data-testid': 'run-all', onclick: () => run([]) }, 'Run all');
  const status = h('span', { class: 'muted', 'data-testid': 'scenario-status' });
  const table = h('table', { class: 'scenarios' });
  clear(element, h('div', { class: 'toolbar' }, runAll, status), table);

  async function run(names) {
    try {
      await post('/api/scenarios', { names });
    } catch (error) {
      problem(`scenarios: ${error.message}`);
    }
  }
  function render() {
    status.textContent = progress.running ? `running ${progress.running}: ${progress.phase}` : 'idle';
    clear(
      table,
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, ''),
          h('th', {}, 'scenario'),
          h('th', {}, 'must fire'),
          h('th', {}, 'verdict'),
        ),
      ),
      h(
        'tbody',
        {},
        scenarios.map((s) => {
          const result = progress.results[s.name];
          const running = progress.running === s.name;
          return h(
            'tr',
            { 'data-scenario': s.name },
            h('td', {}, h('button', { onclick: () => run([s.name]), disabled: running }, 'Run')),
            h('td', {}, h('strong', {}, s.name), h('br'), h('small', { class: 'muted' }, s.summary)),
            h(
              'td',
              {},
              s.fire.length
                ? s.fire.map((r) => h('span', { class: 'tag' }, r))
                : h('span', { class: 'muted' }, 'nothing'),
            ),
            h(
              'td',
              { class: 'verdict', 'data-testid': `verdict-${s.name}` },
              running
                ? h('span', { class: 'badge insufficient' }, progress.phase ?? 'running')
                : result
                  ? [
                      h(
                        'span',
                        { class: `badge ${result.state === 'success' ? 'ok' : 'alarm'}` },
                        result.state === 'success' ? 'pass' : result.state,
                      ),
                      ` fired ${result.fired.length ? result.fired.join(', ') : 'nothing'}; ${result.messages} message(s); ${Math.round(result.durationMs)} ms`,
                      result.failures.length
                        ? h('pre', { class: 'failures' }, result.failures.join('\n'))
                        : null,
                    ]
                  : null,
            ),
          );
        }),
      ),
    );
  }
  return {
    update(kind, data) {
      if (kind === 'snapshot') {
        scenarios = data.scenarios;
        progress = data.progress;
      } else if (kind === 'scenarios') progress = data;
      else return;
      render();
    },
  };
}
