import type { NewEvent } from '@monity/core';
import type { InvoiceIssued } from '../support/invoiceIssued.ts';

/** The columns of `events`, with their defaults, but no index, key, check or trigger. */
export const CREATE_BARE_TABLE = `
DROP TABLE IF EXISTS bare_events;
CREATE TABLE bare_events (
  transaction_id xid8 DEFAULT pg_current_xact_id(),
  position bigint,
  id uuid,
  tenant_id uuid,
  stream_id text,
  stream_version integer,
  type text,
  schema_version smallint,
  data json,
  metadata json,
  recorded_at timestamptz DEFAULT now()
)`;

const COLUMNS = `position, id, tenant_id, stream_id, stream_version, type, schema_version, data,
  metadata`;

export const COPY_BARE = `COPY bare_events (${COLUMNS}) FROM STDIN`;

export const INSERT_BARE = `INSERT INTO bare_events (${COLUMNS})
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;

/** An invoice's events live in the stream named after its number. */
export function invoiceStream(event: NewEvent<InvoiceIssued>): string {
  return `invoice-${event.data.invoiceNumber}`;
}

/** The values the store writes for an event: the same JSON text, stream and version 1. */
export function bareRow(event: NewEvent<InvoiceIssued>, position: number): unknown[] {
  return [
    position,
    event.id,
    event.metadata.tenantId,
    invoiceStream(event),
    1,
    event.type,
    1,
    JSON.stringify(event.data),
    JSON.stringify(event.metadata),
  ];
}

/** Rows in COPY's text format: tab between columns, backslash escapes, newline after each. */
export function copyText(events: NewEvent<InvoiceIssued>[], firstPosition: number): string {
  let text = '';
  events.forEach((event, i) => {
    text += bareRow(event, firstPosition + i)
      .map((value) => escapeCopy(String(value)))
      .join('\t');
    text += '\n';
  });
  return text;
}

const SPECIAL = /[\\\n\r\t]/g;
const HAS_SPECIAL = /[\\\n\r\t]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeCopy(value: string): string {
  return HAS_SPECIAL.test(value) ? value.replace(SPECIAL, (c) => ESCAPES[c]!) : value;
}
