export { decodeNextToken, encodeNextToken, pageAfterKey } from './paging.ts';
export type { Page } from './paging.ts';
export { partitionPoint } from './sorted-search.ts';
export { attributeBaseType, isNumberText, isValidAttributeName } from './message-attributes.ts';
export type { AttributeBaseType } from './message-attributes.ts';
