/**
 * Generates `harness/emulator/models/{logs,cloudwatch,sns,sqs,sts}.ts` from the botocore models that the
 * Debian AWS CLI 2.9.19 ships (its vendored botocore, which is what the CLI tests talk through), for
 * the operations the emulator implements. Adds the members newer SDK v3 clients send that this model
 * lacks (aws-protocols.md Appendix C) so they are accepted, and the awsJson settings the SDK v3 uses
 * for CloudWatch and SQS (aws-protocols.md §1). Enums the rest of the harness needs (FACT_ENUMS, e.g.
 * the standard units) are written once as their own modules, which the models import.
 *
 *   node bin/run-ts.js scripts/generate-aws-models.ts [--models-dir DIR] [--out-dir DIR] [--facts-out-dir DIR]
 *
 * Re-run it after adding an operation to OPERATIONS below; the output is committed.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as prettier from 'prettier';
import type { ServiceModel, Shape, ShapeRef } from '../harness/emulator/models/types.ts';

const DEFAULT_MODELS_DIR = '/usr/lib/python3/dist-packages/awscli/botocore/data';
const OUT_DIR = resolve(import.meta.dirname, '../harness/emulator/models');

interface ServiceSpec {
  readonly name: string;
  readonly dir: string;
  readonly exportName: string;
  readonly operations: readonly string[];
  readonly json?: ServiceModel['json'];
  /** Appendix C: shape → extra members (new shapes are declared in `extraShapes`). */
  readonly extraMembers?: Readonly<Record<string, Readonly<Record<string, ShapeRef>>>>;
  readonly extraShapes?: Readonly<Record<string, Shape>>;
}

const DOCUMENT: Shape = { type: 'document' };

const SERVICES: readonly ServiceSpec[] = [
  {
    name: 'logs',
    dir: 'logs/2014-03-28',
    exportName: 'logsModel',
    operations: [
      'CreateLogGroup',
      'DeleteLogGroup',
      'DescribeLogGroups',
      'CreateLogStream',
      'DeleteLogStream',
      'DescribeLogStreams',
      'PutLogEvents',
      'GetLogEvents',
      'FilterLogEvents',
      'PutMetricFilter',
      'DescribeMetricFilters',
      'DeleteMetricFilter',
      'TestMetricFilter',
      'PutRetentionPolicy',
      'DeleteRetentionPolicy',
      'TagResource',
      'UntagResource',
      'ListTagsForResource',
      'TagLogGroup',
      'UntagLogGroup',
      'ListTagsLogGroup',
    ],
    extraShapes: {
      LabLogGroupClass: { type: 'string', enum: ['STANDARD', 'INFREQUENT_ACCESS', 'DELIVERY'] },
      LabBoolean: { type: 'boolean' },
      LabString: { type: 'string' },
      LabLogGroupIdentifiers: { type: 'list', member: { shape: 'LogGroupIdentifier' }, min: 1, max: 50 },
      LabStringList: { type: 'list', member: { shape: 'LabString' } },
      LabDocument: DOCUMENT,
    },
    extraMembers: {
      CreateLogGroupRequest: {
        logGroupClass: { shape: 'LabLogGroupClass' },
        deletionProtectionEnabled: { shape: 'LabBoolean' },
      },
      DescribeLogGroupsRequest: {
        logGroupClass: { shape: 'LabLogGroupClass' },
        logGroupIdentifiers: { shape: 'LabLogGroupIdentifiers' },
      },
      PutLogEventsRequest: { entity: { shape: 'LabDocument' } },
      PutLogEventsResponse: { rejectedEntityInfo: { shape: 'LabDocument' } },
      FilterLogEventsRequest: { startFromHead: { shape: 'LabBoolean' } },
      PutMetricFilterRequest: {
        applyOnTransformedLogs: { shape: 'LabBoolean' },
        fieldSelectionCriteria: { shape: 'LabString' },
        emitSystemFieldDimensions: { shape: 'LabStringList' },
      },
      MetricFilter: {
        applyOnTransformedLogs: { shape: 'LabBoolean' },
        fieldSelectionCriteria: { shape: 'LabString' },
        emitSystemFieldDimensions: { shape: 'LabStringList' },
      },
      LogGroup: {
        logGroupClass: { shape: 'LabLogGroupClass' },
        logGroupArn: { shape: 'LabString' },
        deletionProtectionEnabled: { shape: 'LabBoolean' },
        inheritedProperties: { shape: 'LabDocument' },
        bearerTokenAuthenticationEnabled: { shape: 'LabBoolean' },
        retentionPolicyName: { shape: 'LabString' },
      },
    },
  },
  {
    name: 'cloudwatch',
    dir: 'cloudwatch/2010-08-01',
    exportName: 'cloudwatchModel',
    operations: [
      'PutMetricData',
      'GetMetricStatistics',
      'GetMetricData',
      'ListMetrics',
      'PutMetricAlarm',
      'DescribeAlarms',
      'DescribeAlarmsForMetric',
      'DescribeAlarmHistory',
      'SetAlarmState',
      'DeleteAlarms',
      'EnableAlarmActions',
      'DisableAlarmActions',
      'PutCompositeAlarm',
      'TagResource',
      'UntagResource',
      'ListTagsForResource',
    ],
    json: {
      version: '1.0',
      targetPrefix: 'GraniteServiceVersion20100801',
      queryCompatible: true,
      errorNamespace: 'com.amazonaws.cloudwatch.v2010_08_01',
    },
    extraShapes: {
      LabBoolean: { type: 'boolean' },
      LabString: { type: 'string' },
      LabInteger: { type: 'integer' },
      LabDocument: DOCUMENT,
      LabStringMap: { type: 'map', key: { shape: 'LabString' }, value: { shape: 'LabString' } },
    },
    extraMembers: {
      PutMetricDataInput: {
        EntityMetricData: { shape: 'LabDocument' },
        StrictEntityValidation: { shape: 'LabBoolean' },
      },
      PutMetricAlarmInput: {
        EvaluationWindow: { shape: 'LabDocument' },
        WarmUpConfiguration: { shape: 'LabDocument' },
        EvaluationCriteria: { shape: 'LabDocument' },
        EvaluationInterval: { shape: 'LabInteger' },
        ActionConfiguration: { shape: 'LabDocument' },
      },
      MetricAlarm: {
        EvaluationWindow: { shape: 'LabDocument' },
        WarmUpConfiguration: { shape: 'LabDocument' },
        EvaluationCriteria: { shape: 'LabDocument' },
        EvaluationInterval: { shape: 'LabInteger' },
        ActionConfiguration: { shape: 'LabDocument' },
      },
      DescribeAlarmsOutput: { LogAlarms: { shape: 'LabDocument' } },
      DescribeAlarmHistoryInput: { AlarmContributorId: { shape: 'LabString' } },
      PutCompositeAlarmInput: { ActionConfiguration: { shape: 'LabDocument' } },
      CompositeAlarm: { ActionConfiguration: { shape: 'LabDocument' } },
      AlarmHistoryItem: {
        AlarmContributorId: { shape: 'LabString' },
        AlarmContributorAttributes: { shape: 'LabStringMap' },
      },
    },
  },
  {
    name: 'sns',
    dir: 'sns/2010-03-31',
    exportName: 'snsModel',
    operations: [
      'CreateTopic',
      'DeleteTopic',
      'ListTopics',
      'GetTopicAttributes',
      'SetTopicAttributes',
      'Subscribe',
      'ConfirmSubscription',
      'Unsubscribe',
      'ListSubscriptions',
      'ListSubscriptionsByTopic',
      'GetSubscriptionAttributes',
      'SetSubscriptionAttributes',
      'Publish',
      'TagResource',
      'UntagResource',
      'ListTagsForResource',
    ],
  },
  {
    name: 'sqs',
    dir: 'sqs/2012-11-05',
    exportName: 'sqsModel',
    operations: [
      'CreateQueue',
      'GetQueueUrl',
      'ListQueues',
      'GetQueueAttributes',
      'SetQueueAttributes',
      'SendMessage',
      'SendMessageBatch',
      'ReceiveMessage',
      'DeleteMessage',
      'DeleteMessageBatch',
      'ChangeMessageVisibility',
      'ChangeMessageVisibilityBatch',
      'PurgeQueue',
      'DeleteQueue',
      'TagQueue',
      'UntagQueue',
      'ListQueueTags',
    ],
    json: {
      version: '1.0',
      targetPrefix: 'AmazonSQS',
      queryCompatible: true,
      errorNamespace: 'com.amazonaws.sqs',
    },
    extraShapes: {
      LabString: { type: 'string' },
      LabMessageSystemAttributeNames: {
        type: 'list',
        member: { shape: 'LabString', locationName: 'MessageSystemAttributeName' },
        flattened: true,
      },
    },
    extraMembers: {
      ReceiveMessageRequest: { MessageSystemAttributeNames: { shape: 'LabMessageSystemAttributeNames' } },
    },
  },
  {
    // Only what tools call to check their configuration (`aws sts get-caller-identity`).
    name: 'sts',
    dir: 'sts/2011-06-15',
    exportName: 'stsModel',
    operations: ['GetCallerIdentity'],
  },
];

/** `<Prefix>Operation`, the union of a model's implemented operation names. */
const OPERATION_TYPE_PREFIX: Readonly<Record<string, string>> = {
  logs: 'Logs',
  cloudwatch: 'CloudWatch',
  sns: 'Sns',
  sqs: 'Sqs',
  sts: 'Sts',
};

const SIGNING_NAMES: Readonly<Record<string, string>> = {
  logs: 'logs',
  cloudwatch: 'monitoring',
  sns: 'sns',
  sqs: 'sqs',
  sts: 'sts',
};

type RawShape = Record<string, unknown> & { type: string };
interface RawModel {
  metadata: Record<string, string>;
  operations: Record<
    string,
    {
      input?: { shape: string };
      output?: { shape: string; resultWrapper?: string };
      errors?: { shape: string }[];
    }
  >;
  shapes: Record<string, RawShape>;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'models-dir': { type: 'string', default: DEFAULT_MODELS_DIR },
      'out-dir': { type: 'string', default: OUT_DIR },
      'facts-out-dir': { type: 'string', default: FACTS_OUT_DIR },
    },
  });
  const modelsDir = values['models-dir']!;
  const outDir = values['out-dir']!;
  const factsOutDir = values['facts-out-dir']!;
  const models: { spec: ServiceSpec; model: ServiceModel; sourcePath: string }[] = [];
  for (const spec of SERVICES) {
    const sourcePath = join(modelsDir, spec.dir, 'service-2.json');
    const raw = JSON.parse(await readFile(sourcePath, 'utf8')) as RawModel;
    models.push({ spec, model: compact(raw, spec), sourcePath });
  }
  const facts = factEnums(models);
  for (const fact of facts.values()) {
    const file = join(factsOutDir, `${fact.module}.ts`);
    await writeFile(file, await renderFactEnum(fact));
    console.log(`${file}: ${fact.shape}, ${fact.values.length} values (${fact.usedBy.join(', ')})`);
  }
  for (const { spec, model, sourcePath } of models) {
    const file = join(outDir, `${spec.name}.ts`);
    await writeFile(file, await render(model, spec, sourcePath, facts));
    console.log(
      `${file}: ${Object.keys(model.operations).length} operations, ${Object.keys(model.shapes).length} shapes`,
    );
  }
}

/**
 * Enums the harness needs outside the emulator, written once where their lowest user can import
 * them (the emulator may import every layer below it; filter-pattern may import none above it), and
 * referenced from the models.
 */
interface FactEnumSpec {
  /** The model shape. */
  readonly shape: string;
  /** File name (no extension) in the facts directory. */
  readonly module: string;
  readonly constant: string;
  readonly typeName: string;
  readonly doc: string;
}

const FACT_ENUMS: readonly FactEnumSpec[] = [
  {
    shape: 'StandardUnit',
    module: 'standard-unit',
    constant: 'STANDARD_UNITS',
    typeName: 'StandardUnit',
    doc: "CloudWatch StandardUnit: what PutMetricData, PutMetricAlarm and a metric filter's MetricTransformation accept as `unit`.",
  },
];

/** harness/filter-pattern validates metric transformation units and sits below harness/aws. */
const FACTS_OUT_DIR = resolve(import.meta.dirname, '../harness/filter-pattern');
/** How the committed models (OUT_DIR) import the committed fact modules (FACTS_OUT_DIR). */
const FACTS_IMPORT_PREFIX = '../../filter-pattern/';

interface FactEnum extends FactEnumSpec {
  readonly values: readonly string[];
  readonly usedBy: readonly string[];
}

/** The FACT_ENUMS shapes, keyed by their values' JSON; every model that has one must agree. */
function factEnums(models: readonly { model: ServiceModel }[]): Map<string, FactEnum> {
  const facts = new Map<string, FactEnum>();
  for (const spec of FACT_ENUMS) {
    let values: readonly string[] | undefined;
    const usedBy: string[] = [];
    for (const { model } of models) {
      const shape = model.shapes[spec.shape];
      if (shape === undefined) continue;
      if (shape.type !== 'string' || shape.enum === undefined) {
        throw new Error(`${model.name}: ${spec.shape} is not a string enum`);
      }
      if (values !== undefined && JSON.stringify(values) !== JSON.stringify(shape.enum)) {
        throw new Error(`${spec.shape} differs between ${usedBy.join(', ')} and ${model.name}`);
      }
      values = shape.enum;
      usedBy.push(model.name);
    }
    if (values === undefined) throw new Error(`no model has the shape ${spec.shape}`);
    facts.set(JSON.stringify(values), { ...spec, values, usedBy });
  }
  return facts;
}

const GENERATED_HEADER = [
  '// GENERATED FILE, do not edit.',
  '// Regenerate: node bin/run-ts.js scripts/generate-aws-models.ts',
].join('\n');

async function renderFactEnum(fact: FactEnum): Promise<string> {
  const source = `botocore ${fact.usedBy.map((name) => SERVICES.find((s) => s.name === name)!.dir).join(', ')}, shape ${fact.shape}`;
  const body = [
    GENERATED_HEADER,
    `// Source: ${source}.`,
    '',
    `/** ${fact.doc} */`,
    `export const ${fact.constant} = ${JSON.stringify(fact.values)} as const;`,
    '',
    `export type ${fact.typeName} = (typeof ${fact.constant})[number];`,
    '',
  ].join('\n');
  return format(body, fact.module);
}

function compact(raw: RawModel, spec: ServiceSpec): ServiceModel {
  const shapes: Record<string, Shape> = {};
  const pending: string[] = [];
  const allShapes: Record<string, RawShape> = {
    ...raw.shapes,
    ...(spec.extraShapes as Record<string, RawShape>),
  };
  const need = (name: string | undefined): void => {
    if (name !== undefined && !(name in shapes) && !pending.includes(name)) pending.push(name);
  };
  const operations: Record<string, ServiceModel['operations'][string]> = {};
  for (const name of spec.operations) {
    const op = raw.operations[name];
    if (op === undefined) throw new Error(`${spec.name}: operation ${name} is not in the model`);
    operations[name] = {
      ...(op.input ? { input: op.input.shape } : {}),
      ...(op.output ? { output: op.output.shape } : {}),
      ...(op.output?.resultWrapper ? { resultWrapper: op.output.resultWrapper } : {}),
      errors: (op.errors ?? []).map((e) => e.shape),
    };
    need(op.input?.shape);
    need(op.output?.shape);
    for (const e of op.errors ?? []) need(e.shape);
  }
  while (pending.length > 0) {
    const name = pending.shift()!;
    const rawShape = allShapes[name];
    if (rawShape === undefined) throw new Error(`${spec.name}: shape ${name} is not in the model`);
    const extra = spec.extraMembers?.[name];
    const shape = compactShape(rawShape, extra);
    shapes[name] = shape;
    for (const ref of refsOf(shape)) need(ref.shape);
  }
  const sorted = Object.fromEntries(Object.entries(shapes).sort(([a], [b]) => a.localeCompare(b)));
  const metadata = raw.metadata;
  return {
    name: spec.name,
    signingName: SIGNING_NAMES[spec.name] ?? metadata['signingName'] ?? metadata['endpointPrefix']!,
    serviceId: metadata['serviceId']!,
    apiVersion: metadata['apiVersion']!,
    ...(metadata['protocol'] === 'json'
      ? {
          json: {
            version: metadata['jsonVersion'] as '1.0' | '1.1',
            targetPrefix: metadata['targetPrefix']!,
            queryCompatible: false,
          },
        }
      : spec.json
        ? { json: spec.json }
        : {}),
    ...(metadata['protocol'] === 'query'
      ? { query: { version: metadata['apiVersion']!, xmlNamespace: metadata['xmlNamespace']! } }
      : {}),
    operations,
    otherOperations: Object.keys(raw.operations)
      .filter((op) => !spec.operations.includes(op))
      .sort(),
    shapes: sorted,
  };
}

function compactRef(ref: Record<string, unknown>): ShapeRef {
  return {
    shape: ref['shape'] as string,
    ...(typeof ref['locationName'] === 'string' ? { locationName: ref['locationName'] } : {}),
    ...(ref['flattened'] === true ? { flattened: true } : {}),
  };
}

function compactShape(raw: RawShape, extraMembers?: Readonly<Record<string, ShapeRef>>): Shape {
  const range = {
    ...(typeof raw['min'] === 'number' ? { min: raw['min'] } : {}),
    ...(typeof raw['max'] === 'number' ? { max: raw['max'] } : {}),
  };
  switch (raw.type) {
    case 'structure': {
      const members: Record<string, ShapeRef> = {};
      for (const [name, ref] of Object.entries(
        (raw['members'] ?? {}) as Record<string, Record<string, unknown>>,
      )) {
        members[name] = compactRef(ref);
      }
      Object.assign(members, extraMembers ?? {});
      const error = raw['error'] as
        { code: string; httpStatusCode?: number; senderFault?: boolean } | undefined;
      return {
        type: 'structure',
        members,
        ...(Array.isArray(raw['required']) && raw['required'].length > 0
          ? { required: raw['required'] }
          : {}),
        ...(error
          ? {
              error: {
                code: error.code,
                ...(error.httpStatusCode !== undefined ? { httpStatusCode: error.httpStatusCode } : {}),
                ...(error.senderFault !== undefined ? { senderFault: error.senderFault } : {}),
              },
            }
          : {}),
        ...(raw['exception'] === true ? { exception: true } : {}),
        ...(raw['fault'] === true ? { fault: true } : {}),
      };
    }
    case 'list':
      return {
        type: 'list',
        member: compactRef(raw['member'] as Record<string, unknown>),
        ...(raw['flattened'] === true ? { flattened: true } : {}),
        ...range,
      };
    case 'map':
      return {
        type: 'map',
        key: compactRef(raw['key'] as Record<string, unknown>),
        value: compactRef(raw['value'] as Record<string, unknown>),
        ...(raw['flattened'] === true ? { flattened: true } : {}),
        ...range,
      };
    case 'string':
      return {
        type: 'string',
        ...range,
        ...(typeof raw['pattern'] === 'string' ? { pattern: raw['pattern'] } : {}),
        ...(Array.isArray(raw['enum']) ? { enum: raw['enum'] as string[] } : {}),
      };
    case 'integer':
    case 'long':
    case 'double':
    case 'float':
      return { type: raw.type, ...range };
    case 'boolean':
      return { type: 'boolean' };
    case 'timestamp':
      return { type: 'timestamp' };
    case 'blob':
      return { type: 'blob', ...range };
    case 'document':
      return { type: 'document' };
    default:
      throw new Error(`unsupported shape type ${raw.type}`);
  }
}

function refsOf(shape: Shape): ShapeRef[] {
  switch (shape.type) {
    case 'structure':
      return Object.values(shape.members);
    case 'list':
      return [shape.member];
    case 'map':
      return [shape.key, shape.value];
    default:
      return [];
  }
}

async function render(
  model: ServiceModel,
  spec: ServiceSpec,
  sourcePath: string,
  facts: ReadonlyMap<string, FactEnum>,
): Promise<string> {
  const header = [
    '// GENERATED FILE, do not edit.',
    `// Source: ${sourcePath} (Debian awscli 2.9.19, vendored botocore),`,
    '// the operations the emulator implements, plus the newer SDK v3 members of aws-protocols.md Appendix C',
    '// (shapes named Lab*) and the SDK v3 awsJson settings of §1.',
    '// Regenerate: node bin/run-ts.js scripts/generate-aws-models.ts',
  ].join('\n');
  // Fact enums become a placeholder string, then a reference to their constant.
  const used = new Map<string, FactEnum>();
  let json = JSON.stringify(model, (key, value: unknown) => {
    const fact = key === 'enum' ? facts.get(JSON.stringify(value)) : undefined;
    if (fact === undefined) return value;
    used.set(fact.constant, fact);
    return `@@${fact.constant}@@`;
  });
  for (const constant of used.keys()) json = json.replaceAll(`"@@${constant}@@"`, constant);
  const imports = [
    ...[...used.values()]
      .sort((a, b) => a.module.localeCompare(b.module))
      .map((fact) => `import { ${fact.constant} } from '${FACTS_IMPORT_PREFIX}${fact.module}.ts';`),
    `import type { ServiceModel } from './types.ts';`,
  ].join('\n');
  const operationType = `${OPERATION_TYPE_PREFIX[spec.name] ?? spec.name}Operation`;
  const operationUnion = Object.keys(model.operations)
    .map((name) => `'${name}'`)
    .join(' | ');
  const body =
    `${header}\n${imports}\n\n` +
    `/** The operations the emulator implements: the service's handler table has exactly these. */\n` +
    `export type ${operationType} = ${operationUnion};\n\n` +
    `export const ${spec.exportName}: ServiceModel<${operationType}> = ${json};\n`;
  return format(body, spec.name);
}

async function format(source: string, module: string): Promise<string> {
  const options = (await prettier.resolveConfig(join(OUT_DIR, `${module}.ts`))) ?? {};
  return prettier.format(source, { ...options, parser: 'typescript' });
}

await main();
