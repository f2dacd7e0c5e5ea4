import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/test/**/*.spec.ts'],
    exclude: ['**/node_modules/**', '**/fixtures/**'],
    globalSetup: ['core/test/support/postgresGlobalSetup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
