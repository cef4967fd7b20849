import { clear, h, isoTime } from './dom.js';

// What SNS sent: the emails as the text AWS sends them (from the emulator's outbox), and the HTTP
// deliveries the lab's endpoint received, with the result of its signature check.
export function mount(element) {
  const emails = h('div', { class: 'emails', 'data-testid': 'emails' });
  const deliveries = h('div', { class: 'deliveries', 'data-testid': 'deliveries' });
  const address = h('span');
  clear(
    element,
    h(
      'div',
      { class: 'inbox' },
      h('section', {}, h('h2', {}, 'Email ', address), emails),
      h('section', {}, h('h2', {}, 'HTTP deliveries'), deliveries),
    ),
  );
  function render(inbox) {
    const notifications = inbox.emails.filter((e) => e.kind === 'Notification');
    clear(
      emails,
      notifications.length === 0
        ? h('p', { class: 'muted' }, 'No email yet: alarms that change state notify the topic.')
        : null,
      notifications
        .slice()
        .reverse()
        .map((e) =>
          h(
            'article',
            { class: 'email', 'data-testid': 'email' },
            h(
              'dl',
              {},
              h('dt', {}, 'From'),
              h('dd', {}, 'AWS Notifications <no-reply@sns.amazonaws.com>'),
              h('dt', {}, 'To'),
              h('dd', {}, e.to),
              h('dt', {}, 'Subject'),
              h('dd', { class: 'subject' }, e.subject),
              h('dt', {}, 'Date'),
              h('dd', {}, e.timestamp),
            ),
            h('pre', {}, e.body),
          ),
        ),
    );
    clear(
      deliveries,
      inbox.deliveries.length === 0 ? h('p', { class: 'muted' }, 'No delivery yet.') : null,
      inbox.deliveries
        .slice()
        .reverse()
        .map((d) =>
          h(
            'details',
            { class: 'delivery', 'data-testid': 'delivery' },
            h(
              'summary',
              {},
              h(
                'span',
                { class: `badge ${d.signatureVerified ? 'ok' : 'alarm'}` },
                d.signatureVerified ? 'signature verified' : `signature rejected: ${d.signatureError}`,
              ),
              ' ',
              d.subject || d.messageId,
              h('small', { class: 'muted' }, ` received ${isoTime(d.receivedLabMs)} (lab time)`),
            ),
            h('pre', {}, prettyJson(d.message)),
          ),
        ),
    );
  }
  return {
    update(kind, data) {
      if (kind === 'snapshot') {
        address.textContent = data.email
          ? `to ${data.email}`
          : '(the emulator’s outbox is only readable on the local target)';
        render(data.inbox);
      } else if (kind === 'inbox') render(data);
    },
  };
}

function prettyJson(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
