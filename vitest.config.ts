import { defineConfig } from 'vitest/config'

/**
 * Every test runs on SQLite. When ICM_TEST_PG_URL names a PostgreSQL server, the storage, command
 * and end-to-end suites run a second time on it (project 'postgres'), each test in its own schema.
 */
const env = { TZ: 'Asia/Shanghai', NO_COLOR: '1', ICM_DEBUG: '' }
const pg = process.env.ICM_TEST_PG_URL

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup-tmp.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true as const, test: { name: 'sqlite', include: ['test/**/*.test.ts'], env } },
      ...(pg
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['test/commands/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/storage/**/*.test.ts'],
                env: { ...env, ICM_TEST_BACKEND: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
})
