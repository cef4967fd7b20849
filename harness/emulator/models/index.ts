export type {
  BlobShape,
  BooleanShape,
  DocumentShape,
  ListShape,
  MapShape,
  NumberShape,
  OperationModel,
  ServiceModel,
  Shape,
  ShapeRef,
  StringShape,
  StructureShape,
  TimestampShape,
} from './types.ts';
export { logsModel } from './logs.ts';
export { cloudwatchModel } from './cloudwatch.ts';
export { snsModel } from './sns.ts';
export { sqsModel } from './sqs.ts';
export { stsModel } from './sts.ts';
