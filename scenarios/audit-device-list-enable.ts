import { join } from 'node:path';
import { defineScenario } from '../harness/runner/scenario.ts';

export default defineScenario({
  name: 'audit-device-list-enable',
  summary: 'an operator lists audit devices and enables another one (changes under sys/audit, no disable)',
  expect: { fire: [] },
  lookalikeFor: ['audit-device-disabled'],
  async act({ identities, workDir }) {
    await identities.admin.auditList();
    await identities.admin.auditEnable('extra', {
      type: 'file',
      options: { file_path: join(workDir, 'extra-audit.log') },
    });
  },
  async teardown({ identities }) {
    await identities.root.auditDisable('extra');
  },
});
