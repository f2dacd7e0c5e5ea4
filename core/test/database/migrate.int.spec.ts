import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { inject, afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/database/migrate.ts';
import { withDatabase } from '../support/databaseNames.ts';

const logger = pino({ level: 'silent' });
const created: string[] = [];

async function emptyDatabase(): Promise<string> {
  const name = `migrate_${created.length}_${Date.now()}`;
  const admin = new pg.Client(inject('postgresUrl'));
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  created.push(name);
  return withDatabase(inject('postgresUrl'), name);
}

async function query(url: string, text: string) {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  afterAll(async () => {
    for (const name of created) {
      await query(inject('postgresUrl'), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });

  it('apply once when two processes start at the same time', async () => {
    const url = await emptyDatabase();
    const [first, second] = await Promise.all([migrate(url, logger), migrate(url, logger)]);

    expect([...first, ...second].sort()).toEqual(first.length > 0 ? first : second);
    const recorded = await query(url, 'SELECT name FROM schema_migrations ORDER BY run_on, id');
    expect(recorded.map((row) => row.name)).toEqual([...first, ...second]);
    expect(await migrate(url, logger)).toEqual([]);
  });

  it('roll a failing migration back whole and record nothing of it', async () => {
    const url = await emptyDatabase();
    const dir = await mkdtemp(join(tmpdir(), 'monity-migrations-'));
    await writeFile(join(dir, '1_good.sql'), '-- Up Migration\nCREATE TABLE good (id int);\n');
    await writeFile(
      join(dir, '2_bad.sql'),
      '-- Up Migration\nCREATE TABLE half (id int);\nSELECT no_such_function();\n',
    );

    await expect(migrate(url, logger, dir)).rejects.toThrow(/no_such_function/);
    const tables = await query(url, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    expect(tables.map((row) => row.tablename).sort()).toEqual(['good', 'schema_migrations']);
    const recorded = await query(url, 'SELECT name FROM schema_migrations');
    expect(recorded.map((row) => row.name)).toEqual(['1_good']);
  });
});
