import type { SelectorNode } from './ast.ts';
import type { JsonObject, JsonValue } from './prepared-event.ts';

/** Visits every node a selector picks out of `root` until `visit` returns true. */
export type Selection = (root: JsonObject, visit: (node: JsonValue) => boolean) => boolean;

/**
 * Compiles a selector into a function over the parsed event. `.name` reads an object member
 * (own keys only), `[n]` an array element, `.*` every member of an object and `[*]` every element
 * of an array. A step that does not apply (a member of a string, an index of an object, an index
 * out of range) selects nothing, which is how "missing" is represented.
 */
export function compileSelection(selector: SelectorNode): Selection {
  const steps = selector.steps;
  if (selector.wildcards === 0) {
    const resolve = compileResolver(selector);
    return (root, visit) => {
      const node = resolve(root);
      return node !== undefined && visit(node);
    };
  }
  const walk = (node: JsonValue, index: number, visit: (node: JsonValue) => boolean): boolean => {
    if (index === steps.length) return visit(node);
    const step = steps[index]!;
    if (step.kind === 'property') {
      const child = member(node, step.name);
      return child !== undefined && walk(child, index + 1, visit);
    }
    if (step.kind === 'index') {
      const child = Array.isArray(node) ? node[step.index] : undefined;
      return child !== undefined && walk(child, index + 1, visit);
    }
    if (step.form === '[*]') {
      if (!Array.isArray(node)) return false;
      for (const child of node) if (walk(child, index + 1, visit)) return true;
      return false;
    }
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return false;
    for (const key of Object.keys(node)) if (walk(node[key]!, index + 1, visit)) return true;
    return false;
  };
  return (root, visit) => walk(root, 0, visit);
}

/** For a selector without wildcards: the single node it names, or undefined when missing. */
export function compileResolver(selector: SelectorNode): (root: JsonObject) => JsonValue | undefined {
  const steps = selector.steps;
  if (steps.length === 1 && steps[0]!.kind === 'property') {
    const name = steps[0]!.name;
    return (root) => member(root, name);
  }
  return (root) => {
    let node: JsonValue | undefined = root;
    for (const step of steps) {
      if (node === undefined) return undefined;
      if (step.kind === 'property') node = member(node, step.name);
      else if (step.kind === 'index') node = Array.isArray(node) ? node[step.index] : undefined;
      else return undefined;
    }
    return node;
  };
}

function member(node: JsonValue, name: string): JsonValue | undefined {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
  return Object.prototype.hasOwnProperty.call(node, name) ? node[name] : undefined;
}
