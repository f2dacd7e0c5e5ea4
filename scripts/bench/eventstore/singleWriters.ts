import type { NewEvent } from '@monity/core';
import { InvoiceEvents } from '../support/invoiceEvents.ts';
import type { InvoiceIssued } from '../support/invoiceIssued.ts';

/** 20,000 single-event transactions from 8 concurrent writers, each on its own 5 streams. */
export const SINGLE_WRITES = 20_000;
export const WRITERS = 8;
export const STREAMS_PER_WRITER = 5;

/** The events of each writer, generated before any timing starts. */
export function eventsPerWriter(): NewEvent<InvoiceIssued>[][] {
  const source = new InvoiceEvents({ total: SINGLE_WRITES });
  return Array.from({ length: WRITERS }, () => source.next(SINGLE_WRITES / WRITERS));
}

export function writerStream(writer: number, event: number): string {
  return `writer-${writer}-stream-${event % STREAMS_PER_WRITER}`;
}
