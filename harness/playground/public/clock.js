import { clear, h, isoTime, post } from './dom.js';

// Lab time (ticking with the wall clock plus the lab's lead), the next evaluation, and the controls.
export function mount(element, { problem }) {
  let view;
  const time = h('span', { class: 'lab-time', 'data-testid': 'lab-time' });
  const ahead = h('small');
  const next = h('small', { 'data-testid': 'next-evaluation' });
  const buttons = [];
  const advance = (label, body, id) => {
    const button = h('button', { 'data-testid': id, onclick: () => act(button, body) }, label);
    buttons.push(button);
    return button;
  };
  const follow = h('input', {
    type: 'checkbox',
    'data-testid': 'follow-wall-time',
    onchange: () => setMode(),
  });
  async function act(button, body) {
    button.disabled = true;
    try {
      view = await post('/api/clock', body);
      render();
    } catch (error) {
      problem(`clock: ${error.message}`);
    } finally {
      button.disabled = false;
    }
  }
  async function setMode() {
    try {
      view = await post('/api/clock', { mode: follow.checked ? 'follow' : 'fast' });
      render();
    } catch (error) {
      problem(`clock: ${error.message}`);
    }
  }
  clear(
    element,
    h('span', {}, 'lab time ', time, ' ', ahead, ' · ', next),
    advance('+1 min', { seconds: 60 }, 'advance-1'),
    advance('+5 min', { seconds: 300 }, 'advance-5'),
    advance('to next evaluation', { to: 'next-evaluation' }, 'advance-next'),
    h(
      'label',
      {
        title:
          'On: lab time flows with the wall clock and alarms evaluate once a real minute. Off: the lab jumps to the next evaluation as soon as new audit entries reach CloudWatch Logs.',
      },
      follow,
      ' follow wall time',
    ),
  );
  function render() {
    if (!view) return;
    const now = Date.now() + view.aheadMs;
    time.textContent = isoTime(now);
    ahead.textContent =
      view.aheadMs >= 1000 ? `(${Math.round(view.aheadMs / 60_000)} min ahead of wall time)` : '(wall time)';
    const nextAt = Math.floor(now / 60_000) * 60_000 + 60_000;
    next.textContent = `next evaluation in ${Math.ceil((nextAt - now) / 1000)} s`;
    follow.checked = view.mode === 'follow';
    for (const b of buttons) b.hidden = !view.advanceable;
  }
  setInterval(render, 1000);
  return {
    update(kind, data) {
      if (kind === 'snapshot') view = data.clock;
      else if (kind === 'clock') view = data;
      else return;
      render();
    },
  };
}
