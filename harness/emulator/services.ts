import { createCloudWatchService } from './cloudwatch/service.ts';
import { createLogsService } from './logs/logs-service.ts';
import { createSnsService } from './sns/service.ts';
import { createSqsService } from './sqs/service.ts';
import { createStsService } from './sts/service.ts';
import type { ServiceFactory } from './service.ts';

/**
 * The one list of emulated services. Each entry is a factory `(env) => ServiceDefinition` (see
 * `service.ts` and README.md); order matters only for capabilities a service looks up eagerly.
 */
export const serviceFactories: readonly ServiceFactory[] = [
  createLogsService,
  createCloudWatchService,
  createSnsService,
  createSqsService,
  createStsService,
];
