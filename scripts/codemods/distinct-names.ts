/**
 * Issue 11 item 3: one meaning per name. Each step is one commit; re-run a step after merging other
 * branches and it renames what they added, skipping what is already renamed:
 *
 *   node bin/run-ts.js scripts/codemods/distinct-names.ts <step>... (or `all`)
 *   npx prettier --write harness test bench scripts scenarios && npx tsc --noEmit -p tsconfig.json
 *
 * A WARNING line means a symbol, file or text the step names is gone (renamed or removed by another
 * branch): look for its new home and rename it by hand or add a step.
 *
 * Steps: alarm-state, alarm-transition, comparison-operator, target, sink, verdict.
 */
import { Refactorer, type RefactorStep } from './ts-refactor.ts';

const STEPS: Readonly<Record<string, readonly RefactorStep[]>> = {
  /**
   * The API's StateValue union is `AlarmStateValue` (its DescribeAlarms name), written once in
   * harness/aws; the emulator's stored state (value, reason, timestamps) is `AlarmStateRecord`.
   */
  'alarm-state': [
    {
      kind: 'rename',
      file: 'harness/emulator/cloudwatch/alarm-model.ts',
      name: 'AlarmState',
      newName: 'AlarmStateRecord',
    },
    { kind: 'move', from: 'harness/aws/alarm-state.ts', to: 'harness/aws/facts/alarm-state.ts' },
    {
      kind: 'rename',
      file: 'harness/aws/facts/alarm-state.ts',
      name: 'AlarmState',
      newName: 'AlarmStateValue',
    },
    {
      kind: 'rename',
      file: 'harness/aws/facts/alarm-state.ts',
      name: 'isAlarmState',
      newName: 'isAlarmStateValue',
    },
    {
      kind: 'replace',
      file: 'harness/emulator/cloudwatch/alarm-evaluator.ts',
      from: "export type AlarmStateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';\n",
      to: "export type { AlarmStateValue } from '../../aws/facts/alarm-state.ts';\n",
    },
  ],
  /** What the runner observed vs the emulator's record of a state change. */
  'alarm-transition': [
    {
      kind: 'rename',
      file: 'harness/runner/observations.ts',
      name: 'AlarmTransition',
      newName: 'ObservedTransition',
    },
    {
      kind: 'rename',
      file: 'harness/emulator/cloudwatch/alarm-engine.ts',
      name: 'AlarmTransition',
      newName: 'AlarmRecordTransition',
    },
  ],
  /** Filter pattern `=`, `!=`, `<`... vs PutMetricAlarm's `GreaterThanThreshold`... */
  'comparison-operator': [
    {
      kind: 'rename',
      file: 'harness/filter-pattern/ast.ts',
      name: 'ComparisonOperator',
      newName: 'FilterComparisonOperator',
    },
    {
      kind: 'rename',
      file: 'harness/rules/rule.ts',
      name: 'ComparisonOperator',
      newName: 'AlarmComparisonOperator',
    },
    {
      kind: 'rename',
      file: 'harness/rules/rule.ts',
      name: 'COMPARISON_OPERATORS',
      newName: 'ALARM_COMPARISON_OPERATORS',
    },
  ],
  /**
   * "Target" is the lab target only (local, localstack, aws: runner/targets). The other four were:
   * the SDK's endpoint/region/credentials (AwsTarget), the shipper's log group/stream creator
   * (TargetManager, after the agent's target.go), what alarm actions publish to, and what SNS
   * delivers to in SQS. (X-Amz-Target, the AWS header, keeps its name.)
   */
  target: [
    { kind: 'rename', file: 'harness/aws/clients.ts', name: 'AwsTarget', newName: 'AwsConnection' },
    {
      kind: 'move',
      from: 'harness/shipper/output/target.ts',
      to: 'harness/shipper/output/log-stream-provisioner.ts',
    },
    {
      kind: 'rename',
      file: 'harness/shipper/output/log-stream-provisioner.ts',
      name: 'TargetManager',
      newName: 'LogStreamProvisioner',
    },
    {
      kind: 'rename',
      file: 'harness/emulator/cloudwatch/alarm-actions.ts',
      name: 'AlarmActionTarget',
      newName: 'AlarmActionPublisher',
    },
    {
      kind: 'rename',
      file: 'harness/emulator/cloudwatch/alarm-actions.ts',
      name: 'AlarmActions.#target',
      newName: '#publisher',
    },
    {
      kind: 'rename',
      file: 'harness/emulator/sns/delivery/sqs-delivery.ts',
      name: 'SqsDeliveryTarget',
      newName: 'SqsDeliveryReceiver',
    },
    {
      kind: 'rename',
      file: 'harness/shipper/output/sender.ts',
      name: 'SenderOptions.targets',
      newName: 'provisioner',
    },
    {
      kind: 'replace',
      file: 'harness/shipper/shipper.ts',
      from: 'const targets = new LogStreamProvisioner(',
      to: 'const provisioner = new LogStreamProvisioner(',
    },
    {
      kind: 'replace',
      file: 'test/unit/shipper/output/sender.test.ts',
      from: 'const targets = new LogStreamProvisioner(',
      to: 'const provisioner = new LogStreamProvisioner(',
    },
    { kind: 'replace', file: 'harness/shipper/shipper.ts', from: '(an AwsTarget)', to: '(an AwsConnection)' },
    {
      kind: 'replace',
      file: 'harness/shipper/shipper.ts',
      from: 'const target =\n      this.#o.config.endpointOverride',
      to: 'const connection =\n      this.#o.config.endpointOverride',
    },
    {
      kind: 'replace',
      file: 'harness/shipper/shipper.ts',
      from: 'createShipperLogsClient(target);',
      to: 'createShipperLogsClient(connection);',
    },
    {
      kind: 'replace',
      file: 'harness/shipper/output/logs-api.ts',
      from: 'createShipperLogsClient(target: AwsConnection): CloudWatchLogsClient {\n  return new CloudWatchLogsClient({ ...clientConfig(target),',
      to: 'createShipperLogsClient(connection: AwsConnection): CloudWatchLogsClient {\n  return new CloudWatchLogsClient({ ...clientConfig(connection),',
    },
    {
      kind: 'replace',
      file: 'harness/emulator/cloudwatch/alarm-actions.ts',
      from: 'constructor(clock: Clock, target: AlarmActionPublisher | undefined) {\n    this.#clock = clock;\n    this.#publisher = target;',
      to: 'constructor(clock: Clock, publisher: AlarmActionPublisher | undefined) {\n    this.#clock = clock;\n    this.#publisher = publisher;',
    },
  ],
  /**
   * "Sink" is harness/sinks only (the SNS subscribers the runner asserts on). The emulator's metric
   * store as producers see it writes metrics; the shipper's event callback listens.
   */
  sink: [
    { kind: 'rename', file: 'harness/emulator/capabilities.ts', name: 'MetricSink', newName: 'MetricWriter' },
    { kind: 'rename', file: 'harness/shipper/events.ts', name: 'EventSink', newName: 'ShipperEventListener' },
    {
      kind: 'replace',
      file: 'test/unit/emulator/logs/metric-filter-engine.test.ts',
      from: 'against a recording sink (the narrow MetricSink interface)',
      to: 'against a recording writer (the narrow MetricWriter interface)',
    },
  ],
  /** A run's outcome is the runner's, not the report's: report/ formats it. */
  verdict: [{ kind: 'move', from: 'harness/runner/report/model.ts', to: 'harness/runner/verdict.ts' }],
};

const requested = process.argv.slice(2);
const names = requested.includes('all') ? Object.keys(STEPS) : requested;
if (names.length === 0 || names.some((n) => !(n in STEPS))) {
  console.error(
    `usage: node bin/run-ts.js scripts/codemods/distinct-names.ts <${Object.keys(STEPS).join('|')}|all>...`,
  );
  process.exit(2);
}
const refactorer = new Refactorer(new URL('../..', import.meta.url).pathname);
for (const name of names) {
  console.log(`${name}:`);
  const changed = refactorer.run(STEPS[name]!);
  console.log(`  ${changed.length} files changed`);
}
