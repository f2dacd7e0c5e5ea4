import type { CriteriaNode } from './criteria.ts';

/** A collection group as its stream folds: its current version, or removed. */
export interface CollectionGroup {
  id: string;
  name: string;
  version: number;
  criteria: CriteriaNode;
  currency: string | null;
  includeExcluded: boolean;
  createdAt: string;
  updatedAt: string;
  removed: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads passed their schema
type Validated = Record<string, any>;

export function evolveGroup(
  group: CollectionGroup | undefined,
  event: { type: string; data: Validated; occurredAt: string; version: number },
): CollectionGroup | undefined {
  const d = event.data;
  switch (event.type) {
    case 'GroupDefined':
    case 'GroupChanged':
      return {
        id: d.groupId,
        name: d.name,
        version: event.version,
        criteria: d.criteria,
        currency: d.currency ?? null,
        includeExcluded: d.includeExcluded,
        createdAt: group?.createdAt ?? event.occurredAt,
        updatedAt: event.occurredAt,
        removed: false,
      };
    case 'GroupRemoved':
      return group && { ...group, version: event.version, removed: true };
    default:
      return group;
  }
}
