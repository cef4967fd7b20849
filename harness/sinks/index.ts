export { startHttpSink } from './http-sink.ts';
export type { HttpSinkOptions } from './http-sink.ts';
export { createSqsSink } from './sqs-sink.ts';
export type { SqsSink, SqsSinkOptions } from './sqs-sink.ts';
export { SignatureVerifier, stringToSign } from './sns-signature.ts';
export type { SignatureVerifierOptions, VerifyOutcome } from './sns-signature.ts';
export { parseEnvelope, parseAlarmMessage } from './sns-message.ts';
export type { SnsEnvelope, AlarmMessage } from './sns-message.ts';
export type { Sink, SinkMessage, SinkStats } from './sink.ts';
