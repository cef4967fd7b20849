import type { ServiceModel, Shape, ShapeRef } from '../models/types.ts';

/** Resolves a shape by name; a missing shape is a generator bug, so it throws. */
export function shapeOf(model: ServiceModel, name: string): Shape {
  const shape = model.shapes[name];
  if (shape === undefined) throw new Error(`${model.name} model has no shape ${name}`);
  return shape;
}

/** awsQuery/XML name of a structure member. */
export function wireName(memberName: string, ref: ShapeRef): string {
  return ref.locationName ?? memberName;
}

/** A list or map member is flattened when either its reference or its shape says so. */
export function isFlattened(ref: ShapeRef, shape: Shape): boolean {
  return (
    ref.flattened === true || ((shape.type === 'list' || shape.type === 'map') && shape.flattened === true)
  );
}

/** Coral (the AWS service framework) names members in lowerCamelCase in validation messages. */
export function coralName(memberName: string): string {
  return memberName.charAt(0).toLowerCase() + memberName.slice(1);
}
