import { CliUsageError } from '../../errors.ts';
import { defineCommand } from '../command.ts';
import { liveLabOptions, runLiveLab } from '../live-lab.ts';
import type { LabComponent } from '../live-lab.ts';
import { emailSubscription, startPlayground } from '../../playground/index.ts';
import { loadScenarios } from '../../runner/index.ts';
import type { Lab } from '../../runner/index.ts';

const options = {
  ...liveLabOptions,
  'ui-port': {
    type: 'string',
    valueName: 'n',
    description: 'port of the page on 127.0.0.1 (default: a free one)',
  },
} as const;

/**
 * `vault-alarm-lab playground`: the live lab of `up`, plus the page that shows it. `--json` prints
 * `up --json`'s line with `"url"` added: the page's address with its access secret.
 */
export const playgroundCommand = defineCommand({
  name: 'playground',
  summary: 'Start the live lab (as up does) and serve the demo page on 127.0.0.1 until Ctrl-C.',
  options,
  examples: [
    'vault-alarm-lab playground               # prints the page URL (open it; it carries the access secret)',
    'vault-alarm-lab playground --json | head -1   # up --json keys plus "url"',
  ],
  async run(ctx) {
    const uiPort = ctx.values['ui-port'] === undefined ? undefined : Number(ctx.values['ui-port']);
    if (uiPort !== undefined && (!Number.isInteger(uiPort) || uiPort < 1 || uiPort > 65535)) {
      throw new CliUsageError(
        `--ui-port: expected a TCP port from 1 to 65535, got '${ctx.values['ui-port']}'`,
      );
    }
    const scenarios = await loadScenarios();
    const startPage = async (lab: Lab): Promise<LabComponent> => {
      const playground = await startPlayground({
        lab,
        scenarios,
        signal: ctx.signal,
        ...(uiPort !== undefined ? { port: uiPort } : {}),
      });
      return {
        summary: { url: playground.urlWithSecret },
        lines: [
          '',
          `Playground: open ${playground.urlWithSecret}`,
          '  (the link carries this run’s access secret: do not share it)',
        ],
        stop: () => playground.stop(),
      };
    };
    return runLiveLab(ctx, {
      command: 'playground',
      lab: { subscriptions: [emailSubscription] },
      extras: [startPage],
    });
  },
});
