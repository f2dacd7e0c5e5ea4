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

/** `GET /api/payments`. */
export function paymentRoutes(http: Transport) {
  return {
    list: (filter: PaymentFilter & PageQuery = {}) =>
      http.request<Page<PaymentListItem>>('GET', '/api/payments', { query: { ...filter } }),
  };
}
