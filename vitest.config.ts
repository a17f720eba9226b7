import { defineConfig } from 'vitest/config';

// Every test runs on the embedded database (PGlite). When TEST_DATABASE_URL names a
// PostgreSQL server, the module and API tests run a second time against it.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

export default defineConfig({
  test: {
    // Browser tests drive a real Chromium on a 2-core machine that also runs the server and the database.
    testTimeout: 90_000,
    hookTimeout: 180_000,
    // expect.poll waits for a page or a sweep to catch up: 1 s (vitest's default) is a flake under load.
    expect: { poll: { timeout: 15_000 } },
    // Two cores: two files at a time; each file owns its database (PGlite in memory, or a database of
    // its own on PostgreSQL), a copy of a template made once per run (tests/support/templates.ts).
    maxWorkers: 2,
    globalSetup: ['tests/support/global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'pglite', include: ['src/**/*.test.ts', 'tests/**/*.test.ts'], env: { QIFU_TEST_DB: 'pglite' } } },
      ...(onPostgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                // The fuzz, the access matrix and the isolation checks run here too: which inputs break a
                // query, and which rows a scope's SQL lets through, can differ between the databases.
                include: ['src/**/*.test.ts', 'tests/fuzz.test.ts', 'tests/access-matrix.test.ts', 'tests/isolation.test.ts'],
                exclude: ['src/platform/db/pglite.test.ts'],
                env: { QIFU_TEST_DB: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
