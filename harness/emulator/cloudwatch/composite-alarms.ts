/**
 * Composite alarms seen from their region: each rule parsed once per configuration, its state
 * evaluated against the current state of the alarms it references, the composite alarms that depend
 * on an alarm, and action suppression.
 */
import type { AlarmStateValue } from '../../alarm-evaluation/index.ts';
import type { AlarmRecord, CompositeAlarmConfig, CompositeAlarmRecord } from './alarm-model.ts';
import {
  evaluateAlarmRule,
  parseAlarmRule,
  referencedName,
  ruleReferences,
  type RuleNode,
} from './composite-rule.ts';
import type { RegionAlarms } from './region-alarms.ts';

export class CompositeRules {
  readonly #rules = new WeakMap<CompositeAlarmConfig, RuleNode>();

  /** The parsed rule of a configuration (throws AlarmRuleSyntaxError for a bad rule). */
  ruleOf(config: CompositeAlarmConfig): RuleNode {
    let rule = this.#rules.get(config);
    if (rule === undefined) {
      rule = parseAlarmRule(config.alarmRule);
      this.#rules.set(config, rule);
    }
    return rule;
  }

  /** The state the alarm's rule gives now: ALARM when it holds, else OK. */
  stateOf(r: RegionAlarms, alarm: CompositeAlarmRecord): AlarmStateValue {
    const holds = evaluateAlarmRule(
      this.ruleOf(alarm.config),
      (ref) => r.alarms.get(referencedName(ref))?.state.value,
    );
    return holds ? 'ALARM' : 'OK';
  }

  /** Names of the alarms a composite alarm's rule references, in order of appearance. */
  childrenOf(alarm: CompositeAlarmRecord): string[] {
    return ruleReferences(this.ruleOf(alarm.config)).map(referencedName);
  }

  /** Composite alarms of the region whose rule references `name`. */
  parentsOf(r: RegionAlarms, name: string): CompositeAlarmRecord[] {
    const out: CompositeAlarmRecord[] = [];
    for (const alarm of r.alarms.values()) {
      if (alarm.type === 'CompositeAlarm' && this.childrenOf(alarm).includes(name)) out.push(alarm);
    }
    return out;
  }

  /** Whether an alarm's actions are held back now: a composite alarm whose suppressor is in ALARM. */
  suppressed(r: RegionAlarms, alarm: AlarmRecord): boolean {
    if (alarm.type !== 'CompositeAlarm' || alarm.config.actionsSuppressor === undefined) return false;
    // Wait/extension periods are not modelled: actions are suppressed while the suppressor is in ALARM.
    const suppressor = r.alarms.get(referencedName(alarm.config.actionsSuppressor));
    return suppressor?.state.value === 'ALARM';
  }
}
