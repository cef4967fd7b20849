import { defineScenario } from '../harness/runner/scenario.ts';

// Disabling the device whose file is shipped: its file gets the request entry but never the
// response entry, which is why the rule counts request entries.
export default defineScenario({
  name: 'audit-device-disable-shipped',
  summary: 'an operator disables the very audit device the shipper follows (then the lab re-enables it)',
  expect: { fire: ['audit-device-disabled'] },
  async act({ identities, vault }) {
    await identities.admin.auditDisable(vault.auditDevicePath);
  },
  async teardown({ identities, vault }) {
    await identities.root.auditEnable(vault.auditDevicePath, {
      type: 'file',
      options: { file_path: vault.auditLogPath },
    });
  },
});
