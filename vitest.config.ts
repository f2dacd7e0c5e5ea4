import { defineConfig } from 'vitest/config';

/** Browser tests start a Monity of their own (server, embedded PostgreSQL, Chromium) a file. */
const BROWSER_TESTS = 'web/test/**/*.e2e.spec.ts';

export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', '**/fixtures/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Read models follow the log a moment behind; on a busy machine a moment can be seconds.
    expect: { poll: { timeout: 15_000, interval: 50 } },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['**/test/**/*.unit.spec.ts'], maxWorkers: 2 },
      },
      {
        extends: true,
        test: {
          name: 'database',
          include: ['**/test/**/*.int.spec.ts', '**/test/**/*.e2e.spec.ts'],
          exclude: ['**/node_modules/**', '**/fixtures/**', BROWSER_TESTS],
          globalSetup: ['core/test/support/postgresGlobalSetup.ts'],
          // One file at a time: files share one PostgreSQL server, and the log is read below
          // its oldest running transaction, so a long write in one file holds back another's
          // reads. Vitest runs these after the other projects.
          maxWorkers: 1,
        },
      },
      {
        extends: true,
        // Two files at a time: they share nothing, and each waits on its browser and server
        // much of the time (the twelve took 364 s side by side against 714 s of their own).
        test: { name: 'browser', include: [BROWSER_TESTS], maxWorkers: 2 },
      },
    ],
  },
});
