import type { FieldError } from '@monity/sdk';
import type { CriteriaDraft } from './criteriaDraft.ts';

/**
 * Where each node of a draft sits in the document made of it, as a JSON pointer from `base`:
 * the root at `/body/criteria`, its second child at `/body/criteria/and/1`, and a node under
 * `not` one step further (`…/and/1/not/or/0`). Keyed by the node's key.
 */
export function criteriaPointers(draft: CriteriaDraft, base: string): Map<string, string> {
  const pointers = new Map<string, string>();
  const stack: { node: CriteriaDraft; at: string }[] = [{ node: draft, at: base }];
  while (stack.length > 0) {
    const { node, at } = stack.pop()!;
    pointers.set(node.key, at);
    if (node.kind === 'condition') continue;
    const inner = node.negated ? `${at}/not` : at;
    node.children.forEach((child, i) =>
      stack.push({ node: child, at: `${inner}/${node.mode}/${i}` }),
    );
  }
  return pointers;
}

export interface PlacedErrors {
  /** Messages by the key of the node they are about. */
  byKey: Record<string, string[]>;
  /** Errors about no node of the criteria (such as `/body/currency`). */
  elsewhere: FieldError[];
}

/**
 * Puts each field error at the deepest node whose pointer starts its own: an error at
 * `/body/criteria/and/0/value/min` belongs to the condition at `/body/criteria/and/0`.
 */
export function placeCriteriaErrors(
  errors: FieldError[],
  pointers: Map<string, string>,
): PlacedErrors {
  const byKey: Record<string, string[]> = {};
  const elsewhere: FieldError[] = [];
  for (const error of errors) {
    const key = deepestNodeOf(error.pointer, pointers);
    if (key === undefined) elsewhere.push(error);
    else (byKey[key] ??= []).push(error.message);
  }
  return { byKey, elsewhere };
}

function deepestNodeOf(pointer: string, pointers: Map<string, string>): string | undefined {
  let found: { key: string; length: number } | undefined;
  for (const [key, at] of pointers) {
    const within = pointer === at || pointer.startsWith(`${at}/`);
    if (within && at.length > (found?.length ?? -1)) found = { key, length: at.length };
  }
  return found?.key;
}
