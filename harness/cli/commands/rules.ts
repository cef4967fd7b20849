import { defineCommand } from '../command.ts';
import { LabError } from '../../errors.ts';

// Placeholder until the issue that builds this command lands.
export const rulesCommand = defineCommand({
  name: 'rules',
  summary: '(not built yet)',
  async run() {
    throw new LabError('LAB_NOT_BUILT', "'rules' is not built yet");
  },
});
