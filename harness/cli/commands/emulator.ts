import { defineCommand } from '../command.ts';
import { LabError } from '../../errors.ts';

// Placeholder until the issue that builds this command lands.
export const emulatorCommand = defineCommand({
  name: 'emulator',
  summary: '(not built yet)',
  async run() {
    throw new LabError('LAB_NOT_BUILT', "'emulator' is not built yet");
  },
});
