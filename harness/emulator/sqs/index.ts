export { createSqsService } from './service.ts';
export { SqsEngine } from './queue-engine.ts';
export type { SendInput, SendResult } from './queue-engine.ts';
export type { ReceivedMessage } from './received-message.ts';
export { md5Hex, md5OfMessageAttributes } from './md5.ts';
export type { SqsMessageAttributeValue } from './md5.ts';
export type { Queue, SqsMessage } from './queue-store.ts';
