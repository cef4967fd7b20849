import { clear, h, post } from './dom.js';

// Buttons for what scenarios do to Vault, as each lab identity. The server holds the tokens and makes
// the request; the page only names the action and the identity.
export function mount(element, { problem }) {
  const grid = h('table', { class: 'actions' });
  const log = h('ol', { class: 'action-log', 'data-testid': 'action-log', reversed: true });
  clear(
    element,
    h(
      'p',
      { class: 'muted' },
      'Each button makes one request from the server with that identity’s token (tokens never reach this page). Watch the entries arrive in the audit stream, then move the clock.',
    ),
    grid,
    h('h3', {}, 'What Vault answered'),
    log,
  );
  async function act(button, action, as) {
    button.disabled = true;
    try {
      const outcome = await post('/api/vault', { action, as });
      log.prepend(
        h(
          'li',
          { class: outcome.ok ? '' : 'denied' },
          `${as}: ${action} → ${outcome.ok ? '' : outcome.status ? `${outcome.status} ` : 'failed: '}${outcome.message}`,
        ),
      );
    } catch (error) {
      problem(`vault: ${error.message}`);
    } finally {
      button.disabled = false;
    }
  }
  return {
    update(kind, data) {
      if (kind !== 'snapshot') return;
      clear(
        grid,
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', {}, 'action'),
            data.identities.map((id) => h('th', {}, `as ${id}`)),
          ),
        ),
        h(
          'tbody',
          {},
          data.actions.map((a) =>
            h(
              'tr',
              {},
              h('td', {}, h('strong', {}, a.label), h('br'), h('code', {}, a.cli)),
              data.identities.map((id) => {
                const button = h(
                  'button',
                  { 'data-action': a.id, 'data-as': id, onclick: () => act(button, a.id, id) },
                  id,
                );
                return h('td', {}, button);
              }),
            ),
          ),
        ),
      );
    },
  };
}
