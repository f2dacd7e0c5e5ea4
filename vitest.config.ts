import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/test/**/*.spec.ts'],
    exclude: ['**/node_modules/**', '**/fixtures/**'],
    globalSetup: ['core/test/support/postgresGlobalSetup.ts'],
    // The long files mostly wait (for servers, browsers, a scheduler's minute): two at a time,
    // where the default on two cores is one.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Read models follow the log a moment behind; on a busy machine a moment can be seconds.
    expect: { poll: { timeout: 15_000, interval: 50 } },
  },
});
