import { defineCommand } from '../command.ts';
import { LabError } from '../../errors.ts';

// Placeholder until the issue that builds this command lands.
export const exportCommand = defineCommand({
  name: 'export',
  summary: '(not built yet)',
  async run() {
    throw new LabError('LAB_NOT_BUILT', "'export' is not built yet");
  },
});
