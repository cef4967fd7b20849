import { describe, expect, it } from 'vitest';
import { formatChanges } from '../../../harness/rules/provision/changes.ts';

describe('the apply diff', () => {
  it('shows the part of a long value that changed, not its truncated beginning', () => {
    const before =
      '{ $.type = "response" && $.auth.policies[0] = "root" && $.request.path != "sys/internal/ui/*" && $.request.operation = "read" }';
    const after = before.replace('"read"', '"list"');
    const text = formatChanges([
      {
        action: 'update',
        kind: 'metric-filter',
        name: 'root-token-used',
        fields: [{ field: 'filterPattern', from: before, to: after }],
      },
    ]);
    expect(text).toBe(
      '~ metric-filter root-token-used  (filterPattern: …$.request.operation = \\"read\\" }"' +
        ' → …$.request.operation = \\"list\\" }")\n' +
        'Plan: 1 to update, 0 unchanged.\n',
    );
  });

  it('shows a change at the start of a long value with the text that follows it', () => {
    const tail = ' && $.request.path = "sys/auth" && $.request.operation = "read" && $.error = "x" }';
    const [line] = formatChanges([
      {
        action: 'update',
        kind: 'metric-filter',
        name: 'x',
        fields: [
          { field: 'filterPattern', from: `{ $.type = "request"${tail}`, to: `{ $.type = "response"${tail}` },
        ],
      },
    ]).split('\n');
    expect(line).toBe(
      '~ metric-filter x  (filterPattern: "{ $.type = \\"request\\" && $.request.path…' +
        ' → "{ $.type = \\"response\\" && $.request.path…)',
    );
  });

  it('prints short values whole', () => {
    expect(
      formatChanges([
        {
          action: 'update',
          kind: 'alarm',
          name: 'permission-denied',
          fields: [{ field: 'Threshold', from: 3, to: 5 }],
        },
      ]),
    ).toBe('~ alarm permission-denied  (Threshold: 3 → 5)\nPlan: 1 to update, 0 unchanged.\n');
  });
});
