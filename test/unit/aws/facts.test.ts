import { describe, expect, it } from 'vitest';
import { ALARM_STATES } from '../../../harness/aws/facts/alarm-state.ts';
import {
  MAX_ALARM_DESCRIPTION_LENGTH,
  MAX_ALARM_NAME_LENGTH,
} from '../../../harness/aws/facts/cloudwatch.ts';
import {
  LOG_GROUP_NAME_PATTERN,
  LOG_STREAM_NAME_PATTERN,
  MAX_BATCH_EVENTS,
  MAX_NAME_LENGTH,
} from '../../../harness/aws/facts/logs.ts';
import { cloudwatchModel, logsModel } from '../../../harness/emulator/models/index.ts';
import type { ServiceModel, StringShape } from '../../../harness/emulator/models/index.ts';
import {
  MAX_METRIC_NAME_LENGTH,
  MAX_METRIC_VALUE_LENGTH,
  MAX_PATTERN_LENGTH,
} from '../../../harness/filter-pattern/index.ts';

// The facts are written by hand where a regex or a figure reads better than a generated constant;
// the models generated from botocore are the source, so the two must say the same.
function stringShape(model: ServiceModel, name: string): StringShape {
  const shape = model.shapes[name];
  if (shape?.type !== 'string') throw new Error(`${model.name}: ${name} is not a string shape`);
  return shape;
}

/** A fact regex is the model pattern anchored, with `\.` and `\-` written plainly inside a class. */
function anchoredModelPattern(shape: StringShape): string {
  return `^${shape.pattern!.replace(/\\([.-])/g, (_, ch: string) => (ch === '-' ? '\\-' : ch))}$`;
}

describe('harness/aws/facts agree with the generated models', () => {
  it('log group and log stream names', () => {
    for (const [shapeName, pattern] of [
      ['LogGroupName', LOG_GROUP_NAME_PATTERN],
      ['LogStreamName', LOG_STREAM_NAME_PATTERN],
    ] as const) {
      const shape = stringShape(logsModel, shapeName);
      expect(shape.min, shapeName).toBe(1);
      expect(shape.max, shapeName).toBe(MAX_NAME_LENGTH);
      expect(pattern.source, shapeName).toBe(anchoredModelPattern(shape));
    }
    expect(stringShape(logsModel, 'FilterName').max).toBe(MAX_NAME_LENGTH);
  });

  it('PutLogEvents events per request', () => {
    const shape = logsModel.shapes['InputLogEvents'];
    expect(shape?.type === 'list' ? shape.max : undefined).toBe(MAX_BATCH_EVENTS);
  });

  it('metric filter lengths (kept in filter-pattern, below harness/aws)', () => {
    expect(stringShape(logsModel, 'FilterPattern').max).toBe(MAX_PATTERN_LENGTH);
    expect(stringShape(logsModel, 'MetricName').max).toBe(MAX_METRIC_NAME_LENGTH);
    expect(stringShape(logsModel, 'MetricValue').max).toBe(MAX_METRIC_VALUE_LENGTH);
  });

  it('alarm states', () => {
    expect([...ALARM_STATES].sort()).toEqual(
      [...(stringShape(cloudwatchModel, 'StateValue').enum ?? [])].sort(),
    );
  });

  it('alarm name and description lengths', () => {
    expect(stringShape(cloudwatchModel, 'AlarmName').max).toBe(MAX_ALARM_NAME_LENGTH);
    expect(stringShape(cloudwatchModel, 'AlarmDescription').max).toBe(MAX_ALARM_DESCRIPTION_LENGTH);
  });
});
