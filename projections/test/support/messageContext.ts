import type { MessageContext, UnpaidInvoice } from '../../src/index.ts';

/** What a message is rendered from: a Polish creditor, a German customer, their invoices. */
export function messageContext(
  invoices: UnpaidInvoice[],
  customer: { id: string; erpId: string; name: string } = {
    id: 'c1',
    erpId: 'K/1',
    name: 'Müller GmbH',
  },
): MessageContext {
  return {
    today: '2026-12-03',
    creditor: {
      name: 'Hurtownia Nowak sp. z o.o.',
      taxId: '5260250274',
      address: { street: 'ul. Długa 5', postalCode: '00-950', city: 'Warszawa', country: 'PL' },
      bankAccounts: [{ iban: 'PL61109010140000071219812874', bankName: 'Santander' }],
    },
    customer: {
      ...customer,
      taxId: null,
      address: { street: 'Hauptstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
    },
    invoices,
  };
}
