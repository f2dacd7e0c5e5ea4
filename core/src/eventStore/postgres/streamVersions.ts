import type pg from 'pg';
import type { ExpectedVersion, StreamAddress } from '../eventStore.ts';
import { STREAM_VERSIONS } from './statements.ts';

/** Current versions of streams (0 for a stream with no events), keyed by tenant and stream. */
export class StreamVersions {
  constructor(private readonly versions: Map<string, number>) {}

  get(stream: { stream: StreamAddress } | StreamAddress): number | undefined {
    const address = 'stream' in stream ? stream.stream : stream;
    return this.versions.get(key(address));
  }
}

export async function streamVersions(
  db: pg.Pool | pg.ClientBase,
  streams: StreamAddress[],
): Promise<StreamVersions> {
  const { rows } = await db.query<{ tenant_id: string; stream_id: string; version: number }>(
    STREAM_VERSIONS,
    [streams.map((s) => s.tenantId), streams.map((s) => s.streamId)],
  );
  const versions = new Map<string, number>();
  for (const row of rows)
    versions.set(key({ tenantId: row.tenant_id, streamId: row.stream_id }), row.version);
  return new StreamVersions(versions);
}

export function versionMatches(expected: ExpectedVersion, actual: number | undefined): boolean {
  const current = actual ?? 0;
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === 0;
  if (expected === 'stream_exists') return current > 0;
  return current === expected;
}

function key(stream: StreamAddress): string {
  return `${stream.tenantId}/${stream.streamId}`;
}
