import { addStarterTemplates, type DemoLedger } from '@monity/core';

/** The demo company starts with the Polish starter templates as its own, ready to edit. */
export const loadDemoTemplates: DemoLedger = ({ tenantId, eventStore }) =>
  addStarterTemplates(eventStore, tenantId, 'pl', { now: () => new Date() });
