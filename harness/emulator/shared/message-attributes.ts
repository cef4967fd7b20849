/**
 * The message attribute rules SNS and SQS share (SNS developer guide "Amazon SNS message
 * attributes", SQS developer guide "Amazon SQS message attributes"): names of up to 256 characters
 * from `A-Za-z0-9_-.`, no leading, trailing or doubled period, no `AWS.`/`Amazon.` prefix; a data type
 * of String, Number or Binary with an optional custom suffix (`Number.float`). Each service words
 * its own errors.
 */

export type AttributeBaseType = 'String' | 'Number' | 'Binary';

const ATTRIBUTE_NAME = /^[A-Za-z0-9_\-.]{1,256}$/;
const RESERVED_PREFIX = /^(aws|amazon)\./i;
const NUMBER_TEXT = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

export function isValidAttributeName(name: string): boolean {
  return (
    ATTRIBUTE_NAME.test(name) &&
    !name.startsWith('.') &&
    !name.endsWith('.') &&
    !name.includes('..') &&
    !RESERVED_PREFIX.test(name)
  );
}

/** `Number` for `Number.float`; undefined for a type that is none of the three. */
export function attributeBaseType(dataType: string | undefined): AttributeBaseType | undefined {
  const base = (dataType ?? '').split('.')[0];
  return base === 'String' || base === 'Number' || base === 'Binary' ? base : undefined;
}

/** Whether a Number attribute's text is a number (surrounding spaces allowed). */
export function isNumberText(text: string): boolean {
  return NUMBER_TEXT.test(text.trim());
}
