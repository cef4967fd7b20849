/**
 * How the lab marks what it provisions, so a later apply or destroy can find a rule's resources after
 * the rule left the file (disabled, removed, renamed). Alarms and topics carry tags; metric filters
 * cannot be tagged, so a managed alarm's filter is the one with the alarm's name on the log group
 * (apply always creates the two together, under one name).
 *
 * The prefix tag is left out for the empty prefix: CloudFormation refuses empty tag values.
 */
export const RULE_TAG = 'vault-alarm-lab:rule';
export const TOPIC_TAG = 'vault-alarm-lab:topic';
export const PREFIX_TAG = 'vault-alarm-lab:prefix';

export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

/** Sorted by key, as `labTagsOf` reads them back. */
export function alarmTags(prefix: string, ruleId: string): Tag[] {
  return [...prefixTag(prefix), { Key: RULE_TAG, Value: ruleId }];
}

export function topicTags(prefix: string, topic: string): Tag[] {
  return [...prefixTag(prefix), { Key: TOPIC_TAG, Value: topic }];
}

/** Whether tags read from an alarm or topic say the lab made it for this prefix. */
export function isManaged(
  tags: ReadonlyArray<{ Key?: string | undefined; Value?: string | undefined }>,
  marker: typeof RULE_TAG | typeof TOPIC_TAG,
  prefix: string,
): boolean {
  const value = (key: string): string | undefined => tags.find((t) => t.Key === key)?.Value;
  return value(marker) !== undefined && (value(PREFIX_TAG) ?? '') === prefix;
}

/** The lab's own tags among an alarm's tags, sorted by key (user-added tags are not the lab's to diff). */
export function labTagsOf(
  tags: ReadonlyArray<{ Key?: string | undefined; Value?: string | undefined }>,
): Tag[] {
  return tags
    .filter((t) => t.Key === RULE_TAG || t.Key === TOPIC_TAG || t.Key === PREFIX_TAG)
    .map((t) => ({ Key: t.Key!, Value: t.Value ?? '' }))
    .sort((a, b) => a.Key.localeCompare(b.Key));
}

function prefixTag(prefix: string): Tag[] {
  return prefix === '' ? [] : [{ Key: PREFIX_TAG, Value: prefix }];
}
