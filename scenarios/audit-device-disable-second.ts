import { join } from 'node:path';
import { defineScenario } from '../harness/runner/scenario.ts';

export default defineScenario({
  name: 'audit-device-disable-second',
  summary: 'an operator disables a second file audit device (the shipped one keeps logging)',
  expect: { fire: ['audit-device-disabled'] },
  async setup({ identities, workDir }) {
    await identities.root.auditEnable('second', {
      type: 'file',
      options: { file_path: join(workDir, 'second-audit.log') },
    });
  },
  async act({ identities }) {
    await identities.admin.auditDisable('second');
  },
});
