import { v5 as uuidv5 } from 'uuid';
import { groupStream, type CriteriaNode, type DemoLedger } from '@monity/core';

const KEY_CUSTOMER = 'Kluczowy klient';

/** Groups a collector would start with; a category is named by its demo id (demoLedger.ts). */
function groups(idOf: (name: string) => string) {
  const list: { name: string; currency?: string; criteria: CriteriaNode }[] = [
    {
      name: 'Przeterminowane ponad 30 dni (PLN)',
      currency: 'PLN',
      criteria: {
        and: [
          { field: 'daysOverdue', op: 'between', value: { min: 31 } },
          { field: 'category', op: 'noneOf', value: [idOf(KEY_CUSTOMER)] },
        ],
      },
    },
    {
      name: 'Przypomnienie przed terminem',
      criteria: {
        and: [
          { field: 'daysOverdue', op: 'between', value: { min: -7, max: -1 } },
          { field: 'hasEmail', op: 'is', value: true },
        ],
      },
    },
    {
      name: 'Kluczowi klienci z kilkoma zaległymi fakturami',
      criteria: {
        and: [
          { field: 'category', op: 'anyOf', value: [idOf(KEY_CUSTOMER)] },
          { field: 'overdueInvoices', op: 'between', value: { min: 2 } },
        ],
      },
    },
  ];
  return list;
}

/** Saves a few collection groups in the demo company, so its first run has something to open. */
export const loadDemoGroups: DemoLedger = async ({ tenantId, eventStore }) => {
  const idOf = (name: string) => uuidv5(`demo:${name}`, tenantId);
  for (const group of groups(idOf)) {
    const groupId = idOf(`group:${group.name}`);
    await eventStore.append(
      { tenantId, streamId: groupStream(groupId) },
      [
        {
          id: uuidv5(`demo:GroupDefined:${groupId}`, tenantId),
          type: 'GroupDefined',
          data: { groupId, ...group, includeExcluded: false },
          metadata: {
            tenantId,
            actor: { kind: 'system', id: 'demo' },
            correlationId: tenantId,
            causationId: null,
            occurredAt: new Date().toISOString(),
          },
        },
      ],
      { expectedVersion: 'no_stream' },
    );
  }
};
