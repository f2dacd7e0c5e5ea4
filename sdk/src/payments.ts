import type { Amount, IsoDate, Page, PageQuery } from './paging.ts';
import type { Transport } from './transport.ts';

export type PaymentSort = '-date' | 'date' | '-amount';

/** A payment as `GET /api/payments` lists it. */
export interface PaymentListItem {
  id: string;
  sourceId: string;
  customerId: string;
  customerName: string;
  date: IsoDate;
  currency: string;
  amount: Amount;
  allocated: Amount;
  unallocated: Amount;
  reference: string | null;
}

export interface PaymentFilter {
  customerId?: string;
  /** Reference or source id. */
  q?: string;
  currency?: string;
  from?: IsoDate;
  to?: IsoDate;
  /** Only payments with something not allocated to an invoice. */
  unallocated?: boolean;
  sort?: PaymentSort;
}

/** An amount of a payment's credit to put on one invoice. */
export interface PaymentAllocation {
  invoiceId: string;
  amount: Amount;
}

/** What an allocation put on invoices, and the payment's credit left after it. */
export interface AllocationResult {
  allocated: Amount;
  credit: Amount;
  currency: string;
}

/** `GET /api/payments`, and allocating a customer's payment to invoices. */
export function paymentRoutes(http: Transport) {
  const customer = (id: string) => `/api/customers/${encodeURIComponent(id)}`;
  return {
    list: (filter: PaymentFilter & PageQuery = {}) =>
      http.request<Page<PaymentListItem>>('GET', '/api/payments', { query: { ...filter } }),
    /**
     * Allocates the payment's unallocated credit as given, or without `allocations` to the
     * oldest due invoices first.
     */
    allocate: (customerId: string, paymentId: string, allocations?: PaymentAllocation[]) =>
      http.request<AllocationResult>(
        'POST',
        `${customer(customerId)}/payments/${encodeURIComponent(paymentId)}/allocation`,
        { body: allocations ? { allocations } : {} },
      ),
  };
}
