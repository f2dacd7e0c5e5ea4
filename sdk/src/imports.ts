import type { Transport } from './transport.ts';

export type ImportRows = 'customers' | 'invoices' | 'payments';

/**
 * A Monity field a file's column can fill: `customer.taxId`, `invoice.dueDate`… and
 * `customer.attribute:<name>` for the company's own attributes.
 */
export type ImportField =
  | 'customer.id'
  | 'customer.name'
  | 'customer.taxId'
  | 'customer.country'
  | 'customer.street'
  | 'customer.postalCode'
  | 'customer.city'
  | 'customer.email'
  | 'customer.phone'
  | 'customer.category'
  | 'customer.excluded'
  | `customer.attribute:${string}`
  | 'invoice.id'
  | 'invoice.number'
  | 'invoice.issueDate'
  | 'invoice.dueDate'
  | 'invoice.currency'
  | 'invoice.amount'
  | 'invoice.openAmount'
  | 'invoice.corrects'
  | 'payment.id'
  | 'payment.date'
  | 'payment.currency'
  | 'payment.amount'
  | 'payment.reference'
  | 'payment.invoiceId';

/**
 * What each of a file's rows is and where each field comes from: `columns` maps a field to the
 * header of its column; `defaults` gives a value for rows (or files) that have none.
 */
export interface ImportMapping {
  rows: ImportRows;
  columns: Partial<Record<ImportField, string>>;
  defaults?: Partial<Record<ImportField, string>>;
}

export type ImportJobStatus = 'uploaded' | 'queued' | 'running' | 'done' | 'failed';

/** An import job: a file uploaded, or records sent, and how far their loading has come. */
export interface ImportJob {
  id: string;
  /** `file` for an uploaded file, `records` for NDJSON sent by the API. */
  source?: string;
  fileName: string | null;
  status: ImportJobStatus;
  processedRows: number;
  totalBytes: number;
  readBytes: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  error: string | null;
  /** The mapping it was started with; null until then. */
  mapping?: ImportMapping | null;
  createdAt: string;
  finishedAt: string | null;
}

/** What `POST /api/import-jobs/files` answers: the file as read, before any mapping. */
export interface UploadedFile {
  id: string;
  fileName: string;
  status: 'uploaded';
  headers: string[];
  details: { encoding?: string; delimiter?: string; sheet?: string };
  /** The first rows, each a cell by header. */
  sample: Record<string, string>[];
}

export interface ImportProblem {
  /** The line of the file, counting the header as 1. */
  line: number;
  field: string;
  message: string;
}

export interface DryRun {
  rows: number;
  valid: number;
  /** The first 100. */
  problems: ImportProblem[];
}

export interface ImportError extends ImportProblem {
  /** The refused record's id in the source, when it has one. */
  record: string | null;
}

/** One page of an import's errors, whole lines only; `next` is the line to pass as `after`. */
export interface ImportErrorPage {
  items: ImportError[];
  next: number | null;
}

export interface ImportPreset {
  name: string;
  mapping: ImportMapping;
}

/** Imports from a file: upload, dry run, start; then the job's progress and its errors. */
export function importRoutes(http: Transport) {
  const job = (id: string) => `/api/import-jobs/${encodeURIComponent(id)}`;
  return {
    /** Uploads a CSV, TXT or XLSX file (multipart, field `file`). */
    upload: (file: Blob, fileName?: string) => {
      const form = new FormData();
      form.append('file', file, fileName ?? (file instanceof File ? file.name : 'import.csv'));
      return http.request<UploadedFile>('POST', '/api/import-jobs/files', { form });
    },
    dryRun: (id: string, mapping: ImportMapping) =>
      http.request<DryRun>('POST', `${job(id)}/dry-run`, { body: { mapping } }),
    start: (id: string, mapping: ImportMapping) =>
      http.request<ImportJob>('POST', `${job(id)}/start`, { body: { mapping } }),
    get: (id: string) => http.request<ImportJob>('GET', job(id)),
    /** The latest 100, newest first. */
    list: () => http.request<{ items: ImportJob[] }>('GET', '/api/import-jobs'),
    errors: (id: string, page: { after?: number; limit?: number } = {}) =>
      http.request<ImportErrorPage>('GET', `${job(id)}/errors`, { query: { ...page } }),
    /** Where the row-by-row error report downloads as CSV (for a link). */
    errorsCsvUrl: (id: string) => http.url(`${job(id)}/errors.csv`),
  };
}

/** Named column mappings, to import the same ERP export again without mapping it anew. */
export function importPresetRoutes(http: Transport) {
  const path = (name: string) => `/api/import-presets/${encodeURIComponent(name)}`;
  return {
    list: () => http.request<{ items: ImportPreset[] }>('GET', '/api/import-presets'),
    save: (name: string, mapping: ImportMapping) =>
      http.request<ImportPreset>('PUT', path(name), { body: { mapping } }),
    remove: (name: string) => http.request<void>('DELETE', path(name)),
  };
}
