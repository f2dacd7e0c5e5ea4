import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/test/**/*.spec.ts'],
    exclude: ['**/node_modules/**', '**/fixtures/**'],
    globalSetup: ['core/test/support/postgresGlobalSetup.ts'],
    // One file at a time: files share one PostgreSQL server, and the log is read below its
    // oldest running transaction, so a long write in one file holds back another's reads.
    maxWorkers: 1,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Read models follow the log a moment behind; on a busy machine a moment can be seconds.
    expect: { poll: { timeout: 15_000, interval: 50 } },
  },
});
